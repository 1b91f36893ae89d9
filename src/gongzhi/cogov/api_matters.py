"""/api/v1/cogov/matters/: important-matter reports (file, list, detail, acknowledge, assign, close),
through the same services and selectors as the pages (same permissions and audit). Attachments are
filed as base64 in the JSON body."""

import base64
import binascii
import datetime

from ninja import Router, Schema

from gongzhi.cogov import selectors_matters as selectors
from gongzhi.cogov import services_matters as services
from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability
from gongzhi.org.models import Unit

router = Router(tags=["重要事项报告"])


class AttachmentOut(Schema):
    id: int
    filename: str
    size: int


class MatterOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    urgency: str
    urgency_label: str
    unit_id: int
    unit: str
    filed_on: datetime.date
    due_date: datetime.date
    state: str
    state_label: str
    acknowledged_on: datetime.date | None
    assigned_unit_id: int | None
    deadline: datetime.date | None
    closed_on: datetime.date | None


class MatterDetailOut(MatterOut):
    facts: str
    assign_note: str
    result: str
    attachments: list[AttachmentOut]


class AttachmentIn(Schema):
    filename: str
    content_base64: str


class MatterIn(Schema):
    title: str
    kind: str
    urgency: str = "normal"
    facts: str
    attachments: list[AttachmentIn] = []


class AssignIn(Schema):
    unit_id: int
    deadline: datetime.date | None = None
    note: str = ""


class CloseIn(Schema):
    result: str


def _out(m) -> dict:
    return {
        "id": m.pk,
        "title": m.title,
        "kind": m.kind,
        "kind_label": m.get_kind_display(),
        "urgency": m.urgency,
        "urgency_label": m.get_urgency_display(),
        "unit_id": m.unit_id,
        "unit": m.unit.name,
        "filed_on": m.filed_on,
        "due_date": m.due_date,
        "state": m.state,
        "state_label": m.get_state_display(),
        "acknowledged_on": m.acknowledged_on,
        "assigned_unit_id": m.assigned_unit_id,
        "deadline": m.deadline,
        "closed_on": m.closed_on,
    }


def _detail(m) -> dict:
    return {
        **_out(m),
        "facts": m.facts,
        "assign_note": m.assign_note,
        "result": m.result,
        "attachments": [{"id": a.pk, "filename": a.filename, "size": a.size} for a in m.attachments.all()],
    }


@router.get("/matters", response={200: list[MatterOut], **errors()}, summary="重要事项报告列表（按权限）")
def matters_list(request, state: str = ""):
    return [_out(m) for m in selectors.matter_list(user=request.principal, state=state)[:500]]


@router.get(
    "/matters/{matter_id}", response={200: MatterDetailOut, **errors(404)}, summary="重要事项报告详情"
)
def matters_get(request, matter_id: int):
    return _detail(selectors.matter_get(user=request.principal, pk=matter_id))


@router.post("/matters", response={200: MatterDetailOut, **errors(400)}, summary="报告重要事项")
def matters_file(request, body: MatterIn):
    files = []
    for a in body.attachments:
        try:
            files.append((a.filename, base64.b64decode(a.content_base64, validate=True)))
        except (binascii.Error, ValueError) as exc:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT, f"附件“{a.filename}”：content_base64 不是有效的 base64"
            ) from exc
    m = services.matter_file(
        actor=request.principal,
        title=body.title,
        kind=body.kind,
        urgency=body.urgency,
        facts=body.facts,
        attachments=files,
    )
    return _detail(m)


@router.post(
    "/matters/{matter_id}/acknowledge", response={200: MatterDetailOut, **errors(404, 409)}, summary="签收"
)
def matters_acknowledge(request, matter_id: int):
    m = selectors.matter_get(user=request.principal, pk=matter_id, audit=False)
    return _detail(services.matter_acknowledge(actor=request.principal, matter=m))


@router.post(
    "/matters/{matter_id}/assign", response={200: MatterDetailOut, **errors(400, 404, 409)}, summary="交办"
)
def matters_assign(request, matter_id: int, body: AssignIn):
    m = selectors.matter_get(user=request.principal, pk=matter_id, audit=False)
    require_capability(request.principal, "cogov.matters_handle")
    unit = Unit.objects.active().filter(pk=body.unit_id).first()
    if unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "unit_id：承办单位不存在")
    return _detail(
        services.matter_assign(
            actor=request.principal, matter=m, unit=unit, deadline=body.deadline, note=body.note
        )
    )


@router.post(
    "/matters/{matter_id}/close", response={200: MatterDetailOut, **errors(400, 404, 409)}, summary="办结"
)
def matters_close(request, matter_id: int, body: CloseIn):
    m = selectors.matter_get(user=request.principal, pk=matter_id, audit=False)
    return _detail(services.matter_close(actor=request.principal, matter=m, result=body.result))
