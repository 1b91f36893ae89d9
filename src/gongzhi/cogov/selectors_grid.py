"""Reads of grid verification: grids and tasks as each user may see them (`grid_scope`), counts per
grid and town, the leader's figures, the to-do list and overdue warnings."""

import datetime
from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from gongzhi.cogov.choices_grid import VerificationSource, VerificationState
from gongzhi.cogov.models_grid import Grid, TaxpayerNote, VerificationPhoto, VerificationTask
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.core.roles import Role

TASK_LIST_URL = "/cogov/grid/tasks/"


def grid_list(*, user, town_id: int | None = None) -> QuerySet[Grid]:
    require_capability(user, "cogov.grid_view")
    grids = Grid.objects.visible_to(user).select_related("town", "tax_manager").prefetch_related("workers")
    if town_id:
        grids = grids.filter(town_id=town_id)
    return grids


def grid_get(*, user, pk) -> Grid:
    require_capability(user, "cogov.grid_view")
    return access_or_404(grid_list(user=user), pk)


def task_list(
    *,
    user,
    state: str = "",
    grid_id: int | None = None,
    town_id: int | None = None,
    kind: str = "",
    source: str = "",
    uscc: str = "",
    reviewed_year: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet[VerificationTask]:
    """`state`: one of the states, "open" (not yet reviewed) or "overdue" (with the grid past its
    due date); `reviewed_year`: reviewed by the tax manager in that year."""
    require_capability(user, "cogov.grid_view")
    today = today or clock.today()
    tasks = VerificationTask.objects.visible_to(user).select_related("grid", "grid__town", "assignee", "lead")
    if state == "open":
        tasks = tasks.filter(state__in=VerificationState.open())
    elif state == "overdue":
        tasks = tasks.filter(state__in=VerificationState.in_the_field(), due_date__lt=today)
    elif state in VerificationState.values:
        tasks = tasks.filter(state=state)
    if grid_id:
        tasks = tasks.filter(grid_id=grid_id)
    if town_id:
        tasks = tasks.filter(grid__town_id=town_id)
    if kind:
        tasks = tasks.filter(kind=kind)
    if source in VerificationSource.values:
        tasks = tasks.filter(source=source)
    if uscc:
        tasks = tasks.filter(uscc=uscc.strip().upper())
    if reviewed_year:
        tasks = tasks.filter(state=VerificationState.REVIEWED, reviewed_at__year=reviewed_year)
    return tasks


def task_get(*, user, pk, audit: bool = True) -> VerificationTask:
    """One task (its taxpayer's findings and photos): every view is audited."""
    require_capability(user, "cogov.grid_view")
    task = access_or_404(
        VerificationTask.objects.visible_to(user).select_related(
            "grid", "grid__town", "grid__tax_manager", "lead"
        ),
        pk,
    )
    if audit:
        audit_record(actor=user, action=AuditAction.GRID_TASK_VIEWED, target=task)
    return task


def photo_get(*, user, pk) -> VerificationPhoto:
    require_capability(user, "cogov.grid_view")
    photo = access_or_404(
        VerificationPhoto.objects.filter(task__in=VerificationTask.objects.visible_to(user)).select_related(
            "task"
        ),
        pk,
    )
    audit_record(
        actor=user, action=AuditAction.GRID_PHOTO_VIEWED, target=photo, detail={"task": photo.task_id}
    )
    return photo


def lead_tasks(*, user, lead) -> list[VerificationTask]:
    """The grid verification tasks of a lead the user may see."""
    if not user.has_capability("cogov.grid_view"):
        return []
    return list(
        VerificationTask.objects.visible_to(user).filter(lead=lead).select_related("grid", "grid__town")
    )


def taxpayer_notes(*, user, usccs) -> dict[str, list[TaxpayerNote]]:
    """uscc -> its verification notes (newest first) that the user may see: all for the office and
    the leader, else those of tasks the user may see."""
    usccs = {u for u in usccs if u}
    if not usccs or not user.has_capability("cogov.grid_view"):
        return {}
    notes = TaxpayerNote.objects.filter(uscc__in=usccs).select_related("task")
    if not user.has_capability("cogov.grid_view_all"):
        notes = notes.filter(task__in=VerificationTask.objects.visible_to(user))
    found: dict[str, list[TaxpayerNote]] = defaultdict(list)
    for note in notes:
        found[note.uscc].append(note)
    return dict(found)


def _counts(tasks: QuerySet, key: str, today: datetime.date) -> dict:
    overdue = Q(state__in=VerificationState.in_the_field(), due_date__lt=today)
    rows = tasks.values(key).annotate(
        total=Count("pk", distinct=True),
        **{s: Count("pk", filter=Q(state=s), distinct=True) for s in VerificationState.values},
        overdue=Count("pk", filter=overdue, distinct=True),
    )
    return {row[key]: row for row in rows}


def grid_counts(*, user, today: datetime.date | None = None) -> dict:
    """Tasks per grid and per town, by state, with those overdue: {"grids": [...], "towns": [...],
    "total": {...}}. Each row: the grid (or town), total, one count per state, overdue."""
    require_capability(user, "cogov.grid_view")
    today = today or clock.today()
    grids = list(grid_list(user=user))
    tasks = VerificationTask.objects.visible_to(user)
    by_grid = _counts(tasks, "grid_id", today)
    empty = {"total": 0, "overdue": 0, **{s: 0 for s in VerificationState.values}}
    grid_rows = [
        {"grid": g, **empty, **{k: v for k, v in by_grid.get(g.pk, {}).items() if k != "grid_id"}}
        for g in grids
    ]
    towns: dict[int, dict] = {}
    for row in grid_rows:
        town = row["grid"].town
        agg = towns.setdefault(town.pk, {"town": town, "grids": 0, **empty})
        agg["grids"] += 1
        for k in empty:
            agg[k] += row[k]
    total = {k: sum(r[k] for r in grid_rows) for k in empty}
    return {"grids": grid_rows, "towns": list(towns.values()), "total": total}


# --- the contract with the leader's view and the to-do list ----------------------------------


def leader_summary(*, user, today) -> list[dict]:
    """Figures of grid verification for the leader's view, each one click from its list."""
    if not user.has_capability("cogov.grid_view"):
        return []
    # the same selector as the list each figure links to
    open_count = task_list(user=user, state="open", today=today).count()
    overdue = task_list(user=user, state="overdue", today=today).count()
    to_review = task_list(user=user, state=VerificationState.SUBMITTED, today=today).count()
    reviewed = task_list(user=user, reviewed_year=today.year, today=today).count()
    return [
        {
            "label": "待核查任务",
            "value": open_count,
            "url": f"{TASK_LIST_URL}?state=open",
            "tone": "warning" if open_count else "",
        },
        {
            "label": "逾期核查任务",
            "value": overdue,
            "url": f"{TASK_LIST_URL}?state=overdue",
            "tone": "danger" if overdue else "",
        },
        {
            "label": "待复核核查结果",
            "value": to_review,
            "url": f"{TASK_LIST_URL}?state=submitted",
            "tone": "",
        },
        {
            "label": "本年已复核核查任务",
            "value": reviewed,
            "url": f"{TASK_LIST_URL}?state=reviewed&reviewed_year={today.year}",
            "tone": "",
        },
    ]


def _due_item(task: VerificationTask, label: str, today: datetime.date, due=True) -> dict:
    return {
        "kind": "grid_task",
        "label": label,
        "detail": f"{task.grid} · {task.taxpayer_name}",
        "url": reverse("cogov:grid_task_detail", args=[task.pk]),
        "due": task.due_date if due else None,
        "days_left": (task.due_date - today).days if due else None,
    }


def due_for(*, user, today) -> list[dict]:
    """What the user must do: a grid worker his grids' dispatched and returned tasks; a tax manager
    the results to review; the office the tasks still to dispatch."""
    if not getattr(user, "is_authenticated", False) or not user.has_capability("cogov.grid_view"):
        return []
    tasks = (
        VerificationTask.objects.visible_to(user)
        .select_related("grid", "grid__town")
        .order_by("due_date", "pk")
    )
    items: list[dict] = []
    if user.role == Role.GRID_WORKER:
        for task in tasks.filter(state__in=VerificationState.in_the_field()).filter(
            Q(assignee__isnull=True) | Q(assignee=user)
        )[:50]:
            label = "退回重做的核查任务" if task.state == VerificationState.RETURNED else "网格核查任务"
            items.append(_due_item(task, f"{label}：{task.get_kind_display()}", today))
    if user.role == Role.TAX_OFFICER:
        for task in tasks.filter(state=VerificationState.SUBMITTED)[:50]:
            items.append(_due_item(task, f"复核网格核查结果：{task.get_kind_display()}", today, due=False))
        for task in tasks.filter(state=VerificationState.PENDING)[:50]:
            items.append(_due_item(task, f"派发网格核查任务：{task.get_kind_display()}", today))
    if user.has_capability("cogov.grid_manage"):
        for task in tasks.filter(state=VerificationState.PENDING)[:50]:
            items.append(_due_item(task, f"派发网格核查任务：{task.get_kind_display()}", today))
    return items


def overdue(*, today) -> list[dict]:
    """Tasks with the grid past their due date, one warning per task to its town."""
    tasks = (
        VerificationTask.objects.filter(state__in=VerificationState.in_the_field(), due_date__lt=today)
        .select_related("grid", "grid__town")
        .order_by("due_date", "pk")
    )
    return [
        {
            "unit_id": task.grid.town_id,
            "label": f"网格核查任务逾期：{task.grid} {task.get_kind_display()} {task.taxpayer_name}",
            "url": reverse("cogov:grid_task_detail", args=[task.pk]),
            "days_over": (today - task.due_date).days,
        }
        for task in tasks
    ]


def lead_panel(lead, *, user) -> dict | None:
    """The lead page's panel (registered with `taxrisk.hooks.register_lead_panel`): the lead's grid
    verification tasks and, for those who may create one, the button to ask the grid."""
    if not user.has_capability("cogov.grid_view"):
        return None
    can_create = user.has_capability("cogov.grid_create") and bool(lead.uscc)
    return {
        "template": "cogov/grid/lead_panel.html",
        "tasks": lead_tasks(user=user, lead=lead),
        "can_create": can_create,
        "create_url": reverse("cogov:grid_task_create") + f"?lead={lead.pk}",
    }
