"""The plan services: parsing an upload, and the web import (upload -> parse job -> review ->
confirm) that ends in `plans.storing.plan_store`.

The parser is pure (`plans.parsing`); everything here works on its JSON form, so the web
review (which keeps the result in a PlanImport between requests) and the command line
(`gongzhi plan import`) go through the same `plan_store`.
"""

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.jobs import job_start
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.core.roles import Role
from gongzhi.org.choices import UnitKind
from gongzhi.org.kinds import guess_unit_kind
from gongzhi.org.matching import UnitIndex
from gongzhi.org.models import Unit
from gongzhi.plans.choices import Comparator, ImportState, LessonKind, UnitDecision
from gongzhi.plans.lessons import FIX_FIELDS, apply_lessons, pattern_of, value_position
from gongzhi.plans.models import ParseLesson, PlanImport, PolicyDocument
from gongzhi.plans.parsing import ParseError, parse_bytes
from gongzhi.plans.revisions import Change, plan_diff, target_decimal
from gongzhi.plans.storing import plan_store, require_plan_office
from gongzhi.plans.units import document_unit_names, resolve_units, unit_proposals

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def plan_parse(*, data: bytes, filename: str, lessons: bool = True) -> dict:
    """Parse without storing: the JSON of `gongzhi plan parse`, plus each document's text.

    The stored review lessons (`plans.lessons`) are applied unless `lessons` is off."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            ErrorCode.PARSE_FAILED,
            _("文件“%(filename)s”过大：超过 %(limit)s MB 上限")
            % {"filename": filename, "limit": MAX_UPLOAD_BYTES // 1024 // 1024},
        )
    try:
        result = parse_bytes(data, filename)
    except ParseError as exc:
        raise ApplicationError(
            ErrorCode.PARSE_FAILED,
            _("文件“%(filename)s”：%(reason)s") % {"filename": filename, "reason": exc.message},
            {"parse_code": exc.code},
        ) from exc
    payload = result.to_json()
    if lessons:
        lessons_apply(payload)
    payload["texts"] = [doc.text for doc in result.documents]
    return payload


# --- review lessons: a correction made in the review is used on the next import ----------------


def active_lessons() -> list[dict]:
    return list(ParseLesson.objects.filter(active=True).values("id", "kind", "pattern", "fields"))


def lessons_apply(payload: dict) -> None:
    used = apply_lessons(payload, active_lessons())
    for lesson_id, count in used.items():
        ParseLesson.objects.filter(pk=lesson_id).update(uses=F("uses") + count)


def lesson_learn(
    *, actor, kind: str, example: str, fields: dict | None = None, plan_import=None
) -> ParseLesson | None:
    """Keep (or renew) what a correction teaches; one lesson per kind and wording."""
    pattern = pattern_of(example)
    if not pattern or pattern == "#":
        return None  # a bare number teaches nothing general
    lesson, _created = ParseLesson.objects.update_or_create(
        kind=kind,
        pattern=pattern,
        defaults={
            "example": example[:300],
            "fields": fields or {},
            "active": True,
            "created_by": user_or_none(actor),
            "unit": getattr(actor, "unit", None),
            "plan_import": plan_import,
        },
    )
    # a wording cannot be both a target and not one: the newer lesson wins
    opposite = {LessonKind.NOT_TARGET: LessonKind.TARGET, LessonKind.TARGET: LessonKind.NOT_TARGET}.get(kind)
    if opposite:
        ParseLesson.objects.filter(kind=opposite, pattern=pattern).update(active=False)
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_LESSON_LEARNED,
        target=lesson,
        detail={"kind": kind, "pattern": pattern, "fields": fields or {}},
    )
    return lesson


@transaction.atomic
def lesson_set_active(*, actor, lesson: ParseLesson, active: bool) -> ParseLesson:
    require_capability(actor, "plans.import")
    lesson.active = active
    lesson.save(update_fields=["active", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_LESSON_LEARNED,
        target=lesson,
        detail={"active": active},
    )
    return lesson


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
        raise ApplicationError(ErrorCode.PARSE_FAILED, _("文件“%(filename)s”为空") % {"filename": filename})
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            ErrorCode.PARSE_FAILED,
            _("文件“%(filename)s”过大：超过 %(limit)s MB 上限")
            % {"filename": filename, "limit": MAX_UPLOAD_BYTES // 1024 // 1024},
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
    decisions = dict(plan_import.decisions)
    for doc in payload["documents"]:
        for name in doc.get("learned_not_units", []):
            decisions.setdefault(
                name, {"action": UnitDecision.IGNORE, "unit_id": None, "kind": "", "learned": True}
            )
    PlanImport.objects.filter(pk=plan_import.pk).update(
        state=ImportState.REVIEW, result=payload, texts=texts, error="", decisions=decisions
    )
    plan_import.refresh_from_db()
    return plan_import


def _require_import_owner(actor, plan_import: PlanImport) -> None:
    require_capability(actor, "plans.import")
    if not actor.has_capability("plans.manage_all") and plan_import.unit_id != actor.unit_id:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("导入记录不存在或无权访问"))


def _review_doc(plan_import: PlanImport, doc_index: int) -> dict:
    if plan_import.state != ImportState.REVIEW:
        raise ApplicationError(
            ErrorCode.CONFLICT,
            _("该导入当前状态为“%(state)s”，不能修改") % {"state": plan_import.get_state_display()},
        )
    try:
        return plan_import.result["documents"][doc_index]
    except (IndexError, KeyError, TypeError) as exc:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("文件中没有这份文档")) from exc


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
        raise ApplicationError(ErrorCode.CONFLICT, _("该导入已不在审核中"))
    if action not in UnitDecision.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择处理方式"))
    if action == UnitDecision.MAP and unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请为“%(name)s”选择对应的单位") % {"name": name})
    if action == UnitDecision.CREATE and kind and kind not in UnitKind.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("单位类别无效"))
    plan_import.decisions[name] = {
        "action": action,
        "unit_id": unit.pk if unit else None,
        "kind": kind or guess_unit_kind(name),
        "add_alias": add_alias,
    }
    plan_import.save(update_fields=["decisions", "updated_at"])
    if action == UnitDecision.IGNORE:
        lesson_learn(actor=actor, kind=LessonKind.NOT_UNIT, example=name, plan_import=plan_import)
    else:
        ParseLesson.objects.filter(kind=LessonKind.NOT_UNIT, pattern=pattern_of(name)).update(active=False)
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
    source: str = "",
) -> PlanImport:
    """审核时修改、删除（values=None）或新增（target_index=None）一个目标。

    Each correction is also a lesson for the next import (`plans.lessons`): deleting a found
    target teaches that its wording is not a target; changing its comparator, unit, base or
    indicator teaches the fix; adding one with `source` (the phrase of the task's text it comes
    from) teaches that wording as a target."""
    _require_import_owner(actor, plan_import)
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    doc = _review_doc(plan_import, doc_index)
    try:
        task = doc["tasks"][task_index]
    except IndexError as exc:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("任务不存在")) from exc
    clean = None
    if values is not None:
        clean = {k: values.get(k) for k in TARGET_FIELDS}
        if not (clean["indicator"] or "").strip():
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("指标名称不能为空"))
        if clean["comparator"] not in Comparator.values:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("比较方式无效"))
        value, value_max = target_decimal(clean["value"]), target_decimal(clean["value_max"])
        if value is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("目标值不能为空"))
        if clean["comparator"] == Comparator.RANGE and (value_max is None or value_max < value):
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("区间目标须填写不小于下限的上限"))
        clean["value"] = float(value)
        clean["value_max"] = float(value_max) if value_max is not None else None
        year = clean["deadline_year"]
        clean["deadline_year"] = int(year) if year not in (None, "") else None
        if clean["deadline_year"] is not None and not 1990 <= clean["deadline_year"] <= 2100:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("期限年份无效"))
        clean["unit"], clean["per"] = clean["unit"] or None, clean["per"] or None
    lesson = None
    if target_index is None:
        if values is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("没有要新增的目标"))
        source = (source or "").strip()
        if source:
            at = task["text"].find(source)
            if at < 0:
                raise ApplicationError(
                    ErrorCode.INVALID_INPUT,
                    _("原文短语须照抄任务原文中的一段：“%(source)s”不在任务原文中") % {"source": source},
                )
            begin = (task.get("source_span") or [0, 0])[0] + at
            task["targets"].append(
                {**clean, "text": source, "span": [begin, begin + len(source)], "edited": True}
            )
            fields = {k: clean[k] for k in FIX_FIELDS}
            fields["value_at"] = value_position(source, clean["value"])
            lesson = lesson_learn(
                actor=actor, kind=LessonKind.TARGET, example=source, fields=fields, plan_import=plan_import
            )
        else:
            task["targets"].append({**clean, "text": "（人工添加）", "span": None, "edited": True})
    elif not 0 <= target_index < len(task["targets"]):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("目标不存在"))
    elif values is None:
        removed = task["targets"].pop(target_index)
        if removed.get("span") and removed.get("text"):
            lesson = lesson_learn(
                actor=actor, kind=LessonKind.NOT_TARGET, example=removed["text"], plan_import=plan_import
            )
    else:
        found = task["targets"][target_index]
        changed = {k: clean[k] for k in FIX_FIELDS if (found.get(k) or None) != (clean[k] or None)}
        if changed and found.get("span") and found.get("text"):
            lesson = lesson_learn(
                actor=actor,
                kind=LessonKind.TARGET_FIX,
                example=found["text"],
                fields=changed,
                plan_import=plan_import,
            )
        found.update(clean, edited=True)
    plan_import.save(update_fields=["result", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_TARGET_EDITED,
        target=plan_import,
        detail={
            "doc": doc_index,
            "task": task["number"],
            "target": target_index,
            "values": clean,
            "lesson": lesson.pk if lesson else None,
        },
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
            proposal["decision_label"] = (
                UnitDecision(decision["action"]).label
                + (f"：{target}" if target else "")
                + (_("（按以往审核经验）") if decision.get("learned") else "")
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
            raise ApplicationError(ErrorCode.CONFLICT, _("这份文档已确认保存"))
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
        raise ApplicationError(ErrorCode.CONFLICT, _("该导入已结束"))
    plan_import.state = ImportState.CANCELLED
    plan_import.save(update_fields=["state", "updated_at"])
    audit_record(actor=actor, action=AuditAction.PLAN_IMPORT_CANCELLED, target=plan_import)
    return plan_import


def evaluator_choices():
    """The people who may be assigned to a plan as its third-party evaluators."""
    return (
        User.objects.filter(role=Role.EVALUATOR, is_active=True).select_related("unit").order_by("username")
    )


@transaction.atomic
def plan_assign(
    *, actor, document: PolicyDocument, office_unit: Unit, evaluators, detail: dict | None = None
) -> PolicyDocument:
    """设置方案：牵头办公室（默认为导入单位，可改为其他单位）与第三方评估人员。

    Only the plan's current office (or an admin) may do it; the plan counts as set up from the
    first time on (`set_up_at`). The caller passes what else it set (the monitoring start) in
    ``detail``, so that the set-up leaves one audit entry."""
    require_plan_office(actor, document)
    if office_unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择牵头办公室"))
    if not Unit.objects.active().filter(pk=office_unit.pk).exists():
        raise ApplicationError(
            ErrorCode.INVALID_INPUT, _("“%(unit)s”已停用，不能作为牵头办公室") % {"unit": office_unit}
        )
    evaluators = list(evaluators)
    allowed = set(evaluator_choices().values_list("pk", flat=True))
    for user in evaluators:
        if user.pk not in allowed:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("“%(user)s”不是在用的第三方评估账号，不能指定为评估人员") % {"user": user},
            )
    before = {
        "office_unit": document.office_unit.name,
        "evaluators": sorted(document.evaluators.values_list("username", flat=True)),
    }
    document.office_unit = office_unit
    if document.set_up_at is None:
        document.set_up_at = clock.now()
    document.full_clean()
    document.save(update_fields=["office_unit", "set_up_at", "updated_at"])
    document.evaluators.set(evaluators)
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_SET_UP,
        target=document,
        detail={
            "office_unit": office_unit.name,
            "evaluators": sorted(u.username for u in evaluators),
            "before": before,
            **(detail or {}),
        },
    )
    return document
