"""The A/D lists as their users walk them: 共治办 checks and publishes the D list's 第2版 that the
tax officer drafted after a repair; the public reads it without login, on a desk and on a phone
(rows stack, nothing scrolls sideways). Screenshots go to test-artifacts/."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.core import clock
from gongzhi.credit.demo import eval_years
from gongzhi.credit.demo_lists import load_lists
from gongzhi.credit.models_lists import ListRevision, RepairCase

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"credit-{name}.png"), full_page=True)


def test_office_checks_and_publishes_then_the_public_reads_it(page, login, browser, live_server):
    today = clock.today()
    load_lists(today=today)
    latest = eval_years(today)[-1]
    draft = ListRevision.objects.filter(
        credit_list__eval_year=latest, credit_list__level="D", state="draft"
    ).first()
    login("gongzhi")
    page.goto(page.base_url + "/credit/lists/")
    expect(page.get_by_test_id("credit-lists")).to_be_visible()
    _shot(page, "lists-1280")
    if draft is not None:
        page.goto(page.base_url + f"/credit/lists/revisions/{draft.pk}/")
        expect(page.get_by_test_id("diff")).to_contain_text("移出")
        _shot(page, "revision-1280")
        page.get_by_test_id("approve").click()
        page.get_by_test_id("publish").click()
        expect(page.get_by_test_id("revision-state")).to_have_text("已发布")
    case = RepairCase.objects.order_by("-pk").first()
    page.goto(page.base_url + f"/credit/repairs/{case.pk}/")
    expect(page.get_by_test_id("repair-actions")).to_contain_text("解除缴税专用账户休眠状态")
    _shot(page, "repair-1280")

    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(
            viewport={"width": width, "height": height}, is_mobile=width < 500, locale="zh-CN"
        )
        public = context.new_page()
        public.set_default_timeout(10_000)
        try:
            public.goto(live_server.url + "/public/credit/")
            expect(public.get_by_test_id("public-lists")).to_be_visible()
            public.goto(live_server.url + f"/public/credit/{latest}/D/")
            expect(public.get_by_test_id("public-title")).to_contain_text(f"第{2 if draft else 1}版")
            _shot(public, f"public-d-{width}")
            assert public.evaluate("document.documentElement.scrollWidth") <= width
            public.goto(live_server.url + "/public/credit/?q=演示企业")
            expect(public.get_by_test_id("public-results")).to_be_visible()
            _shot(public, f"public-search-{width}")
            assert public.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()


def test_office_pages_on_a_phone(browser, live_server, demo_world, demo_password):
    today = clock.today()
    load_lists(today=today)
    revision = ListRevision.objects.order_by("-pk").first()
    case = RepairCase.objects.order_by("-pk").first()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名").fill("shuiwu")
        page.get_by_label("密码").fill(demo_password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/")
        _shot(page, "home-390")
        for name, url in (
            ("lists", "/credit/lists/"),
            ("revision", f"/credit/lists/revisions/{revision.pk}/"),
            ("repairs", "/credit/repairs/"),
            ("repair", f"/credit/repairs/{case.pk}/"),
        ):
            page.goto(live_server.url + url)
            _shot(page, f"{name}-390")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    finally:
        context.close()
