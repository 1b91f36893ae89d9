"""The units a parsed document names: proposals for the review, and resolving each name to
registry units (exact, alias, collective, a reviewer's decision, or a new unit)."""

from dataclasses import dataclass, field

from gongzhi.org.kinds import guess_unit_kind
from gongzhi.org.matching import UnitIndex
from gongzhi.org.models import Unit
from gongzhi.org.services import unit_alias_add, unit_create
from gongzhi.plans.choices import ResponsibilityRole, UnitDecision

ROLE_KEYS = {
    "lead_units": ResponsibilityRole.LEAD,
    "responsible_units": ResponsibilityRole.RESPONSIBLE,
    "cooperating_units": ResponsibilityRole.COOPERATING,
}


def document_unit_names(doc: dict) -> list[str]:
    """Every distinct unit name a document assigns, in order of first appearance."""
    names: dict[str, None] = {}
    for task in doc["tasks"]:
        for key in ROLE_KEYS:
            for name in task[key]:
                names.setdefault(name, None)
    return list(names)


def unit_proposals(doc: dict, index: UnitIndex | None = None) -> list[dict]:
    index = index or UnitIndex.build()
    return [index.match(name).as_dict() for name in document_unit_names(doc)]


@dataclass
class UnitResolution:
    units: dict[str, list[Unit]] = field(default_factory=dict)  # name as written -> units ([] = ignored)
    unknown: list[str] = field(default_factory=list)
    to_create: list[tuple[str, str, int | None]] = field(default_factory=list)  # name, kind, parent id


def resolve_units(
    names: list[str], decisions: dict, *, create_units: bool, index: UnitIndex
) -> UnitResolution:
    resolution = UnitResolution()
    by_pk = {u.pk: u for u in index.units}
    for name in names:
        decision = decisions.get(name) or {}
        action = decision.get("action")
        if action == UnitDecision.IGNORE:
            resolution.units[name] = []
            continue
        if action == UnitDecision.MAP and decision.get("unit_id") in by_pk:
            resolution.units[name] = [by_pk[decision["unit_id"]]]
            continue
        if action == UnitDecision.CREATE:
            resolution.to_create.append(
                (name, decision.get("kind") or guess_unit_kind(name), decision.get("parent_id"))
            )
            continue
        match = index.match(name)
        if match.status in {"exact", "alias"}:
            resolution.units[name] = [match.unit]
        elif match.status == "collective":
            resolution.units[name] = list(match.units)
        elif create_units:
            resolution.to_create.append((name, guess_unit_kind(name), None))
        else:
            resolution.unknown.append(name)
    return resolution


def apply_unit_creation(resolution: UnitResolution, *, actor, decisions: dict) -> None:
    for name, kind, parent_id in resolution.to_create:
        parent = Unit.objects.filter(pk=parent_id).first() if parent_id else None
        unit = unit_create(
            actor=actor, name=name, kind=kind, parent=parent, note="导入政策文件时新建，待核实"
        )
        resolution.units[name] = [unit]
    for name, decision in decisions.items():
        if (
            decision.get("action") == UnitDecision.MAP
            and decision.get("add_alias")
            and resolution.units.get(name)
        ):
            unit_alias_add(actor=actor, unit=resolution.units[name][0], alias=name)
