import datetime
import re

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode, FileRowError
from gongzhi.core.permissions import require_capability
from gongzhi.core.tabular import read_table
from gongzhi.org.choices import BASE_UNIT_KINDS, BELOW_TOWN_KINDS, TOWN_KINDS, GroupKind, MemberRole, UnitKind
from gongzhi.org.matching import UnitIndex, normalize_name
from gongzhi.org.models import Group, Membership, Person, Unit, UnitAlias

_ALIAS_SPLIT = re.compile(r"[；;|]")
_KIND_BY_LABEL = (
    {str(choice.label): choice.value for choice in UnitKind}
    | {v: v for v in UnitKind.values}
    | {"村社区": UnitKind.VILLAGE, "村委会": UnitKind.VILLAGE, "居委会": UnitKind.COMMUNITY}  # older files
)


def normalize_person_name(name: str) -> str:
    """Names are padded with spaces in documents (赵  谦): drop all white space."""
    return "".join((name or "").split())


def _taken(index: UnitIndex, name: str, *, except_unit=None):
    unit = index.lookup(name)
    return unit if unit is not None and unit != except_unit else None


@transaction.atomic
def unit_create(
    *,
    actor,
    name: str,
    kind: str,
    parent: Unit | None = None,
    short_name: str = "",
    aliases: list[str] | None = None,
    note: str = "",
) -> Unit:
    """新增单位。名称或别名与已有单位（含其别名）相同时拒绝：同一单位不建两次。"""
    require_capability(actor, "org.create_units")
    name = name.strip()
    index = UnitIndex.build(include_inactive=True)
    if existing := _taken(index, name):
        raise ApplicationError(
            ErrorCode.DUPLICATE,
            _("单位“%(name)s”已存在（登记为“%(existing)s”）") % {"name": name, "existing": existing.name},
        )
    if kind not in UnitKind.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("未知的单位类别：%(kind)s") % {"kind": kind})
    unit = Unit(name=name, kind=kind, parent=parent, short_name=short_name.strip(), note=note)
    unit.full_clean()
    unit.save()
    for alias in aliases or []:
        _alias_add(index, unit, alias)
    audit_record(
        actor=actor,
        action=AuditAction.UNIT_CREATED,
        target=unit,
        detail={"kind": kind, "parent": parent.name if parent else None, "aliases": aliases or []},
    )
    return unit


def _alias_add(index: UnitIndex, unit: Unit, alias: str) -> None:
    alias = alias.strip()
    if not alias or normalize_name(alias) == normalize_name(unit.name):
        return
    if other := _taken(index, alias, except_unit=unit):
        raise ApplicationError(
            ErrorCode.DUPLICATE,
            _("别名“%(alias)s”已属于单位“%(other)s”") % {"alias": alias, "other": other.name},
        )
    if not UnitAlias.objects.filter(unit=unit, alias=alias).exists():
        UnitAlias.objects.create(unit=unit, alias=alias)
        index.by_alias[normalize_name(alias)] = unit
        index.keys.append((normalize_name(alias), unit))


@transaction.atomic
def unit_alias_add(*, actor, unit: Unit, alias: str) -> Unit:
    """把文件中的另一种写法记为单位的别名（已属于其他单位时拒绝）。"""
    require_capability(actor, "org.create_units")
    _alias_add(UnitIndex.build(include_inactive=True), unit, alias)
    audit_record(actor=actor, action=AuditAction.UNIT_UPDATED, target=unit, detail={"aliases": [alias]})
    return unit


@transaction.atomic
def unit_update(
    *,
    actor,
    unit: Unit,
    name: str | None = None,
    kind: str | None = None,
    parent=...,
    short_name: str | None = None,
    active: bool | None = None,
    add_aliases: list[str] | None = None,
) -> Unit:
    require_capability(actor, "org.manage_units")
    index = UnitIndex.build(include_inactive=True)
    changes = {}
    if name is not None and name.strip() != unit.name:
        if other := _taken(index, name.strip(), except_unit=unit):
            raise ApplicationError(
                ErrorCode.DUPLICATE,
                _("单位“%(name)s”已存在（登记为“%(other)s”）") % {"name": name, "other": other.name},
            )
        changes["name"] = [unit.name, name.strip()]
        unit.name = name.strip()
    if parent is not ...:
        node = parent
        while node is not None:
            if node.pk == unit.pk:
                raise ApplicationError(ErrorCode.INVALID_INPUT, _("上级单位不能是本单位或其下级单位"))
            node = node.parent
        changes["parent"] = parent.name if parent else None
        unit.parent = parent
    for field, value in (("kind", kind), ("short_name", short_name), ("active", active)):
        if value is not None and getattr(unit, field) != value:
            changes[field] = value
            setattr(unit, field, value)
    unit.full_clean()
    unit.save()
    for alias in add_aliases or []:
        _alias_add(index, unit, alias)
        changes.setdefault("aliases", []).append(alias)
    if changes:
        audit_record(actor=actor, action=AuditAction.UNIT_UPDATED, target=unit, detail=changes)
    return unit


UNIT_FILE_COLUMNS = ["名称", "类别"]


def units_load(*, actor, data: bytes, filename: str) -> dict[str, int]:
    """从 CSV/XLSX 导入单位（列：名称、简称、类别、上级单位、别名、备注）。

    The whole file is checked first; any error names the file, row and field and nothing
    is stored. Units that exist (by name or alias) are updated, never created again.
    """
    require_capability(actor, "org.manage_units")
    table = read_table(data, filename, required=UNIT_FILE_COLUMNS)
    if not table.rows:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("文件“%(filename)s”没有数据行") % {"filename": filename}
        )
    index = UnitIndex.build(include_inactive=True)
    rows, errors = [], []
    names_in_file: dict[str, int] = {}
    aliases_in_file: dict[str, tuple[int, str]] = {}

    def error(row, field, message):
        errors.append(FileRowError(file=filename, row=row, field=field, message=message))

    for number, values in table.rows:
        name = values.get("名称", "").strip()
        kind_label = values.get("类别", "").strip()
        if not name:
            error(number, "名称", _("不能为空"))
            continue
        key = normalize_name(name)
        if key in names_in_file:
            error(number, "名称", _("与第%(row)s行重复") % {"row": names_in_file[key]})
            continue
        names_in_file[key] = number
        existing = index.by_name.get(key)
        if existing is None and key in index.by_alias:
            error(
                number,
                "名称",
                _("“%(name)s”已是单位“%(unit)s”的别名，请使用其正式名称")
                % {"name": name, "unit": index.by_alias[key].name},
            )
            continue
        if kind_label not in _KIND_BY_LABEL:
            error(
                number,
                "类别",
                _("“%(kind)s”不是有效类别（可选：%(choices)s）")
                % {"kind": kind_label, "choices": "、".join(str(c.label) for c in UnitKind)},
            )
            continue
        aliases = [a.strip() for a in _ALIAS_SPLIT.split(values.get("别名", "")) if a.strip()]
        for alias in aliases:
            akey = normalize_name(alias)
            owner = index.by_name.get(akey) or index.by_alias.get(akey)
            if owner is not None and normalize_name(owner.name) != key:
                error(
                    number,
                    "别名",
                    _("别名“%(alias)s”已属于单位“%(unit)s”") % {"alias": alias, "unit": owner.name},
                )
            elif akey in aliases_in_file and aliases_in_file[akey][1] != key:
                error(
                    number,
                    "别名",
                    _("别名“%(alias)s”与第%(row)s行重复") % {"alias": alias, "row": aliases_in_file[akey][0]},
                )
            aliases_in_file[akey] = (number, key)
        rows.append(
            (
                number,
                name,
                _KIND_BY_LABEL[kind_label],
                values.get("上级单位", "").strip(),
                values.get("简称", "").strip(),
                aliases,
                values.get("备注", "").strip(),
                existing,
            )
        )

    for number, name, _kind, parent_name, *_rest in rows:
        if (
            parent_name
            and normalize_name(parent_name) not in names_in_file
            and index.lookup(parent_name) is None
        ):
            error(number, "上级单位", _("“%(name)s”不在单位名录中，也不在本文件中") % {"name": parent_name})
        alias_row = aliases_in_file.get(normalize_name(name))
        if alias_row and alias_row[1] != normalize_name(name):
            error(
                number,
                "名称",
                _("“%(name)s”在本文件第%(row)s行已被用作其他单位的别名")
                % {"name": name, "row": alias_row[0]},
            )
    # The levels below the towns sit under their town: 村 and 社区 under a 镇, 街道 or 开发区; schools
    # and kindergartens under one of those or under a 村 or 社区.
    kind_in_file = {normalize_name(r[1]): r[2] for r in rows}
    for number, _name, kind, parent_name, *_rest in rows:
        if kind not in BELOW_TOWN_KINDS:
            continue
        allowed = TOWN_KINDS if kind in BASE_UNIT_KINDS else (*TOWN_KINDS, *BASE_UNIT_KINDS)
        words = "、".join(str(UnitKind(k).label) for k in allowed)
        if not parent_name:
            error(
                number,
                "上级单位",
                _("%(kind)s须填写所属的上级单位（%(allowed)s）")
                % {"kind": UnitKind(kind).label, "allowed": words},
            )
            continue
        parent = index.lookup(parent_name)
        parent_kind = kind_in_file.get(normalize_name(parent_name)) or (parent.kind if parent else None)
        if parent_kind is not None and parent_kind not in allowed:
            error(
                number,
                "上级单位",
                _("%(kind)s的上级单位应为%(allowed)s，“%(parent)s”是%(parent_kind)s")
                % {
                    "kind": UnitKind(kind).label,
                    "allowed": words,
                    "parent": parent_name,
                    "parent_kind": UnitKind(parent_kind).label,
                },
            )
    # Cycles among the file's own parent links.
    parent_of = {normalize_name(r[1]): normalize_name(r[3]) for r in rows if r[3]}
    for number, name, *_rest in rows:
        seen, node = set(), normalize_name(name)
        while node in parent_of and node not in seen:
            seen.add(node)
            node = parent_of[node]
        if node in seen:
            error(number, "上级单位", _("上级单位关系形成了循环"))
    if errors:
        first = errors[0]
        more = _("（另有%(count)s处错误）") % {"count": len(errors) - 1} if len(errors) > 1 else ""
        raise ApplicationError(
            ErrorCode.INVALID_FILE, first.message + more, {"errors": [e.extra for e in errors]}
        )

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        created: dict[str, Unit] = {}
        for order, (_n, name, kind, _p, short_name, _aliases, note, existing) in enumerate(rows, start=1):
            if existing is None:
                created[normalize_name(name)] = Unit.objects.create(
                    name=name, kind=kind, short_name=short_name, note=note, sort_order=order
                )
                counts["created"] += 1
            else:
                dirty = (existing.kind, existing.short_name, existing.note) != (
                    kind,
                    short_name or existing.short_name,
                    note or existing.note,
                )
                existing.kind, existing.sort_order = kind, order
                existing.short_name = short_name or existing.short_name
                existing.note = note or existing.note
                existing.save()
                counts["updated" if dirty else "unchanged"] += 1
        index = UnitIndex.build(include_inactive=True)
        for _n, name, _k, parent_name, _s, aliases, _note, _e in rows:
            unit = index.lookup(name)
            if parent_name:
                parent = index.lookup(parent_name)
                if unit.parent_id != parent.pk:
                    unit.parent = parent
                    unit.save(update_fields=["parent", "updated_at"])
            for alias in aliases:
                _alias_add(index, unit, alias)
        audit_record(
            actor=actor,
            action=AuditAction.UNITS_LOADED,
            object_type="org.unit",
            object_repr=filename,
            detail=counts,
        )
    return counts


@transaction.atomic
def person_get_or_create(
    *, actor, name: str, unit: Unit | None, title: str = "", phone: str = "", synthetic: bool = False
) -> Person:
    name = normalize_person_name(name)
    if not name:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("姓名不能为空"))
    person = Person.objects.filter(name=name, unit=unit).first()
    if person is None:
        person = Person.objects.create(name=name, unit=unit, title=title, phone=phone, synthetic=synthetic)
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_CREATED,
            target=person,
            detail={"unit": unit.name if unit else None},
        )
    elif title and person.title != title:
        person.title = title
        person.save(update_fields=["title", "updated_at"])
        audit_record(actor=actor, action=AuditAction.PERSON_UPDATED, target=person, detail={"title": title})
    return person


@transaction.atomic
def group_create(
    *,
    actor,
    name: str,
    kind: str = GroupKind.LEADING_GROUP,
    office_unit: Unit | None = None,
    source: str = "",
    duties: str = "",
) -> Group:
    require_capability(actor, "org.manage_groups")
    if Group.objects.filter(name=name).exists():
        raise ApplicationError(ErrorCode.DUPLICATE, _("“%(name)s”已存在") % {"name": name})
    group = Group.objects.create(name=name, kind=kind, office_unit=office_unit, source=source, duties=duties)
    audit_record(actor=actor, action=AuditAction.GROUP_CREATED, target=group)
    return group


@transaction.atomic
def group_load_members(
    *,
    actor,
    group: Group,
    members: list[dict],
    since: datetime.date | None,
    office_director: str | None = None,
    synthetic_contacts: bool = False,
    require_units: bool = True,
) -> dict[str, int]:
    """Seat a member list (role, name, title) as a document writes it; sync on a later list.

    Each member's unit comes from the start of the title (区财政局局长 -> 区财政局). With
    `require_units`, a title that names no known unit stops the load with an error naming the
    member; without, the member is seated with no unit. Members missing from a later list are
    ended (history kept), changed roles or titles end the old record and start a new one.
    """
    require_capability(actor, "org.manage_groups")
    index = UnitIndex.build()
    prepared = []
    for position, member in enumerate(members, start=1):
        role = MemberRole.from_label(member["role"])
        name = normalize_person_name(member["name"])
        title = "".join(member.get("title", "").split())
        if role is None:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("第%(position)s位成员“%(name)s”的角色“%(role)s”无法识别")
                % {"position": position, "name": name, "role": member["role"]},
            )
        unit = index.unit_from_title(title)
        if unit is None and require_units:
            raise ApplicationError(
                ErrorCode.UNKNOWN_UNIT,
                _("第%(position)s位成员“%(name)s”的职务“%(title)s”中没有可识别的单位")
                % {"position": position, "name": name, "title": title},
            )
        prepared.append((position, role, name, title, unit))
    counts = {"added": 0, "changed": 0, "ended": 0, "unchanged": 0}
    current = {m.person.name: m for m in group.memberships.current().select_related("person")}
    on_date = since or clock.today()
    for position, role, name, title, unit in prepared:
        existing = current.pop(name, None)
        if existing is not None:
            if (existing.role, existing.position_title) == (role, title):
                counts["unchanged"] += 1
            else:
                membership_change(
                    actor=actor,
                    membership=existing,
                    role=role,
                    position_title=title,
                    on_date=max(on_date, existing.since or on_date),
                    note="依据文件调整",
                )
                counts["changed"] += 1
            continue
        phone = f"0000-{position:07d}" if synthetic_contacts else ""
        person = person_get_or_create(
            actor=actor, name=name, unit=unit, title=title, phone=phone, synthetic=synthetic_contacts
        )
        membership = Membership.objects.create(
            group=group,
            person=person,
            role=role,
            position_title=title,
            unit=unit,
            order=position,
            since=since,
        )
        audit_record(
            actor=actor,
            action=AuditAction.MEMBER_ADDED,
            target=membership,
            detail={"role": str(role.label), "title": title},
        )
        counts["added"] += 1
    if members:  # an empty list is no list: nobody is ended by it
        for membership in current.values():
            membership_end(
                actor=actor,
                membership=membership,
                until=max(on_date, membership.since or on_date),
                note="依据文件调整",
            )
            counts["ended"] += 1
    if office_director:
        director = Person.objects.filter(
            name=normalize_person_name(office_director), memberships__group=group
        ).first()
        if director is None:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("办公室主任“%(office_director)s”不在成员名单中") % {"office_director": office_director},
            )
        if group.office_director_id != director.pk:
            group.office_director = director
            group.save(update_fields=["office_director", "updated_at"])
    return counts


@transaction.atomic
def group_from_document(
    *,
    actor,
    name: str,
    office_unit: str | None,
    office_director: str | None,
    members: list[dict],
    source: str = "",
    on_date: datetime.date | None = None,
) -> tuple[Group, dict[str, int]]:
    """A group a document sets up (领导小组 with its member list), created or brought in line."""
    index = UnitIndex.build()
    unit = index.lookup(office_unit) if office_unit else None
    group = Group.objects.filter(name=name).first()
    if group is None:
        group = group_create(actor=actor, name=name, office_unit=unit, source=source)
    elif unit is not None and group.office_unit_id != unit.pk:
        group.office_unit = unit
        group.save(update_fields=["office_unit", "updated_at"])
    counts = group_load_members(
        actor=actor,
        group=group,
        members=members,
        since=on_date,
        office_director=office_director,
        require_units=False,
    )
    return group, counts


@transaction.atomic
def membership_end(*, actor, membership: Membership, until: datetime.date, note: str = "") -> Membership:
    """成员调整离任：结束记录，历史保留。"""
    require_capability(actor, "org.manage_groups")
    if membership.until is not None:
        raise ApplicationError(ErrorCode.CONFLICT, _("该成员记录已结束"))
    if membership.since and until < membership.since:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("终止日期不能早于起始日期"))
    membership.until, membership.change_note = until, note
    membership.save(update_fields=["until", "change_note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.MEMBER_ENDED,
        target=membership,
        detail={"until": str(until), "note": note},
    )
    return membership


@transaction.atomic
def membership_add(
    *,
    actor,
    group: Group,
    person: Person,
    role: str,
    position_title: str,
    since: datetime.date,
    note: str = "",
) -> Membership:
    require_capability(actor, "org.manage_groups")
    if Membership.objects.current().filter(group=group, person=person).exists():
        raise ApplicationError(
            ErrorCode.DUPLICATE,
            _("“%(person)s”已是“%(group)s”的现任成员") % {"person": person.name, "group": group.name},
        )
    order = (group.memberships.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    membership = Membership(
        group=group,
        person=person,
        role=role,
        position_title=position_title.strip(),
        unit=person.unit,
        since=since,
        order=order,
        change_note=note,
    )
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action=AuditAction.MEMBER_ADDED,
        target=membership,
        detail={"role": role, "title": position_title, "note": note},
    )
    return membership


@transaction.atomic
def membership_change(
    *, actor, membership: Membership, role: str, position_title: str, on_date: datetime.date, note: str = ""
) -> Membership:
    """职务或角色变更：旧记录在变更日结束，新记录自变更日开始。"""
    require_capability(actor, "org.manage_groups")
    if membership.until is not None:
        raise ApplicationError(ErrorCode.CONFLICT, _("该成员记录已结束，不能变更"))
    if membership.since and on_date < membership.since:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("变更日期不能早于原任职起始日期"))
    membership.until, membership.change_note = on_date, note or "职务变更"
    membership.save(update_fields=["until", "change_note", "updated_at"])
    new = Membership.objects.create(
        group=membership.group,
        person=membership.person,
        role=role,
        position_title=position_title.strip(),
        unit=membership.unit,
        order=membership.order,
        since=on_date,
        change_note=note,
    )
    audit_record(
        actor=actor,
        action=AuditAction.MEMBER_CHANGED,
        target=new,
        detail={
            "from": [membership.role, membership.position_title],
            "to": [role, position_title],
            "note": note,
        },
    )
    return new
