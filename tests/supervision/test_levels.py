"""One rule decides a task's level (monitoring.plan_status), and every reader uses it: the
dashboard, the task page, the round's report.docx, the ledger, `gongzhi plan status` and the API
give the same counts on the same day. A task with several lead units is only as far as its
least-advanced lead unit; a task reported 已完成 that is still red says why.

Built with factories (synthetic units and plan)."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from docx import Document
from factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PolicyDocumentFactory,
    ReportingRoundFactory,
    ResponsibilityFactory,
    TaskFactory,
    TaskReportFactory,
    UnitFactory,
    UserFactory,
)

from gongzhi.core import clock
from gongzhi.core.roles import Role
from gongzhi.supervision import monitoring
from gongzhi.supervision.choices import ReportState, TaskStatus
from gongzhi.supervision.models import MonitoringSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PolicyDocumentFactory(end_year=clock.today().year + 2)
    MonitoringSettings.objects.create(plan=plan, start=clock.today() - datetime.timedelta(days=400))
    return plan


@pytest.fixture
def round_(plan):
    return ReportingRoundFactory(plan=plan)


def _report(round_, task, unit, status, percent, *, minutes_ago=0):
    return TaskReportFactory(
        round=round_,
        task=task,
        unit=unit,
        status=status,
        percent=percent,
        state=ReportState.SUBMITTED,
        submitted_at=clock.now() - datetime.timedelta(minutes=minutes_ago),
    )


def _state(plan, task):
    return next(s for s in monitoring.plan_status(plan=plan) if s.task.pk == task.pk)


def test_three_lead_units_the_task_is_as_far_as_the_least_advanced(plan, round_):
    # given a task with three lead units; the one that reported last says 已完成
    task = TaskFactory(document=plan)
    slow, middle, done = UnitFactory(), UnitFactory(), UnitFactory()
    _report(round_, task, slow, TaskStatus.IN_PROGRESS, 40, minutes_ago=30)
    _report(round_, task, middle, TaskStatus.IN_PROGRESS, 70, minutes_ago=20)
    _report(round_, task, done, TaskStatus.DONE, 100, minutes_ago=1)

    # when the plan's status is computed
    state = _state(plan, task)

    # then the task is where its slowest lead unit is, and the reason names all three
    assert (state.status, state.status_label, state.percent) == (TaskStatus.IN_PROGRESS, "推进中", 40)
    reason = state.assessment.reason
    assert "本任务有3家牵头单位，按进展最慢的单位判断" in reason
    for unit, words in ((slow, "推进中，完成40%"), (middle, "推进中，完成70%"), (done, "已完成，完成100%")):
        assert f"{unit.name}“{words}”" in reason


def test_a_task_is_done_only_when_every_lead_unit_reports_it_done(plan, round_):
    task = TaskFactory(document=plan)
    units = [UnitFactory() for _ in range(3)]
    for n, unit in enumerate(units[:2]):
        _report(round_, task, unit, TaskStatus.DONE, 100, minutes_ago=n)
    ResponsibilityFactory(task=task, unit=units[2])  # the third lead unit has reported nothing

    state = _state(plan, task)
    assert state.status != TaskStatus.DONE and state.status_label == "未报送"
    assert f"{units[2].name}尚未报送进展报告" in state.assessment.reason

    _report(round_, task, units[2], TaskStatus.DONE, 100)
    state = _state(plan, task)
    assert (state.status_label, state.assessment.level) == ("已完成", "green")
    assert "牵头单位" not in state.assessment.reason  # they agree: nothing to explain


def test_a_cooperating_units_report_does_not_finish_a_led_task(plan, round_):
    task = TaskFactory(document=plan)
    lead, helper = UnitFactory(), UnitFactory()
    _report(round_, task, lead, TaskStatus.IN_PROGRESS, 30, minutes_ago=5)
    TaskReportFactory(
        round=round_,
        task=task,
        unit=helper,
        role="cooperating",
        status=TaskStatus.DONE,
        percent=100,
        state=ReportState.SUBMITTED,
        submitted_at=clock.now(),
    )
    state = _state(plan, task)
    assert (state.status_label, state.percent) == ("推进中", 30)


def test_done_but_red_says_why(plan, round_):
    # given an indicator whose deadline passed far short of its target, on a task reported 已完成
    deadline = round_.period_end
    indicator = IndicatorFactory(plan=plan, deadline=deadline, baseline_value=Decimal(0))
    IndicatorValueFactory(indicator=indicator, round=round_, value=Decimal("1.0"))
    _report(round_, indicator.task, indicator.reporting_unit, TaskStatus.DONE, 100)

    state = _state(plan, indicator.task)

    assert state.status_label == "已完成" and state.assessment.level == "red"
    assert state.assessment.reason.startswith("进展报告为“已完成”，但仍判为严重：")
    assert f"指标“{indicator.name}”" in state.assessment.reason


def _docx_counts(body: bytes) -> dict[str, int]:
    text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    found = re.search(r"进展正常(\d+)项，预警(\d+)项，严重滞后(\d+)项，暂无法判断(\d+)项", text)
    return dict(zip(("green", "yellow", "red", "grey"), map(int, found.groups()), strict=True))


def test_the_round_report_counts_equal_the_dashboard_counts_on_the_same_day(plan, round_, client_for):
    # given tasks at several levels, one of them with three lead units one of which says 已完成
    many = TaskFactory(document=plan)
    for n, (status, percent) in enumerate(
        [(TaskStatus.IN_PROGRESS, 10), (TaskStatus.IN_PROGRESS, 80), (TaskStatus.DONE, 100)]
    ):
        _report(round_, many, UnitFactory(), status, percent, minutes_ago=10 - n)
    late = TaskFactory(document=plan)
    _report(round_, late, UnitFactory(), TaskStatus.DELAYED, 20)
    done = TaskFactory(document=plan)
    _report(round_, done, UnitFactory(), TaskStatus.DONE, 100)
    TaskFactory(document=plan)  # never reported
    office = UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)
    client = client_for(office)

    # when the dashboard, the round's report, the ledger and the command line's JSON are read today
    dashboard = client.get(f"/supervision/plans/{plan.pk}/")
    report = client.get(f"/supervision/rounds/{round_.pk}/report.docx")
    as_json = monitoring.plan_status_json(plan=plan)

    # then they count the same tasks at the same levels
    shown = {k: dashboard.context["levels"].get(k, 0) for k in ("green", "yellow", "red", "grey")}
    assert _docx_counts(b"".join(report.streaming_content)) == shown
    from_json = {k: sum(t["level"] == k for t in as_json["tasks"]) for k in shown}
    assert from_json == shown == monitoring.level_counts(monitoring.plan_status(plan=plan))
    assert sum(shown.values()) == 4
