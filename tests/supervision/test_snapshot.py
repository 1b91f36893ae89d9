"""The stored plan status (PlanStatusSnapshot): read back while the plan's data version is
current, never stale -- every change to what the levels are computed from bumps the version in
the same transaction -- recomputed in the background after a change and each new day.

Built with factories (synthetic units and plan)."""

import datetime
from decimal import Decimal

import pytest
from factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PolicyDocumentFactory,
    ReportingRoundFactory,
    ResponsibilityFactory,
    TaskFactory,
    TaskReportFactory,
    UnitFactory,
)

from gongzhi.core import clock
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import freshness, monitoring
from gongzhi.supervision.choices import ReportState, TaskStatus
from gongzhi.supervision.models import MonitoringSettings, PlanDataVersion, PlanStatusSnapshot
from gongzhi.supervision.tasks import plan_status_refresh_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PolicyDocumentFactory(end_year=clock.today().year + 2)
    MonitoringSettings.objects.create(plan=plan, start=clock.today() - datetime.timedelta(days=400))
    return plan


@pytest.fixture
def world(plan):
    """A round, a task reported by its lead unit, and an indicator with one value."""
    round_ = ReportingRoundFactory(plan=plan)
    report = TaskReportFactory(
        round=round_,
        status=TaskStatus.IN_PROGRESS,
        percent=60,
        state=ReportState.SUBMITTED,
        submitted_at=clock.now(),
    )
    indicator = IndicatorFactory(
        plan=plan,
        task=report.task,
        reporting_unit=report.unit,
        deadline=clock.today() + datetime.timedelta(days=700),
    )
    value = IndicatorValueFactory(indicator=indicator, round=round_, value=Decimal("2"))
    return {"round": round_, "report": report, "indicator": indicator, "value": value, "task": report.task}


def _plain(states):
    """What a reader sees of a plan's status, comparable across computations."""
    return [
        (
            s.task.pk,
            s.status,
            s.status_label,
            s.percent,
            s.assessment,
            [(i.indicator.pk, i.assessment, i.observations, i.problem) for i in s.indicators],
        )
        for s in states
    ]


def test_the_stored_status_reads_back_the_same_as_a_fresh_computation(plan, world):
    computed = monitoring.plan_status(plan=plan)
    assert PlanStatusSnapshot.objects.filter(plan=plan, as_of=clock.today()).count() == 1

    stored = monitoring.plan_status(plan=plan)

    assert _plain(stored) == _plain(computed) == _plain(monitoring._compute(plan=plan, as_of=clock.today()))
    assert stored[0].indicators[0].assessment is not None  # indicators travel with their assessment
    only = monitoring.plan_status(plan=plan, task_ids=[world["task"].pk])
    assert [s.task.pk for s in only] == [world["task"].pk]


def test_reading_the_stored_status_takes_a_handful_of_queries(plan, world, django_assert_max_num_queries):
    monitoring.plan_status(plan=plan)
    with django_assert_max_num_queries(6):
        monitoring.plan_status(plan=plan)


def _bump_cases():
    def report(w):
        r = w["report"]
        r.status, r.percent = TaskStatus.DELAYED, 10
        r.save()

    def new_value(w):
        IndicatorValueFactory(indicator=w["indicator"], round=w["round"], value=Decimal("0.1"))

    def value_deleted(w):
        w["value"].delete()

    def indicator(w):
        w["indicator"].target_value = Decimal("100")
        w["indicator"].save()

    def per_units(w):
        w["indicator"].per_units.add(UnitFactory())

    def round_(w):
        ReportingRoundFactory(
            plan=w["round"].plan,
            period_start=w["round"].period_end + datetime.timedelta(days=1),
            period_end=w["round"].period_end + datetime.timedelta(days=1),
            due_date=clock.today() - datetime.timedelta(days=1),
        )

    def settings(w):
        s = MonitoringSettings.objects.get(plan=w["round"].plan)
        s.thresholds = {"yellow_gap": 0.0, "red_gap": 0.0}
        s.save()

    def task(w):
        TaskFactory(document=w["round"].plan)

    def task_retired(w):
        w["task"].active = False
        w["task"].save()

    def lead_unit(w):
        ResponsibilityFactory(task=w["task"], unit=UnitFactory())

    def unit_renamed(w):
        unit = w["report"].unit
        unit.name = f"{unit.name}（改名）"
        unit.save()

    def plan(w):
        p = w["round"].plan
        p.end_year = clock.today().year - 1
        p.save()

    return [report, new_value, value_deleted, indicator, per_units, round_, settings, task, task_retired]


@pytest.mark.parametrize("change", _bump_cases(), ids=lambda f: f.__name__)
def test_every_change_the_levels_depend_on_makes_the_stored_status_stale(plan, world, change):
    # given a stored status
    monitoring.plan_status(plan=plan)
    version = PlanDataVersion.objects.get(plan=plan).version

    # when something it was computed from changes
    change(world)

    # then the version moved, and the next read is a fresh computation, not the stored one
    assert PlanDataVersion.objects.get(plan=plan).version > version
    assert _plain(monitoring.plan_status(plan=plan)) == _plain(
        monitoring._compute(plan=plan, as_of=clock.today())
    )


def test_a_new_lead_unit_a_renamed_unit_and_the_plan_itself_bump_the_version(plan, world):
    for change in (
        lambda: ResponsibilityFactory(task=world["task"], unit=UnitFactory()),
        lambda: world["report"].unit.save(),
        lambda: PolicyDocument.objects.get(pk=plan.pk).save(),
    ):
        version = PlanDataVersion.objects.get(plan=plan).version
        change()
        assert PlanDataVersion.objects.get(plan=plan).version > version


def test_a_report_change_shows_at_once(plan, world):
    before = monitoring.plan_status(plan=plan)[0]
    report = world["report"]
    report.status, report.percent = TaskStatus.DELAYED, 10
    report.save()
    after = monitoring.plan_status(plan=plan)[0]
    assert (before.status_label, after.status_label) == ("推进中", "滞后")
    assert after.assessment.level == "red"


def test_another_days_status_is_stored_apart_and_a_future_day_not_at_all(plan, world):
    today = clock.today()
    monitoring.plan_status(plan=plan, as_of=today - datetime.timedelta(days=3))
    monitoring.plan_status(plan=plan, as_of=today + datetime.timedelta(days=3))
    assert set(PlanStatusSnapshot.objects.filter(plan=plan).values_list("as_of", flat=True)) == {
        today - datetime.timedelta(days=3)
    }


def test_a_change_queues_one_recomputation_after_commit(plan, world):
    from django.db import connection

    # the test's own transaction never commits: what is queued is what would run after commit
    world["report"].save()
    world["value"].save()
    world["indicator"].save()

    queued = [f for _sids, f, *_ in connection.run_on_commit if isinstance(f, freshness._Refresh)]
    assert [f.plan_id for f in queued if f.plan_id == plan.pk] == [plan.pk]


def test_the_background_job_and_the_daily_run_store_todays_status(plan, world):
    plan_status_refresh_task.call(plan_id=plan.pk)
    stored = PlanStatusSnapshot.objects.get(plan=plan, as_of=clock.today())
    assert stored.version == PlanDataVersion.objects.get(plan=plan).version

    PlanStatusSnapshot.objects.filter(plan=plan).delete()
    old = PlanStatusSnapshot.objects.create(
        plan=plan,
        as_of=clock.today() - datetime.timedelta(days=40),
        version=0,
        data="[]",
        computed_at=clock.now(),
    )
    assert monitoring.plan_status_refresh_all() >= 1
    assert PlanStatusSnapshot.objects.filter(plan=plan, as_of=clock.today()).exists()
    assert not PlanStatusSnapshot.objects.filter(pk=old.pk).exists()
    plan_status_refresh_task.call(plan_id=0)  # a plan deleted since: nothing to do


def test_gongzhi_remind_stores_each_plans_status_for_the_day(plan, world):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("remind", stdout=out)
    assert PlanStatusSnapshot.objects.filter(plan=plan, as_of=clock.today()).exists()
    assert "已更新预警结果" in out.getvalue()
    assert "已更新登记册计算的目标" in out.getvalue()  # the spaces register's counting targets


def test_retiring_indicators_in_bulk_bumps_the_version(plan, world):
    from factories import UserFactory

    from gongzhi.core.roles import Role
    from gongzhi.supervision.services import indicators_sync

    # an indicator whose target is gone is retired by a bulk update
    world["indicator"].target = None
    world["indicator"].save()
    version = PlanDataVersion.objects.get(plan=plan).version
    office = UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)
    counts = indicators_sync(actor=office, plan=plan)
    assert counts["retired"] >= 1
    assert PlanDataVersion.objects.get(plan=plan).version > version


def test_the_dashboards_cached_unit_ranking_follows_a_change(plan, world, client_for):
    from factories import UserFactory

    from gongzhi.core.roles import Role
    from gongzhi.supervision.views import _unit_ranking

    client = client_for(UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit))
    first = client.get(f"/supervision/plans/{plan.pk}/").context["ranking"]
    assert first == _unit_ranking(plan, monitoring.plan_status(plan=plan))

    report = world["report"]
    report.status, report.percent = TaskStatus.DELAYED, 10  # the task turns red: not on track
    report.save()
    second = client.get(f"/supervision/plans/{plan.pk}/").context["ranking"]
    assert second == _unit_ranking(plan, monitoring.plan_status(plan=plan)) != first
