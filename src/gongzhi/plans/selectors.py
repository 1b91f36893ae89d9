from django.db.models import Count, Prefetch, Q, QuerySet

from gongzhi.core.permissions import access_or_404
from gongzhi.plans.choices import NodeKind
from gongzhi.plans.models import PlanImport, PlanNode, PolicyDocument, Responsibility


def is_plan_office(user, plan: PolicyDocument, *, capability: str) -> bool:
    """Is this user the plan office of `plan`? The one answer, for plans and supervision alike.

    Yes for the system (`None`) and for an admin over all plans (`plans.manage_all`); otherwise
    the user must belong to the plan's office unit and hold the role `capability` the act needs
    ("plans.import" to revise a plan, "supervision.manage" to run its monitoring).
    """
    if user is None:
        return True
    if user.has_capability("plans.manage_all"):
        return True
    return user.has_capability(capability) and user.unit_id == plan.office_unit_id


def plan_list(*, user, search: str = "") -> QuerySet[PolicyDocument]:
    """Plans a user may read: all of them, except for evaluators (the plans assigned to them)."""
    plans = PolicyDocument.objects.select_related("office_unit").annotate(
        task_count=Count("nodes", filter=Q(nodes__kind=NodeKind.TASK, nodes__active=True))
    )
    if not getattr(user, "is_authenticated", False):
        return plans.none()
    if user.role == "evaluator":
        plans = plans.filter(evaluators=user)
    if search := search.strip():
        plans = plans.filter(
            Q(title__icontains=search) | Q(doc_number__icontains=search) | Q(notice_title__icontains=search)
        )
    return plans


def plan_get(*, user, pk) -> PolicyDocument:
    return access_or_404(plan_list(user=user), pk)


def plan_tree(*, document: PolicyDocument) -> list[dict]:
    """Sections and active tasks in order, each task with its units and targets (4 queries)."""
    nodes = list(
        document.nodes.filter(active=True)
        .order_by("order")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("unit").order_by("role", "order"),
            ),
            "targets",
            "milestones",
        )
    )
    children: dict[int | None, list[PlanNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    known = {n.pk for n in nodes}
    rows: list[dict] = []

    def walk(parent_id, depth):
        for node in children.get(parent_id, []):
            rows.append({"node": node, "depth": depth})
            walk(node.pk, depth + 1)

    walk(None, 0)
    for node in nodes:
        if node.parent_id is not None and node.parent_id not in known:
            rows.append({"node": node, "depth": 0})
    return rows


def task_get(*, user, pk) -> PlanNode:
    task = access_or_404(
        PlanNode.objects.tasks()
        .select_related("document", "parent")
        .prefetch_related(
            Prefetch("responsibilities", queryset=Responsibility.objects.select_related("unit")),
            "targets",
            "milestones",
        ),
        pk,
    )
    plan_get(user=user, pk=task.document_id)  # the same 404 when the plan is not readable
    return task


def lead_unit_names(task_ids) -> dict[int, list[str]]:
    """Each task's 牵头单位 names in the document's order, for lists of tasks (one query)."""
    names: dict[int, list[str]] = {}
    for task_id, name in (
        Responsibility.objects.filter(task_id__in=list(task_ids), role="lead")
        .order_by("task_id", "order", "pk")
        .values_list("task_id", "unit__name")
    ):
        names.setdefault(task_id, []).append(name)
    return names


def unit_tasks(*, user, unit, role: str = "") -> QuerySet[Responsibility]:
    """All tasks a unit leads or shares, across the plans the user may read."""
    qs = Responsibility.objects.filter(
        unit=unit, task__active=True, task__document__in=plan_list(user=user).values("pk")
    )
    if role:
        qs = qs.filter(role=role)
    return qs.select_related("task", "task__document").order_by("task__document", "task__order", "role")


def task_search(*, user, search: str) -> QuerySet[PlanNode]:
    search = search.strip()
    if not search:
        return PlanNode.objects.none()
    return (
        PlanNode.objects.tasks()
        .current()
        .filter(document__in=plan_list(user=user).values("pk"))
        .filter(
            Q(text__icontains=search)
            | Q(title__icontains=search)
            | Q(responsibilities__unit__name__icontains=search)
            | Q(responsibilities__name_as_written__icontains=search)
        )
        .distinct()
        .select_related("document")
        .order_by("document", "order")[:200]
    )


def import_list(*, user) -> QuerySet[PlanImport]:
    imports = PlanImport.objects.select_related("created_by", "unit", "job")
    if user.has_capability("plans.manage_all"):
        return imports
    if not user.has_capability("plans.import"):
        return imports.none()
    return imports.filter(unit=user.unit_id)


def import_get(*, user, pk) -> PlanImport:
    return access_or_404(import_list(user=user), pk)
