"""Early warning over the stored data: builds the pure engine's inputs from the database and
gives every indicator and task a level with its reason (`plan_status`)."""

import datetime
import json
import logging
from collections import Counter
from dataclasses import dataclass, field, fields, is_dataclass, replace
from decimal import Decimal

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Prefetch, Subquery, Sum
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.labels import level_unit
from gongzhi.plans.choices import ResponsibilityRole
from gongzhi.plans.models import PlanNode, PolicyDocument, Responsibility
from gongzhi.supervision import warning as engine
from gongzhi.supervision.choices import IndicatorKind, ReportState, TaskStatus
from gongzhi.supervision.models import (
    Indicator,
    IndicatorValue,
    PlanDataVersion,
    PlanStatusSnapshot,
    TaskFunding,
    TaskReport,
)
from gongzhi.supervision.services import monitoring_settings

logger = logging.getLogger(__name__)

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


_ADVANCE = {TaskStatus.DELAYED: 0, TaskStatus.NOT_STARTED: 1, TaskStatus.IN_PROGRESS: 2, TaskStatus.DONE: 3}


def _advance(report: TaskReport) -> tuple:
    """How far a report says the task is: status first (滞后 < 未启动 < 推进中 < 已完成), then the
    percent; of two equally advanced reports the later one stands (the day it got there)."""
    percent = (
        report.percent if report.percent is not None else (100 if report.status == TaskStatus.DONE else 0)
    )
    return (
        _ADVANCE.get(report.status, 1),
        percent,
        -report.round.period_end.toordinal(),
        -report.submitted_at.timestamp(),
    )


def _report_words(report: TaskReport) -> str:
    words = f"“{report.get_status_display()}"
    if report.percent is not None:
        words += f"，完成{report.percent}%"
    return words + "”"


def _leads_report(
    reports: dict[int, TaskReport], lead_units: dict[int, str]
) -> tuple[TaskReport | None, str]:
    """The report that stands for a task (each unit's latest in ``reports``), and a note on the
    lead units when they disagree.

    A task is only as far as its least-advanced lead unit: with several lead units the least
    advanced of their latest reports counts, and while one of them has not reported at all the
    task has no report (it is not 已完成 until every lead unit reports it so). When no lead unit
    has reported, the latest report of any unit counts."""
    if not lead_units:  # lead units taken from the reports themselves (a task without a division)
        lead_units = {unit: r.unit.name for unit, r in reports.items() if r.role == ResponsibilityRole.LEAD}
    leads = {unit: r for unit, r in reports.items() if unit in lead_units}
    if not leads:
        latest = max(reports.values(), key=lambda r: (r.round.period_end, r.submitted_at), default=None)
        return latest, ""
    least = min(leads.values(), key=_advance)
    if len(lead_units) == 1:
        return least, ""
    missing = [name for unit, name in lead_units.items() if unit not in leads]
    if not missing and len({(r.status, r.percent) for r in leads.values()}) == 1:
        return least, ""
    said = [f"{lead_units[unit]}{_report_words(r)}" for unit, r in leads.items()]
    said += [f"{name}尚未报送进展报告" for name in missing]
    note = f"本任务有{len(lead_units)}家牵头单位，按进展最慢的单位判断：{'；'.join(said)}。"
    return (None if missing else least), note


def _explain(assessment: engine.TaskAssessment, status: str, note: str) -> engine.TaskAssessment:
    """Say why a task reported 已完成 is still yellow or red, and how the lead units stand."""
    reason = assessment.reason
    if status == TaskStatus.DONE and assessment.level in (engine.RED, engine.YELLOW):
        label = "严重" if assessment.level == engine.RED else "预警"
        reason = f"进展报告为“已完成”，但仍判为{label}：{reason}"
    if note:
        reason += note
    if reason == assessment.reason:
        return assessment
    return replace(assessment, reason=reason)


def _compute(*, plan: PolicyDocument, as_of: datetime.date) -> list[TaskState]:
    """Every active task of the plan with its level and reason on ``as_of``: THE rule, used by
    the dashboard, the task page, the exports, the command line and the API alike."""
    thresholds = thresholds_for(plan)
    start = monitoring_settings(plan).start
    tasks = plan.nodes.tasks().current().order_by("order")
    indicators = (
        Indicator.objects.filter(plan=plan, active=True)
        .select_related("reporting_unit")
        .prefetch_related(
            "per_units",
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(state__in=COUNTED)
                .select_related("unit")
                .order_by("period_end", "reported_at", "pk"),
                to_attr="counted",
            ),
        )
    )
    by_task: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_task.setdefault(indicator.task_id, []).append(indicator)
    lead_units: dict[int, dict[int, str]] = {}
    for task_id, unit_id, name in Responsibility.objects.filter(
        task__document=plan, task__active=True, role=ResponsibilityRole.LEAD
    ).values_list("task_id", "unit_id", "unit__name"):
        lead_units.setdefault(task_id, {})[unit_id] = name
    reports: dict[int, dict[int, TaskReport]] = {}
    as_of_end = timezone.make_aware(
        datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time())
    )
    for report in (
        TaskReport.objects.filter(
            round__plan=plan, state__in=COUNTED, submitted_at__lt=as_of_end, round__period_end__lte=as_of
        )
        .select_related("round", "unit")
        .order_by("round__period_end", "submitted_at")
    ):
        reports.setdefault(report.task_id, {})[report.unit_id] = report  # each unit's latest
    current_round = plan.rounds.filter(period_start__lte=as_of).order_by("-period_end").first()
    spent = {task_id: totals["spent"] for task_id, totals in funding_totals(plan=plan).items()}
    states = []
    for task in tasks:
        statuses = [
            assess_indicator(i, i.counted, start=start, as_of=as_of, thresholds=thresholds)
            for i in by_task.get(task.pk, [])
        ]
        report, note = _leads_report(reports.get(task.pk, {}), lead_units.get(task.pk, {}))
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
            spent=float(spent[task.pk]) if task.pk in spent else None,
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
                assessment=_explain(assessment, report.status if report else "", note),
                indicators=statuses,
            )
        )
    return states


# --- the stored status ---------------------------------------------------------------------------

_DATE, _DATETIME = "$d", "$t"


def _encode(value):
    if is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, datetime.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _decode_hook(value: dict):
    if _DATE in value:
        return datetime.date.fromisoformat(value[_DATE])
    if _DATETIME in value:
        return datetime.datetime.fromisoformat(value[_DATETIME])
    return value


def _indicator_assessment(data: dict | None) -> engine.IndicatorAssessment | None:
    if data is None:
        return None
    projection = data.pop("projection")
    return engine.IndicatorAssessment(
        **{
            **data,
            "codes": tuple(data["codes"]),
            "units": tuple(_indicator_assessment(u) for u in data["units"]),
            "projection": engine.Projection(**projection) if projection else None,
        }
    )


def _encode_states(states: list[TaskState]) -> str:
    return json.dumps(
        [
            {
                "task": s.task.pk,
                "status": s.status,
                "status_label": s.status_label,
                "percent": s.percent,
                "assessment": _encode(s.assessment),
                "indicators": [
                    {
                        "indicator": i.indicator.pk,
                        "assessment": _encode(i.assessment),
                        "observations": _encode(i.observations),
                        "problem": i.problem,
                    }
                    for i in s.indicators
                ],
            }
            for s in states
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _decode_states(plan: PolicyDocument, text: str, task_ids: list[int] | None) -> list[TaskState] | None:
    rows = json.loads(text, object_hook=_decode_hook)
    if task_ids is not None:
        wanted = set(task_ids)
        rows = [row for row in rows if row["task"] in wanted]
    tasks = PlanNode.objects.in_bulk([row["task"] for row in rows])
    indicator_ids = [i["indicator"] for row in rows for i in row["indicators"]]
    indicators = (
        Indicator.objects.select_related("reporting_unit").in_bulk(indicator_ids) if indicator_ids else {}
    )
    if len(tasks) != len(rows) or len(indicators) != len(indicator_ids):
        return None  # a row went away without a version bump: recompute
    states = []
    for row in rows:
        assessment = row["assessment"]
        states.append(
            TaskState(
                task=tasks[row["task"]],
                status=row["status"],
                status_label=row["status_label"],
                percent=row["percent"],
                assessment=engine.TaskAssessment(
                    **{**assessment, "parts": tuple(engine.TaskPart(**p) for p in assessment["parts"])}
                ),
                indicators=[
                    IndicatorStatus(
                        indicator=indicators[i["indicator"]],
                        assessment=_indicator_assessment(i["assessment"]),
                        observations=[engine.Observation(**o) for o in i["observations"]],
                        problem=i["problem"],
                    )
                    for i in row["indicators"]
                ],
            )
        )
    return states


def _version(plan: PolicyDocument) -> int:
    row, _created = PlanDataVersion.objects.get_or_create(plan=plan)
    return row.version


def _store(plan: PolicyDocument, as_of: datetime.date, version: int, states: list[TaskState]) -> None:
    """Keep the result for the next reader; a failure to store (another writer holding the
    database, a concurrent insert) costs only the next reader a recomputation."""
    values = {"version": version, "data": _encode_states(states), "computed_at": clock.now()}
    try:
        with transaction.atomic():
            updated = PlanStatusSnapshot.objects.filter(plan=plan, as_of=as_of, version__lte=version).update(
                **values
            )
            if not updated and not PlanStatusSnapshot.objects.filter(plan=plan, as_of=as_of).exists():
                PlanStatusSnapshot.objects.create(plan=plan, as_of=as_of, **values)
    except (IntegrityError, OperationalError):
        logger.warning("plan status of plan %s on %s not stored", plan.pk, as_of, exc_info=True)


def plan_status(
    *, plan: PolicyDocument, as_of: datetime.date | None = None, task_ids: list[int] | None = None
) -> list[TaskState]:
    """Every active task of the plan with its level and reason on ``as_of`` (default today), and
    its indicators' (only the tasks in ``task_ids`` when given).

    The result is stored per plan and day with the plan's data version (PlanStatusSnapshot) and
    read back while that version is current, so a page never shows a stale level: any change to
    what the levels are computed from bumps the version (supervision.freshness). A day in the
    future is computed and not stored."""
    today = clock.today()
    as_of = as_of or today
    current = PlanDataVersion.objects.filter(plan=plan).values("version")[:1]
    snapshot = (  # one statement reads the version and the snapshot together
        PlanStatusSnapshot.objects.filter(plan=plan, as_of=as_of, version=Subquery(current))
        .values_list("data", flat=True)
        .first()
    )
    if snapshot is not None:
        states = _decode_states(plan, snapshot, task_ids)
        if states is not None:
            return states
    monitoring_settings(plan)  # created on first use: before the version is read
    version = _version(plan)
    states = _compute(plan=plan, as_of=as_of)
    if as_of <= today:
        _store(plan, as_of, version, states)
    if task_ids is not None:
        wanted = set(task_ids)
        states = [s for s in states if s.task.pk in wanted]
    return states


def data_version(plan: PolicyDocument) -> int:
    """The plan's data version: anything cached from its data is current while this is unchanged
    (read it before reading the data)."""
    return PlanDataVersion.objects.filter(plan=plan).values_list("version", flat=True).first() or 0


def plan_status_refresh_all(*, today: datetime.date | None = None) -> int:
    """Compute today's status of every plan that has none (run daily by `gongzhi remind`, after
    midnight every stored status is of yesterday); drop stored days older than a month."""
    today = today or clock.today()
    PlanStatusSnapshot.objects.filter(as_of__lt=today - datetime.timedelta(days=31)).delete()
    count = 0
    for plan in PolicyDocument.objects.all():
        plan_status(plan=plan, as_of=today)
        count += 1
    return count


def level_counts(states: list[TaskState]) -> dict[str, int]:
    """How many tasks are at each level (green, yellow, red, grey), for every summary alike."""
    counts = Counter(s.assessment.level for s in states)
    return {level: counts.get(level, 0) for level in (engine.GREEN, engine.YELLOW, engine.RED, engine.GREY)}


def funding_totals(*, plan: PolicyDocument) -> dict[int, dict[str, Decimal]]:
    """Each task's recorded funding, every year, project, source and mode summed (yuan); only
    tasks with funding recorded appear."""
    rows = (
        TaskFunding.objects.filter(plan=plan)
        .values("task_id")
        .annotate(planned=Sum("planned"), allocated=Sum("allocated"), spent=Sum("spent"))
        .order_by()
    )
    return {
        row["task_id"]: {key: row[key] or Decimal(0) for key in ("planned", "allocated", "spent")}
        for row in rows
    }


def plan_status_json(*, plan: PolicyDocument, as_of: datetime.date | None = None) -> dict:
    """The shape of `gongzhi plan status DOC_NUMBER --json`: a task with funding recorded also
    has ``"funding": {"planned", "allocated", "spent"}`` (yuan, all years summed)."""

    def number(value):
        return None if value is None else round(float(value), 4)

    funding = funding_totals(plan=plan)

    def with_funding(task_id: int, row: dict) -> dict:
        if task_id in funding:
            row["funding"] = {key: float(value) for key, value in funding[task_id].items()}
        return row

    return {
        "plan": plan.title,
        "doc_number": plan.doc_number,
        "as_of": str(as_of or clock.today()),
        "tasks": [
            with_funding(
                s.task.pk,
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
                },
            )
            for s in plan_status(plan=plan, as_of=as_of)
        ],
    }
