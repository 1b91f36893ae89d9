"""Importing a policy document: parse -> review (unit matches, targets) -> store, or revise.

The parser is pure (`plans.parsing`); everything here works on its JSON form, so the web
review (which keeps the result in a PlanImport between requests) and the command line
(`gongzhi plan import`) go through the same `plan_store`.
"""

import datetime
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path

from django.conf import settings
from django.db import transaction

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.jobs import job_start
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.org.choices import UnitKind
from gongzhi.org.matching import UnitIndex, normalize_name
from gongzhi.org.models import Unit
from gongzhi.org.services import group_from_document, unit_alias_add, unit_create
from gongzhi.plans.choices import Comparator, ImportState, NodeKind, ResponsibilityRole, UnitDecision
from gongzhi.plans.models import (
    Milestone,
    PlanImport,
    PlanNode,
    PlanRevision,
    PolicyDocument,
    Responsibility,
    Target,
)
from gongzhi.plans.parsing import ParseError, parse_bytes
from gongzhi.plans.parsing.numbering import match_marker
from gongzhi.plans.selectors import is_plan_office

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ROLE_KEYS = {
    "lead_units": ResponsibilityRole.LEAD,
    "responsible_units": ResponsibilityRole.RESPONSIBLE,
    "cooperating_units": ResponsibilityRole.COOPERATING,
}


def plan_parse(*, data: bytes, filename: str) -> dict:
    """Parse without storing: the JSON of `gongzhi plan parse`, plus each document's text."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            ErrorCode.PARSE_FAILED, f"文件“{filename}”过大：超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB 上限"
        )
    try:
        result = parse_bytes(data, filename)
    except ParseError as exc:
        raise ApplicationError(
            ErrorCode.PARSE_FAILED, f"文件“{filename}”：{exc.message}", {"parse_code": exc.code}
        ) from exc
    payload = result.to_json()
    payload["texts"] = [doc.text for doc in result.documents]
    return payload


# --- units -----------------------------------------------------------------------------


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


def guess_unit_kind(name: str) -> str:
    key = normalize_name(name)
    rules = [
        (("镇", "镇人民政府", "镇政府"), UnitKind.TOWN),
        (("街道", "街道办事处"), UnitKind.SUBDISTRICT),
        (("开发区", "管委会", "高新区", "园区"), UnitKind.DEV_ZONE),
        (("法院", "检察院"), UnitKind.JUDICIAL),
        (
            ("妇联", "总工会", "文联", "科协", "残联", "团区委", "团县委", "团市委", "工商联"),
            UnitKind.MASS_ORG,
        ),
        (("村", "社区", "居委会", "村委会"), UnitKind.VILLAGE),
    ]
    for suffixes, kind in rules:
        if key.endswith(suffixes):
            return kind
    if key.startswith(("区委", "县委", "市委")) and key.endswith(("部", "委", "办")):
        return UnitKind.PARTY
    if key.endswith(("局", "办公室", "委员会", "分局")):
        return UnitKind.GOVERNMENT
    return UnitKind.OTHER


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


def _apply_unit_creation(resolution: UnitResolution, *, actor, decisions: dict) -> None:
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


# --- storing ---------------------------------------------------------------------------


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, f"目标值“{value}”不是数字") from exc


def _split_label(label: str) -> tuple[str, str]:
    marker = match_marker(label)
    if marker is None:
        return "", label
    return marker.number, label[marker.end :]


def _span(pair) -> tuple[int | None, int | None]:
    return (pair[0], pair[1]) if pair else (None, None)


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
            _decimal(t["value"]),
            _decimal(t.get("value_max")),
            t.get("unit") or "",
            t.get("deadline_year"),
            t.get("per") or "",
        )
    return (t.indicator, t.comparator, t.value, t.value_max, t.unit_of_measure, t.deadline_year, t.per)


def _match_tasks(old: list[PlanNode], new: list[dict]) -> list[tuple[PlanNode | None, dict | None]]:
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
    for old_task, new_task in _match_tasks(old, doc["tasks"]):
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


def _sections_for(document: PolicyDocument, tasks: list[dict], existing: dict[tuple, PlanNode]) -> dict:
    sections: dict[tuple, PlanNode] = {}
    order = 0
    for task in tasks:
        for depth in range(len(task["path"])):
            key = tuple(task["path"][: depth + 1])
            if key in sections:
                continue
            order += 1
            number, title = _split_label(key[-1])
            node = existing.get(key)
            if node is None:
                node = PlanNode(document=document, kind=NodeKind.SECTION, label=key[-1][:300])
            node.number, node.title, node.path, node.level = number[:30], title[:300], list(key[:-1]), depth
            node.parent = sections.get(key[:-1])
            node.order, node.active = order * 1000, True
            node.save()
            sections[key] = node
    return sections


def _write_task(task_node: PlanNode, task: dict, resolution: UnitResolution, *, replace: bool) -> None:
    if replace:
        task_node.responsibilities.all().delete()
        task_node.milestones.all().delete()
    position = 0
    for key, role in ROLE_KEYS.items():
        for name in task[key]:
            for unit in resolution.units.get(name, []):
                position += 1
                Responsibility.objects.get_or_create(
                    task=task_node,
                    unit=unit,
                    role=role,
                    defaults={"name_as_written": name[:100], "order": position},
                )
    _write_targets(task_node, task["targets"])
    Milestone.objects.bulk_create(
        [
            Milestone(task=task_node, text=m["text"][:500], deadline_year=m.get("deadline_year"), order=i)
            for i, m in enumerate(task["milestones"])
        ]
    )


def _write_targets(task_node: PlanNode, targets: list[dict]) -> None:
    """Update targets in place where the indicator is the same (so what hangs on them stays)."""
    old = {t.indicator: t for t in task_node.targets.all()}
    keep = set()
    for order, data in enumerate(targets):
        target = old.get(data["indicator"]) or Target(task=task_node)
        if target.pk in keep:
            target = Target(task=task_node)
        target.indicator = data["indicator"][:200]
        target.comparator = data["comparator"]
        target.value, target.value_max = _decimal(data["value"]), _decimal(data.get("value_max"))
        target.unit_of_measure = (data.get("unit") or "")[:30]
        target.deadline_year, target.per = data.get("deadline_year"), (data.get("per") or "")[:30]
        target.text, target.order = (data.get("text") or "")[:500], order
        if target.comparator not in Comparator.values:
            raise ApplicationError(ErrorCode.INVALID_INPUT, f"目标“{target.indicator}”的比较方式无效")
        target.full_clean(exclude=["task"])
        target.save()
        keep.add(target.pk)
    task_node.targets.exclude(pk__in=keep).delete()


def _task_fields(node: PlanNode, task: dict, order: int, parent: PlanNode | None) -> None:
    start, end = _span(task.get("source_span"))
    node.number, node.title = task["number"][:30], (task.get("title") or "")[:300]
    node.label = f"{task['number']}{task.get('title') or task['text'][:30]}"[:300]
    node.text, node.path, node.level = task["text"], task["path"], len(task["path"])
    node.order, node.parent, node.span_start, node.span_end = order, parent, start, end
    node.open_ended, node.deadline_text = task.get("open_ended", False), (task.get("deadline") or "")[:100]


def _header_fields(document: PolicyDocument, doc: dict) -> None:
    document.title = doc["title"][:300]
    document.notice_title = (doc.get("notice_title") or "")[:300]
    document.doc_number = (doc.get("doc_number") or "")[:100]
    document.issuer = (doc.get("issuer") or "")[:200]
    document.issue_date = datetime.date.fromisoformat(doc["date"]) if doc.get("date") else None
    document.recipients = doc.get("recipients") or ""
    document.publication = (doc.get("publication") or "")[:100]
    document.attachments = doc.get("attachments") or []
    document.task_rule = doc.get("task_rule", "")


def plan_store(
    *,
    actor,
    doc: dict,
    text: str,
    filename: str,
    sha256: str,
    office_unit: Unit,
    decisions: dict | None = None,
    create_units: bool = False,
    end_year: int | None = None,
    expected_revision_of: int | None = None,
) -> tuple[PolicyDocument, list[Change]]:
    """Store one parsed document as a plan, or as a new revision of the plan with its 文号."""
    require_capability(actor, "plans.import")
    decisions = dict(decisions or {})
    if not doc["tasks"]:
        raise ApplicationError(ErrorCode.PARSE_FAILED, "该文件没有可识别的任务，未保存")
    index = UnitIndex.build()
    resolution = resolve_units(document_unit_names(doc), decisions, create_units=create_units, index=index)
    if resolution.unknown:
        raise ApplicationError(
            ErrorCode.UNKNOWN_UNIT,
            f"以下{len(resolution.unknown)}个单位不在单位名录中：{'、'.join(resolution.unknown)}。"
            "请逐一确认对应的已有单位、新建或忽略后再保存。",
            {"unknown": resolution.unknown},
        )
    with transaction.atomic():
        _apply_unit_creation(resolution, actor=actor, decisions=decisions)
        existing = None
        if doc.get("doc_number"):
            existing = PolicyDocument.objects.select_for_update().filter(doc_number=doc["doc_number"]).first()
        if existing is not None:
            _require_plan_office(actor, existing)
            if existing.source_sha256 == sha256 and not plan_diff(
                document=existing, doc=doc, resolution=resolution
            ):
                return existing, []  # the same file again: nothing to revise
            return existing, _revise(
                actor=actor,
                document=existing,
                doc=doc,
                text=text,
                filename=filename,
                sha256=sha256,
                resolution=resolution,
                end_year=end_year,
            )
        document = PolicyDocument(
            office_unit=office_unit,
            source_filename=filename[:255],
            source_sha256=sha256,
            source_text=text,
            end_year=end_year or doc.get("end_year"),
        )
        _header_fields(document, doc)
        document.full_clean()
        document.save()
        sections = _sections_for(document, doc["tasks"], {})
        for order, task in enumerate(doc["tasks"], start=1):
            node = PlanNode(document=document, kind=NodeKind.TASK)
            _task_fields(node, task, order * 1000 + 1, sections.get(tuple(task["path"])))
            node.save()
            _write_task(node, task, resolution, replace=False)
        groups = _store_groups(actor=actor, document=document, doc=doc)
        audit_record(
            actor=actor,
            action=AuditAction.PLAN_IMPORTED,
            target=document,
            detail={
                "tasks": len(doc["tasks"]),
                "file": filename,
                "created_units": [n for n, *_ in resolution.to_create],
                "groups": groups,
            },
        )
    return document, []


def _store_groups(*, actor, document: PolicyDocument, doc: dict) -> list[dict]:
    """The groups a document sets up (领导小组 and its member list) become org groups."""
    summaries = []
    for group in doc.get("groups") or []:
        if not group.get("name"):
            continue
        stored, counts = group_from_document(
            actor=actor,
            name=group["name"],
            office_unit=group.get("office_unit"),
            office_director=group.get("office_director"),
            members=group.get("members") or [],
            source=document.doc_number or document.title,
            on_date=document.issue_date,
        )
        summaries.append({"group": stored.name, **counts})
    return summaries


def _require_plan_office(actor, document: PolicyDocument) -> None:
    if not is_plan_office(actor, document, capability="plans.import"):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED, f"“{document}”由{document.office_unit}负责，只有该单位可以修订"
        )


def _revise(
    *,
    actor,
    document: PolicyDocument,
    doc: dict,
    text: str,
    filename: str,
    sha256: str,
    resolution: UnitResolution,
    end_year: int | None,
) -> list[Change]:
    changes = plan_diff(document=document, doc=doc, resolution=resolution)
    revision = document.revision + 1
    existing_sections = {tuple([*n.path, n.label]): n for n in document.nodes.filter(kind=NodeKind.SECTION)}
    sections = _sections_for(document, doc["tasks"], existing_sections)
    old = list(document.nodes.tasks().current())
    for old_task, new_task in _match_tasks(old, doc["tasks"]):
        if new_task is None:
            old_task.active, old_task.revision_removed = False, revision
            old_task.save(update_fields=["active", "revision_removed", "updated_at"])
            continue
        node = old_task or PlanNode(document=document, kind=NodeKind.TASK, revision_added=revision)
        position = doc["tasks"].index(new_task) + 1
        _task_fields(node, new_task, position * 1000 + 1, sections.get(tuple(new_task["path"])))
        node.save()
        _write_task(node, new_task, resolution, replace=old_task is not None)
    document.nodes.filter(kind=NodeKind.SECTION).exclude(pk__in=[s.pk for s in sections.values()]).delete()
    _header_fields(document, doc)
    document.revision, document.source_filename, document.source_sha256 = revision, filename[:255], sha256
    document.source_text = text
    if end_year:
        document.end_year = end_year
    document.full_clean()
    document.save()
    PlanRevision.objects.create(
        document=document,
        revision=revision,
        source_filename=filename[:255],
        changes=[c.as_dict() for c in changes],
        created_by=user_or_none(actor),
    )
    groups = _store_groups(actor=actor, document=document, doc=doc)
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_REVISED,
        target=document,
        detail={"revision": revision, "changes": len(changes), "groups": groups},
    )
    return changes


# --- the web import: upload -> parse job -> review -> confirm -------------------------------


def _imports_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@transaction.atomic
def plan_import_start(*, actor, data: bytes, filename: str) -> PlanImport:
    """保存上传的文件并开始解析（后台任务）。"""
    require_capability(actor, "plans.import")
    if not data:
        raise ApplicationError(ErrorCode.PARSE_FAILED, f"文件“{filename}”为空")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            ErrorCode.PARSE_FAILED, f"文件“{filename}”过大：超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB 上限"
        )
    safe_name = Path(filename).name[:200] or "upload"
    path = _imports_dir() / f"{uuid.uuid4().hex}_{safe_name}"
    path.write_bytes(data)
    plan_import = PlanImport.objects.create(
        filename=safe_name,
        file_path=str(path),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        created_by=actor,
        unit=actor.unit,
    )
    plan_import.job = job_start(
        kind="plans.parse",
        title=f"解析文件：{safe_name}",
        actor=actor,
        params={"import_id": plan_import.pk},
        max_attempts=2,
    )
    plan_import.save(update_fields=["job"])
    audit_record(
        actor=actor, action=AuditAction.PLAN_UPLOADED, target=plan_import, detail={"size": len(data)}
    )
    return plan_import


def plan_import_parse(*, plan_import: PlanImport, progress=None) -> PlanImport:
    """The job's work: parse the stored file and keep the result for review."""
    if progress:
        progress(10, "读取文件")
    data = Path(plan_import.file_path).read_bytes()
    try:
        payload = plan_parse(data=data, filename=plan_import.filename)
    except ApplicationError as exc:
        PlanImport.objects.filter(pk=plan_import.pk).update(state=ImportState.FAILED, error=exc.message)
        raise
    if progress:
        progress(
            80,
            f"识别到{len(payload['documents'])}份文件、"
            f"{sum(len(d['tasks']) for d in payload['documents'])}项任务",
        )
    texts = payload.pop("texts")
    PlanImport.objects.filter(pk=plan_import.pk).update(
        state=ImportState.REVIEW, result=payload, texts=texts, error=""
    )
    plan_import.refresh_from_db()
    return plan_import


def _require_import_owner(actor, plan_import: PlanImport) -> None:
    require_capability(actor, "plans.import")
    if not actor.has_capability("plans.manage_all") and plan_import.unit_id != actor.unit_id:
        raise ApplicationError(ErrorCode.NOT_FOUND, "导入记录不存在或无权访问")


def _review_doc(plan_import: PlanImport, doc_index: int) -> dict:
    if plan_import.state != ImportState.REVIEW:
        raise ApplicationError(
            ErrorCode.CONFLICT, f"该导入当前状态为“{plan_import.get_state_display()}”，不能修改"
        )
    try:
        return plan_import.result["documents"][doc_index]
    except (IndexError, KeyError, TypeError) as exc:
        raise ApplicationError(ErrorCode.NOT_FOUND, "文件中没有这份文档") from exc


@transaction.atomic
def plan_import_decide_unit(
    *,
    actor,
    plan_import: PlanImport,
    name: str,
    action: str,
    unit: Unit | None = None,
    kind: str = "",
    add_alias: bool = False,
) -> PlanImport:
    """审核时确定一个单位名称：对应已有单位（可记为别名）、新建，或忽略。"""
    _require_import_owner(actor, plan_import)
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if plan_import.state != ImportState.REVIEW:
        raise ApplicationError(ErrorCode.CONFLICT, "该导入已不在审核中")
    if action not in UnitDecision.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "请选择处理方式")
    if action == UnitDecision.MAP and unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, f"请为“{name}”选择对应的单位")
    if action == UnitDecision.CREATE and kind and kind not in UnitKind.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "单位类别无效")
    plan_import.decisions[name] = {
        "action": action,
        "unit_id": unit.pk if unit else None,
        "kind": kind or guess_unit_kind(name),
        "add_alias": add_alias,
    }
    plan_import.save(update_fields=["decisions", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_UNIT_DECIDED,
        target=plan_import,
        detail={"name": name, "action": action, "unit": unit.name if unit else None},
    )
    return plan_import


TARGET_FIELDS = ("indicator", "comparator", "value", "value_max", "unit", "deadline_year", "per")


@transaction.atomic
def plan_import_edit_target(
    *,
    actor,
    plan_import: PlanImport,
    doc_index: int,
    task_index: int,
    target_index: int | None,
    values: dict | None,
) -> PlanImport:
    """审核时修改、删除（values=None）或新增（target_index=None）一个目标。"""
    _require_import_owner(actor, plan_import)
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    doc = _review_doc(plan_import, doc_index)
    try:
        task = doc["tasks"][task_index]
    except IndexError as exc:
        raise ApplicationError(ErrorCode.NOT_FOUND, "任务不存在") from exc
    clean = None
    if values is not None:
        clean = {k: values.get(k) for k in TARGET_FIELDS}
        if not (clean["indicator"] or "").strip():
            raise ApplicationError(ErrorCode.INVALID_INPUT, "指标名称不能为空")
        if clean["comparator"] not in Comparator.values:
            raise ApplicationError(ErrorCode.INVALID_INPUT, "比较方式无效")
        value, value_max = _decimal(clean["value"]), _decimal(clean["value_max"])
        if value is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, "目标值不能为空")
        if clean["comparator"] == Comparator.RANGE and (value_max is None or value_max < value):
            raise ApplicationError(ErrorCode.INVALID_INPUT, "区间目标须填写不小于下限的上限")
        clean["value"] = float(value)
        clean["value_max"] = float(value_max) if value_max is not None else None
        year = clean["deadline_year"]
        clean["deadline_year"] = int(year) if year not in (None, "") else None
        if clean["deadline_year"] is not None and not 1990 <= clean["deadline_year"] <= 2100:
            raise ApplicationError(ErrorCode.INVALID_INPUT, "期限年份无效")
        clean["unit"], clean["per"] = clean["unit"] or None, clean["per"] or None
    if target_index is None:
        if values is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, "没有要新增的目标")
        task["targets"].append({**clean, "text": "（人工添加）", "span": None, "edited": True})
    elif not 0 <= target_index < len(task["targets"]):
        raise ApplicationError(ErrorCode.NOT_FOUND, "目标不存在")
    elif values is None:
        task["targets"].pop(target_index)
    else:
        task["targets"][target_index].update(clean, edited=True)
    plan_import.save(update_fields=["result", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_TARGET_EDITED,
        target=plan_import,
        detail={"doc": doc_index, "task": task["number"], "target": target_index, "values": clean},
    )
    return plan_import


def plan_import_preview(*, plan_import: PlanImport, doc_index: int) -> dict:
    """For the review page: unit proposals with decisions, unknown names, and the diff on re-import."""
    doc = plan_import.result["documents"][doc_index]
    index = UnitIndex.build()
    proposals = []
    for proposal in unit_proposals(doc, index):
        proposal["decision"] = decision = plan_import.decisions.get(proposal["text"])
        if decision:
            target = Unit.objects.filter(pk=decision.get("unit_id")).values_list("name", flat=True).first()
            proposal["decision_label"] = UnitDecision(decision["action"]).label + (
                f"：{target}" if target else ""
            )
        proposals.append(proposal)
    resolution = resolve_units(
        document_unit_names(doc), plan_import.decisions, create_units=False, index=index
    )
    existing = (
        PolicyDocument.objects.filter(doc_number=doc["doc_number"]).first() if doc.get("doc_number") else None
    )
    changes = (
        plan_diff(document=existing, doc=doc, resolution=resolution)
        if existing and not resolution.unknown and not resolution.to_create
        else []
    )
    return {"proposals": proposals, "unknown": resolution.unknown, "existing": existing, "changes": changes}


def plan_import_confirm(
    *, actor, plan_import: PlanImport, doc_index: int, end_year: int | None = None
) -> tuple[PolicyDocument, list[Change]]:
    """确认并保存：只有确认后方案才写入。"""
    _require_import_owner(actor, plan_import)
    with transaction.atomic():
        plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
        doc = _review_doc(plan_import, doc_index)
        if str(doc_index) in plan_import.confirmed_documents:
            raise ApplicationError(ErrorCode.CONFLICT, "这份文档已确认保存")
        document, changes = plan_store(
            actor=actor,
            doc=doc,
            text=plan_import.texts[doc_index],
            filename=plan_import.filename,
            sha256=plan_import.sha256,
            office_unit=plan_import.unit,
            decisions=plan_import.decisions,
            end_year=end_year,
        )
        plan_import.confirmed_documents[str(doc_index)] = document.pk
        if len(plan_import.confirmed_documents) == len(plan_import.result["documents"]):
            plan_import.state = ImportState.CONFIRMED
        plan_import.save(update_fields=["confirmed_documents", "state", "updated_at"])
    return document, changes


@transaction.atomic
def plan_import_cancel(*, actor, plan_import: PlanImport) -> PlanImport:
    _require_import_owner(actor, plan_import)
    if plan_import.state in {ImportState.CONFIRMED, ImportState.CANCELLED}:
        raise ApplicationError(ErrorCode.CONFLICT, "该导入已结束")
    plan_import.state = ImportState.CANCELLED
    plan_import.save(update_fields=["state", "updated_at"])
    audit_record(actor=actor, action=AuditAction.PLAN_IMPORT_CANCELLED, target=plan_import)
    return plan_import


@transaction.atomic
def plan_set_evaluators(*, actor, document: PolicyDocument, users) -> None:
    require_capability(actor, "plans.import")
    _require_plan_office(actor, document)
    document.evaluators.set(users)
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_EVALUATORS_SET,
        target=document,
        detail={"evaluators": [u.username for u in users]},
    )
