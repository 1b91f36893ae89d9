"""Writes of impact assessments, the checklist, the spaces register and its counting targets.

Every service checks who acts, writes in one transaction and leaves an audit entry.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.children.register import permissions
from gongzhi.children.register.choices import (
    Answer,
    AssessmentState,
    Conclusion,
    QuestionGroup,
    SpaceKind,
    SpaceStatus,
    SubjectKind,
)
from gongzhi.children.register.models import (
    CountingTarget,
    ImpactAnswer,
    ImpactAssessment,
    ImpactChecklist,
    ImpactEvidence,
    ImpactProject,
    ImpactQuestion,
    Space,
)
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode, FileRowError
from gongzhi.core.permissions import user_or_none
from gongzhi.core.tabular import read_table
from gongzhi.org.choices import BELOW_TOWN_KINDS, TOWN_KINDS
from gongzhi.org.matching import UnitIndex
from gongzhi.org.models import Unit
from gongzhi.plans.models import PlanNode, PolicyDocument
from gongzhi.supervision.choices import IndicatorKind, ReportState, ValueSource
from gongzhi.supervision.evidence import evidence_store
from gongzhi.supervision.models import Indicator, IndicatorValue
from gongzhi.supervision.services import monitoring_settings

# The default checklist: UNICEF CFCI's child rights impact questions in the plan's words.
DEFAULT_QUESTIONS: list[tuple[str, str]] = [
    (QuestionGroup.SPACE, "是否在选址和布局中考虑儿童步行可达（如“15分钟生活圈”）和适龄活动场地"),
    (QuestionGroup.SPACE, "是否为不同年龄、不同能力（含残疾儿童）的儿童提供可达、包容的空间"),
    (QuestionGroup.SPACE, "是否保留或增加绿地、自然和游戏空间"),
    (QuestionGroup.SAFETY, "是否识别交通、设施和环境中的儿童安全风险并采取防护措施"),
    (QuestionGroup.SAFETY, "设施、场地和用品是否符合儿童安全标准"),
    (QuestionGroup.SAFETY, "是否有防范侵害儿童、保护儿童隐私的措施"),
    (QuestionGroup.SERVICE, "是否便利儿童获得教育、医疗卫生、文化体育等公共服务"),
    (QuestionGroup.SERVICE, "是否关注困境儿童、留守儿童、残疾儿童等特殊群体的需求"),
    (QuestionGroup.SERVICE, "是否为家庭养育和照护提供支持"),
    (QuestionGroup.PARTICIPATION, "是否听取儿童意见（儿童议事会、问卷、座谈等）"),
    (QuestionGroup.PARTICIPATION, "是否向儿童和家长反馈意见采纳情况"),
    (QuestionGroup.PARTICIPATION, "是否以儿童能理解的方式公开相关信息"),
]


def _error(message: str, code: str = ErrorCode.INVALID_INPUT) -> ApplicationError:
    return ApplicationError(code, message)


# --- the checklist ----------------------------------------------------------------------------


def checklist_current() -> ImpactChecklist | None:
    return ImpactChecklist.objects.order_by("-version").first()


@transaction.atomic
def checklist_default(*, actor=None) -> ImpactChecklist:
    """The current checklist; the default one (第1版) when there is none yet."""
    current = checklist_current()
    if current is not None:
        return current
    return checklist_revise(actor=actor, questions=DEFAULT_QUESTIONS, note="默认清单")


@transaction.atomic
def checklist_revise(*, actor, questions: list[tuple[str, str]], note: str = "") -> ImpactChecklist:
    """Edit the checklist: a version no assessment has used is changed in place; a used one is
    kept as it is and the edit becomes the next version."""
    permissions.require_office(actor)
    cleaned = [(group, " ".join(text.split())) for group, text in questions if text.strip()]
    if not cleaned:
        raise _error(_("评价清单至少要有一个问题"))
    for group, text in cleaned:
        if group not in QuestionGroup.values:
            raise _error(_("问题“%(text)s”的方面无效") % {"text": text})
        if len(text) > 300:
            raise _error(_("问题“%(text)s”超过300字") % {"text": text[:20]})
    current = ImpactChecklist.objects.select_for_update().order_by("-version").first()
    if current is not None and not current.assessments.exists():
        checklist = current
        checklist.questions.all().delete()
        checklist.note = note[:200] or checklist.note
        checklist.save(update_fields=["note", "updated_at"])
    else:
        version = (current.version + 1) if current else 1
        checklist = ImpactChecklist.objects.create(
            version=version, note=note[:200], created_by=user_or_none(actor)
        )
    order = {g: i for i, g in enumerate(QuestionGroup.values)}
    ranked = sorted(enumerate(cleaned), key=lambda item: (order[item[1][0]], item[0]))
    ImpactQuestion.objects.bulk_create(
        ImpactQuestion(checklist=checklist, group=group, order=position, text=text)
        for position, (_index, (group, text)) in enumerate(ranked, start=1)
    )
    audit_record(
        actor=actor,
        action=AuditAction.IMPACT_CHECKLIST_REVISED,
        target=checklist,
        detail={"version": checklist.version, "questions": len(cleaned), "note": note},
    )
    return checklist


# --- assessments ------------------------------------------------------------------------------


@transaction.atomic
def project_create(*, actor, name: str, owner_unit: Unit, description: str = "") -> ImpactProject:
    """登记一个规划和政策之外的项目，作为儿童影响评价的对象。"""
    permissions.require_draft(actor, owner_unit)
    name = " ".join(name.split())
    if not name:
        raise _error(_("项目名称不能为空"))
    project = ImpactProject(name=name, owner_unit=owner_unit, description=description.strip())
    project.full_clean()
    project.save()
    audit_record(
        actor=actor,
        action=AuditAction.IMPACT_PROJECT_CREATED,
        target=project,
        detail={"unit": owner_unit.name},
    )
    return project


@transaction.atomic
def assessment_create(
    *,
    actor,
    owner_unit: Unit,
    task: PlanNode | None = None,
    policy: PolicyDocument | None = None,
    project: ImpactProject | None = None,
) -> ImpactAssessment:
    """责任单位就一项规划任务、政策文件或项目起草儿童影响评价（按当前清单）。"""
    permissions.require_draft(actor, owner_unit)
    subjects = [(SubjectKind.TASK, task), (SubjectKind.POLICY, policy), (SubjectKind.PROJECT, project)]
    given = [(kind, obj) for kind, obj in subjects if obj is not None]
    if len(given) != 1:
        raise _error(_("评价对象须为一项规划任务、一份政策文件或一个项目"))
    if project is not None and project.owner_unit_id != owner_unit.pk:
        raise _error(_("项目“%(project)s”不属于%(unit)s") % {"project": project.name, "unit": owner_unit})
    checklist = checklist_default(actor=None)
    assessment = ImpactAssessment(
        checklist=checklist,
        subject_kind=given[0][0],
        task=task,
        policy=policy,
        project=project,
        owner_unit=owner_unit,
        created_by=user_or_none(actor),
    )
    assessment.full_clean()
    assessment.save()
    ImpactAnswer.objects.bulk_create(
        ImpactAnswer(assessment=assessment, question=q) for q in checklist.questions.all()
    )
    audit_record(
        actor=actor,
        action=AuditAction.IMPACT_ASSESSMENT_CREATED,
        target=assessment,
        detail={"subject": given[0][0], "unit": owner_unit.name, "checklist": checklist.version},
    )
    return assessment


def _require_editable(actor, assessment: ImpactAssessment) -> None:
    permissions.require_draft(actor, assessment.owner_unit)
    if assessment.state not in (AssessmentState.DRAFT, AssessmentState.RETURNED):
        raise _error(_("评价已提交或已签认，不能修改"), ErrorCode.CONFLICT)


@transaction.atomic
def assessment_answer(
    *, actor, assessment: ImpactAssessment, answers: dict[int, tuple[str, str]], summary: str | None = None
) -> ImpactAssessment:
    """填写回答（问题编号 -> (回答, 说明)）和评价说明。"""
    assessment = ImpactAssessment.objects.select_for_update().get(pk=assessment.pk)
    _require_editable(actor, assessment)
    rows = {a.question_id: a for a in assessment.answers.select_related("question")}
    changed = 0
    for question_id, (answer, note) in answers.items():
        row = rows.get(int(question_id))
        if row is None:
            raise _error(_("问题不在本评价的清单中"))
        if answer and answer not in Answer.values:
            raise _error(_("问题“%(text)s”的回答无效") % {"text": row.question.text})
        note = note.strip()
        if (row.answer, row.note) != (answer, note):
            row.answer, row.note = answer, note
            row.save(update_fields=["answer", "note"])
            changed += 1
    if summary is not None and summary.strip() != assessment.summary:
        assessment.summary = summary.strip()
        assessment.save(update_fields=["summary", "updated_at"])
        changed += 1
    audit_record(
        actor=actor,
        action=AuditAction.IMPACT_ASSESSMENT_ANSWERED,
        target=assessment,
        detail={"changed": changed},
    )
    return assessment


@transaction.atomic
def assessment_attach(
    *, actor, assessment: ImpactAssessment, filename: str, data: bytes, question: ImpactQuestion | None = None
) -> ImpactEvidence:
    """为评价（或其中一个问题）上传佐证材料（类型、大小按佐证材料规则校验）。"""
    _require_editable(actor, assessment)
    if question is not None and question.checklist_id != assessment.checklist_id:
        raise _error(_("问题不在本评价的清单中"))
    evidence = evidence_store(actor=actor, unit=assessment.owner_unit, filename=filename, data=data)
    item = ImpactEvidence.objects.create(assessment=assessment, question=question, evidence=evidence)
    audit_record(
        actor=actor,
        action=AuditAction.IMPACT_ASSESSMENT_EVIDENCE,
        target=assessment,
        detail={
            "file": evidence.filename,
            "sha256": evidence.sha256,
            "question": getattr(question, "pk", None),
        },
    )
    return item


@transaction.atomic
def assessment_submit(*, actor, assessment: ImpactAssessment) -> ImpactAssessment:
    """提交审核：每个问题都须回答；回答“否”或“部分”的须写明说明。"""
    assessment = ImpactAssessment.objects.select_for_update().get(pk=assessment.pk)
    _require_editable(actor, assessment)
    for row in assessment.answers.select_related("question"):
        if not row.answer:
            raise _error(_("问题“%(text)s”尚未回答") % {"text": row.question.text})
        if row.answer in (Answer.NO, Answer.PARTLY) and not row.note:
            raise _error(_("问题“%(text)s”回答为“否”或“部分”，须写明说明") % {"text": row.question.text})
    assessment.state = AssessmentState.SUBMITTED
    assessment.submitted_at, assessment.submitted_by = clock.now(), user_or_none(actor)
    assessment.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
    audit_record(actor=actor, action=AuditAction.IMPACT_ASSESSMENT_SUBMITTED, target=assessment)
    return assessment


def _require_review(actor, assessment: ImpactAssessment) -> ImpactAssessment:
    permissions.require_office(actor)
    assessment = ImpactAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.state != AssessmentState.SUBMITTED:
        raise _error(_("只有待审核的评价可以退回或签认"), ErrorCode.CONFLICT)
    return assessment


@transaction.atomic
def assessment_return(*, actor, assessment: ImpactAssessment, comment: str) -> ImpactAssessment:
    """妇儿工委办公室退回评价，写明意见；责任单位修改后再提交。"""
    assessment = _require_review(actor, assessment)
    if not comment.strip():
        raise _error(_("退回须写明审核意见"))
    assessment.state, assessment.review_comment = AssessmentState.RETURNED, comment.strip()
    assessment.reviewed_at, assessment.reviewed_by = clock.now(), user_or_none(actor)
    assessment.save(update_fields=["state", "review_comment", "reviewed_at", "reviewed_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.IMPACT_ASSESSMENT_RETURNED,
        target=assessment,
        detail={"comment": comment},
    )
    return assessment


@transaction.atomic
def assessment_sign_off(
    *, actor, assessment: ImpactAssessment, conclusion: str, required_changes: str = "", comment: str = ""
) -> ImpactAssessment:
    """妇儿工委办公室签认评价：写明结论和须修改事项；签认后不再修改。"""
    assessment = _require_review(actor, assessment)
    if conclusion not in Conclusion.values:
        raise _error(_("请选择评价结论"))
    if conclusion != Conclusion.FRIENDLY and not required_changes.strip():
        raise _error(
            _("结论为“%(conclusion)s”时须写明须修改事项") % {"conclusion": Conclusion(conclusion).label}
        )
    assessment.state = AssessmentState.SIGNED_OFF
    assessment.conclusion, assessment.required_changes = conclusion, required_changes.strip()
    assessment.review_comment = comment.strip()
    assessment.reviewed_at, assessment.reviewed_by = clock.now(), user_or_none(actor)
    assessment.full_clean()
    assessment.save()
    audit_record(
        actor=actor,
        action=AuditAction.IMPACT_ASSESSMENT_SIGNED_OFF,
        target=assessment,
        detail={"conclusion": conclusion, "required_changes": assessment.required_changes},
    )
    return assessment


# --- spaces -----------------------------------------------------------------------------------

LOCATION_KINDS = (*TOWN_KINDS, *BELOW_TOWN_KINDS)
SPACE_FIELDS = (
    "name",
    "kind",
    "location_unit",
    "address",
    "responsible_unit",
    "status",
    "status_date",
    "note",
)


def _check_space(fields: dict) -> None:
    if not fields.get("name"):
        raise _error(_("名称不能为空"))
    if fields["kind"] not in SpaceKind.values:
        raise _error(_("类别无效"))
    if fields["status"] not in SpaceStatus.values:
        raise _error(_("状态无效"))
    if fields["location_unit"].kind not in LOCATION_KINDS:
        raise _error(
            _("“%(unit)s”不是镇、街道、村、社区或学校，不能作为空间所在地")
            % {"unit": fields["location_unit"]}
        )
    if fields["status_date"] > clock.today():
        raise _error(_("状态日期不能是将来的日期"))


@transaction.atomic
def space_save(*, actor, space: Space | None = None, **fields) -> Space:
    """登记或修改一个儿童友好空间（责任单位或妇儿工委办公室），相关的计数指标随之重算。"""
    unknown = set(fields) - set(SPACE_FIELDS)
    if unknown:
        raise _error(_("不能修改字段：%(names)s") % {"names": "、".join(sorted(unknown))})
    if space is not None:
        permissions.require_enter_space(actor, space.responsible_unit)
        merged = {name: getattr(space, name) for name in SPACE_FIELDS} | fields
    else:
        merged = {"address": "", "note": ""} | fields
    merged["name"] = " ".join(str(merged.get("name", "")).split())
    permissions.require_enter_space(actor, merged["responsible_unit"])
    _check_space(merged)
    before = {name: str(getattr(space, name)) for name in SPACE_FIELDS} if space else {}
    space = space or Space(created_by=user_or_none(actor))
    for name, value in merged.items():
        setattr(space, name, value)
    space.full_clean()
    space.save()
    changes = {n: str(getattr(space, n)) for n in SPACE_FIELDS if before.get(n) != str(getattr(space, n))}
    audit_record(actor=actor, action=AuditAction.CHILD_SPACE_SAVED, target=space, detail=changes)
    counting_refresh(kinds={space.kind, *([before["kind"]] if before else [])})
    return space


SPACE_FILE_COLUMNS = ["名称", "类别", "所在地", "责任单位", "状态", "日期"]
_KIND_BY_LABEL = {str(c.label): c.value for c in SpaceKind} | {
    str(c.label).removeprefix("儿童友好").removeprefix("儿童"): c.value for c in SpaceKind
}
_STATUS_BY_LABEL = {str(c.label): c.value for c in SpaceStatus}


def _parse_day(text: str) -> datetime.date | None:
    text = text.strip().replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-")
    text = text.split(" ")[0].split("T")[0]
    try:
        return datetime.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        return None


def spaces_load(*, actor, data: bytes, filename: str) -> dict[str, int]:
    """从 .xlsx/.csv 导入儿童友好空间（列：名称、类别、所在地、地址、责任单位、状态、日期、备注）。

    The whole file is checked first; any error names the file, row and field and nothing is
    stored. A space with the same name at the same place is updated, never entered twice. A unit
    may load only the spaces it is responsible for; the office any.
    """
    if actor is not None and not (permissions.is_office(actor) or actor.has_capability("supervision.report")):
        raise permissions._denied()
    table = read_table(data, filename, required=SPACE_FILE_COLUMNS)
    if not table.rows:
        raise _error(_("文件“%(filename)s”没有数据行") % {"filename": filename}, ErrorCode.INVALID_FILE)
    index = UnitIndex.build()
    errors: list[FileRowError] = []
    prepared: list[dict] = []
    seen: dict[tuple, int] = {}
    today = clock.today()

    def error(row, field, message):
        errors.append(FileRowError(file=filename, row=row, field=field, message=message))

    for number, values in table.rows:
        name = " ".join(values.get("名称", "").split())
        if not name:
            error(number, "名称", _("不能为空"))
            continue
        kind = _KIND_BY_LABEL.get(values.get("类别", "").strip())
        if kind is None:
            error(
                number,
                "类别",
                _("“%(value)s”不是有效类别（可选：%(choices)s）")
                % {"value": values.get("类别", ""), "choices": "、".join(str(c.label) for c in SpaceKind)},
            )
        location = index.lookup(values.get("所在地", ""))
        if location is None:
            error(number, "所在地", _("“%(value)s”不在单位名录中") % {"value": values.get("所在地", "")})
        elif location.kind not in LOCATION_KINDS:
            error(number, "所在地", _("“%(value)s”不是镇、街道、村、社区或学校") % {"value": location.name})
        responsible = index.lookup(values.get("责任单位", ""))
        if responsible is None:
            error(number, "责任单位", _("“%(value)s”不在单位名录中") % {"value": values.get("责任单位", "")})
        elif not permissions.can_enter_space(actor, responsible):
            error(
                number,
                "责任单位",
                _("只能导入本单位负责的空间（本行为%(unit)s）") % {"unit": responsible.name},
            )
        status = _STATUS_BY_LABEL.get(values.get("状态", "").strip())
        if status is None:
            error(
                number,
                "状态",
                _("“%(value)s”不是有效状态（可选：%(choices)s）")
                % {"value": values.get("状态", ""), "choices": "、".join(str(c.label) for c in SpaceStatus)},
            )
        day = _parse_day(values.get("日期", ""))
        if day is None:
            error(
                number,
                "日期",
                _("“%(value)s”不是有效日期（如2025-06-30）") % {"value": values.get("日期", "")},
            )
        elif day > today:
            error(number, "日期", _("不能是将来的日期"))
        if location is not None:
            key = (name, location.pk)
            if key in seen:
                error(number, "名称", _("与第%(row)s行重复（同一所在地同名）") % {"row": seen[key]})
            seen[key] = number
        prepared.append(
            {
                "name": name,
                "kind": kind,
                "location_unit": location,
                "address": values.get("地址", "").strip()[:200],
                "responsible_unit": responsible,
                "status": status,
                "status_date": day,
                "note": values.get("备注", "").strip()[:300],
            }
        )
    if errors:
        more = _("（另有%(count)s处错误）") % {"count": len(errors) - 1} if len(errors) > 1 else ""
        raise ApplicationError(
            ErrorCode.INVALID_FILE, errors[0].message + more, {"errors": [e.extra for e in errors]}
        )
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for row in prepared:
            space = Space.objects.filter(name=row["name"], location_unit=row["location_unit"]).first()
            if space is not None and not permissions.can_enter_space(actor, space.responsible_unit):
                raise _error(_("“%(name)s”已由其他单位登记，不能覆盖") % {"name": row["name"]})
            if space is not None and all(getattr(space, k) == v for k, v in row.items()):
                counts["unchanged"] += 1
                continue
            counts["updated" if space else "created"] += 1
            space = space or Space(created_by=user_or_none(actor))
            for key, value in row.items():
                setattr(space, key, value)
            space.full_clean()
            space.save()
        audit_record(
            actor=actor,
            action=AuditAction.CHILD_SPACES_LOADED,
            object_type="children_register.space",
            object_repr=filename,
            detail=counts,
        )
        counting_refresh(kinds={row["kind"] for row in prepared})
    return counts


# --- counting targets -------------------------------------------------------------------------

COUNTABLE_KINDS = (IndicatorKind.CUMULATIVE, IndicatorKind.LEVEL)


@transaction.atomic
def counting_target_link(*, actor, indicator: Indicator, kind: str, statuses: list[str]) -> CountingTarget:
    """把计数指标与登记册关联：其数值从此由登记册计算（类别 + 状态），不再填报。"""
    permissions.require_office(actor)
    if indicator.kind not in COUNTABLE_KINDS:
        raise _error(
            _("“%(name)s”是%(kind)s，只有数值目标或累计数量可由登记册计算")
            % {"name": indicator.name, "kind": indicator.get_kind_display()}
        )
    if kind not in SpaceKind.values:
        raise _error(_("请选择空间类别"))
    statuses = [s for s in SpaceStatus.values if s in statuses]
    if not statuses:
        raise _error(_("请至少选择一个计入的状态"))
    target, _created = CountingTarget.objects.update_or_create(
        indicator=indicator, defaults={"kind": kind, "statuses": statuses, "created_by": user_or_none(actor)}
    )
    audit_record(
        actor=actor,
        action=AuditAction.CHILD_SPACE_COUNTING_LINKED,
        target=target,
        detail={"indicator": indicator.pk, "kind": kind, "statuses": statuses},
    )
    counting_values_write(target=target)
    return target


def _quarter_ends(start: datetime.date, today: datetime.date) -> list[datetime.date]:
    ends, year, quarter = [], start.year, (start.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        end = datetime.date(year, month, 31 if month in (3, 12) else 30)
        if end >= today:
            break
        ends.append(end)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return ends


def counting_values_write(
    *, target: CountingTarget, today: datetime.date | None = None
) -> list[IndicatorValue]:
    """The indicator's values from the register: one per quarter end since monitoring began and
    one for today, each the count of spaces of the kind whose status is one of the chosen ones
    and dated on or before that day. Idempotent: re-running replaces the register's own values."""
    today = today or clock.today()
    indicator = target.indicator
    start = monitoring_settings(indicator.plan).start
    days = [*_quarter_ends(start, today), today]
    spaces = list(
        Space.objects.filter(kind=target.kind, status__in=target.statuses).values_list(
            "status_date", flat=True
        )
    )
    kept = []
    existing = {
        v.period_end: v
        for v in IndicatorValue.objects.filter(indicator=indicator, source=ValueSource.REGISTER, round=None)
    }
    words = f"由儿童友好空间登记册计算：{target.get_kind_display()}（{target.status_labels}）"
    for day in days:
        count = Decimal(sum(1 for d in spaces if d <= day))
        reported = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))
        if day == today:
            reported = min(clock.now(), reported)
        row = existing.pop(day, None) or IndicatorValue(
            indicator=indicator, unit=indicator.reporting_unit, round=None, period_end=day
        )
        if row.pk and row.value == count and row.note == words:
            kept.append(row)
            continue
        row.unit, row.value, row.note = indicator.reporting_unit, count, words[:300]
        row.state, row.source, row.reported_by, row.reported_at = (
            ReportState.ACCEPTED,
            ValueSource.REGISTER,
            None,
            reported,
        )
        row.save()
        kept.append(row)
    for stale in existing.values():  # an earlier day's "today" value, or a day before the start
        stale.delete()
    return kept


def counting_refresh(*, kinds: set[str] | None = None, today: datetime.date | None = None) -> int:
    """Recompute the counting targets of these space kinds (all when None); returns how many."""
    targets = CountingTarget.objects.select_related("indicator__plan", "indicator__reporting_unit")
    if kinds is not None:
        targets = targets.filter(kind__in=kinds)
    count = 0
    for target in targets:
        counting_values_write(target=target, today=today)
        count += 1
    return count
