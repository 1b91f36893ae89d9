"""Storing a parsed document (its JSON form) as a plan, or as a new revision of the plan with
the same 文号: sections, tasks, responsibilities, targets, milestones and the groups it sets up.

The web review (`plans.services.plan_import_confirm`) and the command line (`gongzhi plan
import`) both come here.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.org.matching import UnitIndex
from gongzhi.org.models import Unit
from gongzhi.org.services import group_from_document
from gongzhi.plans.choices import Comparator, NodeKind
from gongzhi.plans.models import Milestone, PlanNode, PlanRevision, PolicyDocument, Responsibility, Target
from gongzhi.plans.parsing.numbering import match_marker
from gongzhi.plans.revisions import Change, match_tasks, plan_diff, target_decimal
from gongzhi.plans.selectors import is_plan_office
from gongzhi.plans.units import (
    ROLE_KEYS,
    UnitResolution,
    apply_unit_creation,
    document_unit_names,
    resolve_units,
)


def _split_label(label: str) -> tuple[str, str]:
    marker = match_marker(label)
    if marker is None:
        return "", label
    return marker.number, label[marker.end :]


def _span(pair) -> tuple[int | None, int | None]:
    return (pair[0], pair[1]) if pair else (None, None)


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
        target.value, target.value_max = target_decimal(data["value"]), target_decimal(data.get("value_max"))
        target.unit_of_measure = (data.get("unit") or "")[:30]
        target.deadline_year, target.per = data.get("deadline_year"), (data.get("per") or "")[:30]
        target.text, target.order = (data.get("text") or "")[:500], order
        if target.comparator not in Comparator.values:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("目标“%(indicator)s”的比较方式无效") % {"indicator": target.indicator},
            )
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
    document.goals = [{k: v for k, v in t.items() if k != "span"} for t in doc.get("targets") or []]
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
        raise ApplicationError(ErrorCode.PARSE_FAILED, _("该文件没有可识别的任务，未保存"))
    index = UnitIndex.build()
    resolution = resolve_units(document_unit_names(doc), decisions, create_units=create_units, index=index)
    if resolution.unknown:
        raise ApplicationError(
            ErrorCode.UNKNOWN_UNIT,
            _("以下%(count)s个单位不在单位名录中：%(names)s。请逐一确认对应的已有单位、新建或忽略后再保存。")
            % {"count": len(resolution.unknown), "names": "、".join(resolution.unknown)},
            {"unknown": resolution.unknown},
        )
    with transaction.atomic():
        apply_unit_creation(resolution, actor=actor, decisions=decisions)
        existing = None
        if doc.get("doc_number"):
            existing = PolicyDocument.objects.select_for_update().filter(doc_number=doc["doc_number"]).first()
        if existing is not None:
            require_plan_office(actor, existing)
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


def require_plan_office(actor, document: PolicyDocument) -> None:
    if not is_plan_office(actor, document, capability="plans.import"):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("“%(document)s”由%(office_unit)s负责，只有该单位可以修订")
            % {"document": document, "office_unit": document.office_unit},
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
    for old_task, new_task in match_tasks(old, doc["tasks"]):
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
