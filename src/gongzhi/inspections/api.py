"""/api/v1/inspections/: inspections (督查检查) with their findings, and rectification items (整改:
raise, submit the result with evidence, close or return) through the pages' services, with their
permissions and audit (issue 16, part 7). People only (a unit's token gets 403). Files travel as
base64 in the JSON body and go through the same evidence checks as an upload."""

import base64
import binascii
import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.inspections import services
from gongzhi.inspections.choices import InspectionKind, RectificationState
from gongzhi.inspections.models import Finding, Inspection, Rectification
from gongzhi.org.models import Unit
from gongzhi.plans.selectors import plan_get

router = Router(tags=["督查检查与整改"])

MAX_FILES = 10


def _people_only(request) -> None:
    if request.principal.role == "api_token":
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("接口令牌不能办理督查检查和整改"))


class InspectionsFileIn(Schema):
    filename: str = Field(
        ..., max_length=200, description="文件名（含扩展名：jpg、png、pdf、doc、docx、xls、xlsx）"
    )
    content_base64: str = Field(..., description="文件内容（base64）")


def _files(files: list[InspectionsFileIn], field: str) -> list[tuple[str, bytes]]:
    if len(files) > MAX_FILES:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("%(field)s：一次最多%(n)s个文件") % {"field": field, "n": MAX_FILES},
        )
    decoded = []
    for item in files:
        try:
            decoded.append((item.filename, base64.b64decode(item.content_base64, validate=True)))
        except (binascii.Error, ValueError) as exc:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("%(field)s：文件“%(name)s”的内容不是有效的 base64")
                % {"field": field, "name": item.filename},
            ) from exc
    return decoded


def _require_inspect(request, plan) -> None:
    """The service's own check, made before the input is read: a caller who may not inspect is
    refused (403) whatever its body says."""
    if not services.can_inspect(request.principal, plan):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("您不能在“%(plan)s”下记录督查检查：仅限该方案的牵头办公室和指定的第三方评估人员")
            % {"plan": plan.title},
        )


def _unit(pk: int, field: str) -> Unit:
    unit = Unit.objects.active().filter(pk=pk).first()
    if unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("%(field)s不存在") % {"field": field})
    return unit


# --- rectification items ----------------------------------------------------------------------


class InspectionsRectificationOut(Schema):
    id: int
    inspection: int
    finding: int
    finding_text: str
    plan: int
    unit: str
    requirement: str
    deadline: datetime.date
    state: str
    state_label: str
    overdue_days: int
    result: str
    closed_at: datetime.datetime | None


def _rectification_out(r: Rectification) -> dict:
    return {
        "id": r.pk,
        "inspection": r.finding.inspection_id,
        "finding": r.finding_id,
        "finding_text": r.finding.text,
        "plan": r.finding.inspection.plan_id,
        "unit": r.unit.name,
        "requirement": r.requirement,
        "deadline": r.deadline,
        "state": r.state,
        "state_label": str(RectificationState(r.state).label),
        "overdue_days": services.rectification_overdue_days(r),
        "result": r.result,
        "closed_at": r.closed_at,
    }


# --- inspections ------------------------------------------------------------------------------


class InspectionsFindingOut(Schema):
    id: int
    order: int
    text: str
    rectifications: list[InspectionsRectificationOut]


class InspectionsInspectionOut(Schema):
    id: int
    plan: int
    plan_title: str
    kind: str
    kind_label: str
    date: datetime.date
    place: str
    unit: str
    inspector: str | None
    summary: str
    finding_count: int
    open_count: int


class InspectionsInspectionDetailOut(InspectionsInspectionOut):
    findings: list[InspectionsFindingOut]
    photos: list[str]


def _inspection_out(i: Inspection) -> dict:
    return {
        "id": i.pk,
        "plan": i.plan_id,
        "plan_title": i.plan.title,
        "kind": i.kind,
        "kind_label": str(InspectionKind(i.kind).label),
        "date": i.date,
        "place": i.place,
        "unit": i.unit.name,
        "inspector": i.inspector.username if i.inspector else None,
        "summary": i.summary,
        "finding_count": i.finding_count,
        "open_count": i.open_count,
    }


def _inspection_detail(request, inspection_id: int) -> dict:
    inspection = services.inspection_get(user=request.principal, pk=inspection_id)
    findings = inspection.findings.order_by("order", "pk")
    return {
        **_inspection_out(inspection),
        "findings": [
            {
                "id": f.pk,
                "order": f.order,
                "text": f.text,
                "rectifications": [
                    _rectification_out(r)
                    for r in f.rectifications.select_related("unit", "finding__inspection").order_by(
                        "deadline"
                    )
                ],
            }
            for f in findings
        ],
        "photos": [e.filename for e in inspection.evidence.all()],
    }


@router.get(
    "/inspections",
    response={200: list[InspectionsInspectionOut], **errors()},
    summary="督查检查：牵头办公室、领导看可见方案的全部，单位看本单位的",
)
def inspections_list(request, plan: int | None = None):
    _people_only(request)
    items = services.inspection_list(user=request.principal)
    if plan is not None:
        items = items.filter(plan_id=plan)
    return [_inspection_out(i) for i in items[:200]]


@router.get(
    "/inspections/{inspection_id}",
    response={200: InspectionsInspectionDetailOut, **errors(404)},
    summary="督查检查详情：发现的问题及其整改事项",
)
def inspections_detail(request, inspection_id: int):
    _people_only(request)
    return _inspection_detail(request, inspection_id)


class InspectionsRecordIn(Schema):
    plan: int = Field(..., description="方案编号")
    kind: InspectionKind = Field(..., description="方式")
    date: datetime.date = Field(..., description="检查日期（不晚于今天）")
    place: str = Field(..., description="地点")
    unit: int = Field(..., description="被检查单位编号")
    summary: str = Field("", description="检查情况")
    findings: list[str] = Field(default_factory=list, description="发现的问题，每条一项")
    photos: list[InspectionsFileIn] = Field(default_factory=list, description="现场照片")


@router.post(
    "/inspections",
    response={200: InspectionsInspectionDetailOut, **errors(400, 404)},
    summary="记录督查检查（方案的牵头办公室或指定的第三方评估人员）",
)
def inspections_record(request, body: InspectionsRecordIn):
    _people_only(request)
    plan = plan_get(user=request.principal, pk=body.plan)
    _require_inspect(request, plan)
    inspection = services.inspection_record(
        actor=request.principal,
        plan=plan,
        kind=body.kind,
        date=body.date,
        place=body.place,
        unit=_unit(body.unit, _("被检查单位")),
        summary=body.summary,
        findings=body.findings,
        photos=_files(body.photos, _("现场照片")),
    )
    return _inspection_detail(request, inspection.pk)


class InspectionsFindingIn(Schema):
    text: str = Field(..., description="发现的问题")


@router.post(
    "/inspections/{inspection_id}/findings",
    response={200: InspectionsInspectionDetailOut, **errors(400, 404)},
    summary="在检查上添加一条发现的问题",
)
def inspections_finding_add(request, inspection_id: int, body: InspectionsFindingIn):
    _people_only(request)
    inspection = services.inspection_get(user=request.principal, pk=inspection_id)
    services.finding_add(actor=request.principal, inspection=inspection, text=body.text)
    return _inspection_detail(request, inspection_id)


class InspectionsRaiseIn(Schema):
    unit: int = Field(..., description="整改单位编号")
    requirement: str = Field(..., description="整改要求")
    deadline: datetime.date = Field(..., description="整改期限（不早于检查日期）")


@router.post(
    "/findings/{finding_id}/rectifications",
    response={200: InspectionsRectificationOut, **errors(400, 404)},
    summary="就发现的问题提出整改事项",
)
def inspections_rectification_raise(request, finding_id: int, body: InspectionsRaiseIn):
    _people_only(request)
    finding = Finding.objects.filter(
        pk=finding_id, inspection__in=services.inspection_list(user=request.principal).values("pk")
    ).first()
    if finding is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("发现的问题不存在或无权访问"))
    _require_inspect(request, finding.inspection.plan)
    rectification = services.rectification_raise(
        actor=request.principal,
        finding=finding,
        unit=_unit(body.unit, _("整改单位")),
        requirement=body.requirement,
        deadline=body.deadline,
    )
    return _rectification_out(services.rectification_get(user=request.principal, pk=rectification.pk))


@router.get(
    "/rectifications",
    response={200: list[InspectionsRectificationOut], **errors()},
    summary="整改事项（state：open 整改中、submitted 已报整改结果、closed 已销号、overdue 逾期）",
)
def inspections_rectifications(request, state: Literal["", "open", "submitted", "closed", "overdue"] = ""):
    _people_only(request)
    items = services.rectification_list(
        user=request.principal, state="" if state == "overdue" else state, overdue=state == "overdue"
    )
    return [_rectification_out(r) for r in items[:500]]


class InspectionsStepOut(Schema):
    at: datetime.datetime
    step: str
    unit_name: str
    comment: str


class InspectionsRectificationDetailOut(InspectionsRectificationOut):
    evidence: list[str]
    history: list[InspectionsStepOut]


def _rectification_detail(request, rectification_id: int) -> dict:
    r = services.rectification_get(user=request.principal, pk=rectification_id)
    return {
        **_rectification_out(r),
        "evidence": [e.filename for e in r.evidence.all()],
        "history": [{**h, "step": str(h["step"])} for h in services.rectification_history(rectification=r)],
    }


def _rectification(request, rectification_id: int) -> Rectification:
    _people_only(request)
    return services.rectification_get(user=request.principal, pk=rectification_id)


@router.get(
    "/rectifications/{rectification_id}",
    response={200: InspectionsRectificationDetailOut, **errors(404)},
    summary="整改事项详情：佐证材料、办理记录",
)
def inspections_rectification(request, rectification_id: int):
    _rectification(request, rectification_id)
    return _rectification_detail(request, rectification_id)


class InspectionsSubmitIn(Schema):
    result: str = Field(..., description="整改结果")
    files: list[InspectionsFileIn] = Field(default_factory=list, description="整改佐证材料（首次报送必附）")


@router.post(
    "/rectifications/{rectification_id}/submit",
    response={200: InspectionsRectificationDetailOut, **errors(400, 404, 409)},
    summary="整改单位报送整改结果并附佐证材料",
)
def inspections_rectification_submit(request, rectification_id: int, body: InspectionsSubmitIn):
    rectification = _rectification(request, rectification_id)
    services.rectification_submit(
        actor=request.principal,
        rectification=rectification,
        result=body.result,
        files=_files(body.files, _("整改佐证材料")),
    )
    return _rectification_detail(request, rectification_id)


class InspectionsReviewIn(Schema):
    comment: str = Field("", description="审核意见（退回时必填）")


@router.post(
    "/rectifications/{rectification_id}/close",
    response={200: InspectionsRectificationDetailOut, **errors(404, 409)},
    summary="销号（牵头办公室，整改结果报送后）",
)
def inspections_rectification_close(request, rectification_id: int, body: InspectionsReviewIn):
    rectification = _rectification(request, rectification_id)
    services.rectification_close(actor=request.principal, rectification=rectification, note=body.comment)
    return _rectification_detail(request, rectification_id)


@router.post(
    "/rectifications/{rectification_id}/return",
    response={200: InspectionsRectificationDetailOut, **errors(400, 404, 409)},
    summary="退回整改结果（牵头办公室，写明意见）",
)
def inspections_rectification_return(request, rectification_id: int, body: InspectionsReviewIn):
    rectification = _rectification(request, rectification_id)
    services.rectification_return(actor=request.principal, rectification=rectification, comment=body.comment)
    return _rectification_detail(request, rectification_id)
