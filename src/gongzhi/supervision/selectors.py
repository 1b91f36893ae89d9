from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gongzhi.core import clock
from gongzhi.core.permissions import access_or_404
from gongzhi.plans.selectors import plan_list
from gongzhi.supervision.choices import OrderState, ReportState, RoundState
from gongzhi.supervision.models import (
    Evidence,
    Indicator,
    IndicatorValue,
    ReportingRound,
    SupervisionOrder,
    TaskReport,
)


def round_list(*, user, plan) -> QuerySet[ReportingRound]:
    return (
        ReportingRound.objects.filter(plan=plan)
        .annotate(
            total=Count("reports"),
            submitted=Count(
                "reports", filter=Q(reports__state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED])
            ),
            accepted=Count("reports", filter=Q(reports__state=ReportState.ACCEPTED)),
        )
        .order_by("-period_end")
    )


def round_get(*, user, pk) -> ReportingRound:
    return access_or_404(
        ReportingRound.objects.filter(plan__in=plan_list(user=user).values("pk")).select_related(
            "plan", "plan__office_unit"
        ),
        pk,
    )


def report_list(*, user, round_) -> QuerySet[TaskReport]:
    return (
        TaskReport.objects.visible_to(user)
        .filter(round=round_)
        .select_related("task", "unit")
        .order_by("task__order", "role", "unit__name")
    )


def report_get(*, user, pk) -> TaskReport:
    return access_or_404(
        TaskReport.objects.visible_to(user).select_related(
            "round", "round__plan", "task", "unit", "submitted_by", "reviewed_by"
        ),
        pk,
    )


def todo_reports(*, user) -> QuerySet[TaskReport]:
    """The user's unit's reports in open rounds, the ones still to write first."""
    if user.unit_id is None:
        return TaskReport.objects.none()
    return (
        TaskReport.objects.filter(unit_id=user.unit_id, round__state=RoundState.OPEN)
        .select_related("round", "round__plan", "task")
        .order_by("round__due_date", "state", "task__order")
    )


def late_reports(*, round_, today=None) -> QuerySet[TaskReport]:
    """Reports not submitted: late once the due date has passed (missing), at risk before."""
    today = today or clock.today()
    qs = round_.reports.filter(state__in=[ReportState.DRAFT, ReportState.RETURNED]).select_related(
        "task", "unit"
    )
    return qs if today > round_.due_date else qs.none()


def indicator_list(*, user, plan) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(plan=plan, active=True)
        .select_related("task", "reporting_unit")
        .order_by("order")
    )


def indicator_get(*, user, pk) -> Indicator:
    return access_or_404(
        Indicator.objects.filter(plan__in=plan_list(user=user).values("pk")).select_related(
            "plan", "task", "reporting_unit"
        ),
        pk,
    )


def indicator_values(*, user, indicator: Indicator) -> QuerySet[IndicatorValue]:
    """An indicator's values as the user may read them: every unit's submitted and accepted values,
    and the drafts (and returned values) of the user's own unit only, for the plan office too."""
    visible = Q(state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED])
    if getattr(user, "unit_id", None) is not None:
        visible |= Q(unit_id=user.unit_id)
    return (
        indicator.values.filter(visible)
        .select_related("unit", "round")
        .order_by("-period_end", "-reported_at")
    )


def order_list(*, user) -> QuerySet[SupervisionOrder]:
    orders = SupervisionOrder.objects.select_related("plan", "unit", "task", "issued_by")
    if user.has_capability("supervision.view_all"):
        return orders.filter(plan__in=plan_list(user=user).values("pk"))
    return orders.filter(unit_id=user.unit_id)


def order_get(*, user, pk) -> SupervisionOrder:
    return access_or_404(order_list(user=user), pk)


def overdue_orders(*, user, today=None) -> QuerySet[SupervisionOrder]:
    today = today or clock.today()
    return order_list(user=user).filter(
        state__in=[OrderState.ISSUED, OrderState.ESCALATED], deadline__lt=today
    )


# Where an evidence file hangs, as the plan it belongs to (one of these is set when attached).
_EVIDENCE_PLAN = (
    "report__round__plan_id",
    "value__indicator__plan_id",
    "order__plan_id",
    "rectification__finding__inspection__plan_id",
    "inspection__plan_id",
    "case__plan_id",
)


def evidence_get(*, user, pk) -> Evidence:
    """Evidence is readable where the thing it belongs to is: never outside the plans the user
    may read (an evaluator: its assigned plans), then by `supervision.view_all`, by its unit, or
    through the report or order it is attached to. Missing and hidden answer the same 404."""
    evidence = access_or_404(Evidence.objects.select_related("report", "value", "order"), pk)
    plan_ids = {
        p for p in Evidence.objects.filter(pk=evidence.pk).values_list(*_EVIDENCE_PLAN).get() if p is not None
    }
    readable = set(plan_list(user=user).filter(pk__in=plan_ids).values_list("pk", flat=True))
    if plan_ids - readable:
        raise Http404("页面不存在或无权访问")
    if user.has_capability("supervision.view_all") or evidence.unit_id == user.unit_id:
        return evidence
    if evidence.report_id and TaskReport.objects.visible_to(user).filter(pk=evidence.report_id).exists():
        return evidence
    if evidence.order_id and order_list(user=user).filter(pk=evidence.order_id).exists():
        return evidence
    raise Http404("页面不存在或无权访问")
