"""/api/v1/cogov/enterprise/: enterprise requests (企业诉求) — create, list, detail, route, answer,
close, rate; the same services (permissions, audit) as the pages. Contacts are masked in the list
and unmasked in the detail only for those who may see them (the read is audited)."""

import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema

from gongzhi.cogov import selectors_enterprise as selectors
from gongzhi.cogov import services_enterprise as services
from gongzhi.cogov.choices_enterprise import LIST_FILTERS, RequestKind
from gongzhi.core import clock
from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability
from gongzhi.org.models import Unit

router = Router(tags=["企业诉求"])


class PartOut(Schema):
    unit: str
    unit_id: int
    role: str
    role_name: str
    answered_on: datetime.date | None
    answered_on_time: bool | None
    answer: str


class ContactOut(Schema):
    name: str
    phone: str
    masked: bool


class RequestOut(Schema):
    id: int
    receipt_no: str
    uscc: str
    enterprise_name: str
    contact: ContactOut
    kind: str
    kind_name: str
    content: str
    channel: str
    channel_name: str
    received_on: datetime.date
    state: str
    state_name: str
    deadline: datetime.date | None
    overdue_days: int
    units: list[PartOut]
    reply: str
    closed_on: datetime.date | None
    satisfaction: str
    satisfaction_name: str
    rating_comment: str


def _out(r, contact: dict, today: datetime.date) -> dict:
    return {
        "id": r.pk,
        "receipt_no": r.receipt_no,
        "uscc": r.uscc,
        "enterprise_name": r.enterprise_name,
        "contact": contact,
        "kind": r.kind,
        "kind_name": r.get_kind_display(),
        "content": r.content,
        "channel": r.channel,
        "channel_name": r.get_channel_display(),
        "received_on": r.received_on,
        "state": r.state,
        "state_name": r.get_state_display(),
        "deadline": r.deadline,
        "overdue_days": r.days_over(today),
        "units": [
            {
                "unit": p.unit.name,
                "unit_id": p.unit_id,
                "role": p.role,
                "role_name": p.get_role_display(),
                "answered_on": p.answered_on,
                "answered_on_time": p.answered_on_time,
                "answer": p.answer,
            }
            for p in r.units.all()
        ],
        "reply": r.reply,
        "closed_on": r.closed_on,
        "satisfaction": r.satisfaction,
        "satisfaction_name": r.get_satisfaction_display(),
        "rating_comment": r.rating_comment,
    }


def _detail(request, pk: int) -> dict:
    r = selectors.request_get(user=request.principal, pk=pk)
    return _out(r, selectors.contact_for(user=request.principal, request=r), clock.today())


class RequestIn(Schema):
    uscc: str
    enterprise_name: str
    contact_name: str
    contact_phone: str
    kind: str  # policy | tax | finance | land_labour | approval | complaint | other
    content: str


@router.post(
    "/enterprise/requests",
    response={200: RequestOut, **errors(400)},
    summary="登记企业诉求（网格员或部门；来源渠道按登记人）",
)
def enterprise_request_create(request, body: RequestIn):
    r = services.request_create(actor=request.principal, **body.dict())
    return _detail(request, r.pk)


@router.get(
    "/enterprise/requests",
    response={200: list[RequestOut], **errors(400)},
    summary="企业诉求列表（共治办和领导看全部，单位看分办给本单位或本单位登记的；联系人隐去部分内容）",
)
def enterprise_request_list(request, status: str = "", kind: str = "", unit_id: int | None = None):
    if status and status not in dict(LIST_FILTERS):
        raise ApplicationError(
            ErrorCode.INVALID_INPUT, _("status：不是可选的值（%(v)s）") % {"v": "、".join(dict(LIST_FILTERS))}
        )
    if kind and kind not in RequestKind.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("kind：不是可选的诉求类型"))
    today = clock.today()
    rows = selectors.request_list(
        user=request.principal, status=status, kind=kind, unit_id=unit_id, today=today
    )
    return [_out(r, selectors.masked_contact(r), today) for r in rows[:500]]


@router.get(
    "/enterprise/requests/{request_id}",
    response={200: RequestOut, **errors(404)},
    summary="企业诉求详情（查看联系人留痕）",
)
def enterprise_request_get(request, request_id: int):
    return _detail(request, request_id)


class RouteIn(Schema):
    lead_unit_id: int
    co_unit_ids: list[int] = []
    deadline: datetime.date | None = None


def _unit(pk: int, field: str, label: str) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("%(label)s：没有编号为%(pk)s的单位") % {"label": label, "pk": pk},
            {"field": field},
        )
    return unit


@router.post(
    "/enterprise/requests/{request_id}/route",
    response={200: RequestOut, **errors(400, 404, 409)},
    summary="分办：主办单位、协办单位和答复期限（默认7天）",
)
def enterprise_request_route(request, request_id: int, body: RouteIn):
    r = selectors.request_get(user=request.principal, pk=request_id)
    require_capability(request.principal, "cogov.enterprise_route")  # before naming any unit
    services.request_route(
        actor=request.principal,
        request=r,
        lead_unit=_unit(body.lead_unit_id, "lead_unit", _("主办单位")),
        co_units=[_unit(pk, "co_units", _("协办单位")) for pk in body.co_unit_ids],
        deadline=body.deadline,
    )
    return _detail(request, request_id)


class AnswerIn(Schema):
    answer: str


@router.post(
    "/enterprise/requests/{request_id}/answer",
    response={200: RequestOut, **errors(400, 404, 409)},
    summary="承办单位答复本单位负责的部分（办结前可修改）",
)
def enterprise_request_answer(request, request_id: int, body: AnswerIn):
    r = selectors.request_get(user=request.principal, pk=request_id)
    services.request_answer(actor=request.principal, request=r, answer=body.answer)
    return _detail(request, request_id)


class CloseIn(Schema):
    reply: str


@router.post(
    "/enterprise/requests/{request_id}/close",
    response={200: RequestOut, **errors(400, 404, 409)},
    summary="主办单位在各单位答复后办结，答复企业",
)
def enterprise_request_close(request, request_id: int, body: CloseIn):
    r = selectors.request_get(user=request.principal, pk=request_id)
    services.request_close(actor=request.principal, request=r, reply=body.reply)
    return _detail(request, request_id)


class RateIn(Schema):
    satisfaction: str  # satisfied | basic | unsatisfied
    comment: str = ""


@router.post(
    "/enterprise/requests/{request_id}/rate",
    response={200: RequestOut, **errors(400, 404, 409)},
    summary="回访后记录企业满意度（满意 satisfied / 基本满意 basic / 不满意 unsatisfied，不满意须说明）",
)
def enterprise_request_rate(request, request_id: int, body: RateIn):
    r = selectors.request_get(user=request.principal, pk=request_id)
    services.request_rate(
        actor=request.principal, request=r, satisfaction=body.satisfaction, comment=body.comment
    )
    return _detail(request, request_id)
