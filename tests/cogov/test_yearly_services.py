"""Yearly tasks: drafting, issuing as a supervised plan, copying last year, permissions, selectors."""

import datetime

import pytest
from factories import PolicyDocumentFactory, TaskFactory, UnitFactory, UserFactory

from gongzhi.accounts.models import User
from gongzhi.cogov import selectors_yearly as selectors
from gongzhi.cogov import services_yearly as services
from gongzhi.cogov.models_yearly import YearlyTaskSetState
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.plans.choices import ResponsibilityRole
from gongzhi.supervision import services as supervision
from gongzhi.supervision.choices import ReportState, TaskStatus
from gongzhi.supervision.models import Indicator, TaskReport

pytestmark = pytest.mark.django_db
YEAR = 2099


@pytest.fixture
def office():
    unit = UnitFactory()
    return UserFactory(role=Role.COGOV_OFFICE, unit=unit)


@pytest.fixture
def document(office):
    doc = PolicyDocumentFactory(office_unit=office.unit, doc_number="测试字〔2099〕7号")
    return doc


def _rows(document, units, deadline=datetime.date(YEAR, 6, 30)):
    source = TaskFactory(document=document)
    return [
        {
            "source_task": source,
            "unit": u,
            "content": f"年度任务{i}",
            "measure": "完成率100%",
            "deadline": deadline,
        }
        for i, u in enumerate(units)
    ]


def test_issue_makes_a_supervised_plan_with_one_task_per_yearly_task(office, document):
    units = [UnitFactory(), UnitFactory()]
    task_set = services.yearly_set_create(actor=office, document=document, year=YEAR)
    services.yearly_tasks_add(actor=office, task_set=task_set, rows=_rows(document, units))

    task_set = services.yearly_set_issue(actor=office, task_set=task_set)

    assert task_set.state == YearlyTaskSetState.ISSUED and task_set.plan is not None
    plan = task_set.plan
    assert plan.title == "2099年度7号文任务分解" and plan.office_unit == office.unit
    tasks = list(selectors.set_tasks(task_set=task_set))
    for yearly, unit in zip(tasks, units, strict=True):
        node = yearly.plan_task
        assert node.document_id == plan.pk
        assert list(node.responsibilities.values_list("unit", "role")) == [(unit.pk, ResponsibilityRole.LEAD)]
        indicator = Indicator.objects.get(task=node, milestone__isnull=False)
        assert indicator.deadline == datetime.date(YEAR, 6, 30)
    assert AuditEntry.objects.filter(action="yearly_set_issued", object_id=str(task_set.pk)).exists()


def test_reissue_after_change_revises_the_same_plan(office, document):
    units = [UnitFactory()]
    task_set = services.yearly_set_create(actor=office, document=document, year=YEAR)
    services.yearly_tasks_add(actor=office, task_set=task_set, rows=_rows(document, units))
    services.yearly_set_issue(actor=office, task_set=task_set)
    plan_id = task_set.refresh_from_db() or task_set.plan_id
    services.yearly_set_reopen(actor=office, task_set=task_set)
    services.yearly_tasks_add(actor=office, task_set=task_set, rows=_rows(document, [UnitFactory()]))
    task_set = services.yearly_set_issue(actor=office, task_set=task_set)
    assert task_set.plan_id == plan_id
    assert task_set.plan.revision == 2
    assert task_set.plan.nodes.tasks().current().count() == 2


def test_a_unit_reports_on_its_yearly_task_like_a_plan_task(office, document):
    unit = UnitFactory()
    liaison = UserFactory(unit=unit)
    task_set = services.yearly_set_create(actor=office, document=document, year=YEAR)
    services.yearly_tasks_add(actor=office, task_set=task_set, rows=_rows(document, [unit]))
    task_set = services.yearly_set_issue(actor=office, task_set=task_set)
    round_ = supervision.round_open(
        actor=office,
        plan=task_set.plan,
        period_label="2099年上半年",
        period_start=datetime.date(YEAR, 1, 1),
        period_end=datetime.date(YEAR, 6, 30),
        due_date=datetime.date(YEAR, 7, 10),
    )
    report = TaskReport.objects.get(round=round_, unit=unit)
    supervision.report_save(
        actor=liaison,
        report=report,
        status=TaskStatus.DONE,
        percent=100,
        done_text="已完成",
        problems="",
        next_steps="",
    )
    supervision.report_submit(actor=liaison, report=report)

    rows = selectors.yearly_tasks_for(unit, YEAR)
    assert len(rows) == 1 and rows[0].latest_report.pk == report.pk
    assert rows[0].latest_report.state == ReportState.SUBMITTED
    assert [r.task.unit for r in selectors.statuses(selectors.my_tasks(user=liaison))] == [unit]


def test_bad_row_stores_nothing(office, document):
    task_set = services.yearly_set_create(actor=office, document=document, year=YEAR)
    rows = _rows(document, [UnitFactory(), UnitFactory()])
    rows[1]["deadline"] = datetime.date(YEAR + 1, 1, 1)
    with pytest.raises(ApplicationError, match="第2行完成时限"):
        services.yearly_tasks_add(actor=office, task_set=task_set, rows=rows)
    assert task_set.tasks.count() == 0


def test_copy_last_year(office, document):
    unit = UnitFactory()
    previous = services.yearly_set_create(actor=office, document=document, year=YEAR - 1)
    services.yearly_tasks_add(
        actor=office, task_set=previous, rows=_rows(document, [unit], deadline=datetime.date(YEAR - 1, 9, 30))
    )
    task_set = services.yearly_set_create(actor=office, document=document, year=YEAR)
    copied = services.yearly_set_copy_previous(actor=office, task_set=task_set)
    assert [(t.unit, t.deadline) for t in copied] == [(unit, datetime.date(YEAR, 9, 30))]


@pytest.mark.parametrize("role", [Role.LIAISON, Role.LEADER, Role.TAX_OFFICER, Role.PLAN_OFFICE])
def test_only_the_office_drafts(office, document, role):
    user = UserFactory(role=role)
    with pytest.raises(ApplicationError):
        services.yearly_set_create(actor=user, document=document, year=YEAR)


def test_another_office_unit_cannot_change_the_set(office, document):
    task_set = services.yearly_set_create(actor=office, document=document, year=YEAR)
    other = UserFactory(role=Role.COGOV_OFFICE)
    with pytest.raises(ApplicationError):
        services.yearly_tasks_add(actor=other, task_set=task_set, rows=_rows(document, [UnitFactory()]))
    assert task_set.tasks.count() == 0


def test_a_liaison_sees_only_its_own_yearly_tasks(office, document):
    mine, other = UnitFactory(), UnitFactory()
    liaison = UserFactory(unit=mine)
    task_set = services.yearly_set_create(actor=office, document=document, year=YEAR)
    services.yearly_tasks_add(actor=office, task_set=task_set, rows=_rows(document, [mine, other]))
    assert list(selectors.my_tasks(user=liaison)) == []  # not issued yet
    services.yearly_set_issue(actor=office, task_set=task_set)
    assert [t.unit for t in selectors.my_tasks(user=liaison)] == [mine]
    leader = User.objects.filter(role=Role.LEADER).first()
    assert {t.unit for t in selectors.my_tasks(user=leader, year=YEAR)} >= {mine, other}
    with pytest.raises(ApplicationError):
        selectors.set_list(user=liaison)


def test_due_for_and_overdue(office, document):
    unit = UnitFactory()
    liaison = UserFactory(unit=unit)
    task_set = services.yearly_set_create(actor=office, document=document, year=YEAR)
    services.yearly_tasks_add(actor=office, task_set=task_set, rows=_rows(document, [unit]))
    services.yearly_set_issue(actor=office, task_set=task_set)
    today = datetime.date(YEAR, 7, 5)
    due = selectors.due_for(user=liaison, today=today)
    assert [(d["kind"], d["days_left"]) for d in due] == [("yearly_task", -5)]
    over = [o for o in selectors.overdue(today=today) if o["unit_id"] == unit.pk]
    assert [o["days_over"] for o in over] == [5]
    assert selectors.overdue(today=datetime.date(YEAR, 6, 30)) == [] or all(
        o["unit_id"] != unit.pk for o in selectors.overdue(today=datetime.date(YEAR, 6, 30))
    )
