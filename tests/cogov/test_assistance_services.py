"""The assistance list (税费协助事项清单) as a managed, versioned list: draft, approve with the day it
takes effect, change with a reason (a new version, the old one kept), retire; .xlsx in and out
with row errors; the look-up answered from the shared data (the arrears list for 无欠税) and
recorded with its outcome; the ledger, the leader's figures and the to-dos."""

import datetime
import io

import pytest
from factories import UnitFactory, UserFactory, submit_rows, uscc
from openpyxl import load_workbook

from gongzhi.cogov import selectors_assistance as selectors
from gongzhi.cogov import services_assistance as services
from gongzhi.cogov.models_assistance import AssistanceListItem, AssistanceListLookup, AssistanceListVersion
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.org.models import Unit

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def _data(units, **extra) -> dict:
    return {
        "matter": "测试事项（测试）",
        "conditions": [{"kind": "no_arrears"}, {"kind": "credit_level", "levels": ["A", "B"]}],
        "legal_basis": "周政办字〔2023〕10号（测试）",
        "description": "",
        "units": list(units),
        **extra,
    }


@pytest.fixture
def office(users):
    return users["cogov_office"]


def test_an_item_is_drafted_approved_changed_with_a_reason_and_keeps_its_old_version(office):
    unit_a, unit_b = UnitFactory(), UnitFactory()
    liaison = UserFactory(role=Role.LIAISON, unit=unit_a)
    draft = services.item_draft(actor=office, data=_data([unit_a]), code="test_item")
    assert (draft.version, draft.state) == (1, "draft")
    # a draft applies to nobody yet
    assert "test_item" not in [r.item.code for r in selectors.item_rows(user=liaison, today=TODAY)]
    services.version_approve(actor=office, version=draft, effective_from=TODAY - datetime.timedelta(days=5))
    rows = {r.item.code: r for r in selectors.item_rows(user=liaison, today=TODAY)}
    assert rows["test_item"].current.pk == draft.pk
    # a change needs its reason, names the field, and stores nothing
    with pytest.raises(ApplicationError) as refused:
        services.item_draft(actor=office, data=_data([unit_a, unit_b]), item=draft.item)
    assert refused.value.message.startswith("变更原因") and refused.value.extra["field"] == "reason"
    assert draft.item.versions.count() == 1
    second = services.item_draft(
        actor=office, data=_data([unit_a, unit_b]), item=draft.item, reason="扩大查验部门（测试）"
    )
    assert second.version == 2 and second.state == "draft"
    # approved to take effect in ten days: the first version stays in effect until then
    services.version_approve(actor=office, version=second, effective_from=TODAY + datetime.timedelta(days=10))
    item = AssistanceListItem.objects.get(code="test_item")
    row = selectors.item_get(user=office, pk=item.pk, today=TODAY)
    assert row.current.version == 1 and row.upcoming.version == 2
    assert (
        selectors.item_get(user=office, pk=item.pk, today=TODAY + datetime.timedelta(days=10)).current.version
        == 2
    )
    # unit B sees it once the second version is in effect
    other = UserFactory(role=Role.LIAISON, unit=unit_b)
    assert "test_item" not in [r.item.code for r in selectors.item_rows(user=other, today=TODAY)]
    later = TODAY + datetime.timedelta(days=11)
    assert "test_item" in [r.item.code for r in selectors.item_rows(user=other, today=later)]
    assert list(item.versions.values_list("version", "change_reason")) == [
        (2, "扩大查验部门（测试）"),
        (1, ""),
    ]
    actions = list(
        AuditEntry.objects.filter(object_type="cogov.assistancelistitem", object_id=str(item.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["assistance_item_saved", "assistance_item_approved"] * 2


def test_approval_needs_a_date_not_before_the_previous_versions(office):
    unit = UnitFactory()
    first = services.item_draft(actor=office, data=_data([unit]), code="dated_item")
    with pytest.raises(ApplicationError, match="生效日期：不能为空"):
        services.version_approve(actor=office, version=first, effective_from=None)
    services.version_approve(actor=office, version=first, effective_from=TODAY)
    second = services.item_draft(
        actor=office, data=_data([unit], matter="改名（测试）"), item=first.item, reason="改名"
    )
    with pytest.raises(ApplicationError, match="不能早于上一版本的生效日期"):
        services.version_approve(
            actor=office, version=second, effective_from=TODAY - datetime.timedelta(days=1)
        )
    second.refresh_from_db()
    assert second.state == "draft"
    with pytest.raises(ApplicationError, match="已批准"):
        services.version_approve(actor=office, version=first, effective_from=TODAY)


@pytest.mark.parametrize(
    ("conditions", "message"),
    [
        ([], "查验条件：至少选择一项查验条件"),
        ([{"kind": "tax_paid", "tax_types": []}], "完税税种：查验完税须列明税种"),
        ([{"kind": "tax_paid", "tax_types": ["关税"]}], "完税税种：“关税”不是可查验的税种"),
        ([{"kind": "credit_level", "levels": ["E"]}], "允许的信用级别：“E”不是纳税信用级别"),
        ([{"kind": "registered"}], "查验条件：“registered”不是可用的查验条件"),
    ],
)
def test_bad_conditions_are_refused_naming_the_field(office, conditions, message):
    with pytest.raises(ApplicationError) as refused:
        services.item_draft(actor=office, data=_data([UnitFactory()], conditions=conditions), code="bad_item")
    assert refused.value.message.startswith(message)
    assert not AssistanceListItem.objects.filter(code="bad_item").exists()


def test_only_the_office_drafts_approves_and_retires(users):
    unit = UnitFactory()
    for role in ("liaison", "tax_officer", "leader", "plan_office"):
        with pytest.raises(ApplicationError, match="没有权限"):
            services.item_draft(actor=users[role], data=_data([unit]), code="no_item")
    assert not AssistanceListItem.objects.filter(code="no_item").exists()


def test_a_retired_item_stays_readable_and_is_looked_up_no_more(office, demo):
    unit = UnitFactory()
    liaison = UserFactory(role=Role.LIAISON, unit=unit)
    version = services.item_draft(actor=office, data=_data([unit]), code="old_item")
    services.version_approve(actor=office, version=version, effective_from=demo - datetime.timedelta(days=30))
    with pytest.raises(ApplicationError, match="停用原因：不能为空"):
        services.item_retire(actor=office, item=version.item, day=demo, reason=" ")
    services.item_retire(actor=office, item=version.item, day=demo, reason="事项取消（测试）")
    assert "old_item" not in [r.item.code for r in selectors.item_rows(user=liaison, today=demo)]
    assert (
        selectors.item_get(user=liaison, pk=version.item_id, today=demo).item.retired_reason
        == "事项取消（测试）"
    )
    with pytest.raises(ApplicationError, match="不存在、未生效或不适用于本单位"):
        services.lookup_run(actor=liaison, item_code="old_item", code=uscc(), today=demo)
    with pytest.raises(ApplicationError, match="已停用"):
        services.item_draft(actor=office, data=_data([unit]), item=version.item, reason="恢复")


# --- .xlsx ---------------------------------------------------------------------------


def _export(office, tmp_path, today=TODAY) -> bytes:
    path = services.list_export(actor=office, path=tmp_path / "list.xlsx", today=today)
    return path.read_bytes()


def _edit(data: bytes, row: int, column: str, value) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    sheet.cell(row=row, column=header.index(column) + 1).value = value  # None empties the cell
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_list_goes_out_and_comes_back_unchanged(office, demo, tmp_path):
    data = _export(office, tmp_path)
    sheet = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    matters = [r[header.index("办理事项")] for r in sheet.iter_rows(min_row=2, values_only=True) if r[1]]
    assert "不动产登记" in matters and "企业注销" in matters
    before = AssistanceListVersion.objects.count()
    counts = services.list_import(actor=office, data=data, filename="list.xlsx")
    assert counts == {"created": 0, "changed": 0, "unchanged": len(matters)}
    assert AssistanceListVersion.objects.count() == before


def test_an_imported_change_is_a_new_draft_and_a_bad_row_stores_nothing(office, demo, tmp_path):
    data = _export(office, tmp_path)
    sheet = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    row = next(
        n
        for n, r in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)
        if r[header.index("事项代码")] == "mining_rights"
    )
    changed = _edit(data, row, "允许的信用级别", "A、B、M")
    # no reason: the row and the field are named, nothing stored
    before = AssistanceListVersion.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.list_import(actor=office, data=changed, filename="list.xlsx")
    assert refused.value.message == f"文件“list.xlsx”，第{row}行，“变更原因”字段：变更已批准的事项须说明原因"
    assert AssistanceListVersion.objects.count() == before
    # an unknown department, on another row, after a new item: nothing of the file is stored
    changed = _edit(changed, row, "变更原因", "采矿权出让也查信用（测试）")
    bad = _edit(changed, row + 1, "查验部门", "区不存在局")
    bad = _edit(bad, sheet.max_row + 1, "事项代码", "new_from_file")
    with pytest.raises(ApplicationError) as refused:
        services.list_import(actor=office, data=bad, filename="list.xlsx")
    assert (
        refused.value.message == f"文件“list.xlsx”，第{row + 1}行，“查验部门”字段：不在单位名录中：区不存在局"
    )
    assert AssistanceListVersion.objects.count() == before
    assert not AssistanceListItem.objects.filter(code="new_from_file").exists()
    # the good file: one change, a new draft beside the version in effect
    counts = services.list_import(actor=office, data=changed, filename="list.xlsx")
    assert counts["changed"] == 1 and counts["created"] == 0
    item = AssistanceListItem.objects.get(code="mining_rights")
    draft = item.versions.get(state="draft")
    assert {"kind": "credit_level", "levels": ["A", "B", "M"]} in draft.conditions
    assert draft.change_reason == "采矿权出让也查信用（测试）"
    assert selectors.version_on(item, demo).state == "approved"


def test_an_imported_row_without_a_required_value_names_row_and_field(office, demo, tmp_path):
    data = _export(office, tmp_path)
    with pytest.raises(ApplicationError) as refused:
        services.list_import(actor=office, data=_edit(data, 3, "依据", None), filename="list.xlsx")
    assert refused.value.message == "文件“list.xlsx”，第3行，“依据”字段：不能为空"
    with pytest.raises(ApplicationError) as refused:
        services.list_import(actor=office, data=_edit(data, 2, "完税税种", "关税"), filename="list.xlsx")
    assert refused.value.message == "文件“list.xlsx”，第2行，“完税税种”字段：“关税”不是可查验的税种"
    with pytest.raises(ApplicationError, match="不是有效的 Excel"):
        services.list_import(actor=office, data=b"not a workbook", filename="list.xlsx")


def test_an_exported_text_that_looks_like_a_formula_stays_text(office, demo, tmp_path):
    unit = UnitFactory()
    version = services.item_draft(
        actor=office, data=_data([unit], matter='=HYPERLINK("http://x")'), code="formula_item"
    )
    assert version.matter.startswith("=")
    sheet = load_workbook(io.BytesIO(_export(office, tmp_path))).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")']
    assert cells and all(c.data_type == "s" for c in cells)


# --- look-ups ---------------------------------------------------------------------------


def _arrears_rows(code: str, amount: str = "1234.50") -> list[dict]:
    return [{"uscc": code, "tax_type": "增值税", "amount": amount, "since": "2025-01-31"}]


def _approved(office, units, conditions, code, day):
    version = services.item_draft(actor=office, data=_data(units, conditions=conditions), code=code)
    return services.version_approve(
        actor=office, version=version, effective_from=day - datetime.timedelta(days=1)
    )


def test_no_arrears_reads_the_latest_arrears_list(office, demo, data_dir):
    unit = UnitFactory()
    liaison = UserFactory(role=Role.LIAISON, unit=unit)
    _approved(office, [unit], [{"kind": "no_arrears"}], "arrears_item", demo)
    owing, clean = uscc(), uscc()
    arrears = Dataset.objects.get(code="arrears")
    tax_office = Unit.objects.get(name="区税务局")
    first = submit_rows(arrears, tax_office, "2000-01", _arrears_rows(owing))
    assert first.state == "accepted", first.errors
    owes = services.lookup_run(actor=liaison, item_code="arrears_item", code=owing, today=demo)
    assert owes.passed is False
    assert owes.checks == [
        {
            "kind": "no_arrears",
            "label": "无欠税",
            "ok": False,
            "detail": "欠缴增值税1,234.50元（自2025年1月31日起）",
        }
    ]
    assert services.lookup_run(actor=liaison, item_code="arrears_item", code=clean, today=demo).passed is True
    # the next list no longer names the taxpayer (paid): the latest list decides
    submit_rows(arrears, tax_office, "2000-02", _arrears_rows(clean))
    assert services.lookup_run(actor=liaison, item_code="arrears_item", code=owing, today=demo).passed is True
    record = services.lookup_run(actor=liaison, item_code="arrears_item", code=clean, today=demo)
    assert record.passed is False and record.unit == unit and record.username == liaison.username
    assert record.version.item.code == "arrears_item" and record.outcome == "pending"
    entry = AuditEntry.objects.filter(action="tax_lookup", object_id=str(record.pk)).get()
    assert entry.username == liaison.username and entry.detail["subject"] == clean
    second = Submission.objects.filter(dataset=arrears).latest("pk")
    assert entry.detail["sources"]["arrears"][-1] == second.pk  # what the answer stands on
    # the shared data were read through the warehouse (audited) when the new list came in
    read = AuditEntry.objects.filter(
        action="shared_data_read", purpose="涉税查验：欠税清册（无欠税）"
    ).latest("seq")
    assert read.detail["datasets"] == ["arrears"] and read.seq < entry.seq


def test_the_lookup_answers_from_the_tax_bureaus_data(demo, users, client_for):
    """Moved from tests/exchange: 政府采购 with a good taxpayer passes, with a D-level one fails."""
    from gongzhi.exchange.warehouse import open_warehouse

    with open_warehouse(user=None, datasets=["taxpayer", "arrears"], purpose="测试") as wh:
        owing = {r[0] for r in wh.rows("SELECT uscc FROM arrears")}
        rows = wh.rows("SELECT uscc, status, credit_level FROM taxpayer ORDER BY uscc")
    good = next(r for r in rows if r[1] == "正常" and r[2] in ("A", "B") and r[0] not in owing)
    bad = next(r for r in rows if r[2] == "D")
    office = users["cogov_office"]  # 区财政局: 政府采购 applies to it
    ok = services.lookup_run(actor=office, item_code="government_procurement", code=good[0], today=demo)
    assert ok.passed is True and all(c["ok"] for c in ok.checks)
    assert [c["kind"] for c in ok.checks] == ["no_arrears", "credit_level", "not_abnormal"]
    no = services.lookup_run(actor=office, item_code="government_procurement", code=bad[0], today=demo)
    assert no.passed is False and "级别为D" in " ".join(c["detail"] for c in no.checks)
    with pytest.raises(ApplicationError, match="校验位"):
        services.lookup_run(
            actor=office, item_code="government_procurement", code="91370306MA3C000000", today=demo
        )
    page = client_for(office).post(
        "/cogov/assistance/lookup/",
        {"item": "government_procurement", "code": good[0], "purpose": "采购资格审查"},
    )
    assert page.status_code == 302
    assert "符合办理条件" in client_for(office).get(page["Location"]).content.decode()


def test_a_missing_data_file_is_named_on_the_page_and_in_the_api(demo, users, client_for, data_dir):
    """Moved from tests/exchange: the tax_paid file of a submission is gone."""
    from pathlib import Path

    code = uscc()
    period = demo.replace(day=1).strftime("%Y-%m")
    submission = submit_rows(
        Dataset.objects.get(code="tax_paid"),
        Unit.objects.get(name="区税务局"),
        period,
        [{"uscc": code, "tax_type": "契税", "period": period, "amount": "1200.00", "paid_date": str(demo)}],
    )
    Path(submission.parquet_path).unlink()
    expected = f"数据文件缺失：税款入库（区税务局）第{submission.pk}号报送，请联系管理员恢复"
    before = AssistanceListLookup.objects.count()
    client = client_for(users["cogov_office"])
    page = client.post("/cogov/assistance/lookup/", {"item": "real_estate_registration", "code": code})
    assert page.status_code == 200 and expected in page.content.decode()
    answer = client.post(
        "/api/v1/cogov/assistance/lookups",
        {"item": "real_estate_registration", "code": code},
        content_type="application/json",
    )
    assert answer.status_code == 503
    assert answer.json() == {
        "code": "data_missing",
        "message": expected,
        "extra": {"submissions": [submission.pk], "datasets": ["tax_paid"]},
    }
    assert AssistanceListLookup.objects.count() == before  # nothing recorded


def test_the_outcome_is_recorded_once_by_the_looking_unit_and_feeds_the_ledger(office, demo, users):
    unit, other_unit = UnitFactory(), UnitFactory()
    liaison = UserFactory(role=Role.LIAISON, unit=unit)
    other = UserFactory(role=Role.LIAISON, unit=other_unit)
    _approved(office, [unit, other_unit], [{"kind": "no_arrears"}], "ledger_item", demo)
    record = services.lookup_run(actor=liaison, item_code="ledger_item", code=uscc(), today=demo)
    with pytest.raises(ApplicationError, match="只有查验单位可以记录查验结果"):
        services.lookup_outcome(actor=other, lookup=record, outcome="passed")
    with pytest.raises(ApplicationError, match="经办人处理结果：未通过的，请写明处理结果"):
        services.lookup_outcome(actor=liaison, lookup=record, outcome="failed", handling=" ")
    with pytest.raises(ApplicationError, match="查验结果：应为"):
        services.lookup_outcome(actor=liaison, lookup=record, outcome="maybe")
    record.refresh_from_db()
    assert record.outcome == "pending"
    services.lookup_outcome(
        actor=liaison, lookup=record, outcome="failed", handling="已告知先缴清欠税（测试）"
    )
    with pytest.raises(ApplicationError, match="已记录结果"):
        services.lookup_outcome(actor=liaison, lookup=record, outcome="passed")
    record.refresh_from_db()
    assert (record.outcome, record.handling, record.outcome_by) == (
        "failed",
        "已告知先缴清欠税（测试）",
        liaison.username,
    )
    assert AuditEntry.objects.filter(action="tax_lookup_outcome", object_id=str(record.pk)).count() == 1
    services.lookup_run(actor=liaison, item_code="ledger_item", code=uscc(), today=demo)
    services.lookup_run(actor=other, item_code="ledger_item", code=uscc(), today=demo)
    # the office sees every unit; a liaison its own only
    rows = {(r.unit, r.item): r for r in selectors.ledger(user=office, today=demo)}
    mine = rows[(unit.name, "测试事项（测试）")]
    assert (mine.lookups, mine.passed, mine.failed, mine.pending, mine.overdue) == (2, 0, 1, 1, 0)
    assert rows[(other_unit.name, "测试事项（测试）")].lookups == 1
    assert [(r.unit, r.lookups) for r in selectors.ledger(user=liaison, today=demo)] == [(unit.name, 2)]
    # three days later the pending one is overdue: the unit's to-do, the leader's figure
    later = demo + datetime.timedelta(days=4)
    assert [r.overdue for r in selectors.ledger(user=liaison, today=later)] == [1]
    todo = selectors.due_for(user=liaison, today=later)
    assert [(t["kind"], t["days_left"]) for t in todo] == [("assistance_lookup", -1)]
    assert todo[0]["url"].startswith("/cogov/assistance/lookups/")
    assert selectors.due_for(user=liaison, today=demo) == []
    figures = {f["label"]: f for f in selectors.leader_summary(user=users["leader"], today=later)}
    assert figures["查验结果逾期未记录"]["value"] >= 2 and figures["查验结果逾期未记录"]["tone"] == "danger"
    assert selectors.leader_summary(user=liaison, today=later) == []


def test_the_demo_list_has_ten_items_a_history_and_outcomes_in_every_state(demo, users):
    office = users["cogov_office"]
    rows = selectors.item_rows(user=office, today=demo, include_retired=True)
    current = [r for r in rows if r.current is not None and not r.retired]
    assert len(current) == 10
    assert {r.current.matter for r in current} >= {
        "不动产登记",
        "政府采购",
        "评先树优",
        "建设工程竣工验收",
        "股权变更登记",
    }
    assert [r.item.code for r in rows if r.retired] == ["construction_permit"]
    procurement = next(r for r in rows if r.item.code == "government_procurement")
    assert [v.version for v in procurement.item.versions.all()] == [2, 1] and procurement.current.version == 2
    assert next(r for r in rows if r.item.code == "honours").draft is not None
    outcomes = set(AssistanceListLookup.objects.values_list("outcome", flat=True))
    assert outcomes == {"passed", "failed", "pending"}
    assert selectors.overdue_lookups(user=office, today=demo).exists()
    assert all("演示" in v.description for v in AssistanceListVersion.objects.all())


def test_a_look_up_just_after_local_midnight_is_due_from_its_local_day(office, users):
    """A look-up at 01:00 in Zhoucun (17:00 UTC the day before) counts from its local day, as the
    filter does: due three days on, not a day earlier (the stamp's UTC date)."""
    unit = UnitFactory()
    liaison = UserFactory(role=Role.LIAISON, unit=unit)
    day = datetime.date(2026, 3, 2)
    _approved(office, [unit], [{"kind": "no_arrears"}], "midnight_item", day)
    record = services.lookup_run(actor=liaison, item_code="midnight_item", code=uscc(), today=day)
    stamp = datetime.datetime(2026, 3, 1, 17, 0, tzinfo=datetime.UTC)  # 2026-03-02 01:00 +08:00
    AssistanceListLookup.objects.filter(pk=record.pk).update(looked_up_at=stamp)
    todo = selectors.due_for(user=liaison, today=datetime.date(2026, 3, 6))
    assert [(t["due"], t["days_left"]) for t in todo] == [(datetime.date(2026, 3, 5), -1)]
    assert "2026年3月2日查验" in todo[0]["detail"]
