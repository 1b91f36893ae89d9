"""What each role's home page shows: reads across the apps, scoped to the user.

Task levels come from `supervision.monitoring.plan_status` (the one function that decides them);
nothing here computes a level. Every list is bounded and built in a fixed number of queries per
plan (the levels) plus a fixed number overall.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.children.selectors import suggestions_due
from gongzhi.core import clock
from gongzhi.core.periods import due_date, period_of
from gongzhi.credit.repair import actions_due as repair_actions_due
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.plans.models import PolicyDocument
from gongzhi.plans.selectors import lead_unit_names, plan_list
from gongzhi.supervision.choices import OrderState, ReportState, RoundState
from gongzhi.supervision.models import PlanDataVersion, SupervisionOrder, TaskReport
from gongzhi.supervision.monitoring import plan_status
from gongzhi.supervision.selectors import order_list, todo_reports
from gongzhi.workspace.cogov_parts import PartFailed, call_part, part_functions

LEVEL_ORDER = {"red": 0, "yellow": 1}
OPEN_ORDER_STATES = [OrderState.ISSUED, OrderState.ESCALATED]
TO_WRITE = [ReportState.DRAFT, ReportState.RETURNED]
LIST_LIMIT = 50
# the columns a home page list shows of a report's task (`PlanNode.display_title` reads title and text)
TASK_FIELDS = ("task__number", "task__title", "task__text", "task__order")


def with_labels(rows, *fields: str) -> list:
    """The rows, each with `<field>_label`: its choice's label, translated once per list
    (`get_<field>_display` translates every label of the field on each call, for each row)."""
    rows = list(rows)
    if rows:
        meta = type(rows[0])._meta
        for name in fields:
            labels = {value: str(label) for value, label in meta.get_field(name).flatchoices}
            for row in rows:
                value = getattr(row, name)
                setattr(row, f"{name}_label", labels.get(value, value))
    return rows


# --- across plans: levels, orders, late reports ------------------------------------------------


@dataclass
class TaskAlert:
    """A red or yellow task with its plan, lead units and the reason for its level."""

    plan: PolicyDocument
    task: "AlertTask"  # pk, number, display_title, order
    level: str
    reason: str
    status_label: str
    lead_units: list[str]


@dataclass
class PlanRow:
    plan: PolicyDocument
    total: int = 0
    levels: Counter = field(default_factory=Counter)
    orders_open: int = 0
    orders_overdue: int = 0
    reports_late: int = 0


@dataclass
class Overview:
    plans: list[PlanRow]
    alerts: list[TaskAlert]
    # what the alert list is made of (each plan's identity and data version, and the day): the
    # list, the same for every reader of these plans, is cached under it; None: not cacheable
    alerts_key: str | None = None

    @property
    def red(self) -> list[TaskAlert]:
        return [a for a in self.alerts if a.level == "red"]

    @property
    def yellow(self) -> list[TaskAlert]:
        return [a for a in self.alerts if a.level == "yellow"]


def plans_overview(*, user, plans: QuerySet[PolicyDocument], today: datetime.date | None = None) -> Overview:
    """Red and yellow tasks across `plans` (most serious first, then plan and task order) and per
    plan its level counts, open and overdue orders and late reports.

    The levels and alerts of a plan are the same for every reader of the plan: they come from
    `plan_levels`, cached per plan, data version and day; the counts of orders and late reports
    are the user's own (its scope), read every time."""
    today = today or clock.today()
    rows, alerts = [], []
    plans = list(plans.order_by("-issue_date", "pk"))
    versions = data_versions(plans)  # read before the data: a change after it only makes a new key
    late = _late_report_counts(user=user, plans=plans, today=today)
    orders = _order_counts(user=user, plans=plans, today=today)
    for plan in plans:
        levels = plan_levels(plan=plan, today=today, version=versions.get(plan.pk))
        row = PlanRow(plan=plan, total=levels.total, levels=Counter(levels.counts))
        row.orders_open, row.orders_overdue = orders.get(plan.pk, (0, 0))
        row.reports_late = late.get(plan.pk, 0)
        rows.append(row)
        alerts.extend(
            TaskAlert(
                plan=plan,
                task=a.task,
                level=a.level,
                reason=a.reason,
                status_label=a.status_label,
                lead_units=list(a.lead_units),
            )
            for a in levels.alerts
        )
    position = {p.pk: i for i, p in enumerate(plans)}
    alerts.sort(key=lambda a: (LEVEL_ORDER[a.level], position[a.plan.pk], a.task.order))
    key = None
    if all(versions.get(p.pk) is not None for p in plans):
        key = ",".join(_plan_key(p, versions[p.pk]) for p in plans) + f":{today}"
    return Overview(plans=rows, alerts=alerts, alerts_key=key)


@dataclass(frozen=True)
class AlertTask:
    """What a home page shows of a task in the alert list (cached: a few fields, not the row)."""

    pk: int
    number: str
    display_title: str
    order: int


@dataclass(frozen=True)
class PlanAlert:
    task: AlertTask
    level: str
    reason: str
    status_label: str
    lead_units: tuple[str, ...]


@dataclass(frozen=True)
class PlanLevels:
    total: int
    counts: dict[str, int]
    alerts: tuple[PlanAlert, ...]


LEVELS_CACHE_SECONDS = 6 * 3600


def data_versions(plans) -> dict[int, int]:
    """Each plan's data version (`supervision.monitoring.data_version`), for many plans in one
    query; a plan without one yet is missing."""
    return dict(PlanDataVersion.objects.filter(plan__in=[p.pk for p in plans]).values_list("plan", "version"))


def _plan_key(plan: PolicyDocument, version: int) -> str:
    """A plan's data as of its version: its id, its creation time (an id a test database reuses
    is another plan) and its data version."""
    return f"{plan.pk}.{plan.created_at.timestamp()}.{version}"


def plan_levels(*, plan: PolicyDocument, today: datetime.date, version: int | None) -> PlanLevels:
    """A plan's level counts and its red and yellow tasks with their lead units and reasons on
    `today`, from `plan_status`. The same for everyone who may read the plan, so cached under
    the plan (its id and creation time: never another plan's entry), its data version read
    before the data (any change to what the levels, tasks or lead units are makes a new key)
    and the day; nothing in it is scoped to a user."""
    key = None
    if version is not None:
        key = f"workspace:plan-levels:{_plan_key(plan, version)}:{today}"
        if (cached := cache.get(key)) is not None:
            return cached
    states = plan_status(plan=plan, as_of=today)
    flagged = [s for s in states if s.assessment.level in LEVEL_ORDER]
    names = lead_unit_names(s.task.pk for s in flagged)
    levels = PlanLevels(
        total=len(states),
        counts=dict(Counter(s.assessment.level for s in states)),
        alerts=tuple(
            PlanAlert(
                task=AlertTask(
                    pk=s.task.pk, number=s.task.number, display_title=s.task.display_title, order=s.task.order
                ),
                level=s.assessment.level,
                reason=s.assessment.reason,
                status_label=s.status_label,
                lead_units=tuple(names.get(s.task.pk, [])),
            )
            for s in flagged
        ),
    )
    if key is not None:
        cache.set(key, levels, LEVELS_CACHE_SECONDS)
    return levels


def _late_report_counts(*, user, plans, today) -> dict[int, int]:
    return dict(
        late_reports(user=user, plans=plans, today=today)
        .order_by()
        .values("round__plan")
        .annotate(n=Count("pk"))
        .values_list("round__plan", "n")
    )


def _order_counts(*, user, plans, today) -> dict[int, tuple[int, int]]:
    rows = (
        order_list(user=user)
        .filter(plan__in=plans, state__in=[*OPEN_ORDER_STATES, OrderState.ANSWERED])
        .order_by()
        .values("plan")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(state__in=OPEN_ORDER_STATES, deadline__lt=today)),
        )
    )
    return {r["plan"]: (r["open"], r["overdue"]) for r in rows}


def late_reports(*, user, plans, today: datetime.date | None = None) -> QuerySet[TaskReport]:
    """Reports of open rounds past their due date and still not submitted, the latest first."""
    today = today or clock.today()
    return (
        TaskReport.objects.visible_to(user)
        .filter(
            round__plan__in=plans,
            round__state=RoundState.OPEN,
            round__due_date__lt=today,
            state__in=TO_WRITE,
        )
        .select_related("round", "round__plan", "task", "unit")
        .only(*TASK_FIELDS, "unit__name", "round__period_label", "round__due_date", "round__plan__title")
        .order_by("round__due_date", "unit__name", "task__order")
    )


def open_orders(*, user, plans, today: datetime.date | None = None) -> list[SupervisionOrder]:
    """Orders not closed on `plans`: overdue ones first, then by deadline."""
    today = today or clock.today()
    orders = list(
        order_list(user=user)
        .filter(plan__in=plans)
        .exclude(state=OrderState.CLOSED)
        .select_related(None)
        .select_related("unit")
        .only("number", "state", "deadline", "issue", "unit__name")
        .order_by("deadline", "number")[: LIST_LIMIT * 2]
    )
    for order in orders:
        order.overdue_days = (
            (today - order.deadline).days
            if order.state in OPEN_ORDER_STATES and order.deadline < today
            else 0
        )
    orders.sort(key=lambda o: (o.overdue_days == 0, o.deadline))
    return with_labels(orders[:LIST_LIMIT], "state")


def home_plans(*, user) -> QuerySet[PolicyDocument]:
    """The plans a home page looks across: a plan office's own plans, the co-governance office's
    (its unit's), every readable plan for the others (an evaluator's are those assigned)."""
    if user.role == "plan_office":
        return office_plans(user=user)
    plans = plan_list(user=user)
    if user.role == "cogov_office":
        return plans.filter(office_unit_id=user.unit_id)
    return plans


def office_plans(*, user) -> QuerySet[PolicyDocument]:
    """The plans whose monitoring the user runs: its unit's as plan office, every one for an admin."""
    plans = plan_list(user=user)
    if user.has_capability("plans.manage_all"):
        return plans
    if not user.has_capability("supervision.manage") or user.unit_id is None:
        return plans.none()
    return plans.filter(office_unit_id=user.unit_id)


# --- the plan office: reports to review ----------------------------------------------------------


def review_inbox(*, user) -> QuerySet[TaskReport]:
    """Submitted reports waiting for the user's review, across the plans it runs, oldest first."""
    return (
        TaskReport.objects.filter(round__plan__in=office_plans(user=user), state=ReportState.SUBMITTED)
        .select_related("round", "task", "unit")
        .only(
            *TASK_FIELDS,
            "status",
            "percent",
            "done_text",
            "state",
            "submitted_at",
            "unit__name",
            "round__period_label",
        )
        .order_by("submitted_at", "pk")
    )


def late_units(*, user, plans, today: datetime.date | None = None) -> list[dict]:
    """Units with reports past due on `plans`: how many, days late of the oldest, and the latest
    round holding one of them (one query)."""
    today = today or clock.today()
    rows = (
        late_reports(user=user, plans=plans, today=today)
        .order_by()
        .values("unit_id", "unit__name")
        .annotate(count=Count("pk", distinct=True), oldest=Min("round__due_date"), round_id=Max("round_id"))
    )
    units = [
        {
            "unit": row["unit__name"],
            "count": row["count"],
            "days": (today - row["oldest"]).days,
            "round_id": row["round_id"],
        }
        for row in rows
    ]
    return sorted(units, key=lambda r: (-r["days"], -r["count"], r["unit"]))


# --- a unit's reporters: what is due -------------------------------------------------------------


@dataclass
class DueItem:
    kind: str  # report | returned | data | order | rectification
    label: str
    detail: str
    url: str
    due: datetime.date | None
    days_left: int | None  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.overdue else 0


def due_items(*, user, today: datetime.date | None = None) -> list[DueItem]:
    """What the user's unit must do, most urgent first: reports of open rounds (returned ones to
    redo), data submissions due, supervision orders to answer, rectification items, children's
    suggestions to answer, credit repair follow-up actions, and what each co-governance part
    (issue 16: grid tasks, yearly tasks, important matters, enterprise requests, look-ups) says the
    user must do (`due_for`; a user without a unit gets only those)."""
    today = today or clock.today()
    if user.unit_id is None:
        return _cogov_due(user=user, today=today)
    items: list[DueItem] = []
    if user.has_capability("supervision.report"):
        reports = todo_reports(user=user).filter(state__in=TO_WRITE)
        reports = reports.only(
            *TASK_FIELDS,
            "state",
            "review_comment",
            "round__period_label",
            "round__due_date",
            "round__plan__title",
        )
        for report in reports[:200]:
            returned = report.state == ReportState.RETURNED
            items.append(
                DueItem(
                    kind="returned" if returned else "report",
                    label=_("任务%(number)s%(title)s")
                    % {"number": report.task.number, "title": report.task.display_title},
                    detail=(
                        _("已退回：%(comment)s · ") % {"comment": report.review_comment} if returned else ""
                    )
                    + _("%(period)s进展报告 · %(plan)s")
                    % {"period": report.round.period_label, "plan": _short(report.round.plan.title)},
                    url=reverse("supervision:report_detail", args=[report.pk]),
                    due=report.round.due_date,
                    days_left=(report.round.due_date - today).days,
                )
            )
        for order in (
            order_list(user=user)
            .filter(unit_id=user.unit_id, state__in=OPEN_ORDER_STATES)
            .select_related(None)
            .only("number", "issue", "deadline")
            .order_by("deadline")[:100]
        ):
            items.append(
                DueItem(
                    kind="order",
                    label=_("督办单%(number)s") % {"number": order.number},
                    detail=order.issue[:80],
                    url=reverse("supervision:order_detail", args=[order.pk]),
                    due=order.deadline,
                    days_left=(order.deadline - today).days,
                )
            )
    if user.has_capability("exchange.submit"):
        items.extend(_data_due(unit_id=user.unit_id, today=today))
    items.extend(_rectifications_due(user=user, today=today))
    items.extend(_suggestions_due(user=user, today=today))
    items.extend(_repair_actions_due(user=user, today=today))
    items.extend(_cogov_due(user=user, today=today))
    items.sort(key=lambda i: (i.days_left is None, i.days_left if i.days_left is not None else 0, i.label))
    return items


def _short(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


DATA_HORIZON = 15  # days ahead a data submission is listed


def _data_due(*, unit_id: int, today: datetime.date) -> list[DueItem]:
    """The last complete period of each dataset the unit provides, not yet submitted."""
    datasets = list(
        Dataset.objects.filter(active=True, provider_units=unit_id, due_day__isnull=False)
        .exclude(frequency="event")
        .order_by("code")
    )
    wanted = {}
    for dataset in datasets:
        current = period_of(today, dataset.frequency)
        last = period_of(current.start - datetime.timedelta(days=1), dataset.frequency)
        wanted[dataset.pk] = (dataset, last, due_date(last.end, dataset.due_day))
    done = set(
        Submission.objects.filter(
            unit_id=unit_id,
            dataset_id__in=list(wanted),
            period__in={p.text for _d, p, _due in wanted.values()},
        ).values_list("dataset_id", "period")
    )
    items = []
    for dataset, last, due in wanted.values():
        days = (due - today).days
        if (dataset.pk, last.text) in done or days > DATA_HORIZON:
            continue
        items.append(
            DueItem(
                kind="data",
                label=_("“%(dataset)s”%(period)s数据") % {"dataset": dataset.name, "period": last.label},
                detail=_("共享数据待报送"),
                url=reverse("exchange:dataset_detail", args=[dataset.code]),
                due=due,
                days_left=days,
            )
        )
    return items


def _suggestions_due(*, user, today) -> list[DueItem]:
    """Children's suggestions routed to the user's unit and not yet answered."""
    return [
        DueItem(
            kind="suggestion",
            label=_("儿童建议：%(text)s") % {"text": _short(due.suggestion.text, 40)},
            detail=_("请在答复期限内答复，并用孩子能看懂的话说明是否采纳"),
            url=reverse("children:suggestion_detail", args=[due.suggestion.pk]),
            due=due.suggestion.deadline,
            days_left=due.days_left,
        )
        for due in suggestions_due(user=user, today=today)
    ]


def _repair_actions_due(*, user, today) -> list[DueItem]:
    """Credit repair follow-up actions (解除缴税专用账户休眠状态) the user's unit owns, still open."""
    return [
        DueItem(
            kind="credit_repair",
            label=due.label,
            detail=due.detail,
            url=due.url,
            due=due.due,
            days_left=due.days_left,
        )
        for due in repair_actions_due(user=user, today=today)
    ]


def _rectifications_due(*, user, today) -> list[DueItem]:
    from gongzhi.inspections.choices import RectificationState
    from gongzhi.inspections.services import rectification_list

    if user.has_capability("supervision.view_all"):
        return []  # offices follow them on the rectification list; this is a unit's own to-do
    items = []
    for item in rectification_list(user=user, state=RectificationState.OPEN)[:100]:
        items.append(
            DueItem(
                kind="rectification",
                label=_("整改事项：%(text)s") % {"text": _short(item.finding.text, 40)},
                detail=item.finding.inspection.plan.title,
                url=reverse("inspections:rectification_detail", args=[item.pk]),
                due=item.deadline,
                days_left=(item.deadline - today).days,
            )
        )
    return items


def _cogov_due(*, user, today) -> list[DueItem]:
    """Each co-governance part's `due_for(user=, today=)` as to-do items (the parts not written
    yet are skipped: `workspace.cogov_parts`)."""
    items = []
    for part, due_for in part_functions("due_for"):
        try:
            dues = call_part(part, due_for, user=user, today=today)
        except PartFailed:
            continue  # logged; the other to-dos stay
        for due in dues:
            day, days_left = due.get("due"), due.get("days_left")
            if days_left is None and day is not None:
                days_left = (day - today).days
            items.append(
                DueItem(
                    kind=due.get("kind") or f"cogov_{part}",
                    label=due["label"],
                    detail=due.get("detail", ""),
                    url=due["url"],
                    due=day,
                    days_left=days_left,
                )
            )
    return items
