"""The credit check as its users walk it: a department liaison checks a D-level taxpayer before a
评先树优 decision and records that the measure was applied; the co-governance office reads the
联合奖惩 ledger and the measures; the tax officer sees the credit panel beside a lead. Desk
(1280 px) and phone (390 px) widths; nothing scrolls sideways. Screenshots go to test-artifacts/."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.credit.selectors import levels_of
from gongzhi.taxrisk.models import Lead

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"credit-check-{name}.png"), full_page=True)


def _no_sideways(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_department_checks_decides_and_the_office_sees_the_ledger(page, login):
    d_level = sorted(u for u, (_y, level) in levels_of().items() if level == "D")[-1]
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        login("jiaoti")
        page.goto(page.base_url + "/credit/check/")
        page.get_by_label("统一社会信用代码").fill(" " + d_level.lower() + " ")
        page.get_by_label("办理场景").select_option("honours")
        page.get_by_role("button", name="核查").click()
        expect(page.get_by_test_id("check-result")).to_contain_text("D级")
        expect(page.get_by_test_id("check-measures")).to_contain_text("不得作为评先树优对象")
        _no_sideways(page, width)
        _shot(page, f"result-{width}")
        form = page.get_by_test_id("decision-form")
        form.locator("select").select_option("applied")
        form.get_by_role("button", name="记录").click()
        expect(page.get_by_test_id("decision")).to_contain_text("已实施")
        # a mistyped code: a clear message, nothing recorded
        page.goto(page.base_url + "/credit/check/")
        page.get_by_label("统一社会信用代码").fill(d_level[:-1] + ("0" if d_level[-1] != "0" else "1"))
        page.get_by_role("button", name="核查").click()
        expect(page.get_by_role("alert")).to_contain_text("不是有效的统一社会信用代码")
        _no_sideways(page, width)
        _shot(page, f"form-{width}")
        page.context.clear_cookies()

        login("gongzhi")
        page.goto(page.base_url + "/credit/ledger/")
        expect(page.get_by_test_id("ledger")).to_contain_text("区教育和体育局")
        _no_sideways(page, width)
        _shot(page, f"ledger-{width}")
        page.goto(page.base_url + "/credit/measures/")
        expect(page.get_by_test_id("punishments")).to_contain_text("限制参加政府采购")
        _no_sideways(page, width)
        _shot(page, f"measures-{width}")
        page.context.clear_cookies()


def test_the_tax_officer_sees_the_credit_panel_beside_a_lead(page, login):
    rated = levels_of()
    lead = Lead.objects.filter(uscc__in=list(rated)).first() or Lead.objects.exclude(uscc="").first()
    login("shuiwu")
    page.goto(page.base_url + f"/taxrisk/leads/{lead.pk}/")
    panel = page.get_by_test_id("credit-panel")
    expect(panel).to_be_visible()
    if lead.uscc in rated:
        expect(panel).to_contain_text(f"{rated[lead.uscc][0]}年度")
    else:
        expect(panel).to_contain_text("暂无纳税信用评价结果")
    _shot(page, "lead-panel-1280")
    page.goto(page.base_url + "/credit/ratings/")
    expect(page.get_by_test_id("rating-years")).to_be_visible()
    _shot(page, "ratings-1280")
