"""Early warning over the stored data: builds the pure engine's inputs from the database and
gives every indicator and task a level with its reason (`plan_status`)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.labels import level_unit
from gongzhi.plans.models import PlanNode, PolicyDocument
from gongzhi.supervision import warning as engine
from gongzhi.supervision.choices import IndicatorKind, ReportState, TaskStatus
from gongzhi.supervision.models import Indicator, IndicatorValue, TaskReport
from gongzhi.supervision.services import monitoring_settings

STATUS_TO_ENGINE = {
    TaskStatus.NOT_STARTED: engine.NOT_STARTED,
    TaskStatus.IN_PROGRESS: engine.IN_PROGRESS,
    TaskStatus.DONE: engine.DONE,
    TaskStatus.DELAYED: engine.LAGGING,
}
COUNTED = (ReportState.SUBMITTED, ReportState.ACCEPTED)


@dataclass
class IndicatorStatus:
    indicator: Indicator
    assessment: engine.IndicatorAssessment | None
    observations: list = field(default_factory=list)
    problem: str = ""  # why it cannot be assessed (no deadline, no target)

    @property
    def level(self) -> str:
        return self.assessment.level if self.assessment else engine.GREY

    @property
    def reason(self) -> str:
        return self.assessment.reason if self.assessment else self.problem


@dataclass
class TaskState:
    task: PlanNode
    status: str  # TaskStatus value or "" when no report
    status_label: str
    percent: int | None
    assessment: engine.TaskAssessment
    indicators: list[IndicatorStatus]


def thresholds_for(plan: PolicyDocument) -> engine.Thresholds:
    overrides = monitoring_settings(plan).thresholds or {}
    known = {k: v for k, v in overrides.items() if k in engine.Thresholds.__dataclass_fields__}
    return engine.Thresholds(**known)


def spec_for(indicator: Indicator, start: datetime.date) -> engine.IndicatorSpec | None:
    if indicator.deadline is None or indicator.target_value is None:
        return None
    kind = indicator.kind
    comparator = indicator.comparator
    if kind == IndicatorKind.PER_UNIT and comparator in ("decrease_by", "increase_by"):
        comparator = ">="
    per_units = tuple(u.name for u in indicator.per_units.all()) if kind == IndicatorKind.PER_UNIT else ()
    if kind == IndicatorKind.PER_UNIT and not per_units:
        kind = IndicatorKind.LEVEL
    return engine.IndicatorSpec(
        name=indicator.name,
        kind=kind,
        comparator=comparator,
        target=float(indicator.target_value),
        value_max=float(indicator.target_value_max) if indicator.target_value_max is not None else None,
        direction=indicator.direction or None,
        baseline=float(indicator.baseline_value) if indicator.baseline_value is not None else None,
        baseline_date=indicator.baseline_date,
        start=min(start, indicator.deadline),
        reports_from=start,
        deadline=indicator.deadline,
        frequency=indicator.frequency,
        unit_of_measure=level_unit(indicator.unit_of_measure),  # a rate in 百分点 is a level in %
        per_units=per_units,
    )


def assess_indicator(
    indicator: Indicator,
    values: list[IndicatorValue],
    *,
    start: datetime.date,
    as_of: datetime.date,
    thresholds: engine.Thresholds,
) -> IndicatorStatus:
    try:
        spec = spec_for(indicator, start)
    except ValueError as exc:  # a spec the office has not completed consistently
        return IndicatorStatus(indicator, None, problem=f"指标设置不完整：{exc}")
    if spec is None:
        return IndicatorStatus(indicator, None, problem="指标没有期限或目标值，请牵头办公室补全后再判断")
    observations = [
        engine.Observation(
            period_end=v.period_end,
            value=float(v.value),
            unit=v.unit.name if spec.per_units else None,
            reported_at=timezone.localtime(v.reported_at).date() if v.reported_at else None,
        )
        for v in values
    ]
    return IndicatorStatus(
        indicator, engine.assess_indicator(spec, observations, as_of, thresholds), observations
    )


def plan_status(
    *, plan: PolicyDocument, as_of: datetime.date | None = None, task_ids: list[int] | None = None
) -> list[TaskState]:
    """Every active task of the plan with its level and reason, and its indicators'."""
    as_of = as_of or clock.today()
    thresholds = thresholds_for(plan)
    start = monitoring_settings(plan).start
    tasks = plan.nodes.tasks().current().order_by("order")
    if task_ids is not None:
        tasks = tasks.filter(pk__in=task_ids)
    indicators = (
        Indicator.objects.filter(plan=plan, active=True)
        .select_related("reporting_unit")
        .prefetch_related(
            "per_units",
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(state__in=COUNTED)
                .select_related("unit")
                .order_by("period_end", "reported_at"),
                to_attr="counted",
            ),
        )
    )
    by_task: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_task.setdefault(indicator.task_id, []).append(indicator)
    reports: dict[int, TaskReport] = {}
    as_of_end = timezone.make_aware(
        datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time())
    )
    for report in (
        TaskReport.objects.filter(
            round__plan=plan, state__in=COUNTED, submitted_at__lt=as_of_end, round__period_end__lte=as_of
        )
        .select_related("round")
        .order_by("round__period_end", "submitted_at")
    ):
        current = reports.get(report.task_id)
        if current is None or report.role == "lead" or current.role != "lead":
            reports[report.task_id] = report
    current_round = plan.rounds.filter(period_start__lte=as_of).order_by("-period_end").first()
    states = []
    for task in tasks:
        statuses = [
            assess_indicator(i, i.counted, start=start, as_of=as_of, thresholds=thresholds)
            for i in by_task.get(task.pk, [])
        ]
        report = reports.get(task.pk)
        progress = None
        if report is not None:
            progress = engine.ProgressReport(
                status=STATUS_TO_ENGINE[report.status],
                reported_at=timezone.localtime(report.submitted_at).date(),
                percent=report.percent,
            )
        deadlines = [i.deadline for i in by_task.get(task.pk, []) if i.deadline]
        due = (
            max(deadlines) if deadlines else (datetime.date(plan.end_year, 12, 31) if plan.end_year else None)
        )
        task_input = engine.TaskStatus(
            name=f"{task.number}{task.display_title}",
            report=progress,
            start=start,
            due=due,
            round_start=current_round.period_start if current_round else None,
            round_due=current_round.due_date if current_round else None,
        )
        assessment = engine.assess_task(
            task_input, as_of, thresholds, indicators=[s.assessment for s in statuses if s.assessment]
        )
        states.append(
            TaskState(
                task=task,
                status=report.status if report else "",
                status_label=report.get_status_display() if report else "未报送",
                percent=report.percent if report else None,
                assessment=assessment,
                indicators=statuses,
            )
        )
    return states


def plan_status_json(*, plan: PolicyDocument, as_of: datetime.date | None = None) -> dict:
    """The shape of `gongzhi plan status DOC_NUMBER --json`."""

    def number(value):
        return None if value is None else round(float(value), 4)

    return {
        "plan": plan.title,
        "doc_number": plan.doc_number,
        "as_of": str(as_of or clock.today()),
        "tasks": [
            {
                "number": s.task.number,
                "title": s.task.display_title,
                "status": s.status_label,
                "level": s.assessment.level,
                "reason": s.assessment.reason,
                "percent": s.percent,
                "indicators": [
                    {
                        "name": i.indicator.name,
                        "kind": i.indicator.kind,
                        "latest": number(i.assessment.latest) if i.assessment else None,
                        "expected_now": number(i.assessment.expected_now) if i.assessment else None,
                        "projected": number(i.assessment.projected) if i.assessment else None,
                        "projected_year": i.assessment.projected_year if i.assessment else None,
                        "level": i.level,
                        "reason": i.reason,
                    }
                    for i in s.indicators
                ],
            }
            for s in plan_status(plan=plan, as_of=as_of)
        ],
    }
