"""The leader (demo user lingdao) on a 390x844 phone: the 税费共治 block on the home page, the
one-pager with its charts drawn, and one click from a figure to the list of that many rows; the
co-governance office (gongzhi) reaches the same page from the menu."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_leader_reads_the_tax_fee_work_on_a_phone(signed_in):
    page = signed_in("lingdao", width=390, height=844)
    block = page.get_by_test_id("home-taxfee")
    expect(block).to_be_visible()
    found = int(page.get_by_test_id("home-taxfee-found").inner_text())
    assert page.fits_the_screen()
    page.get_by_test_id("home-taxfee-more").click()
    page.wait_for_url(re.compile(r"/taxfee/$"))
    # the one-pager: the same count, the charts drawn by the static script (no inline script)
    expect(page.get_by_test_id("taxfee-found")).to_have_text(str(found))
    expect(page.locator("#chart-taxfee-rules canvas")).to_have_count(1)
    expect(page.locator("#chart-taxfee-units canvas")).to_have_count(1)
    expect(page.get_by_test_id("taxfee-units")).to_be_visible()
    page.shot("taxfee_overview")
    assert page.fits_the_screen()
    assert page.errors == []
    # a table cell on a phone is a labelled block
    label = (
        page.get_by_test_id("taxfee-rules")
        .locator("td[data-label]")
        .first.evaluate("td => getComputedStyle(td, '::before').content")
    )
    assert label.endswith('："'), label
    # one click from the figure to the list of that many leads, no taxpayer named for the leader
    page.get_by_test_id("taxfee-found").click()
    page.wait_for_url(re.compile(r"/taxfee/leads/\?"))
    expect(page.get_by_text(f"共{found}条")).to_be_visible()
    if found:
        expect(page.get_by_test_id("taxfee-lead-row")).to_have_count(min(found, 50))
    expect(page.get_by_text("本页不显示纳税人信息", exact=False)).to_be_visible()
    assert page.fits_the_screen()
    page.go_back()
    # a unit's late data: to the quality page of that unit and year
    lates = page.get_by_test_id("unit-late")
    counts = [int(text) for text in lates.all_inner_texts()]
    index = next((i for i, n in enumerate(counts) if n), 0)  # a unit with late data if any
    late, count = lates.nth(index), counts[index]
    late.click()
    page.wait_for_url(re.compile(r"/exchange/quality/\?.*unit="))
    expect(page.get_by_test_id("quality-units").locator("tbody tr")).to_have_count(1)
    cells = page.get_by_test_id("quality-cells")
    expect(cells.locator("td", has_text=re.compile(r"^逾期\d+天$"))).to_have_count(count)
    assert page.errors == []


def test_the_office_opens_the_one_pager_from_the_menu_and_the_leads(signed_in):
    page = signed_in("gongzhi")
    page.locator("#gz-nav").get_by_role("link", name="税费共治概览").click()
    page.wait_for_url(re.compile(r"/taxfee/$"))
    confirmed = int(page.get_by_test_id("taxfee-confirmed").inner_text())
    page.get_by_test_id("taxfee-confirmed").click()
    expect(page.get_by_text(f"共{confirmed}条")).to_be_visible()
    if confirmed:
        page.get_by_test_id("taxfee-lead-row").first.get_by_role("link").first.click()
        page.wait_for_url(re.compile(r"/taxrisk/leads/\d+/$"))
    assert page.errors == []
