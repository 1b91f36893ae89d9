"""督查检查、整改事项、优秀工作案例: the services (writes) and selectors (reads) of the three.

Who may do what (the one place that says it):
- record an inspection, add findings, raise rectification items: `supervision.inspect` on a plan the
  actor answers for: the plan office on its own plans (`office_unit`), an evaluator on the plans assigned
  to it (`PolicyDocument.evaluators`), an admin on any;
- submit a rectification's result: a user of the rectification's unit with `supervision.report`;
- close (销号) or return a rectification, select / decline / publish a case: the plan's office, or admin;
- submit a case: any user with a unit, on a plan the user can read.

Reads: `supervision.view_all` reads everything on the plans it can read (an evaluator: its plans);
anyone else reads its own unit's items, and, of the cases, also the published ones. One object is
fetched with an `*_get` that answers 404 alike for "missing" and "not yours".

Evidence (photos, closing evidence, case attachments) goes through `evidence_store`, owned by the unit
the item concerns, so `supervision:evidence_download` serves it to that unit and to the offices.
"""

import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.models import AuditEntry
from gongzhi.core.permissions import access_or_404, user_or_none
from gongzhi.inspections.choices import CaseState, RectificationState
from gongzhi.inspections.models import Finding, GoodPracticeCase, Inspection, Rectification
from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.plans.selectors import is_plan_office, plan_list
from gongzhi.supervision.evidence import evidence_store
from gongzhi.supervision.models import Evidence
from gongzhi.supervision.services import MANAGE

# (filename, content) of an uploaded file
FileData = tuple[str, bytes]

# core/audit.py has no 提出整改 / 退回整改 actions yet: until it does, they are recorded under the
# nearest action, and `detail["step"]` always says which step it was.
ACTION_RAISED = AuditAction.RECTIFICATION_RAISED
ACTION_RETURNED = AuditAction.RECTIFICATION_RETURNED

STEP_LABELS = {
    "raised": "提出整改",
    "submitted": "报送整改结果",
    "closed": "销号",
    "returned": "退回重新整改",
}


# --- who may ---------------------------------------------------------------------------------


def can_inspect(user, plan: PolicyDocument) -> bool:
    """May the user record inspections (and findings, rectifications) on this plan?"""
    if not getattr(user, "is_authenticated", False) or not user.has_capability("supervision.inspect"):
        return False
    if is_plan_office(user, plan, capability=MANAGE):
        return True
    return plan.evaluators.filter(pk=user.pk).exists()


def can_manage(user, plan: PolicyDocument) -> bool:
    """Is the user the plan's office (or admin): closes rectifications, decides cases?"""
    return getattr(user, "is_authenticated", False) and is_plan_office(user, plan, capability=MANAGE)


def can_submit_result(user, rectification: Rectification) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.unit_id is not None
        and user.unit_id == rectification.unit_id
        and user.has_capability("supervision.report")
    )


def _denied(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.PERMISSION_DENIED, message)


def _require_inspect(actor, plan: PolicyDocument) -> None:
    if not can_inspect(actor, plan):
        raise _denied(
            _("您不能在“%(plan)s”下记录督查检查：仅限该方案的牵头办公室和指定的第三方评估人员")
            % {"plan": plan.title}
        )


def _require_office(actor, plan: PolicyDocument, what: str) -> None:
    if not can_manage(actor, plan):
        raise _denied(
            _("只有“%(plan)s”的牵头办公室（%(office_unit)s）可以%(what)s")
            % {"plan": plan.title, "office_unit": plan.office_unit, "what": what}
        )


def _clean(obj) -> None:
    """full_clean, with Django's validation errors turned into the one error shape."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        messages = [m for field_messages in exc.message_dict.values() for m in field_messages]
        raise ApplicationError(ErrorCode.INVALID_INPUT, "；".join(messages), exc.message_dict) from exc


def _store_files(*, actor, unit: Unit, files: Iterable[FileData], **attach) -> list[Evidence]:
    """Store every file or none: the files written before a refused one are removed again."""
    stored: list[Evidence] = []
    try:
        for filename, data in files:
            stored.append(evidence_store(actor=actor, unit=unit, filename=filename, data=data, **attach))
    except Exception:
        for evidence in stored:
            Path(evidence.file_path).unlink(missing_ok=True)
        raise
    return stored


# --- inspections ----------------------------------------------------------------------------------


def inspection_plans(*, user) -> QuerySet[PolicyDocument]:
    """The plans on which the user may record inspections."""
    if not getattr(user, "is_authenticated", False) or not user.has_capability("supervision.inspect"):
        return PolicyDocument.objects.none()
    plans = PolicyDocument.objects.filter(pk__in=plan_list(user=user).values("pk")).select_related(
        "office_unit"
    )
    if user.has_capability("plans.manage_all"):
        return plans
    mine = Q(evaluators=user)
    if user.has_capability("supervision.manage") and user.unit_id is not None:
        mine |= Q(office_unit_id=user.unit_id)
    return plans.filter(mine).distinct()


def _scoped(queryset: QuerySet, *, user, plan_path: str) -> QuerySet:
    """Items on the plans the user can read: all of them with `supervision.view_all`, else its unit's."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    queryset = queryset.filter(**{f"{plan_path}__in": plan_list(user=user).values("pk")})
    if user.has_capability("supervision.view_all"):
        return queryset
    if user.unit_id is None:
        return queryset.none()
    return queryset.filter(unit_id=user.unit_id)


def inspection_list(*, user, plan: PolicyDocument | None = None) -> QuerySet[Inspection]:
    """督查检查, with the number of findings and of rectification items still open."""
    qs = (
        _scoped(Inspection.objects.all(), user=user, plan_path="plan")
        .select_related("plan", "unit", "inspector")
        .annotate(
            finding_count=Count("findings", distinct=True),
            open_count=Count(
                "findings__rectifications",
                filter=~Q(findings__rectifications__state=RectificationState.CLOSED),
                distinct=True,
            ),
        )
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.order_by("-date", "-created_at")


def inspection_get(*, user, pk) -> Inspection:
    return access_or_404(inspection_list(user=user).select_related("plan__office_unit"), pk)


@transaction.atomic
def inspection_record(
    *,
    actor,
    plan: PolicyDocument,
    kind: str,
    date: datetime.date,
    place: str,
    unit: Unit,
    summary: str = "",
    findings: Sequence[str] = (),
    photos: Sequence[FileData] = (),
) -> Inspection:
    """记录一次督查检查：方式、日期、地点、被检查单位、检查情况，以及发现的问题和现场照片。"""
    _require_inspect(actor, plan)
    if date > clock.today():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("检查日期不能晚于今天"))
    inspection = Inspection(
        plan=plan,
        kind=kind,
        date=date,
        place=place.strip(),
        unit=unit,
        inspector=actor,
        summary=summary.strip(),
    )
    _clean(inspection)
    inspection.save()
    texts = [text.strip() for text in findings if text.strip()]
    Finding.objects.bulk_create(
        [Finding(inspection=inspection, text=text, order=order) for order, text in enumerate(texts, start=1)]
    )
    audit_record(
        actor=actor,
        action=AuditAction.INSPECTION_RECORDED,
        target=inspection,
        detail={
            "step": "recorded",
            "plan": plan.pk,
            "unit": unit.name,
            "kind": kind,
            "date": date.isoformat(),
            "findings": len(texts),
            "photos": len(photos),
        },
    )
    _store_files(actor=actor, unit=unit, files=photos, inspection=inspection)
    return inspection


@transaction.atomic
def finding_add(*, actor, inspection: Inspection, text: str) -> Finding:
    """在已记录的检查上逐条添加发现的问题。"""
    _require_inspect(actor, inspection.plan)
    if not text.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写发现的问题"))
    last = inspection.findings.order_by("-order").values_list("order", flat=True).first() or 0
    finding = Finding.objects.create(inspection=inspection, text=text.strip(), order=last + 1)
    audit_record(
        actor=actor,
        action=AuditAction.INSPECTION_RECORDED,
        target=inspection,
        detail={"step": "finding_added", "finding": finding.pk},
    )
    return finding


# --- rectification --------------------------------------------------------------------------------


def rectification_list(
    *, user, state: str = "", overdue: bool = False, today: datetime.date | None = None
) -> QuerySet[Rectification]:
    """整改事项: the offices see every unit's (on the plans they read); a unit its own."""
    qs = _scoped(
        Rectification.objects.all(), user=user, plan_path="finding__inspection__plan"
    ).select_related(
        "unit", "finding", "finding__inspection", "finding__inspection__plan", "finding__inspection__unit"
    )
    if state:
        qs = qs.filter(state=state)
    if overdue:
        qs = qs.filter(state=RectificationState.OPEN, deadline__lt=today or clock.today())
    return qs.order_by("deadline", "pk")


def rectification_get(*, user, pk) -> Rectification:
    return access_or_404(
        rectification_list(user=user).select_related("finding__inspection__plan__office_unit"), pk
    )


def rectification_overdue_days(rectification: Rectification, *, today: datetime.date | None = None) -> int:
    """逾期天数: days past the deadline of an item still open (0 when not overdue)."""
    today = today or clock.today()
    if rectification.state != RectificationState.OPEN or rectification.deadline >= today:
        return 0
    return (today - rectification.deadline).days


def rectification_rows(
    rectifications: Iterable[Rectification], *, today: datetime.date | None = None
) -> list[dict]:
    """Rows for a list page: each item with its overdue days."""
    today = today or clock.today()
    return [{"item": r, "overdue_days": rectification_overdue_days(r, today=today)} for r in rectifications]


def rectification_history(*, rectification: Rectification) -> list[dict]:
    """办理记录: raised, submitted, returned, closed, from the audit trail."""
    entries = AuditEntry.objects.filter(
        # entries written before the model moved from supervision carry its old label
        object_type__in=[Rectification._meta.label_lower, "supervision.rectification"],
        object_id=str(rectification.pk),
    ).order_by("seq")
    return [
        {
            "at": e.at,
            "step": STEP_LABELS.get(e.detail.get("step", ""), e.action),
            "unit_name": e.unit_name,
            "comment": e.detail.get("comment", "") or e.detail.get("note", ""),
        }
        for e in entries
    ]


@transaction.atomic
def rectification_raise(
    *, actor, finding: Finding, unit: Unit, requirement: str, deadline: datetime.date
) -> Rectification:
    """就检查发现的问题提出整改事项：整改单位、整改要求、整改期限。"""
    inspection = finding.inspection
    _require_inspect(actor, inspection.plan)
    if not requirement.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写整改要求"))
    if deadline < inspection.date:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("整改期限不能早于检查日期"))
    rectification = Rectification(
        finding=finding, unit=unit, requirement=requirement.strip(), deadline=deadline
    )
    _clean(rectification)
    rectification.save()
    audit_record(
        actor=actor,
        action=ACTION_RAISED,
        target=rectification,
        detail={
            "step": "raised",
            "inspection": inspection.pk,
            "finding": finding.pk,
            "unit": unit.name,
            "deadline": deadline.isoformat(),
        },
    )
    return rectification


def _locked(rectification: Rectification) -> Rectification:
    return (
        Rectification.objects.select_for_update()
        .select_related("finding__inspection__plan")
        .get(pk=rectification.pk)
    )


@transaction.atomic
def rectification_submit(
    *, actor, rectification: Rectification, result: str, files: Sequence[FileData] = ()
) -> Rectification:
    """整改单位报送整改结果并附佐证材料，等待牵头办公室销号。"""
    if not can_submit_result(actor, rectification):
        raise _denied(_("只有整改单位可以报送整改结果"))
    rectification = _locked(rectification)
    if rectification.state != RectificationState.OPEN:
        raise ApplicationError(ErrorCode.CONFLICT, _("该整改事项已报送结果或已销号，不能重复报送"))
    if not result.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写整改结果"))
    if not files and not rectification.evidence.exists():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请上传整改佐证材料"))
    overdue_days = rectification_overdue_days(rectification)
    rectification.state, rectification.result = RectificationState.SUBMITTED, result.strip()
    rectification.save(update_fields=["state", "result", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.RECTIFICATION_SUBMITTED,
        target=rectification,
        detail={"step": "submitted", "files": len(files), "overdue_days": overdue_days},
    )
    _store_files(actor=actor, unit=rectification.unit, files=files, rectification=rectification)
    return rectification


@transaction.atomic
def rectification_close(*, actor, rectification: Rectification, note: str = "") -> Rectification:
    """牵头办公室审核整改结果后销号。"""
    _require_office(actor, rectification.finding.inspection.plan, "销号")
    rectification = _locked(rectification)
    if rectification.state != RectificationState.SUBMITTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("整改单位报送整改结果后才能销号"))
    rectification.state = RectificationState.CLOSED
    rectification.closed_by, rectification.closed_at = user_or_none(actor), clock.now()
    rectification.save(update_fields=["state", "closed_by", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.RECTIFICATION_CLOSED,
        target=rectification,
        detail={"step": "closed", "note": note.strip()},
    )
    return rectification


@transaction.atomic
def rectification_return(*, actor, rectification: Rectification, comment: str) -> Rectification:
    """整改不到位：牵头办公室写明意见，退回整改单位继续整改。"""
    _require_office(actor, rectification.finding.inspection.plan, "退回整改结果")
    rectification = _locked(rectification)
    if rectification.state != RectificationState.SUBMITTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有已报送的整改结果可以退回"))
    if not comment.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写退回意见"))
    rectification.state = RectificationState.OPEN
    rectification.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=ACTION_RETURNED,
        target=rectification,
        detail={"step": "returned", "comment": comment.strip()},
    )
    return rectification


# --- good-practice cases --------------------------------------------------------------------------


def case_list(*, user, state: str = "", mine: bool = False) -> QuerySet[GoodPracticeCase]:
    """The offices see every case on the plans they read; a unit its own (`mine`: own only, for all)."""
    qs = _scoped(GoodPracticeCase.objects.all(), user=user, plan_path="plan").select_related("plan", "unit")
    if mine:
        qs = qs.filter(unit_id=user.unit_id)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-created_at")


def case_get(*, user, pk) -> GoodPracticeCase:
    """A case the user may read: one of `case_list`, or any published case."""
    visible = GoodPracticeCase.objects.filter(
        Q(pk__in=case_list(user=user).values("pk")) | Q(state=CaseState.PUBLISHED)
    )
    if not getattr(user, "is_authenticated", False):
        visible = visible.none()
    return access_or_404(visible.select_related("plan", "plan__office_unit", "unit", "submitted_by"), pk)


def case_attachments(*, user, case: GoodPracticeCase) -> QuerySet[Evidence]:
    """A case's attachments: for its unit and the offices, not for other units reading a published case."""
    if case.unit_id == user.unit_id or user.has_capability("supervision.view_all"):
        return case.evidence.all()
    return Evidence.objects.none()


def case_public_list() -> QuerySet[GoodPracticeCase]:
    """The public page: published cases only, with nothing but title, unit, date and body."""
    return (
        GoodPracticeCase.objects.filter(state=CaseState.PUBLISHED)
        .select_related("unit")
        .only("title", "body", "published_at", "unit__name")
        .order_by("-published_at", "-pk")
    )


def can_submit_case(user) -> bool:
    """Units file cases through those who report for them (liaisons, offices, admin); readers
    (leaders, third-party evaluators) do not: the `supervision.report` capability."""
    return (
        getattr(user, "is_authenticated", False)
        and user.unit_id is not None
        and user.has_capability("supervision.report")
    )


def case_plans(*, user) -> QuerySet[PolicyDocument]:
    """The plans a user may submit a case on: those it can read, if it may file cases for its unit."""
    if not can_submit_case(user):
        return PolicyDocument.objects.none()
    return plan_list(user=user)


@transaction.atomic
def case_submit(
    *, actor, plan: PolicyDocument, title: str, body: str, attachment: FileData | None = None
) -> GoodPracticeCase:
    """单位报送优秀工作案例（可附一个附件）。"""
    if getattr(actor, "unit_id", None) is None:
        raise _denied(_("您的账号没有所属单位，不能报送工作案例"))
    if not can_submit_case(actor):
        raise _denied(_("只有单位联络员和牵头办公室可以报送工作案例"))
    if not case_plans(user=actor).filter(pk=plan.pk).exists():
        raise ApplicationError(ErrorCode.NOT_FOUND, _("方案不存在或无权访问"))
    case = GoodPracticeCase(
        plan=plan, unit=actor.unit, title=title.strip(), body=body.strip(), submitted_by=user_or_none(actor)
    )
    _clean(case)
    case.save()
    audit_record(
        actor=actor,
        action=AuditAction.CASE_SUBMITTED,
        target=case,
        detail={"plan": plan.pk, "unit": actor.unit.name, "attachment": bool(attachment)},
    )
    _store_files(actor=actor, unit=case.unit, files=[attachment] if attachment else [], case=case)
    return case


def _locked_case(case: GoodPracticeCase) -> GoodPracticeCase:
    return GoodPracticeCase.objects.select_for_update().select_related("plan").get(pk=case.pk)


@transaction.atomic
def case_decide(*, actor, case: GoodPracticeCase, select: bool, note: str = "") -> GoodPracticeCase:
    """牵头办公室遴选：入选或未入选。"""
    _require_office(actor, case.plan, "遴选工作案例")
    case = _locked_case(case)
    if case.state != CaseState.SUBMITTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("该案例已遴选"))
    case.state = CaseState.SELECTED if select else CaseState.DECLINED
    case.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CASE_DECIDED,
        target=case,
        detail={"step": "selected" if select else "declined", "note": note.strip()},
    )
    return case


@transaction.atomic
def case_publish(*, actor, case: GoodPracticeCase) -> GoodPracticeCase:
    """公开入选案例：此后出现在公开页面上（标题、单位、日期、正文）。"""
    _require_office(actor, case.plan, "公开工作案例")
    case = _locked_case(case)
    if case.state != CaseState.SELECTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有入选的案例可以公开"))
    case.state, case.published_at = CaseState.PUBLISHED, clock.now()
    case.save(update_fields=["state", "published_at", "updated_at"])
    audit_record(actor=actor, action=AuditAction.CASE_DECIDED, target=case, detail={"step": "published"})
    return case
