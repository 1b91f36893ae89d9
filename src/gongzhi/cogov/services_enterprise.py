"""Writes on enterprise requests (企业诉求): enter, submit on the public form, route, answer, close,
rate. Each checks who acts, validates (a Chinese error naming the field; nothing partial stored)
and leaves an audit entry in the same transaction; units are notified after commit.

States: 待分办 (new) → 办理中 (routed: some unit has not answered) → 待办结 (answered: every unit
has) → 已办结 (closed, with the reply to the enterprise) → rated once (回访 or the enterprise's
own rating on the public status page).
"""

import datetime
import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.cogov.choices_enterprise import (
    RatingSource,
    RequestChannel,
    RequestKind,
    RequestState,
    Satisfaction,
    UnitRole,
)
from gongzhi.cogov.models_enterprise import (
    ANSWER_MAX,
    CONTENT_MAX,
    EnterpriseRequest,
    EnterpriseRequestUnit,
    clean_uscc,
)
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.codes import USCC_CHARSET, is_uscc
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.notifications import notify
from gongzhi.core.permissions import has_capability, require_capability, user_or_none
from gongzhi.core.roles import Role
from gongzhi.exchange.validation.checks import PHONE_RE
from gongzhi.org.choices import BELOW_TOWN_KINDS
from gongzhi.org.models import Unit

DEFAULT_DAYS = 7  # 快速服务通道: a week to answer unless the office sets another deadline
MIN_ANSWER = 5  # characters of an answer or a reply
PUBLIC_LIMIT = 5  # requests from one address on the public form …
PUBLIC_WINDOW = datetime.timedelta(hours=1)  # … within this time
RATE_LIMITED = "rate_limited"
RECEIPT_PREFIX = "QS"


def _invalid(field: str, label: str, message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_INPUT, f"{label}：{message}", {"field": field})


def _text(value) -> str:
    """Free text as typed (full-width brackets and punctuation stay: they are Chinese text)."""
    return str(value or "").strip()


def check_uscc(value) -> str:
    code = clean_uscc(value)
    label = _("统一社会信用代码")
    if not code:
        raise _invalid("uscc", label, _("请填写"))
    if len(code) != 18:
        raise _invalid("uscc", label, _("应为18位，现为%(n)s位") % {"n": len(code)})
    if not is_uscc(code):
        raise _invalid("uscc", label, _("校验位不正确，请核对后重新填写"))
    return code


def _required(value, field: str, label: str, max_length: int) -> str:
    text = _text(value)
    if not text:
        raise _invalid(field, label, _("请填写"))
    if len(text) > max_length:
        raise _invalid(field, label, _("最多%(n)s个字") % {"n": max_length})
    return text


def _phone(value) -> str:
    phone = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value or "")))
    label = _("联系电话")
    if not phone:
        raise _invalid("contact_phone", label, _("请填写"))
    if not re.fullmatch(PHONE_RE, phone):
        raise _invalid(
            "contact_phone", label, _("不是有效的手机号或固定电话（如 13912345678、0533-6181234）")
        )
    return phone


def _kind(value) -> str:
    if value not in RequestKind.values:
        raise _invalid("kind", _("诉求类型"), _("请从列表中选择"))
    return value


def _new_receipt(day: datetime.date) -> str:
    alphabet = USCC_CHARSET[10:]  # letters without I, O, Z, S, V: nothing to misread
    while True:
        suffix = "".join(secrets.choice(alphabet + "23456789") for _n in range(6))
        receipt = f"{RECEIPT_PREFIX}{day:%Y%m%d}{suffix}"
        if not EnterpriseRequest.objects.filter(receipt_no=receipt).exists():
            return receipt


def client_hash(address: str) -> str:
    """A keyed hash of the public sender's address: enough to limit it, not to know it."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:enterprise:{address}".encode()).hexdigest()[:32]


def _build(
    *,
    uscc,
    enterprise_name,
    contact_name,
    contact_phone,
    kind,
    content,
    channel: str,
    today: datetime.date,
) -> EnterpriseRequest:
    return EnterpriseRequest(
        receipt_no=_new_receipt(today),
        uscc=check_uscc(uscc),
        enterprise_name=_required(enterprise_name, "enterprise_name", _("企业名称"), 100),
        contact_name=_required(contact_name, "contact_name", _("联系人"), 30),
        contact_phone=_phone(contact_phone),
        kind=_kind(kind),
        content=_required(content, "content", _("诉求内容"), CONTENT_MAX),
        channel=channel,
        received_on=today,
    )


@transaction.atomic
def request_create(
    *,
    actor,
    uscc: str,
    enterprise_name: str,
    contact_name: str,
    contact_phone: str,
    kind: str,
    content: str,
    today: datetime.date | None = None,
    unit=None,
    channel: str | None = None,
) -> EnterpriseRequest:
    """网格员或部门登记企业诉求（来源渠道按登记人：网格员 / 部门）。`unit` and `channel` are for the
    system (the demo); a person's request is his unit's."""
    require_capability(actor, "cogov.enterprise_enter")
    today = today or clock.today()
    person = user_or_none(actor)
    if actor is not None:
        unit = actor.unit
        channel = RequestChannel.GRID if actor.role == Role.GRID_WORKER else RequestChannel.DEPARTMENT
    channel = channel or RequestChannel.DEPARTMENT
    if channel not in RequestChannel.values:
        raise _invalid("channel", _("来源渠道"), _("请从列表中选择"))
    request = _build(
        uscc=uscc,
        enterprise_name=enterprise_name,
        contact_name=contact_name,
        contact_phone=contact_phone,
        kind=kind,
        content=content,
        channel=channel,
        today=today,
    )
    request.entered_by, request.entered_unit = person, unit
    request.full_clean()
    request.save()
    audit_record(
        actor=actor,
        action=AuditAction.ENTERPRISE_REQUEST_RECEIVED,
        target=request,
        detail={"channel": channel, "kind": request.kind, "uscc": request.uscc},
    )
    return request


def public_recent_count(*, client: str, now: datetime.datetime | None = None) -> int:
    """Requests from one (hashed) address on the public form within the window."""
    now = now or clock.now()
    return EnterpriseRequest.objects.filter(client_hash=client, created_at__gte=now - PUBLIC_WINDOW).count()


@transaction.atomic
def request_submit_public(
    *,
    actor=None,
    uscc: str,
    enterprise_name: str,
    contact_name: str,
    contact_phone: str,
    kind: str,
    content: str,
    client: str = "",
    today: datetime.date | None = None,
) -> EnterpriseRequest:
    """企业在公开表单上提交诉求（不需要登录），得到受理编号，凭编号和信用代码查询办理情况。
    One address may send PUBLIC_LIMIT requests an hour (`client` is its `client_hash`)."""
    today = today or clock.today()
    if client and public_recent_count(client=client) >= PUBLIC_LIMIT:
        raise ApplicationError(RATE_LIMITED, _("提交过于频繁，请一小时后再试"))
    request = _build(
        uscc=uscc,
        enterprise_name=enterprise_name,
        contact_name=contact_name,
        contact_phone=contact_phone,
        kind=kind,
        content=content,
        channel=RequestChannel.PUBLIC,
        today=today,
    )
    request.client_hash = client
    request.full_clean()
    request.save()
    audit_record(
        actor=actor,
        action=AuditAction.ENTERPRISE_REQUEST_RECEIVED,
        target=request,
        detail={"channel": RequestChannel.PUBLIC, "kind": request.kind, "uscc": request.uscc},
    )
    return request


def _routable_unit(unit, label: str):
    if unit is None:
        raise _invalid("lead_unit", label, _("请选择"))
    if not unit.active or unit.kind in BELOW_TOWN_KINDS:
        raise _invalid("lead_unit", label, _("“%(unit)s”不能承办企业诉求") % {"unit": unit.name})
    return unit


@transaction.atomic
def request_route(
    *,
    actor,
    request: EnterpriseRequest,
    lead_unit,
    co_units: Iterable = (),
    deadline: datetime.date | None = None,
    today: datetime.date | None = None,
) -> EnterpriseRequest:
    """共治办分办：一个主办单位、若干协办单位，定答复期限（默认7天）。办结前可以改派或增加协办单位，
    已答复的单位不能撤回。"""
    require_capability(actor, "cogov.enterprise_route")
    today = today or clock.today()
    request = EnterpriseRequest.objects.select_for_update().get(pk=request.pk)
    if request.state == RequestState.CLOSED:
        raise ApplicationError(ErrorCode.CONFLICT, _("这件诉求已办结，不能再分办"))
    lead_unit = _routable_unit(lead_unit, _("主办单位"))
    co = []
    for unit in co_units or ():
        _routable_unit(unit, _("协办单位"))
        if unit.pk != lead_unit.pk and unit.pk not in {u.pk for u in co}:
            co.append(unit)
    deadline = deadline or request.deadline or today + datetime.timedelta(days=DEFAULT_DAYS)
    if deadline < today and deadline != request.deadline:
        raise _invalid("deadline", _("答复期限"), _("不能早于今天"))
    wanted = {lead_unit.pk: UnitRole.LEAD, **{u.pk: UnitRole.CO for u in co}}
    existing = {part.unit_id: part for part in request.units.select_related("unit")}
    for unit_id, part in existing.items():
        if unit_id not in wanted:
            if part.answered_on is not None:
                raise _invalid(
                    "co_units",
                    _("协办单位"),
                    _("%(unit)s已答复，不能撤回") % {"unit": part.unit.name},
                )
            part.delete()
    # the lead moves first (one lead per request): demote the old lead before promoting another
    for unit_id, part in existing.items():
        if unit_id in wanted and part.role != wanted[unit_id] and part.role == UnitRole.LEAD:
            part.role = UnitRole.CO
            part.save(update_fields=["role", "updated_at"])
    added = []
    for unit_id, role in sorted(wanted.items(), key=lambda item: item[1] != UnitRole.LEAD):
        part = existing.get(unit_id)
        if part is None:
            EnterpriseRequestUnit.objects.create(request=request, unit_id=unit_id, role=role)
            added.append(unit_id)
        elif part.role != role:
            part.role = role
            part.save(update_fields=["role", "updated_at"])
    first = request.routed_on is None
    request.routed_on = request.routed_on or today
    request.routed_by = user_or_none(actor) if first else request.routed_by
    request.deadline = deadline
    request.state = _open_state(request)
    request.full_clean()
    request.save()
    audit_record(
        actor=actor,
        action=AuditAction.ENTERPRISE_REQUEST_ROUTED,
        target=request,
        detail={
            "lead": lead_unit.name,
            "co": [u.name for u in co],
            "deadline": str(deadline),
            "rerouted": not first,
        },
    )
    url = reverse("cogov:enterprise_detail", args=[request.pk])
    for unit in Unit.objects.filter(pk__in=added):
        role = UnitRole(wanted[unit.pk]).label
        transaction.on_commit(
            lambda unit=unit, role=role: notify(
                key=f"enterprise-routed:{request.pk}:{unit.pk}",
                unit=unit,
                text=f"企业诉求{request.receipt_no}已分办你单位{role}，请于{deadline.month}月{deadline.day}日前答复",
                url=url,
            )
        )
    return request


def _open_state(request: EnterpriseRequest) -> str:
    unanswered = request.units.filter(answered_on__isnull=True).exists()
    return RequestState.ROUTED if unanswered else RequestState.ANSWERED


def _acting_part(actor, request: EnterpriseRequest, unit=None) -> EnterpriseRequestUnit:
    """The part the actor answers for: his unit's. The system and the administrator name `unit`."""
    if actor is not None and not has_capability(actor, "scope.all"):
        unit = actor.unit
    elif unit is None and actor is not None:
        unit = actor.unit
    part = request.units.filter(unit=unit).select_related("unit").first() if unit is not None else None
    if part is None:
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("这件诉求没有分办给你单位"))
    return part


@transaction.atomic
def request_answer(
    *,
    actor,
    request: EnterpriseRequest,
    answer: str,
    unit=None,
    today: datetime.date | None = None,
) -> EnterpriseRequestUnit:
    """承办单位答复本单位承办的部分（主办或协办）；办结前可以修改。全部单位答复后转为待办结。"""
    require_capability(actor, "cogov.enterprise_answer")
    today = today or clock.today()
    request = EnterpriseRequest.objects.select_for_update().get(pk=request.pk)
    part = _acting_part(actor, request, unit)
    if request.state not in (RequestState.ROUTED, RequestState.ANSWERED):
        raise ApplicationError(ErrorCode.CONFLICT, _("这件诉求尚未分办或已办结，不能答复"))
    text = _required(answer, "answer", _("答复意见"), ANSWER_MAX)
    if len(text) < MIN_ANSWER:
        raise _invalid("answer", _("答复意见"), _("请写清楚办理情况（至少%(n)s个字）") % {"n": MIN_ANSWER})
    first = part.answered_on is None
    part.answer = text
    if first:
        part.answered_on, part.answered_by = today, user_or_none(actor)
    part.full_clean()
    part.save()
    before = request.state
    request.state = _open_state(request)
    request.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ENTERPRISE_REQUEST_ANSWERED,
        target=request,
        detail={
            "unit": part.unit.name,
            "role": part.role,
            "on_time": part.answered_on_time,
            "revised": not first,
        },
    )
    if before == RequestState.ROUTED and request.state == RequestState.ANSWERED:
        lead = _lead_unit(request)
        transaction.on_commit(
            lambda: notify(
                key=f"enterprise-answered:{request.pk}",
                unit=lead,
                text=f"企业诉求{request.receipt_no}各单位已全部答复，请主办单位办结并答复企业",
                url=reverse("cogov:enterprise_detail", args=[request.pk]),
            )
        )
    return part


@transaction.atomic
def request_close(
    *, actor, request: EnterpriseRequest, reply: str, today: datetime.date | None = None
) -> EnterpriseRequest:
    """主办单位在各单位答复后办结，写明给企业的答复。"""
    require_capability(actor, "cogov.enterprise_answer")
    today = today or clock.today()
    request = EnterpriseRequest.objects.select_for_update().get(pk=request.pk)
    part = _acting_part(actor, request, _lead_unit(request))
    if part.role != UnitRole.LEAD:
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有主办单位可以办结"))
    if request.state == RequestState.CLOSED:
        raise ApplicationError(ErrorCode.CONFLICT, _("这件诉求已办结"))
    if request.state != RequestState.ANSWERED:
        waiting = "、".join(
            p.unit.name for p in request.units.filter(answered_on__isnull=True).select_related("unit")
        )
        raise ApplicationError(
            ErrorCode.CONFLICT, _("尚有单位未答复：%(units)s，不能办结") % {"units": waiting or "—"}
        )
    text = _required(reply, "reply", _("答复企业"), ANSWER_MAX)
    if len(text) < MIN_ANSWER:
        raise _invalid("reply", _("答复企业"), _("请写清楚办理结果（至少%(n)s个字）") % {"n": MIN_ANSWER})
    request.state, request.reply = RequestState.CLOSED, text
    request.closed_on, request.closed_by = today, user_or_none(actor)
    request.full_clean()
    request.save()
    audit_record(
        actor=actor,
        action=AuditAction.ENTERPRISE_REQUEST_CLOSED,
        target=request,
        detail={"on_time": request.closed_on_time},
    )
    return request


def _lead_unit(request: EnterpriseRequest):
    part = request.units.filter(role=UnitRole.LEAD).select_related("unit").first()
    return part.unit if part else None


def _rate(
    *,
    actor,
    request: EnterpriseRequest,
    satisfaction: str,
    comment: str,
    source: str,
    today: datetime.date,
) -> EnterpriseRequest:
    if request.state != RequestState.CLOSED:
        raise ApplicationError(ErrorCode.CONFLICT, _("诉求办结后才能评价"))
    if request.satisfaction:
        raise ApplicationError(ErrorCode.CONFLICT, _("这件诉求已评价"))
    if satisfaction not in Satisfaction.values:
        raise _invalid("satisfaction", _("满意度"), _("请选择满意、基本满意或不满意"))
    comment = _text(comment)
    if len(comment) > 200:
        raise _invalid("comment", _("评价意见"), _("最多%(n)s个字") % {"n": 200})
    if satisfaction == Satisfaction.UNSATISFIED and not comment:
        raise _invalid("comment", _("评价意见"), _("不满意时请写明原因"))
    request.satisfaction, request.rating_comment = satisfaction, comment
    request.rating_source, request.rated_on = source, today
    request.full_clean()
    request.save()
    audit_record(
        actor=actor,
        action=AuditAction.ENTERPRISE_REQUEST_RATED,
        target=request,
        detail={"satisfaction": satisfaction, "source": source},
    )
    return request


@transaction.atomic
def request_rate(
    *,
    actor,
    request: EnterpriseRequest,
    satisfaction: str,
    comment: str = "",
    today: datetime.date | None = None,
) -> EnterpriseRequest:
    """共治办回访企业后记录满意度（满意 / 基本满意 / 不满意 + 意见）。"""
    require_capability(actor, "cogov.enterprise_route")
    request = EnterpriseRequest.objects.select_for_update().get(pk=request.pk)
    return _rate(
        actor=actor,
        request=request,
        satisfaction=satisfaction,
        comment=comment,
        source=RatingSource.CALLBACK,
        today=today or clock.today(),
    )


@transaction.atomic
def request_rate_public(
    *,
    actor=None,
    receipt_no: str,
    uscc: str,
    satisfaction: str,
    comment: str = "",
    today: datetime.date | None = None,
) -> EnterpriseRequest:
    """企业在公开查询页上评价：凭受理编号和统一社会信用代码。"""
    request = (
        EnterpriseRequest.objects.select_for_update()
        .filter(receipt_no=clean_uscc(receipt_no), uscc=clean_uscc(uscc))
        .first()
    )
    if request is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("受理编号与统一社会信用代码不匹配"))
    return _rate(
        actor=actor,
        request=request,
        satisfaction=satisfaction,
        comment=comment,
        source=RatingSource.PUBLIC,
        today=today or clock.today(),
    )
