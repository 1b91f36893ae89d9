"""The headline paths of the clerk's day, timed in Chromium (issue 11): a messy upload to its
verdict (which appears on the page by itself), and a lead from the list to dispatched with its
evidence in view, in at most three clicks. The times are printed (`-s`), never asserted: the
figures of the session note come from here. Uses the demo data set."""

import time

import factories
from playwright.sync_api import expect

from gongzhi.core.roles import Role
from gongzhi.exchange.models import Dataset
from gongzhi.org.models import Unit
from gongzhi.taxrisk.models import Lead

MESSY = (
    "施工许可证编号,项目名称,建设单位统一社会信用代码,施工单位统一社会信用代码,合同金额（元）,发证日期\n"
    'SG-TEST-001,示例厂房（测试）,,91370306MA3C8XKX1N,"1,200,000.00",2025-03-02\n'
    "SG-TEST-002,示例仓库（测试）,,91370306MA3C8XKX1X,abc,2025-02-30\n"
    "SG-TEST-002,示例仓库（测试）,,,-5,2025-03-04\n"
)


def _sign_in(page, username, password):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(page.base_url + "/")


def test_a_messy_upload_reaches_its_verdict_on_the_page(page, tmp_path):
    unit = Unit.objects.get(name="区住房城乡建设局")
    clerk = factories.UserFactory(role=Role.LIAISON, unit=unit)
    dataset = Dataset.objects.get(code="construction_permit")
    upload = tmp_path / "施工许可（测试）.csv"
    upload.write_text(MESSY, encoding="utf-8")

    _sign_in(page, clerk.username, factories.PASSWORD)
    page.goto(f"{page.base_url}/exchange/datasets/{dataset.code}/")
    page.get_by_label("报送期间").fill("2025-03")
    page.get_by_label("数据文件（.csv 或 .xlsx）").set_input_files(str(upload))
    started = time.monotonic()
    page.get_by_test_id("submit-data").click()
    errors = page.get_by_test_id("submission-errors")
    expect(errors).to_be_visible(timeout=30_000)
    elapsed = time.monotonic() - started
    # the verdict names the row, the field and the reason, without a reload by the user
    expect(errors).to_contain_text("合同金额")
    expect(errors).to_contain_text("发证日期")
    expect(page.get_by_test_id("submission-state")).not_to_have_text("排队中")
    print(f"\n[headline] messy upload → verdict on the page: {elapsed:.2f} s")


def test_a_lead_goes_from_the_list_to_dispatched_in_three_clicks(page, demo_password):
    lead = Lead.objects.filter(status="new").exclude(evidence=[]).order_by("pk").first()
    assert lead is not None
    clicks = 0
    _sign_in(page, "gongzhi", demo_password)
    started = time.monotonic()
    page.goto(f"{page.base_url}/taxrisk/leads/?status=new")
    page.locator(f"a[href='/taxrisk/leads/{lead.pk}/']").first.click()
    clicks += 1
    # the evidence rows are there, with the demand list's own field names
    expect(page.get_by_test_id("evidence").first).to_be_visible()
    form = page.locator("form", has=page.get_by_test_id("dispatch"))
    officers = form.locator("select[name=assignee] option:not([value=''])")
    form.locator("select[name=assignee]").select_option(officers.first.get_attribute("value"))
    page.get_by_test_id("dispatch").click()
    clicks += 1
    expect(page.get_by_test_id("lead-status")).to_have_text("已派发")
    elapsed = time.monotonic() - started
    lead.refresh_from_db()
    assert lead.status == "dispatched"
    assert clicks <= 3
    print(f"\n[headline] lead from the list to dispatched: {clicks} clicks, {elapsed:.2f} s")


def test_pages_opened_at_once_each_leave_their_audit_entry(page, demo_password):
    """A page's htmx panels load while the clerk moves on: several requests write the audit chain
    at the same moment. Each one is answered, each leaves its own entry, and the chain holds
    (in CI's first pass the live server, whose request threads share one in-memory SQLite
    connection, once failed one with a duplicate sequence number: a rare interleaving, which
    tests/browser/conftest.py now rules out by serving one request at a time)."""
    from gongzhi.core.audit import AuditAction, audit_verify
    from gongzhi.core.models import AuditEntry

    lead = Lead.objects.exclude(uscc="").order_by("pk").first()
    assert lead is not None
    _sign_in(page, "gongzhi", demo_password)
    before = AuditEntry.objects.filter(action=AuditAction.LEAD_VIEWED).count()
    statuses = page.evaluate(
        """async (url) => {
            const loads = Array.from({length: 8}, () => fetch(url, {credentials: "same-origin"}));
            return (await Promise.all(loads)).map((response) => response.status);
        }""",
        f"{page.base_url}/taxrisk/leads/{lead.pk}/",
    )
    assert statuses == [200] * 8
    after = AuditEntry.objects.filter(action=AuditAction.LEAD_VIEWED).count()
    assert after - before == 8
    # the rows' chain (the checkpoint file is outside the demo snapshot the browser tests restore)
    rows = [p for p in audit_verify().problems if p.kind in ("gap", "link", "content", "scheme")]
    assert rows == []
