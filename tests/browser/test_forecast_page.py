"""The forecast page as the co-governance office walks it (desktop and a 390 px phone): the chart
drawn from json_script data, the backtest table, a break mark added and the forecast shown with
and without it; no page error, nothing wider than the screen; screenshots in test-artifacts/."""

from playwright.sync_api import expect

from gongzhi.economy.models import SeriesMark


def _walk(page) -> None:
    page.goto(page.base_url + "/economy/forecast/")
    expect(page.get_by_test_id("backtest")).to_contain_text("季节朴素")
    expect(page.locator("#chart-forecast canvas")).to_have_count(1)
    assert page.fits_the_screen()

    if not SeriesMark.objects.exists():
        first = page.get_by_test_id("forecast-table").locator("tbody tr").first
        expect(first).to_be_visible()
        form = page.get_by_test_id("mark-form")
        form.locator("#m-period").fill("2024-01")
        form.locator("#m-kind").select_option("outlier")
        form.get_by_role("button", name="添加标注").click()
        expect(page.get_by_test_id("marks")).to_contain_text("异常月份")
    expect(page.get_by_test_id("forecast-table")).to_contain_text("不含标注")
    assert page.fits_the_screen()
    page.shot("forecast")
    assert page.errors == []


def test_forecast_page_on_a_desktop_and_a_phone(signed_in):
    _walk(signed_in("gongzhi", timeout=60000))
    _walk(signed_in("gongzhi", width=390, height=844, timeout=60000))
