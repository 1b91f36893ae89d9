"""The policy what-if and report pages as the co-governance office walks them (desktop and a
390 px phone): compose a change, see the result by industry and town with its charts, open a
saved scenario, the report page; no page error, nothing wider than the screen; screenshots kept
in test-artifacts/ (whatif_*.png)."""

from playwright.sync_api import expect

from gongzhi.economy.models import Scenario


def _walk(page) -> None:
    page.goto(page.base_url + "/economy/whatif/")
    page.locator("#period_from").fill("2024-01")
    page.locator("#period_to").fill("2024-12")
    page.get_by_test_id("preview").click()
    expect(page.get_by_test_id("by-industry")).to_contain_text("制造业")
    expect(page.locator("#chart-whatif-industries canvas")).to_have_count(1)
    expect(page.locator("#chart-whatif-towns canvas")).to_have_count(1)
    assert page.fits_the_screen()
    page.shot("whatif_result")

    scenario = Scenario.objects.order_by("pk").first()
    page.goto(page.base_url + f"/economy/whatif/{scenario.pk}/")
    expect(page.get_by_test_id("scenario-name")).to_contain_text("虚构")
    expect(page.locator("#chart-whatif-towns canvas")).to_have_count(1)
    assert page.fits_the_screen()
    page.shot("whatif_detail")

    page.goto(page.base_url + "/economy/report/")
    expect(page.get_by_test_id("report-form")).to_be_visible()
    assert page.fits_the_screen()
    page.shot("whatif_report")
    assert page.errors == []


def test_whatif_pages_on_a_desktop_and_a_phone(signed_in):
    _walk(signed_in("gongzhi", timeout=20000))
    _walk(signed_in("gongzhi", width=390, height=844, timeout=20000))
