"""The policy what-if and report pages as the co-governance office walks them (desktop and a
390 px phone): compose a change, see the result by industry and town with its charts, open a
saved scenario, the report page; no page error, nothing wider than the screen; screenshots kept
in test-artifacts/ (whatif_*.png)."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.economy.models import Scenario

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _walk(browser, live_server, password, *, width: int, height: int, phone: bool) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名").fill("gongzhi")
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/")
        ARTIFACTS.mkdir(exist_ok=True)

        page.goto(live_server.url + "/economy/whatif/")
        page.locator("#period_from").fill("2024-01")
        page.locator("#period_to").fill("2024-12")
        page.get_by_test_id("preview").click()
        expect(page.get_by_test_id("by-industry")).to_contain_text("制造业")
        expect(page.locator("#chart-whatif-industries canvas")).to_have_count(1)
        expect(page.locator("#chart-whatif-towns canvas")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"whatif_result_{width}.png"), full_page=True)

        scenario = Scenario.objects.order_by("pk").first()
        page.goto(live_server.url + f"/economy/whatif/{scenario.pk}/")
        expect(page.get_by_test_id("scenario-name")).to_contain_text("虚构")
        expect(page.locator("#chart-whatif-towns canvas")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"whatif_detail_{width}.png"), full_page=True)

        page.goto(live_server.url + "/economy/report/")
        expect(page.get_by_test_id("report-form")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"whatif_report_{width}.png"), full_page=True)
        assert errors == []
    finally:
        context.close()


def test_whatif_pages_on_a_desktop_and_a_phone(browser, live_server, demo_world, demo_password):
    _walk(browser, live_server, demo_password, width=1280, height=900, phone=False)
    _walk(browser, live_server, demo_password, width=390, height=844, phone=True)
