"""Writes on councils and suggestions: each checks who acts, validates, and leaves an audit entry
in the same transaction."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.children.choices import Adoption, CouncilLevel, SuggestionSource, SuggestionState
from gongzhi.children.models import SUGGESTION_MAX, Council, CouncilMember, CouncilSession, Suggestion
from gongzhi.children.permissions import require_answer, require_facilitate, require_manage
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.notifications import notify
from gongzhi.core.permissions import user_or_none

ANSWER_DAYS = 30  # default time a unit has to answer a suggestion
REMIND_DAYS = 3
PARENT_LEVEL = {
    CouncilLevel.DISTRICT: None,
    CouncilLevel.TOWN: CouncilLevel.DISTRICT,
    CouncilLevel.COMMUNITY: CouncilLevel.TOWN,
}


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_INPUT, message)


@transaction.atomic
def council_create(
    *,
    actor,
    name: str,
    level: str,
    facilitator_unit,
    founded_on: datetime.date,
    parent: Council | None = None,
    place: str = "",
) -> Council:
    """区妇儿工委办公室设立议事会：区级无上级，镇（街道）级的上级是区级，社区（学校）级的上级是镇（街道）级。"""
    require_manage(actor)
    wanted = PARENT_LEVEL[CouncilLevel(level)]
    if wanted is None and parent is not None:
        raise _invalid(_("区级儿童议事会没有上级议事会"))
    if wanted is not None and (parent is None or parent.level != wanted):
        raise _invalid(
            _("%(level)s议事会的上级须是%(parent)s议事会")
            % {"level": CouncilLevel(level).label, "parent": CouncilLevel(wanted).label}
        )
    if founded_on > clock.today():
        raise _invalid(_("成立日期不能晚于今天"))
    if Council.objects.filter(name=name).exists():
        raise ApplicationError(ErrorCode.DUPLICATE, _("已有同名的议事会：%(name)s") % {"name": name})
    council = Council(
        name=name,
        level=level,
        parent=parent,
        facilitator_unit=facilitator_unit,
        founded_on=founded_on,
        place=place,
    )
    council.full_clean()
    council.save()
    audit_record(actor=actor, action=AuditAction.CHILD_COUNCIL_SAVED, target=council)
    return council


@transaction.atomic
def member_add(
    *,
    actor,
    council: Council,
    name: str,
    age_band: str,
    school: str,
    guardian_consent: bool,
    consent_date: datetime.date | None,
    joined_on: datetime.date,
) -> CouncilMember:
    """辅导单位增加成员：须有监护人同意（及日期），只记姓名、年龄段、学校或社区。"""
    require_facilitate(actor, council)
    if not guardian_consent or consent_date is None:
        raise _invalid(_("须有监护人同意（并填写同意日期）才能成为议事会成员"))
    today = clock.today()
    if joined_on > today or consent_date > today:
        raise _invalid(_("日期不能晚于今天"))
    member = CouncilMember(
        council=council,
        name=name.strip(),
        age_band=age_band,
        school=school.strip(),
        guardian_consent=True,
        consent_date=consent_date,
        joined_on=joined_on,
    )
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        action=AuditAction.CHILD_MEMBER_ADDED,
        target=council,
        detail={"member": member.pk, "age_band": age_band},
    )
    return member


@transaction.atomic
def member_leave(*, actor, member: CouncilMember, left_on: datetime.date) -> CouncilMember:
    require_facilitate(actor, member.council)
    if member.left_on is not None:
        raise ApplicationError(ErrorCode.CONFLICT, _("该成员已退出"))
    if left_on > clock.today():
        raise _invalid(_("退出日期不能晚于今天"))
    member.left_on = left_on
    member.full_clean()
    member.save(update_fields=["left_on", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CHILD_MEMBER_LEFT,
        target=member.council,
        detail={"member": member.pk, "left_on": str(left_on)},
    )
    return member


@transaction.atomic
def session_record(
    *,
    actor,
    council: Council,
    date: datetime.date,
    topic: str,
    minutes: str = "",
    attendance: int = 0,
    suggestions: list[str] | None = None,
) -> CouncilSession:
    """辅导单位记录一次议事会活动（日期、议题、纪要、参加人数）和孩子们在会上提出的建议（每行一条）。"""
    require_facilitate(actor, council)
    if date > clock.today():
        raise _invalid(_("活动日期不能晚于今天"))
    session = CouncilSession(
        council=council,
        date=date,
        topic=topic,
        minutes=minutes,
        attendance=attendance,
        created_by=user_or_none(actor),
    )
    session.full_clean()
    session.save()
    audit_record(actor=actor, action=AuditAction.CHILD_SESSION_RECORDED, target=session)
    for text in suggestions or []:
        if text.strip():
            suggestion_from_session(actor=actor, session=session, text=text)
    return session


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise _invalid(_("请写下你的建议"))
    if len(text) > SUGGESTION_MAX:
        raise _invalid(_("建议最多%(n)s个字") % {"n": SUGGESTION_MAX})
    return text


@transaction.atomic
def suggestion_from_session(*, actor, session: CouncilSession, text: str) -> Suggestion:
    require_facilitate(actor, session.council)
    suggestion = Suggestion(
        source=SuggestionSource.COUNCIL,
        council=session.council,
        session=session,
        text=_clean_text(text),
        received_on=session.date,
        created_by=user_or_none(actor),
    )
    suggestion.full_clean()
    suggestion.save()
    audit_record(actor=actor, action=AuditAction.CHILD_SUGGESTION_RECEIVED, target=suggestion)
    return suggestion


@transaction.atomic
def suggestion_submit_public(
    *, actor, text: str, first_name: str = "", age_band: str = "", school: str = ""
) -> Suggestion:
    """孩子在网上提交建议：不需要登录，不需要填写个人信息（名字、年龄段、学校自愿填写）。"""
    suggestion = Suggestion(
        source=SuggestionSource.PUBLIC,
        text=_clean_text(text),
        first_name=(first_name or "").strip(),
        age_band=age_band or "",
        school=(school or "").strip(),
        received_on=clock.today(),
    )
    suggestion.full_clean()
    suggestion.save()
    audit_record(actor=actor, action=AuditAction.CHILD_SUGGESTION_RECEIVED, target=suggestion)
    return suggestion


@transaction.atomic
def suggestion_route(
    *,
    actor,
    suggestion: Suggestion,
    unit,
    deadline: datetime.date | None = None,
    task=None,
    today: datetime.date | None = None,
) -> Suggestion:
    """区妇儿工委办公室把建议交办给单位，定答复期限（默认30天），可关联方案任务。"""
    require_manage(actor)
    today = today or clock.today()
    if suggestion.state not in (SuggestionState.NEW, SuggestionState.ROUTED):
        raise ApplicationError(ErrorCode.CONFLICT, _("这条建议已答复，不能再交办"))
    deadline = deadline or today + datetime.timedelta(days=ANSWER_DAYS)
    if deadline < today:
        raise _invalid(_("答复期限不能早于今天"))
    if task is not None and task.kind != "task":
        raise _invalid(_("只能关联方案中的任务"))
    suggestion.state = SuggestionState.ROUTED
    suggestion.unit, suggestion.deadline, suggestion.task = unit, deadline, task
    suggestion.routed_on = today
    suggestion.full_clean()
    suggestion.save()
    audit_record(
        actor=actor,
        action=AuditAction.CHILD_SUGGESTION_ROUTED,
        target=suggestion,
        detail={"unit": unit.name, "deadline": str(deadline), "task": task.pk if task else None},
    )
    transaction.on_commit(
        lambda: notify(
            key=f"child-suggestion-routed:{suggestion.pk}:{unit.pk}",
            unit=unit,
            text=f"儿童建议{suggestion.pk}已交办你单位，请于{deadline.month}月{deadline.day}日前用孩子能读懂的话答复",
            url=reverse("children:suggestion_detail", args=[suggestion.pk]),
        )
    )
    return suggestion


@transaction.atomic
def suggestion_answer(
    *, actor, suggestion: Suggestion, adoption: str, answer: str, today: datetime.date | None = None
) -> Suggestion:
    """承办单位答复：采纳、部分采纳或未采纳，理由写给孩子们看。公开前可以修改答复。"""
    require_answer(actor, suggestion)
    today = today or clock.today()
    if suggestion.state not in (SuggestionState.ROUTED, SuggestionState.ANSWERED):
        raise ApplicationError(ErrorCode.CONFLICT, _("这条建议尚未交办或已公开，不能答复"))
    if adoption not in Adoption.values:
        raise _invalid(_("请选择采纳情况"))
    answer = (answer or "").strip()
    if len(answer) < 10:
        raise _invalid(_("请用孩子能读懂的话写清楚理由（至少10个字）"))
    first = suggestion.answered_on is None
    suggestion.state = SuggestionState.ANSWERED
    suggestion.adoption, suggestion.answer = adoption, answer
    if first:
        suggestion.answered_on = today
    suggestion.full_clean()
    suggestion.save()
    audit_record(
        actor=actor,
        action=AuditAction.CHILD_SUGGESTION_ANSWERED,
        target=suggestion,
        detail={"adoption": adoption, "on_time": suggestion.answered_on_time, "revised": not first},
    )
    return suggestion


@transaction.atomic
def suggestion_publish(*, actor, suggestion: Suggestion, today: datetime.date | None = None) -> Suggestion:
    """办公室同意公开：建议和答复出现在儿童版公开页（不显示任何名字）。"""
    require_manage(actor)
    if suggestion.state != SuggestionState.ANSWERED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有已答复的建议可以公开"))
    suggestion.state = SuggestionState.PUBLISHED
    suggestion.published_on = today or clock.today()
    suggestion.save(update_fields=["state", "published_on", "updated_at"])
    audit_record(actor=actor, action=AuditAction.CHILD_SUGGESTION_PUBLISHED, target=suggestion)
    return suggestion


def suggestion_remind(*, today: datetime.date | None = None) -> int:
    """Reminders to the answering units: an answer due within REMIND_DAYS days (once), or overdue
    (at most once a week). Idempotent (each reminder has a key)."""
    today = today or clock.today()
    sent = 0
    for s in Suggestion.objects.filter(state=SuggestionState.ROUTED).select_related("unit"):
        days = (s.deadline - today).days
        if 0 <= days <= REMIND_DAYS:
            key = f"child-suggestion-due:{s.pk}:{s.deadline}"
            text = f"儿童建议{s.pk}应于{s.deadline.month}月{s.deadline.day}日前答复，请及时办理"
        elif days < 0:
            key = f"child-suggestion-late:{s.pk}:{today.isocalendar()[0]}-{today.isocalendar()[1]}"
            text = f"儿童建议{s.pk}的答复已逾期{-days}天，请尽快答复"
        else:
            continue
        sent += notify(
            key=key, text=text, unit=s.unit, url=reverse("children:suggestion_detail", args=[s.pk])
        )
    return sent
