"""A child's suggestion, end to end: on a 390×844 phone a child (no login) sends a suggestion from
the children's page; the women-and-children's office (fuer) routes it to the health bureau; the
bureau's liaison (weijian) answers in plain words; the office publishes; the answer shows on the
children's page, with no name, and nothing scrolls sideways on the phone."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.children.models import Suggestion

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TEXT = "希望小区旁边的路口有一个红绿灯，我们过马路很害怕"
ANSWER = "谢谢你！我们已经去看过这个路口，明年春天会装好红绿灯，装好之前每天上学时有人在路口帮大家过马路。"


def _phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _login(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/")


def test_a_childs_suggestion_is_routed_answered_and_published(
    browser, live_server, demo_world, demo_password
):
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    errors: list[str] = []
    # a child on a phone, no login
    context, page = _phone(browser)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/public/children/")
    expect(page.get_by_test_id("children-targets")).to_be_visible()
    _fits(page)
    page.get_by_test_id("suggest-link").click()
    page.get_by_label("你的建议").fill(TEXT)
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "children-suggest-390.png"), full_page=True)
    page.get_by_test_id("suggest-submit").click()
    expect(page.get_by_test_id("suggest-thanks")).to_be_visible()
    context.close()
    pk = Suggestion.objects.get(text=TEXT).pk

    # the office routes it to the health bureau (on a phone too)
    context, page = _phone(browser)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, base, "fuer", demo_password)
    page.goto(base + "/children/suggestions/?state=new")
    page.get_by_test_id("suggestion-list").get_by_role("link", name=f"建议{pk}").click()
    expect(page.get_by_test_id("suggestion-text")).to_contain_text(TEXT)
    form = page.get_by_test_id("route-form")
    form.get_by_label("办理单位").select_option(label="区卫生健康局")
    form.get_by_role("button", name="交办").click()
    expect(page.get_by_test_id("suggestion-state")).to_have_text("办理中")
    _fits(page)
    context.close()

    # the bureau answers
    context, page = _phone(browser)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, base, "weijian", demo_password)
    page.goto(base + "/children/suggestions/")
    expect(page.get_by_test_id("suggestions-due")).to_contain_text(f"建议{pk}")
    page.get_by_test_id("suggestions-due").get_by_role("link", name=f"建议{pk}").click()
    form = page.get_by_test_id("answer-form")
    form.get_by_label("采纳", exact=True).check()
    form.get_by_label("给孩子们的答复").fill(ANSWER)
    form.get_by_role("button", name="提交答复").click()
    expect(page.get_by_test_id("suggestion-state")).to_have_text("已答复")
    _fits(page)
    context.close()

    # the office publishes
    context, page = _phone(browser)
    _login(page, base, "fuer", demo_password)
    page.goto(base + f"/children/suggestions/{pk}/")
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("suggestion-state")).to_have_text("已公开")
    context.close()

    # the answer on the children's page
    context, page = _phone(browser)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/public/children/")
    answers = page.get_by_test_id("children-answers")
    expect(answers).to_contain_text(TEXT)
    expect(answers).to_contain_text(ANSWER)
    expect(answers).to_contain_text("区卫生健康局 · 采纳")
    expect(page.locator("body")).not_to_contain_text("小明（虚构）")
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "children-home-390.png"), full_page=True)
    context.close()
    assert errors == []
