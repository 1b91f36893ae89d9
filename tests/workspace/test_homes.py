"""Home pages per role, built on factory rows: what each role sees first, bounded queries."""

import datetime

import pytest
from factories import (
    DatasetFactory,
    IndicatorValueFactory,
    LeadFactory,
    PolicyDocumentFactory,
    ReportingRoundFactory,
    ResponsibilityFactory,
    SupervisionOrderFactory,
    TaskReportFactory,
    UnitFactory,
    UserFactory,
)

from gongzhi.core import clock
from gongzhi.core.roles import Role
from gongzhi.supervision.choices import OrderState, ReportState
from gongzhi.supervision.monitoring import plan_status

pytestmark = pytest.mark.django_db
# a home page's queries: a few per plan for the stored levels, the rest fixed (no query per row)
# (+ the co-governance parts of issue 16: each part's to-dos, `due_for`, and on the leader's home
# the 税费共治 block: its leads in 3 queries and each part's `leader_summary`)
HOME_QUERIES = 40 + 26


def days_ago(n: int) -> datetime.date:
    return clock.today() - datetime.timedelta(days=n)


def red_task():
    """A plan and its task whose indicator missed its target last year: red whatever today is.
    The indicator's reporting unit leads the task."""
    value = IndicatorValueFactory(indicator__target__deadline_year=clock.today().year - 1)
    return value.indicator.plan, value.indicator.task


def late_round(plan, days: int = 400):
    """An open round of `plan` whose reports were due `days` ago."""
    return ReportingRoundFactory(
        plan=plan,
        period_start=days_ago(days + 60),
        period_end=days_ago(days + 30),
        due_date=days_ago(days),
    )


def test_the_leader_sees_red_tasks_with_their_lead_units_plans_late_reports_and_overdue_orders(
    client_for, django_assert_max_num_queries
):
    # given a plan with a red task led by two units, a report 400 days late and an overdue order
    plan, task = red_task()
    first = task.responsibilities.get()
    second = ResponsibilityFactory(task=task)
    ResponsibilityFactory(task=task, role="responsible")  # not a lead unit
    late = TaskReportFactory(round=late_round(plan), task=task, unit=first.unit)
    order = SupervisionOrderFactory(plan=plan, task=task, unit=first.unit, deadline=days_ago(3))
    leader = UserFactory(role=Role.LEADER)
    levels = {s.task.pk: s.assessment.level for s in plan_status(plan=plan)}
    assert levels[task.pk] == "red"
    # when the leader opens the home page (the second time: the levels are stored by then)
    client = client_for(leader)
    client.get("/")
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")
    # then the red task is listed, most serious first, with its plan, both lead units and reason
    assert response.status_code == 200
    overview = response.context["overview"]
    alert = next(a for a in overview.alerts if a.task.pk == task.pk)
    assert alert.level == "red" and alert.plan == plan
    assert alert.lead_units == [first.unit.name, second.unit.name]
    assert alert.reason
    levels_in_order = [a.level for a in overview.alerts]
    assert levels_in_order == sorted(levels_in_order, key=lambda level: level != "red")
    body = response.content.decode()
    assert f"{first.unit.name}、{second.unit.name}" in body
    # the plan's row counts its tasks, the red one, the overdue order and the late report
    row = next(r for r in overview.plans if r.plan == plan)
    assert (row.total, row.levels["red"], row.orders_open, row.orders_overdue, row.reports_late) == (
        1,
        1,
        1,
        1,
        1,
    )
    # the late report names its unit and days late; the overdue order is listed first
    assert (late, 400) in response.context["late_reports"]
    assert response.context["orders"][0] == order and response.context["orders"][0].overdue_days == 3
    assert order.number in body and "逾期3天" in body
    # and the to-do list says how many red tasks there are
    labels = [t["label"] for t in response.context["todos"]]
    assert f"严重（红色）预警任务{len(overview.red)}项" in labels


def test_the_leader_home_query_count_does_not_grow_with_rows(client_for, django_assert_max_num_queries):
    # given a plan with many late reports and open orders
    plan, task = red_task()
    round_ = late_round(plan, days=5)
    for _ in range(12):
        TaskReportFactory(round=round_, task=task)
        SupervisionOrderFactory(plan=plan, task=task)
    client = client_for(UserFactory(role=Role.LEADER))
    client.get("/")
    # then the page stays within the same bound as with one of each
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")
    row = next(r for r in response.context["overview"].plans if r.plan == plan)
    assert (row.reports_late, row.orders_open) == (12, 12)


def test_the_plan_office_sees_its_inbox_late_units_and_orders_only_for_its_plans(
    client_for, django_assert_max_num_queries
):
    # given two submitted reports on the office's plan, one on another office's plan
    plan = PolicyDocumentFactory()
    office = UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)
    round_ = ReportingRoundFactory(plan=plan)
    mine = [
        TaskReportFactory(round=round_, state=ReportState.SUBMITTED, submitted_at=clock.now())
        for _ in range(2)
    ]
    other = TaskReportFactory(state=ReportState.SUBMITTED, submitted_at=clock.now())
    late = TaskReportFactory(round=late_round(plan, days=9))
    order = SupervisionOrderFactory(plan=plan, deadline=days_ago(1))
    # when the office opens its home page
    client = client_for(office)
    client.get("/")
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")
    # then the inbox holds exactly its plan's submitted reports, with task, unit and period
    assert [r.pk for r in response.context["inbox"]] == [r.pk for r in mine]
    assert response.context["inbox_total"] == 2
    body = response.content.decode()
    for report in mine:
        assert report.unit.name in body and report.task.number in body
    assert round_.period_label in body
    assert other.unit.name not in body
    # the late unit and the overdue order are listed, and the plan table is its plan only
    assert [(u["unit"], u["count"], u["days"], u["round_id"]) for u in response.context["late_units"]] == [
        (late.unit.name, 1, 9, late.round_id)
    ]
    assert [o.pk for o in response.context["orders"]] == [order.pk]
    assert [r.plan for r in response.context["overview"].plans] == [plan]
    assert response.context["todos"][0]["label"].startswith("待审核的进展报告2份") or any(
        t["label"] == "待审核的进展报告2份" for t in response.context["todos"]
    )


def test_a_liaison_sees_what_is_due_most_urgent_first(client_for, django_assert_max_num_queries):
    # given a liaison whose unit has a report due in 3 days, a returned report due in 10 days,
    # an order overdue by 2 days and a dataset to provide for last month
    liaison = UserFactory(role=Role.LIAISON)
    unit = liaison.unit
    soon = TaskReportFactory(unit=unit, round__due_date=clock.today() + datetime.timedelta(days=3))
    returned = TaskReportFactory(
        unit=unit,
        state=ReportState.RETURNED,
        review_comment="请补充佐证材料（测试）",
        round__due_date=clock.today() + datetime.timedelta(days=10),
    )
    order = SupervisionOrderFactory(unit=unit, deadline=days_ago(2))
    SupervisionOrderFactory(unit=unit, state=OrderState.ANSWERED)  # answered: nothing to do
    dataset = DatasetFactory(providers=[unit], frequency="monthly", due_day=15)
    TaskReportFactory(round__due_date=clock.today() + datetime.timedelta(days=1))  # another unit's
    # when it opens its home page
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client_for(liaison).get("/")
    # then its due list is ordered by days left, overdue first, each with a link
    due = response.context["due"]
    kinds = [(d.kind, d.days_left) for d in due]
    assert kinds.index(("order", -2)) < kinds.index(("report", 3)) < kinds.index(("returned", 10))
    data = next(d for d in due if d.kind == "data")
    assert dataset.name in data.label
    assert [d.days_left for d in due] == sorted(d.days_left for d in due)
    body = response.content.decode()
    assert "已逾期2天" in body and "还剩3天" in body and "请补充佐证材料（测试）" in body
    assert f"/supervision/reports/{soon.pk}/" in body and f"/supervision/reports/{returned.pk}/" in body
    assert f"/supervision/orders/{order.pk}/" in body
    assert len([d for d in due if d.kind in ("report", "returned")]) == 2
    # and the to-do list, first on the page, counts them
    assert response.context["todos"][0]["label"].startswith(f"待办事项{len(due)}项")


def test_a_tax_officer_sees_its_leads_to_verify(client_for):
    officer = UserFactory(role=Role.TAX_OFFICER)
    mine = LeadFactory(
        assignee=officer, assignee_unit=officer.unit, status="dispatched", deadline=days_ago(1)
    )
    other = LeadFactory(status="dispatched", assignee_unit=UnitFactory())
    response = client_for(officer).get("/")
    assert [lead.pk for lead in response.context["leads"]] == [mine.pk]
    body = response.content.decode()
    assert mine.taxpayer_name in body and other.taxpayer_name not in body


def test_an_evaluator_sees_its_assigned_plans_and_their_alerts(client_for):
    plan, task = red_task()
    lead = ResponsibilityFactory(task=task)
    evaluator = UserFactory(role=Role.EVALUATOR)
    plan.evaluators.add(evaluator)
    unassigned, _task = red_task()
    response = client_for(evaluator).get("/")
    assert list(response.context["inspection_plans"]) == [plan]
    assert [r.plan for r in response.context["overview"].plans] == [plan]
    assert {a.plan for a in response.context["overview"].alerts} == {plan}
    assert lead.unit.name in response.content.decode()
    assert unassigned.title not in response.content.decode()


def test_the_admin_keeps_the_counts_and_the_jobs(client_for, users):
    response = client_for(users["admin"]).get("/")
    body = response.content.decode()
    assert 'data-testid="unit-count"' in body and 'data-testid="jobs"' in body


def test_the_to_do_heading_comes_first_for_every_role(client_for):
    for role in Role.values:
        response = client_for(UserFactory(role=role)).get("/")
        body = response.content.decode()
        heading = body.index('data-testid="todo-heading"')
        assert all(
            body.index(marker) > heading
            for marker in ('id="alerts"', 'id="inbox"', 'id="due"')
            if marker in body
        )


def test_the_dashboard_and_leader_summary_red_lists_name_the_lead_units(client_for):
    # given a red task led by two units
    plan, task = red_task()
    first, second = task.responsibilities.get(), ResponsibilityFactory(task=task)
    client = client_for(UserFactory(role=Role.LEADER))
    # then the plan dashboard's warning list and the leader summary's red list name both
    for url in (f"/supervision/plans/{plan.pk}/", f"/supervision/plans/{plan.pk}/summary/"):
        response = client.get(url)
        assert response.status_code == 200
        assert f"牵头单位：{first.unit.name}、{second.unit.name}" in response.content.decode(), url


def test_the_co_governance_office_sees_overdue_leads_and_its_own_plans(client_for):
    office = UserFactory(role=Role.COGOV_OFFICE)
    own = PolicyDocumentFactory(office_unit=office.unit)
    other = PolicyDocumentFactory()
    overdue = LeadFactory(status="dispatched", assignee_unit=UnitFactory(), deadline=days_ago(4))
    LeadFactory(status="dispatched", assignee_unit=UnitFactory(), deadline=clock.today())  # not yet
    response = client_for(office).get("/")
    assert overdue.pk in [lead.pk for lead in response.context["overdue_leads"]]
    assert all(lead.deadline < clock.today() for lead in response.context["overdue_leads"])
    assert [r.plan for r in response.context["overview"].plans] == [own]
    assert other.title not in response.content.decode()


def test_the_cached_alerts_follow_every_change_to_lead_units_unit_names_and_tasks(client_for):
    # given a leader who has seen a red task on its home page (its plan's alerts cached by then)
    _plan, task = red_task()
    first = task.responsibilities.get()
    client = client_for(UserFactory(role=Role.LEADER))

    def alert():
        response = client.get("/")
        return next(a for a in response.context["overview"].alerts if a.task.pk == task.pk), response

    assert alert()[0].lead_units == [first.unit.name]
    # when a second lead unit is assigned, the first renamed and the task retitled
    second = ResponsibilityFactory(task=task)
    assert alert()[0].lead_units == [first.unit.name, second.unit.name]
    first.unit.name = "更名后的牵头单位（测试）"
    first.unit.save()
    task.title = "更名后的任务（测试）"
    task.save()
    # then the next page shows them, to this reader and to another
    shown, response = alert()
    assert shown.lead_units == ["更名后的牵头单位（测试）", second.unit.name]
    assert shown.task.display_title == "更名后的任务（测试）"
    assert "更名后的任务（测试）" in response.content.decode()
    other = client_for(UserFactory(role=Role.LEADER)).get("/")
    assert "更名后的牵头单位（测试）" in other.content.decode()
