"""The monthly loop of the plan office: indicators, a round, a report with a value and
evidence, review, the warning it raises, an order, its answer and closing.

The loop itself, the indicators of the reference plan, the status command and the dashboard use
the demo data set (the `plan` fixture requests `demo`); the rules on reports, rounds and values
are tested on plans, tasks, indicators and users built with factories.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from factories import (
    IndicatorFactory,
    PolicyDocumentFactory,
    ReportingRoundFactory,
    TaskReportFactory,
    UserFactory,
)

from gongzhi.accounts.models import User
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import monitoring, services
from gongzhi.supervision.evidence import evidence_store
from gongzhi.supervision.models import Indicator, IndicatorValue, ReportingRound, TaskReport

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def plan(demo):
    return PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")


def _last_month_end() -> str:
    """The last day of the month before today: a period that has ended, whatever the date."""
    return str(timezone.localdate().replace(day=1) - datetime.timedelta(days=1))


@pytest.fixture
def new_round(plan, users):
    """A round for the quarter that contains today (so today is a valid 统计截止日期)."""
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    start = datetime.date(today.year, 3 * quarter - 2, 1)
    end = datetime.date(today.year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
    return services.round_open(
        actor=users["plan_office"],
        plan=plan,
        period_label=f"{today.year}年第{quarter}季度（测试）",
        period_start=start,
        period_end=end,
        due_date=today + datetime.timedelta(days=10),
    )


def test_indicators_come_from_every_target_and_milestone(plan):
    kinds = dict(plan.indicators.values_list("name", "kind"))
    assert kinds["每千人口3岁以下婴幼儿托位数"] == "level"
    assert kinds["儿童总体近视率"] == "rate"
    assert kinds["建设儿童友好街区"] == "range"
    assert kinds["配备儿童督导员"] == "per_unit"
    assert kinds["建设儿童友好出行道路"] == "cumulative"
    assert kinds["2023年实现应建尽建"] == "milestone"
    supervisors = plan.indicators.get(name="配备儿童督导员")
    assert supervisors.per_units.count() == 8 and supervisors.reporting_unit.name == "区民政局"
    assert plan.indicators.get(name="每千人口3岁以下婴幼儿托位数").deadline == datetime.date(2025, 12, 31)


def test_round_report_value_review_order_loop(plan, new_round, users, client_for):
    weijian = users["liaison"]
    report = TaskReport.objects.get(round=new_round, task__number="（5）", unit=weijian.unit)
    beds = Indicator.objects.get(plan=plan, name="每千人口3岁以下婴幼儿托位数")
    # the liaison writes a draft, then enters a value far below the target, with evidence, and submits
    services.report_save(
        actor=weijian,
        report=report,
        status="in_progress",
        percent=60,
        done_text="新增托位120个（测试）",
        problems="场地不足",
        next_steps="扩建",
    )
    services.value_save(
        actor=weijian,
        indicator=beds,
        unit=weijian.unit,
        period_end=timezone.localdate(),
        value=Decimal("2.0"),
        round_=new_round,
    )
    evidence_store(actor=weijian, unit=weijian.unit, filename="托位统计.png", data=PNG, report=report)
    services.report_submit(actor=weijian, report=report)
    report.refresh_from_db()
    assert report.state == "submitted" and report.versions.count() == 2
    value = IndicatorValue.objects.get(indicator=beds, round=new_round)
    assert value.state == "submitted"
    # a liaison of another unit sees none of it
    other = User.objects.get(username="jiaoti")
    assert client_for(other).get(f"/supervision/reports/{report.pk}/").status_code == 404
    with pytest.raises(ApplicationError):
        services.report_save(
            actor=other, report=report, status="done", percent=100, done_text="x", problems="", next_steps=""
        )
    # the office sees the report and a red warning with its reason
    state = monitoring.plan_status(plan=plan, task_ids=[report.task_id])[0]
    beds_status = next(i for i in state.indicators if i.indicator == beds)
    assert beds_status.level == "red" and beds_status.assessment.latest == 2.0
    assert "4.5" in beds_status.reason and state.assessment.level == "red"
    services.report_review(actor=users["plan_office"], report=report, accept=True)
    # an order is issued, answered and closed
    order = services.order_issue(
        actor=users["plan_office"],
        plan=plan,
        unit=weijian.unit,
        task=report.task,
        issue="托位数严重滞后（测试）",
        requirement="报送整改措施",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
        level_reason=state.assessment.reason,
    )
    assert order.number.startswith("督办〔")
    with pytest.raises(ApplicationError):
        services.order_answer(actor=other, order=order, answer="不是我的")
    services.order_answer(actor=weijian, order=order, answer="已新增托育点两处（测试）")
    services.order_close(actor=users["plan_office"], order=order, note="同意办结")
    order.refresh_from_db()
    assert order.state == "closed"
    actions = set(AuditEntry.objects.filter(at__gte=new_round.created_at).values_list("action", flat=True))
    assert {
        "round_opened",
        "report_saved",
        "value_saved",
        "evidence_added",
        "report_submitted",
        "report_accepted",
        "order_issued",
        "order_answered",
        "order_closed",
    } <= actions


def test_submitted_reports_are_frozen_until_returned():
    # given an empty report of a liaison's unit in an open round, and the plan's office
    report = TaskReportFactory(done_text="", percent=None)
    weijian = UserFactory(role=Role.LIAISON, unit=report.unit)
    office = UserFactory(role=Role.PLAN_OFFICE, unit=report.round.plan.office_unit)
    with pytest.raises(ApplicationError, match="工作进展"):
        services.report_submit(actor=weijian, report=report)
    services.report_save(
        actor=weijian,
        report=report,
        status="in_progress",
        percent=10,
        done_text="进展（测试）",
        problems="",
        next_steps="",
    )
    services.report_submit(actor=weijian, report=report)
    with pytest.raises(ApplicationError, match="已提交"):
        services.report_save(
            actor=weijian,
            report=report,
            status="done",
            percent=100,
            done_text="改",
            problems="",
            next_steps="",
        )
    with pytest.raises(ApplicationError, match="退回时请填写意见"):
        services.report_review(actor=office, report=report, accept=False)
    services.report_review(actor=office, report=report, accept=False, comment="请补充数据")
    services.report_save(
        actor=weijian,
        report=report,
        status="in_progress",
        percent=20,
        done_text="补充（测试）",
        problems="",
        next_steps="",
    )
    report.refresh_from_db()
    assert report.state == "draft" and report.versions.count() == 4  # save, submit, return, save


def test_only_the_plan_office_opens_rounds_and_issues_orders():
    plan = PolicyDocumentFactory()
    # not even a user of the office unit, without an office's role (the co-governance office runs
    # the plans whose office it is: the tax plan, the joint meetings' minutes)
    for role in (Role.LIAISON, Role.LEADER, Role.EVALUATOR):
        with pytest.raises(ApplicationError, match="牵头办公室"):
            services.round_open(
                actor=UserFactory(role=role, unit=plan.office_unit),
                plan=plan,
                period_label="x",
                period_start=datetime.date(2027, 1, 1),
                period_end=datetime.date(2027, 3, 31),
                due_date=datetime.date(2027, 4, 15),
            )
    # nor an office of another unit
    for role in (Role.PLAN_OFFICE, Role.COGOV_OFFICE):
        with pytest.raises(ApplicationError, match="牵头办公室"):
            services.round_open(
                actor=UserFactory(role=role),
                plan=plan,
                period_label="x",
                period_start=datetime.date(2027, 1, 1),
                period_end=datetime.date(2027, 3, 31),
                due_date=datetime.date(2027, 4, 15),
            )
    assert not ReportingRound.objects.filter(plan=plan).exists()
    # the co-governance office of the plan's own office unit may
    services.round_open(
        actor=UserFactory(role=Role.COGOV_OFFICE, unit=plan.office_unit),
        plan=plan,
        period_label="x",
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 3, 31),
        due_date=datetime.date(2027, 4, 15),
    )
    assert ReportingRound.objects.filter(plan=plan).count() == 1


def test_values_are_validated_like_the_form():
    # given a percentage indicator reported by one unit, an open round of its plan, and a liaison
    # of another unit
    coverage = IndicatorFactory(
        target__indicator="测试普惠性幼儿园覆盖率（测试）", target__unit_of_measure="%"
    )
    new_round = ReportingRoundFactory(plan=coverage.plan)
    weijian = UserFactory(role=Role.LIAISON)
    with pytest.raises(ApplicationError, match="不是"):
        services.value_save(
            actor=weijian,
            indicator=coverage,
            unit=weijian.unit,
            period_end=new_round.period_end,
            value=Decimal(95),
            round_=new_round,
        )
    jiaoti = UserFactory(role=Role.LIAISON, unit=coverage.reporting_unit)
    with pytest.raises(ApplicationError, match="0到100"):
        services.value_save(
            actor=jiaoti,
            indicator=coverage,
            unit=jiaoti.unit,
            period_end=new_round.period_end,
            value=Decimal(150),
            round_=new_round,
        )
    with pytest.raises(ApplicationError, match="期间"):
        services.value_save(
            actor=jiaoti,
            indicator=coverage,
            unit=jiaoti.unit,
            period_end=datetime.date(2020, 1, 1),
            value=Decimal(95),
            round_=new_round,
        )
    assert not IndicatorValue.objects.filter(indicator=coverage).exists()


def test_values_by_api_with_a_unit_token(client):
    from gongzhi.accounts.services import token_create

    # given an indicator reported by a unit, that unit's token, and an indicator of another unit
    beds = IndicatorFactory()
    coverage = IndicatorFactory(plan=beds.plan)
    _, secret = token_create(
        actor=UserFactory(role=Role.ADMIN), unit=beds.reporting_unit, name="卫健系统（测试）"
    )
    headers = {"Authorization": f"Bearer {secret}"}
    ok = client.post(
        f"/api/v1/supervision/indicators/{beds.pk}/values",
        {"period_end": _last_month_end(), "value": "4.6"},
        content_type="application/json",
        headers=headers,
    )
    assert ok.status_code == 200, ok.content
    value = IndicatorValue.objects.get(source="api", indicator=beds)
    assert ok.json()["state"] == "submitted" and value.unit == beds.reporting_unit
    bad = client.post(
        f"/api/v1/supervision/indicators/{beds.pk}/values",
        {"period_end": str(timezone.localdate() + datetime.timedelta(days=800)), "value": "1"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 400 and "将来" in bad.json()["message"]
    denied = client.post(
        f"/api/v1/supervision/indicators/{coverage.pk}/values",
        {"period_end": _last_month_end(), "value": "95"},
        content_type="application/json",
        headers=headers,
    )
    assert denied.status_code == 404
    assert not IndicatorValue.objects.filter(indicator=coverage).exists()
    assert IndicatorValue.objects.filter(indicator=beds).count() == 1
    assert AuditEntry.objects.filter(action="value_pushed", object_id=str(value.pk)).exists()


def test_plan_status_command_prints_the_contract(plan, capsys):
    call_command("plan", "status", "周政办字〔2023〕8号", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["plan"] == plan.title and len(out["tasks"]) == 41
    levels = {"green", "yellow", "red", "grey"}
    for task in out["tasks"]:
        assert {"number", "status", "level", "reason", "indicators"} <= task.keys() and task[
            "level"
        ] in levels
        for indicator in task["indicators"]:
            assert {
                "name",
                "latest",
                "expected_now",
                "projected",
                "projected_year",
                "level",
                "reason",
            } <= indicator.keys()
            assert indicator["level"] in levels and indicator["reason"]
    beds = next(
        i for t in out["tasks"] for i in t["indicators"] if i["name"] == "每千人口3岁以下婴幼儿托位数"
    )
    assert beds["level"] == "red" and isinstance(beds["latest"], float)
    # replaying a past day counts only what had been reported by then
    call_command("plan", "status", "周政办字〔2023〕8号", "--json", "--as-of", "2025-06-30")
    past = json.loads(capsys.readouterr().out)
    past_beds = next(
        i for t in past["tasks"] for i in t["indicators"] if i["name"] == "每千人口3岁以下婴幼儿托位数"
    )
    assert past_beds["latest"] < beds["latest"] and past_beds["projected_year"] is not None
    assert {t["level"] for t in past["tasks"]} >= {"yellow", "red"}


def test_dashboard_and_pages_answer(plan, users, client_for, django_assert_max_num_queries):
    client = client_for(users["leader"])
    with django_assert_max_num_queries(40):
        page = client.get(f"/supervision/plans/{plan.pk}/")
    assert page.status_code == 200 and page.context["warnings"]
    assert client.get(f"/supervision/plans/{plan.pk}/summary/").status_code == 200
    task = plan.nodes.tasks().get(number="（5）")
    detail = client.get(f"/supervision/tasks/{task.pk}/")
    assert detail.status_code == 200 and detail.context["state"].assessment.level == "red"
