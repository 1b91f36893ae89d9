"""Yearly tasks on the pages: the office reads the demo's set of 10号文 grouped by unit with each
unit's report status; on a 390×844 phone the tax bureau's officer (shuiwu) reads its own yearly task
and its latest progress report, and nothing of another unit's."""

from playwright.sync_api import expect


def test_the_set_by_unit_and_a_units_own_yearly_tasks_on_a_phone(signed_in):
    office = signed_in("gongzhi")
    office.goto(office.base_url + "/cogov/yearly/")
    office.get_by_role("link", name="10号文任务分解").first.click()
    expect(office.get_by_test_id("yearly-set-state")).to_have_text("已下达")
    expect(office.get_by_test_id("yearly-unit")).to_have_count(5)
    expect(office.locator("body")).to_contain_text("最新进展")

    phone = signed_in("shuiwu", width=390, height=844)
    phone.goto(phone.base_url + "/cogov/yearly/mine/")
    table = phone.get_by_test_id("yearly-mine")
    expect(table).to_contain_text("开展年度税收风险分析")
    expect(table).to_contain_text("最新进展")
    expect(table).not_to_contain_text("区自然资源局")
    assert phone.fits_the_screen()
    phone.shot("cogov-yearly-mine")
    assert phone.errors == [] and office.errors == []
