"""The assistance list as a department walks it (issue 16): the 区卫生健康局 liaison looks up an
applicant before a 评先树优 decision, sees the answer per condition, records the outcome with the
handler's result, and the outcome shows in the unit's ledger and in the office's. Desk (1280 px)
and phone (390 px) widths; nothing scrolls sideways. Screenshots go to test-artifacts/."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.cogov.models_assistance import AssistanceListLookup
from gongzhi.exchange.warehouse import open_warehouse

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"cogov-assistance-{name}.png"), full_page=True)


def _no_sideways(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _owing_taxpayer() -> str:
    """A demo taxpayer in the arrears list (评先树优 checks 无欠税)."""
    with open_warehouse(user=None, datasets=["arrears"], purpose="测试：选取欠税纳税人") as wh:
        return wh.rows("SELECT uscc FROM arrears ORDER BY uscc LIMIT 1")[0][0]


def test_a_department_looks_up_records_the_outcome_and_the_ledger_shows_it(page, login):
    code = _owing_taxpayer()
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        login("weijian")
        page.goto(page.base_url + "/cogov/assistance/lookup/")
        page.get_by_label("办理事项").select_option(label="评先树优")
        page.get_by_label("统一社会信用代码").fill(" " + code.lower() + " ")
        page.get_by_label("办理事由").fill(f"年度先进单位推荐（测试{width}）")
        page.get_by_test_id("lookup-submit").click()
        answer = page.get_by_test_id("lookup-answer")
        expect(answer).to_contain_text("不符合办理条件")
        expect(page.get_by_test_id("lookup-checks")).to_contain_text("无欠税：欠缴")
        _no_sideways(page, width)
        _shot(page, f"answer-{width}")
        form = page.get_by_test_id("outcome-form")
        form.locator("select").select_option("failed")
        form.get_by_role("button", name="记录").click()
        expect(page.locator(".alert-danger")).to_contain_text("经办人处理结果：未通过的，请写明处理结果")
        form = page.get_by_test_id("outcome-form")
        form.locator("select").select_option("failed")
        form.get_by_label("经办人处理结果").fill(f"存在欠税，暂缓推荐并告知先行缴清（测试{width}）")
        form.get_by_role("button", name="记录").click()
        expect(page.get_by_test_id("outcome")).to_contain_text(
            f"未通过：存在欠税，暂缓推荐并告知先行缴清（测试{width}）"
        )
        record = AssistanceListLookup.objects.get(purpose=f"年度先进单位推荐（测试{width}）")
        assert (record.outcome, record.unit.name, record.username) == ("failed", "区卫生健康局", "weijian")
        # the unit's ledger: its own look-ups only, the outcome counted and listed
        page.goto(page.base_url + "/cogov/assistance/ledger/")
        expect(page.get_by_test_id("ledger")).to_contain_text("区卫生健康局")
        expect(page.get_by_test_id("ledger")).not_to_contain_text("区财政局")
        expect(page.get_by_test_id("ledger-lookups")).to_contain_text("存在欠税，暂缓推荐")
        _no_sideways(page, width)
        _shot(page, f"ledger-{width}")
        page.context.clear_cookies()
        # the office's ledger: every unit, this outcome among them
        login("gongzhi")
        page.goto(page.base_url + "/cogov/assistance/ledger/?outcome=failed")
        expect(page.get_by_test_id("ledger")).to_contain_text("区财政局")
        expect(page.get_by_test_id("ledger-lookups")).to_contain_text(f"测试{width}")
        _no_sideways(page, width)
        page.goto(page.base_url + "/cogov/assistance/")
        expect(page.get_by_test_id("assistance-items")).to_contain_text("建设工程竣工验收")
        _no_sideways(page, width)
        _shot(page, f"list-{width}")
        page.context.clear_cookies()
