"""The revenue pages as the co-governance office walks them (desktop and a 390 px phone): 收入分析
with its chart and plan completion, 税源结构 with its charts and a drill-down, 行业税负 with its
chart; charts drawn from json_script data under the CSP, no page error, nothing wider than the
screen; screenshots in test-artifacts/."""

from pathlib import Path

from playwright.sync_api import expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _walk(browser, live_server, password, *, width: int, height: int, phone: bool) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名").fill("gongzhi")
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/")
        ARTIFACTS.mkdir(exist_ok=True)

        page.goto(live_server.url + "/economy/?by=industry")
        expect(page.get_by_test_id("plan-progress")).to_contain_text("序时进度")
        expect(page.get_by_test_id("revenue-table")).to_contain_text("合计")
        expect(page.locator("#chart-revenue canvas")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"economy_revenue_{width}.png"), full_page=True)

        page.goto(live_server.url + "/economy/structure/")
        expect(page.get_by_test_id("structure-figures")).to_contain_text("赫芬达尔指数")
        expect(page.locator("#chart-industries canvas")).to_have_count(1)
        expect(page.locator("#chart-towns canvas")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"economy_structure_{width}.png"), full_page=True)
        page.get_by_role("link", name="前10户", exact=True).click()
        expect(page.get_by_test_id("drill-rows").locator("tbody tr")).to_have_count(10)
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        page.goto(live_server.url + "/economy/burden/")
        expect(page.get_by_test_id("burden-table")).to_contain_text("全部行业")
        expect(page.locator("#chart-burden canvas")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"economy_burden_{width}.png"), full_page=True)
        assert errors == []
    finally:
        context.close()


def test_revenue_pages_on_a_desktop_and_a_phone(browser, live_server, demo_world, demo_password):
    _walk(browser, live_server, demo_password, width=1280, height=900, phone=False)
    _walk(browser, live_server, demo_password, width=390, height=844, phone=True)
