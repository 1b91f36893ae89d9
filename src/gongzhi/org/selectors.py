from django.db.models import Count, Prefetch, Q, QuerySet

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.masking import mask_phone
from gongzhi.core.permissions import access_or_404, has_capability
from gongzhi.org.matching import UnitIndex, normalize_name
from gongzhi.org.models import Group, Membership, Unit, UnitAlias


def unit_list(*, search: str = "", kind: str = "", include_inactive: bool = False) -> QuerySet[Unit]:
    units = Unit.objects.all() if include_inactive else Unit.objects.active()
    if kind:
        units = units.filter(kind=kind)
    if search := search.strip():
        key = normalize_name(search)
        units = units.filter(
            Q(name__icontains=search)
            | Q(short_name__icontains=search)
            | Q(aliases__alias__icontains=search)
            | Q(name__icontains=key)
            | Q(aliases__alias__icontains=key)
        ).distinct()
    return units.select_related("parent").prefetch_related(
        Prefetch("aliases", queryset=UnitAlias.objects.order_by("alias"))
    )


def unit_search(*, search: str) -> tuple[list[Unit], list]:
    """Direct hits (name, short name, alias) and, when there are none, ranked suggestions."""
    hits = list(unit_list(search=search)) if search.strip() else []
    suggestions = [] if hits or not search.strip() else UnitIndex.build().suggest(normalize_name(search))
    return hits, suggestions


def unit_tree() -> list[tuple[Unit, int]]:
    """All active units in tree order with their depth, from one query."""
    units = list(Unit.objects.active().select_related("parent").prefetch_related("aliases"))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id, depth):
        for unit in sorted(children.get(parent_id, []), key=lambda u: (u.sort_order, u.name)):
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    known = {u.pk for u in units}
    walk(None, 0)
    for unit in units:  # units whose parent is inactive still show, at the top
        if unit.parent_id is not None and unit.parent_id not in known:
            ordered.append((unit, 0))
            walk(unit.pk, 1)
    return ordered


def unit_get(*, pk) -> Unit:
    return access_or_404(Unit.objects.select_related("parent").prefetch_related("aliases", "children"), pk)


def can_see_unit_workspace(user, unit: Unit) -> bool:
    """A unit's workspace (its users and API tokens): its own people, and the offices for every unit."""
    return has_capability(user, "scope.unit_workspace_all") or user.unit_id == unit.pk


def group_list() -> QuerySet[Group]:
    return Group.objects.select_related("office_unit", "office_director").annotate(
        member_count=Count("memberships", filter=Q(memberships__until__isnull=True))
    )


def group_get(*, pk) -> Group:
    return access_or_404(Group.objects.select_related("office_unit", "office_director"), pk)


def group_members(*, group: Group, user, current: bool = True, purpose: str = "") -> list[dict]:
    """Members with their units and contacts; contacts masked unless the role may see them.

    Showing contacts unmasked is a read of personal data and is audited.
    """
    memberships = group.memberships.select_related("person", "unit").order_by("order", "since")
    memberships = memberships.filter(until__isnull=True) if current else memberships
    full = user.has_capability("org.view_contacts")
    rows = []
    for m in memberships:
        phone = m.person.phone
        rows.append(
            {
                "membership": m,
                "person": m.person,
                "unit": m.unit,
                "role": m.get_role_display(),
                "phone": phone if full or not phone else mask_phone(phone),
                "synthetic": m.person.synthetic,
            }
        )
    if full and any(r["phone"] for r in rows):
        audit_record(
            actor=user,
            action=AuditAction.GROUP_VIEWED,
            target=group,
            purpose=purpose or "查看成员联系方式",
            detail={"members": len(rows)},
        )
    return rows


def membership_history(*, group: Group) -> QuerySet[Membership]:
    return group.memberships.filter(until__isnull=False).select_related("person", "unit").order_by("-until")
