"""Reads of the yearly tasks: the sets, one set grouped by unit, a unit's own yearly tasks with
their report status (from supervision: the task's level on the plan's monitoring, its latest
counted progress report, open 督办 orders), the selector the assessment work will score
(`yearly_tasks_for`), and the leader's figures and the to-dos of this part."""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.cogov.models_yearly import YearlyTask, YearlyTaskSet, YearlyTaskSetState
from gongzhi.core import clock
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.choices import OrderState, ReportState, TaskStatus
from gongzhi.supervision.models import SupervisionOrder, TaskReport
from gongzhi.supervision.monitoring import plan_status

COUNTED = (ReportState.SUBMITTED, ReportState.ACCEPTED)


@dataclass
class YearlyTaskStatus:
    task: YearlyTask
    level: str = "grey"
    reason: str = ""
    status_label: str = "未报送"
    done: bool = False
    latest_report: TaskReport | None = None
    open_orders: list[SupervisionOrder] = field(default_factory=list)

    @property
    def reported(self) -> bool:
        return self.latest_report is not None


def set_list(*, user) -> QuerySet[YearlyTaskSet]:
    require_capability(user, "cogov.yearly_view_all")
    return YearlyTaskSet.objects.select_related("document", "office_unit", "plan").order_by("-year", "pk")


def set_get(*, user, pk) -> YearlyTaskSet:
    return access_or_404(set_list(user=user), pk)


def documents_for_sets() -> QuerySet[PolicyDocument]:
    """The documents whose tasks may be broken down: plans imported from a document (not the
    breakdowns themselves, not the minutes of meetings)."""
    return PolicyDocument.objects.exclude(task_rule__in=["yearly", "meeting"]).order_by(
        "-issue_date", "title"
    )


def set_tasks(*, task_set: YearlyTaskSet) -> QuerySet[YearlyTask]:
    return task_set.tasks.select_related("source_task", "unit", "plan_task").order_by("order", "pk")


def set_by_unit(*, task_set: YearlyTaskSet) -> list[tuple]:
    """[(unit, [YearlyTaskStatus, …]), …] in the order units first appear."""
    rows = statuses(set_tasks(task_set=task_set))
    groups: dict[int, tuple] = {}
    for row in rows:
        groups.setdefault(row.task.unit_id, (row.task.unit, []))[1].append(row)
    return list(groups.values())


def statuses(tasks, *, as_of: datetime.date | None = None) -> list[YearlyTaskStatus]:
    """Each yearly task with its supervised task's level and reason on ``as_of`` (plan_status), its
    latest counted progress report and its open 督办 orders; grey and 未报送 before issue."""
    as_of = as_of or clock.today()
    rows = [YearlyTaskStatus(task=t) for t in tasks]
    by_task = {r.task.plan_task_id: r for r in rows if r.task.plan_task_id}
    plans = {r.task.task_set.plan for r in rows if r.task.plan_task_id and r.task.task_set.plan_id}
    for plan in plans:
        for state in plan_status(plan=plan, as_of=as_of, task_ids=list(by_task)):
            row = by_task.get(state.task.pk)
            if row is None:
                continue
            row.level, row.reason = state.assessment.level, state.assessment.reason
            row.status_label, row.done = state.status_label, state.status == TaskStatus.DONE
    if by_task:
        for report in (
            TaskReport.objects.filter(task_id__in=list(by_task), state__in=COUNTED)
            .select_related("round")
            .order_by("task_id", "-submitted_at")
        ):
            row = by_task[report.task_id]
            if row.latest_report is None and row.task.unit_id == report.unit_id:
                row.latest_report = report
        for order in (
            SupervisionOrder.objects.filter(task_id__in=list(by_task))
            .exclude(state=OrderState.CLOSED)
            .order_by("deadline")
        ):
            by_task[order.task_id].open_orders.append(order)
    return rows


def my_tasks(*, user, year: int | None = None) -> QuerySet[YearlyTask]:
    """A unit's own yearly tasks of the issued sets (the office and the leader: every unit's)."""
    require_capability(user, "cogov.yearly_view")
    tasks = YearlyTask.objects.visible_to(user).filter(task_set__state=YearlyTaskSetState.ISSUED)
    if year:
        tasks = tasks.filter(task_set__year=year)
    return tasks.select_related(
        "task_set__document", "task_set__plan", "source_task", "unit", "plan_task"
    ).order_by("-task_set__year", "deadline", "order")


def yearly_tasks_for(unit, year: int) -> list[YearlyTaskStatus]:
    """For the assessment: the unit's issued yearly tasks of `year`, each with its report status
    (level, latest counted report, done or not, open orders) as of today."""
    tasks = (
        YearlyTask.objects.filter(unit=unit, task_set__year=year, task_set__state=YearlyTaskSetState.ISSUED)
        .select_related("task_set__document", "task_set__plan", "source_task", "unit", "plan_task")
        .order_by("deadline", "order")
    )
    return statuses(tasks)


def leader_summary(*, user, today) -> list[dict]:
    """This year's yearly tasks: how many, done, overdue (not done past their deadline)."""
    if not user.has_capability("cogov.yearly_view_all"):
        return []
    rows = statuses(my_tasks(user=user, year=today.year), as_of=today)
    overdue_count = sum(1 for r in rows if not r.done and r.task.deadline < today)
    url = reverse("cogov:yearly_mine") + f"?year={today.year}"
    return [
        {"label": _("%(year)s年度任务") % {"year": today.year}, "value": len(rows), "url": url, "tone": ""},
        {
            "label": _("年度任务已完成"),
            "value": sum(1 for r in rows if r.done),
            "url": url + "&state=done",
            "tone": "",
        },
        {
            "label": _("年度任务逾期未完成"),
            "value": overdue_count,
            "url": url + "&state=overdue",
            "tone": "danger" if overdue_count else "",
        },
    ]


def due_for(*, user, today) -> list[dict]:
    """The unit's yearly tasks of this year not done yet, with their deadlines (own unit only)."""
    if not user.has_capability("cogov.yearly_view") or user.unit_id is None:
        return []
    tasks = my_tasks(user=user, year=today.year).filter(unit_id=user.unit_id)
    items = []
    for row in statuses(tasks, as_of=today):
        if row.done:
            continue
        task = row.task
        items.append(
            {
                "kind": "yearly_task",
                "label": _("年度任务：%(content)s") % {"content": task.content},
                "detail": _("%(set)s，%(status)s") % {"set": task.task_set, "status": row.status_label},
                "url": reverse("cogov:yearly_mine") + f"?year={task.task_set.year}",
                "due": task.deadline,
                "days_left": (task.deadline - today).days,
            }
        )
    return items


def overdue(*, today) -> list[dict]:
    """Issued yearly tasks of any unit past their deadline and not reported done."""
    tasks = (
        YearlyTask.objects.filter(task_set__state=YearlyTaskSetState.ISSUED, deadline__lt=today)
        .select_related("task_set__document", "task_set__plan", "unit", "plan_task")
        .order_by("deadline")
    )
    return [
        {
            "unit_id": row.task.unit_id,
            "label": _("年度任务逾期未完成：%(content)s") % {"content": row.task.content},
            "url": reverse("cogov:yearly_mine") + f"?year={row.task.task_set.year}",
            "days_over": (today - row.task.deadline).days,
        }
        for row in statuses(tasks, as_of=today)
        if not row.done
    ]
