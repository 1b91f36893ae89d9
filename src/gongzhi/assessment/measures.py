"""The measures of a scheme: each reads only records the platform holds and returns, per unit,
the points lost with the record behind each loss (`Loss`).

Every measure judges the records as they stood on the run's as-of day (`ctx.as_of`: the end of
the period, or today while it runs), never the real date, so a past period scores the same
whenever it is recomputed. Each measure reads all units at once (a bounded number of queries).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from gongzhi.assessment.choices import EvidenceKind, ManualKind, Measure
from gongzhi.core.periods import Period, date_words

ZERO = Decimal("0")


@dataclass(frozen=True)
class Loss:
    points: Decimal
    kind: str  # EvidenceKind
    ref: int
    text: str
    url: str = ""


@dataclass
class Context:
    """What every measure of one run shares: the scheme, the period, the as-of day, the units."""

    scheme: object
    period: Period
    as_of: datetime.date
    units: list
    cache: dict = field(default_factory=dict)

    @cached_property
    def unit_ids(self) -> set[int]:
        return {u.pk for u in self.units}

    @cached_property
    def as_of_end(self) -> datetime.datetime:
        """The first moment after the as-of day: records stamped from then on are not counted."""
        return timezone.make_aware(
            datetime.datetime.combine(self.as_of + datetime.timedelta(days=1), datetime.time())
        )

    @cached_property
    def plan(self):
        from gongzhi.plans.models import PolicyDocument

        number = (self.scheme.applies_to or {}).get("plan")
        return PolicyDocument.objects.filter(doc_number=number).first() if number else None

    @cached_property
    def window_end(self) -> datetime.date:
        return min(self.period.end, self.as_of)


def _dec(value, default: str = "0") -> Decimal:
    try:
        return Decimal(str(value if value is not None else default))
    except ArithmeticError:
        return Decimal(default)


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


# --- data sharing: timeliness, completeness, accuracy ------------------------------------------


def quality(ctx: Context) -> dict[int, object]:
    """unit id -> the exchange's `UnitQuality` of the period (late, missing, rejected, findings),
    judged on the as-of day. A submission sent after the as-of day is not counted: its period
    is missing on that day, whenever the run is recomputed."""
    if "quality" in ctx.cache:
        return ctx.cache["quality"]
    from gongzhi.exchange.selectors import MissingItem, quality_problems

    out = {}
    for q in quality_problems(start=ctx.period.start, end=ctx.window_end, today=ctx.as_of, units=ctx.units):
        late = []
        for item in q.late:
            if item.submitted > ctx.as_of:
                q.missing.append(
                    MissingItem(
                        dataset_id=item.dataset_id,
                        dataset=item.dataset,
                        period=item.period,
                        period_label=item.period_label,
                        due=item.due,
                        overdue_days=(ctx.as_of - item.due).days,
                        text=f"{item.dataset}{item.period_label}数据逾期未报送（应于{date_words(item.due)}前报送）",
                        dataset_code=item.dataset_code,
                    )
                )
            else:
                late.append(item)
        q.late = late
        out[q.unit.pk] = q
    ctx.cache["quality"] = out
    return out


def _submission_url(pk: int) -> str:
    return reverse("exchange:submission_detail", args=[pk])


def _dataset_url(code: str) -> str:
    return reverse("exchange:dataset_detail", args=[code]) if code else ""


def timeliness(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    """Submissions sent after their due day (逾期报送)."""
    per_late = _dec(params.get("per_late"), "1")
    return {
        unit_id: [
            Loss(per_late, EvidenceKind.SUBMISSION, i.submission_id, i.text, _submission_url(i.submission_id))
            for i in q.late
        ]
        for unit_id, q in quality(ctx).items()
    }


def completeness(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    """Required dataset-periods not sent by the as-of day, and sent rows missing required fields."""
    per_missing = _dec(params.get("per_missing"), "2")
    per_incomplete = _dec(params.get("per_incomplete"), "1")
    out = {}
    for unit_id, q in quality(ctx).items():
        losses = [
            Loss(per_missing, EvidenceKind.DATASET_PERIOD, i.dataset_id, i.text, _dataset_url(i.dataset_code))
            for i in sorted(q.missing, key=lambda i: (i.dataset, i.period))
        ]
        losses += [
            Loss(
                per_incomplete,
                EvidenceKind.SUBMISSION,
                i.submission_id,
                i.text,
                _submission_url(i.submission_id),
            )
            for i in q.findings
            if i.kind == "completeness"
        ]
        out[unit_id] = losses
    return out


def accuracy(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    """Sent data with rejected rows below the accuracy threshold, and quality findings (credit
    codes the registry does not know)."""
    per_finding = _dec(params.get("per_finding"), "1")
    threshold = float(params.get("threshold", 0.95))
    out = {}
    for unit_id, q in quality(ctx).items():
        losses = [
            Loss(
                per_finding,
                EvidenceKind.SUBMISSION,
                i.submission_id,
                i.text,
                _submission_url(i.submission_id),
            )
            for i in q.rejected
            if i.accuracy < threshold
        ]
        losses += [
            Loss(per_finding, EvidenceKind.FINDING, i.submission_id, i.text, _submission_url(i.submission_id))
            for i in q.findings
            if i.kind != "completeness"
        ]
        out[unit_id] = losses
    return out


# --- tax-risk leads ---------------------------------------------------------------------------


def leads(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    """Leads dispatched to the unit whose deadline fell in the period: not verified (confirmed or
    dismissed) by the deadline, or closed without the verification written down (反馈)."""
    from gongzhi.taxrisk.selectors import lead_deadlines

    per_overdue = _dec(params.get("per_overdue"), "2")
    per_no_feedback = _dec(params.get("per_no_feedback"), "1")
    out = defaultdict(list)
    for d in lead_deadlines(units=ctx.unit_ids, start=ctx.period.start, end=ctx.window_end, as_of=ctx.as_of):
        lead = d.lead
        name = lead.taxpayer_name or lead.uscc or lead.person
        url = reverse("taxrisk:lead_detail", args=[lead.pk])
        label = f"第{lead.pk}号疑点（{lead.rule.code} {name}）"
        if d.overdue:
            late = f"{date_words(d.closed_on)}才办结" if d.closed_on else "逾期未办结"
            text = f"{label}核实期限{date_words(lead.deadline)}，{late}"
            out[lead.assignee_unit_id].append(Loss(per_overdue, EvidenceKind.LEAD, lead.pk, text, url))
        elif d.without_feedback:
            out[lead.assignee_unit_id].append(
                Loss(per_no_feedback, EvidenceKind.LEAD, lead.pk, f"{label}已办结，未反馈核实情况", url)
            )
    return out


# --- plan tasks: reports, warning levels, supervision orders ------------------------------------


def _lead_units(ctx: Context) -> dict[int, list]:
    """task id -> the unit ids among the assessed units that lead it (in the scheme's plan)."""
    if "lead_units" in ctx.cache:
        return ctx.cache["lead_units"]
    from gongzhi.plans.choices import ResponsibilityRole
    from gongzhi.plans.models import Responsibility

    out: dict[int, list] = defaultdict(list)
    if ctx.plan is not None:
        for task_id, unit_id in Responsibility.objects.filter(
            task__document=ctx.plan,
            task__active=True,
            role=ResponsibilityRole.LEAD,
            unit_id__in=ctx.unit_ids,
        ).values_list("task_id", "unit_id"):
            out[task_id].append(unit_id)
    ctx.cache["lead_units"] = out
    return out


def task_reports(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    """The unit's progress reports, as lead unit, of the rounds due in the period: late or missing."""
    from gongzhi.plans.models import PlanNode
    from gongzhi.supervision.choices import ReportState
    from gongzhi.supervision.models import ReportingRound, TaskReport

    per_late = _dec(params.get("per_late"), "0.5")
    per_missing = _dec(params.get("per_missing"), "1")
    out = defaultdict(list)
    leads_of = _lead_units(ctx)
    if ctx.plan is None or not leads_of:
        return out
    rounds = list(
        ReportingRound.objects.filter(
            plan=ctx.plan, due_date__gte=ctx.period.start, due_date__lte=ctx.window_end
        ).order_by("due_date", "pk")
    )
    if not rounds:
        return out
    reports = {}
    for report in TaskReport.objects.filter(
        round__in=rounds,
        task_id__in=list(leads_of),
        state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED],
        submitted_at__lt=ctx.as_of_end,
    ).only("pk", "round_id", "task_id", "unit_id", "submitted_at"):
        reports[(report.round_id, report.task_id, report.unit_id)] = report
    tasks = {
        t.pk: t for t in PlanNode.objects.filter(pk__in=list(leads_of)).only("pk", "number", "title", "label")
    }
    for round_ in rounds:
        if round_.due_date >= ctx.as_of:
            continue
        for task_id in sorted(leads_of, key=lambda pk: tasks[pk].pk):
            task = tasks[task_id]
            name = f"{task.number}{task.display_title}"
            for unit_id in leads_of[task_id]:
                report = reports.get((round_.pk, task_id, unit_id))
                if report is None:
                    out[unit_id].append(
                        Loss(
                            per_missing,
                            EvidenceKind.TASK,
                            task_id,
                            f"任务“{name}”{round_.period_label}进展报告未报送（应于{date_words(round_.due_date)}前）",
                            reverse("supervision:task_monitor", args=[task_id]),
                        )
                    )
                elif _local_day(report.submitted_at) > round_.due_date:
                    days = (_local_day(report.submitted_at) - round_.due_date).days
                    out[unit_id].append(
                        Loss(
                            per_late,
                            EvidenceKind.REPORT,
                            report.pk,
                            f"任务“{name}”{round_.period_label}进展报告逾期{days}天报送",
                            reverse("supervision:report_detail", args=[report.pk]),
                        )
                    )
    return out


def task_warnings(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    """The unit's tasks, as lead unit, at red or yellow on the as-of day (supervision.monitoring)."""
    from gongzhi.supervision.monitoring import plan_status

    per_red = _dec(params.get("per_red"), "3")
    per_yellow = _dec(params.get("per_yellow"), "1")
    out = defaultdict(list)
    leads_of = _lead_units(ctx)
    if ctx.plan is None or not leads_of:
        return out
    for state in plan_status(plan=ctx.plan, as_of=ctx.as_of, task_ids=list(leads_of)):
        level = state.assessment.level
        if level not in ("red", "yellow"):
            continue
        word = "严重（红色）" if level == "red" else "预警（黄色）"
        for unit_id in leads_of.get(state.task.pk, []):
            out[unit_id].append(
                Loss(
                    per_red if level == "red" else per_yellow,
                    EvidenceKind.TASK,
                    state.task.pk,
                    f"任务“{state.task.number}{state.task.display_title}”{word}：{state.assessment.reason}"[
                        :400
                    ],
                    reverse("supervision:task_monitor", args=[state.task.pk]),
                )
            )
    return out


def orders(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    """Supervision orders to the unit due in the period and not answered by their deadline."""
    from gongzhi.supervision.models import SupervisionOrder

    per_overdue = _dec(params.get("per_overdue"), "2")
    out = defaultdict(list)
    query = SupervisionOrder.objects.filter(
        unit_id__in=ctx.unit_ids,
        deadline__gte=ctx.period.start,
        deadline__lt=ctx.as_of,
        deadline__lte=ctx.window_end,
        created_at__lt=ctx.as_of_end,
    )
    if ctx.plan is not None:
        query = query.filter(plan=ctx.plan)
    for order in query.order_by("deadline", "pk"):
        answered = order.answered_at if order.answered_at and order.answered_at < ctx.as_of_end else None
        if answered is not None and _local_day(answered) <= order.deadline:
            continue
        words = f"{date_words(_local_day(answered))}才答复" if answered else "逾期未答复"
        out[order.unit_id].append(
            Loss(
                per_overdue,
                EvidenceKind.ORDER,
                order.pk,
                f"督办单{order.number}办理期限{date_words(order.deadline)}，{words}",
                reverse("supervision:order_detail", args=[order.pk]),
            )
        )
    return out


# --- recorded by the office -------------------------------------------------------------------


def _manual(ctx: Context, kind: str) -> dict[int, list[Loss]]:
    from gongzhi.assessment.models import ManualItem

    out = defaultdict(list)
    for item in ManualItem.objects.filter(
        scheme=ctx.scheme,
        period=ctx.period.text,
        kind=kind,
        unit_id__in=ctx.unit_ids,
        created_at__lt=ctx.as_of_end,
    ).order_by("day", "pk"):
        out[item.unit_id].append(
            Loss(
                item.points if kind == ManualKind.DEDUCTION else ZERO,
                EvidenceKind.MANUAL,
                item.pk,
                f"{item.get_kind_display()}：{item.reason}（{date_words(item.day)}）"[:400],
                reverse("assessment:manual_detail", args=[item.pk]),
            )
        )
    return out


def deductions(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    return _manual(ctx, ManualKind.DEDUCTION)


def veto(ctx: Context, params: dict) -> dict[int, list[Loss]]:
    return _manual(ctx, ManualKind.VETO)


MEASURES: dict[str, Callable[[Context, dict], dict[int, list[Loss]]]] = {
    Measure.TIMELINESS: timeliness,
    Measure.COMPLETENESS: completeness,
    Measure.ACCURACY: accuracy,
    Measure.LEADS: leads,
    Measure.TASK_REPORTS: task_reports,
    Measure.TASK_WARNINGS: task_warnings,
    Measure.ORDERS: orders,
    Measure.DEDUCTIONS: deductions,
    Measure.VETO: veto,
}
