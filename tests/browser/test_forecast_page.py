"""The forecast page as the co-governance office walks it (desktop and a 390 px phone): the chart
drawn from json_script data, the backtest table, a break mark added and the forecast shown with
and without it; no page error, nothing wider than the screen; screenshots in test-artifacts/."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.economy.models import SeriesMark

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

        page.goto(live_server.url + "/economy/forecast/")
        expect(page.get_by_test_id("backtest")).to_contain_text("季节朴素")
        expect(page.locator("#chart-forecast canvas")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        if not SeriesMark.objects.exists():
            first = page.get_by_test_id("forecast-table").locator("tbody tr").first
            expect(first).to_be_visible()
            form = page.get_by_test_id("mark-form")
            form.locator("#m-period").fill("2024-01")
            form.locator("#m-kind").select_option("outlier")
            form.get_by_role("button", name="添加标注").click()
            expect(page.get_by_test_id("marks")).to_contain_text("异常月份")
        expect(page.get_by_test_id("forecast-table")).to_contain_text("不含标注")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"forecast_{width}.png"), full_page=True)
        assert errors == []
    finally:
        context.close()


def test_forecast_page_on_a_desktop_and_a_phone(browser, live_server, demo_world, demo_password):
    _walk(browser, live_server, demo_password, width=1280, height=900, phone=False)
    _walk(browser, live_server, demo_password, width=390, height=844, phone=True)
