"""The revenue pages as the co-governance office walks them (desktop and a 390 px phone): 收入分析
with its chart and plan completion, 税源结构 with its charts and a drill-down, 行业税负 with its
chart; charts drawn from json_script data under the CSP, no page error, nothing wider than the
screen; screenshots in test-artifacts/."""

from playwright.sync_api import expect


def _walk(page) -> None:
    page.goto(page.base_url + "/economy/?by=industry")
    expect(page.get_by_test_id("plan-progress")).to_contain_text("序时进度")
    expect(page.get_by_test_id("revenue-table")).to_contain_text("合计")
    expect(page.locator("#chart-revenue canvas")).to_have_count(1)
    assert page.fits_the_screen()
    page.shot("economy_revenue")

    page.goto(page.base_url + "/economy/structure/")
    expect(page.get_by_test_id("structure-figures")).to_contain_text("赫芬达尔指数")
    expect(page.locator("#chart-industries canvas")).to_have_count(1)
    expect(page.locator("#chart-towns canvas")).to_have_count(1)
    assert page.fits_the_screen()
    page.shot("economy_structure")
    page.get_by_role("link", name="前10户", exact=True).click()
    expect(page.get_by_test_id("drill-rows").locator("tbody tr")).to_have_count(10)
    assert page.fits_the_screen()

    page.goto(page.base_url + "/economy/burden/")
    expect(page.get_by_test_id("burden-table")).to_contain_text("全部行业")
    expect(page.locator("#chart-burden canvas")).to_have_count(1)
    assert page.fits_the_screen()
    page.shot("economy_burden")
    assert page.errors == []


def test_revenue_pages_on_a_desktop_and_a_phone(signed_in):
    _walk(signed_in("gongzhi", timeout=60000))
    _walk(signed_in("gongzhi", width=390, height=844, timeout=60000))
