"""What re-importing a document with the same 文号 changes: tasks paired old to new, and the
change list (added, removed, reworded, units, targets, milestones). Nothing here writes."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.org.matching import normalize_name
from gongzhi.org.models import Unit
from gongzhi.plans.choices import ResponsibilityRole
from gongzhi.plans.models import PlanNode, PolicyDocument
from gongzhi.plans.units import ROLE_KEYS, UnitResolution


def target_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT, _("目标值“%(value)s”不是数字") % {"value": value}
        ) from exc


_CLAUSE = re.compile(
    r"[（(][^（）()]*(?:牵头|责任|配合|参与|协办)(?:单位|部门)[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _wording(text: str) -> str:
    """A task's wording without its responsibility clause and numbers: what "reworded" compares
    (unit and target changes are reported on their own)."""
    return _NUMBER.sub("#", normalize_name(_CLAUSE.sub("", text)))


def _task_signature(task: dict) -> str:
    return normalize_name(task["text"])


@dataclass
class Change:
    kind: str  # added | removed | reworded | units | targets | milestones
    number: str
    summary: str
    detail: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "number": self.number, "summary": self.summary, "detail": self.detail}


CHANGE_LABELS = {
    "added": "新增任务",
    "removed": "删除任务",
    "reworded": "任务表述调整",
    "units": "责任单位变化",
    "targets": "目标变化",
    "milestones": "节点要求变化",
}


def _target_key(t) -> tuple:
    if isinstance(t, dict):
        return (
            t["indicator"],
            t["comparator"],
            target_decimal(t["value"]),
            target_decimal(t.get("value_max")),
            t.get("unit") or "",
            t.get("deadline_year"),
            t.get("per") or "",
        )
    return (t.indicator, t.comparator, t.value, t.value_max, t.unit_of_measure, t.deadline_year, t.per)


def match_tasks(old: list[PlanNode], new: list[dict]) -> list[tuple[PlanNode | None, dict | None]]:
    """Pair old and new tasks: same number and similar text first, then the most similar text."""
    pairs: list[tuple[PlanNode | None, dict | None]] = []
    unmatched_old = {t.pk: t for t in old}
    pending = []
    for task in new:
        candidate = next((t for t in unmatched_old.values() if t.number == task["number"]), None)
        if (
            candidate
            and SequenceMatcher(None, normalize_name(candidate.text), _task_signature(task)).ratio() >= 0.5
        ):
            pairs.append((unmatched_old.pop(candidate.pk), task))
        else:
            pending.append(task)
    for task in pending:
        best, score = None, 0.0
        for old_task in unmatched_old.values():
            ratio = SequenceMatcher(None, normalize_name(old_task.text), _task_signature(task)).ratio()
            if ratio > score:
                best, score = old_task, ratio
        if best is not None and score >= 0.75:
            pairs.append((unmatched_old.pop(best.pk), task))
        else:
            pairs.append((None, task))
    pairs.extend((t, None) for t in unmatched_old.values())
    return pairs


def plan_diff(*, document: PolicyDocument, doc: dict, resolution: UnitResolution) -> list[Change]:
    """What re-importing `doc` over `document` would change (nothing is written)."""
    old = list(
        document.nodes.tasks().current().prefetch_related("responsibilities__unit", "targets", "milestones")
    )
    changes: list[Change] = []
    for old_task, new_task in match_tasks(old, doc["tasks"]):
        if old_task is None:
            changes.append(
                Change(
                    "added",
                    new_task["number"],
                    f"新增任务{new_task['number']}",
                    {"text": new_task["text"][:200]},
                )
            )
            continue
        if new_task is None:
            changes.append(
                Change(
                    "removed",
                    old_task.number,
                    f"删除任务{old_task.number}",
                    {"task_id": old_task.pk, "text": old_task.text[:200]},
                )
            )
            continue
        if _wording(old_task.text) != _wording(new_task["text"]) or old_task.number != new_task["number"]:
            changes.append(
                Change(
                    "reworded",
                    new_task["number"],
                    f"任务{new_task['number']}表述调整",
                    {"task_id": old_task.pk, "before": old_task.text[:300], "after": new_task["text"][:300]},
                )
            )
        old_units = {(r.role, r.unit_id) for r in old_task.responsibilities.all()}
        new_units = {
            (ROLE_KEYS[key], unit.pk)
            for key in ROLE_KEYS
            for name in new_task[key]
            for unit in resolution.units.get(name, [])
        }
        if old_units != new_units:
            names = {u.pk: u.name for u in Unit.objects.filter(pk__in={u for _, u in old_units | new_units})}
            changes.append(
                Change(
                    "units",
                    new_task["number"],
                    f"任务{new_task['number']}责任单位变化",
                    {
                        "task_id": old_task.pk,
                        "added": [
                            f"{ResponsibilityRole(r).label}：{names[u]}"
                            for r, u in sorted(new_units - old_units)
                        ],
                        "removed": [
                            f"{ResponsibilityRole(r).label}：{names[u]}"
                            for r, u in sorted(old_units - new_units)
                        ],
                    },
                )
            )
        old_targets = sorted((_target_key(t) for t in old_task.targets.all()), key=str)
        new_targets = sorted((_target_key(t) for t in new_task["targets"]), key=str)
        if old_targets != new_targets:
            changes.append(
                Change(
                    "targets",
                    new_task["number"],
                    f"任务{new_task['number']}目标变化",
                    {
                        "task_id": old_task.pk,
                        "before": [str(t) for t in old_targets],
                        "after": [str(t) for t in new_targets],
                    },
                )
            )
        old_ms = sorted((m.text, m.deadline_year) for m in old_task.milestones.all())
        new_ms = sorted((m["text"][:500], m.get("deadline_year")) for m in new_task["milestones"])
        if old_ms != new_ms:
            changes.append(
                Change(
                    "milestones",
                    new_task["number"],
                    f"任务{new_task['number']}节点要求变化",
                    {"task_id": old_task.pk},
                )
            )
    return changes
