"""Funding per task: entry and import by the plan office or the finance bureau only, audited,
nothing partial stored; `plan status --json` gains `funding` only where some is recorded."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from factories import PolicyDocumentFactory, TaskFactory, UserFactory
from openpyxl import Workbook, load_workbook

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import funding, monitoring
from gongzhi.supervision.freshness import plan_data_changed
from gongzhi.supervision.models import TaskFunding

PLAN = "周政办字〔2023〕8号"


@pytest.fixture
def plan(demo):
    return PolicyDocument.objects.get(doc_number=PLAN)


@pytest.fixture
def task(plan):
    return plan.nodes.tasks().current().order_by("-order").first()


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(funding.COLUMNS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _line(number: str, year=2025, spent="100", **extra) -> list:
    values = {
        "任务编号": number,
        "任务名称": "",
        "项目": extra.get("project", "测试项目（虚构）"),
        "年度": year,
        "资金来源": extra.get("source", "财政预算"),
        "支持方式": extra.get("mode", "以奖代补"),
        "计划金额（元）": extra.get("planned", "1,000"),
        "已下达金额（元）": extra.get("allocated", "800"),
        "已支出金额（元）": spent,
        "备注": "虚构",
    }
    return list(values.values())


def test_office_and_finance_bureau_record_funding_liaison_refused(plan, task, users):
    # the plan office (own office unit) and the finance bureau (共治办) may record
    row = funding.funding_record(
        actor=users["plan_office"],
        task=task,
        year=2025,
        source="budget",
        mode="award",
        planned=Decimal("500000"),
        allocated=Decimal("400000"),
        spent=Decimal("100000"),
        project="测试项目（虚构）",
    )
    assert AuditEntry.objects.filter(action="funding_recorded", object_id=str(row.pk)).exists()
    again = funding.funding_record(
        actor=users["cogov_office"],
        task=task,
        year=2025,
        source="budget",
        mode="award",
        planned=Decimal("500000"),
        allocated=Decimal("400000"),
        spent=Decimal("250000"),
        project="测试项目（虚构）",
    )
    assert again.pk == row.pk and again.spent == Decimal("250000.00")

    # a liaison, and the plan office of another unit, are refused and nothing changes
    other_office = UserFactory(role=Role.PLAN_OFFICE)
    for actor in (users["liaison"], other_office, users["evaluator"]):
        with pytest.raises(ApplicationError) as refused:
            funding.funding_record(
                actor=actor,
                task=task,
                year=2025,
                source="budget",
                mode="award",
                planned=Decimal(1),
                allocated=Decimal(1),
                spent=Decimal(1),
                project="测试项目（虚构）",
            )
        assert refused.value.code == "permission_denied"
    row.refresh_from_db()
    assert row.spent == Decimal("250000.00")


def test_task_page_form_permissions(plan, task, users, client_for):
    post = {
        "year": 2025,
        "source": "higher",
        "mode": "direct",
        "planned": "10,000",
        "allocated": "8000",
        "spent": "5000",
        "project": "",
        "note": "虚构",
    }
    assert (
        client_for(users["liaison"]).post(f"/supervision/tasks/{task.pk}/funding/", post).status_code == 403
    )
    assert not TaskFunding.objects.filter(task=task, source="higher").exists()
    page = client_for(users["liaison"]).get(f"/supervision/tasks/{task.pk}/")
    assert page.status_code == 200 and not page.context["may_fund"]
    response = client_for(users["cogov_office"]).post(f"/supervision/tasks/{task.pk}/funding/", post)
    assert response.status_code == 302
    assert TaskFunding.objects.get(task=task, source="higher").spent == Decimal("5000.00")
    page = client_for(users["plan_office"]).get(f"/supervision/tasks/{task.pk}/")
    assert page.context["may_fund"] and "资金保障" in page.content.decode()


def test_import_all_or_nothing_with_errors_naming_the_row(plan, users):
    tasks = list(plan.nodes.tasks().current().order_by("order")[:2])
    before = TaskFunding.objects.count()
    bad = _xlsx([_line(tasks[0].number), _line(tasks[1].number, source="彩票公益金")])
    with pytest.raises(ApplicationError) as error:
        funding.funding_import(actor=users["cogov_office"], plan=plan, data=bad, filename="资金.xlsx")
    assert "第3行" in error.value.message and "资金来源" in error.value.message
    assert TaskFunding.objects.count() == before

    unknown = _xlsx([_line("（99）")])
    with pytest.raises(ApplicationError) as error:
        funding.funding_import(actor=users["cogov_office"], plan=plan, data=unknown, filename="资金.xlsx")
    assert "第2行" in error.value.message and "任务编号" in error.value.message

    overspent = _xlsx([_line(tasks[0].number, spent="900")])
    with pytest.raises(ApplicationError) as error:
        funding.funding_import(actor=users["cogov_office"], plan=plan, data=overspent, filename="资金.xlsx")
    assert "已支出金额不能超过已下达金额" in error.value.message
    assert TaskFunding.objects.count() == before

    good = _xlsx([_line(tasks[0].number.strip("（）")), _line(tasks[1].number, year="2024年", spent="")])
    with pytest.raises(ApplicationError):
        funding.funding_import(actor=users["liaison"], plan=plan, data=good, filename="资金.xlsx")
    counts = funding.funding_import(actor=users["cogov_office"], plan=plan, data=good, filename="资金.xlsx")
    assert counts == {"rows": 2, "created": 2, "updated": 0}
    assert TaskFunding.objects.get(task=tasks[1], year=2024, project="测试项目（虚构）").spent == 0
    assert AuditEntry.objects.filter(action="funding_imported", object_id=str(plan.pk)).exists()


def test_import_page_and_template(plan, users, client_for):
    office = client_for(users["plan_office"])
    template = office.get(f"/supervision/plans/{plan.pk}/funding/template.xlsx")
    book = load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    header_row = next(r for r in book.active.iter_rows(values_only=True) if r and r[0] == "任务编号")
    assert list(header_row)[: len(funding.COLUMNS)] == list(funding.COLUMNS)
    upload = io.BytesIO(
        _xlsx([_line(plan.nodes.tasks().current().first().number, project="页面导入（虚构）")])
    )
    upload.name = "资金.xlsx"
    denied = client_for(users["liaison"]).post(f"/supervision/plans/{plan.pk}/funding/", {"file": upload})
    assert denied.status_code == 403
    upload.seek(0)
    done = office.post(f"/supervision/plans/{plan.pk}/funding/", {"file": upload})
    assert done.status_code == 302 and TaskFunding.objects.filter(project="页面导入（虚构）").exists()
    page = client_for(users["leader"]).get(f"/supervision/plans/{plan.pk}/funding/")
    assert page.status_code == 200 and len(page.context["rows"]) >= 10


def test_plan_status_json_has_funding_only_where_recorded(plan, capsys):
    call_command("plan", "status", PLAN, "--json")
    out = json.loads(capsys.readouterr().out)
    funded = [t for t in out["tasks"] if "funding" in t]
    assert len(funded) >= 10  # the demo funds most tasks
    totals = monitoring.funding_totals(plan=plan)
    by_number = {t.number: t.pk for t in plan.nodes.tasks().current()}
    for task in out["tasks"]:
        pk = by_number[task["number"]]
        if pk in totals:
            assert task["funding"] == {k: float(v) for k, v in totals[pk].items()}
            assert set(task["funding"]) == {"planned", "allocated", "spent"}
        else:
            assert "funding" not in task
    # the rest of the contract is as it was
    assert set(out) == {"plan", "doc_number", "as_of", "tasks"}
    assert set(out["tasks"][0]) - {"funding"} == {
        "number",
        "title",
        "status",
        "level",
        "reason",
        "percent",
        "indicators",
    }


def test_plan_status_json_without_funding_has_no_key(db, users):
    plan = PolicyDocumentFactory()
    TaskFactory(document=plan)
    payload = monitoring.plan_status_json(plan=plan)
    assert payload["tasks"] and all("funding" not in t for t in payload["tasks"])


def test_spending_changes_the_stored_status(plan, users):
    # given a red indicator's task with no money spent on it
    red = next(
        s
        for s in monitoring.plan_status(plan=plan)
        if any(p.source == "indicator" and p.level == "red" for p in s.assessment.parts)
    )
    TaskFunding.objects.filter(task=red.task).delete()
    plan_data_changed(plan.pk)
    state = monitoring.plan_status(plan=plan, task_ids=[red.task.pk])[0]
    assert "已支出资金" not in state.assessment.reason
    # when money is recorded as spent, the stored status goes stale and the reason says so
    funding.funding_record(
        actor=users["cogov_office"],
        task=red.task,
        year=2025,
        source="budget",
        mode="direct",
        planned=Decimal("3000000"),
        allocated=Decimal("3000000"),
        spent=Decimal("2500000"),
    )
    state = monitoring.plan_status(plan=plan, task_ids=[red.task.pk])[0]
    assert "已支出资金250万元" in state.assessment.reason and state.assessment.level == "red"
    dashboard = monitoring.plan_status_json(plan=plan)
    assert any("已支出资金250万元" in t["reason"] for t in dashboard["tasks"])
