"""Credit repair (纳税信用修复, 2019年第37号 and 2021年第31号; kept by 2025年第12号).

    repair_record   (登记) the taxpayer, its original D rating (found in the rating history read
                    through the warehouse), the condition met, the facts, the application day
    repair_approve  (批准, by another person) the effective date; from that day the taxpayer leaves
                    the current D list of that year (published lists stay as published; the next
                    revision reflects it); the follow-up 解除缴税专用账户休眠状态 is opened as a
                    `RepairAction` with an owner unit and a deadline, and the unit is notified
    repair_refuse   (不予修复) with the reason
    repair_action_done  (办结) the owner unit records what it did
    repair_action_remind  (daily, `gongzhi remind`) open actions due soon or overdue, to the owner unit

Conditions with a clean period (申请前连续12个月 / 6个月没有新增纳税信用失信行为记录) need the day the
clean period began; the application must come after the period.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.codes import is_uscc
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.models import Notification
from gongzhi.core.notifications import notify
from gongzhi.core.periods import date_words
from gongzhi.core.permissions import has_capability, require_capability
from gongzhi.credit.models_lists import (
    CLEAN_MONTHS,
    DORMANT_ACCOUNT_ACTION,
    ActionState,
    RepairAction,
    RepairCase,
    RepairCondition,
    RepairState,
)

MANAGE = "credit.manage"
APPROVE = "credit.approve_list"
VIEW = "credit.view"
DEFAULT_OWNER_UNIT = "区税务局"
DEFAULT_ACTION_DAYS = 10
REMIND_DAYS = 3  # an open follow-up action is reminded this many days before its deadline


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def _original_d(uscc: str, eval_year: int, *, user):
    """The latest submitted D row of (uscc, eval_year) in the rating history, or None."""
    from gongzhi.credit.selectors import rating_history

    rows = [r for r in rating_history(uscc, user=user, purpose=_("纳税信用修复")) if r.eval_year == eval_year]
    d_rows = [r for r in rows if r.level == "D"]
    return d_rows[-1] if d_rows else None


@transaction.atomic
def repair_record(
    *,
    actor,
    uscc: str,
    eval_year,
    condition: str,
    facts: str,
    applied_on: datetime.date,
    clean_since: datetime.date | None = None,
    today: datetime.date | None = None,
) -> RepairCase:
    """登记信用修复申请：原D级评价须在评价结果中（含历史）。"""
    require_capability(actor, MANAGE)
    today = today or clock.today()
    uscc = (uscc or "").strip().upper()
    if not is_uscc(uscc):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("统一社会信用代码格式或校验位不正确"))
    try:
        eval_year = int(eval_year)
    except (TypeError, ValueError) as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("评价年度须为四位年份")) from exc
    if condition not in RepairCondition.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择符合的修复条件"))
    facts = (facts or "").strip()
    if not facts:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写纠正失信行为、履行法律义务的情况"))
    if applied_on is None or applied_on > today:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("申请日期不能晚于今天"))
    if months := CLEAN_MONTHS.get(condition):
        if clean_since is None:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("该修复条件要求申请前连续%(n)d个月没有新增失信行为记录，请填写起始日期") % {"n": months},
            )
        if _add_months(clean_since, months) > applied_on:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("自%(since)s至申请日期不满%(n)d个月，不符合该修复条件")
                % {"since": date_words(clean_since), "n": months},
            )
    else:
        clean_since = None
    original = _original_d(uscc, eval_year, user=actor)
    if original is None:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("该纳税人%(year)d年度没有D级评价记录，无需修复") % {"year": eval_year},
        )
    if RepairCase.objects.filter(
        uscc=uscc, eval_year=eval_year, state__in=[RepairState.PENDING, RepairState.APPROVED]
    ).exists():
        raise ApplicationError(ErrorCode.DUPLICATE, _("该纳税人该年度已有待审核或已修复的修复记录"))
    case = RepairCase(
        uscc=uscc,
        name=original.name,
        eval_year=eval_year,
        original_level="D",
        original_submission_id=original.submission_id,
        condition=condition,
        facts=facts[:2000],
        applied_on=applied_on,
        clean_since=clean_since,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    case.full_clean()
    case.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_REPAIR_RECORDED,
        target=case,
        detail={"uscc": uscc, "eval_year": eval_year, "condition": condition},
    )
    return case


def _locked(case: RepairCase) -> RepairCase:
    return RepairCase.objects.select_for_update().get(pk=case.pk)


def _require_decider(actor, case: RepairCase) -> None:
    require_capability(actor, APPROVE, allow_system=False)
    if case.recorded_by_id == actor.pk:
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED, _("登记人不能审核自己登记的修复申请，须由另一人审核")
        )
    if case.state != RepairState.PENDING:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("该修复申请%(state)s，不能再审核") % {"state": case.get_state_display()}
        )


@transaction.atomic
def repair_approve(
    *,
    actor,
    case: RepairCase,
    effective_date: datetime.date,
    owner_unit,
    deadline: datetime.date | None = None,
    note: str = "",
) -> RepairCase:
    """批准修复：自生效日期起移出当期D级名单；开启“解除缴税专用账户休眠状态”后续事项。"""
    case = _locked(case)
    _require_decider(actor, case)
    if effective_date is None or effective_date < case.applied_on:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("生效日期不能早于申请日期"))
    if owner_unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请指定后续事项的责任单位"))
    deadline = deadline or effective_date + datetime.timedelta(days=DEFAULT_ACTION_DAYS)
    if deadline < effective_date:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("办理期限不能早于修复生效日期"))
    case.state = RepairState.APPROVED
    case.decided_by, case.decided_at = actor, clock.now()
    case.effective_date = effective_date
    case.decision_note = (note or "").strip()[:300]
    case.full_clean()
    case.save()
    action = RepairAction.objects.create(
        case=case, title=DORMANT_ACCOUNT_ACTION, owner_unit=owner_unit, deadline=deadline
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_REPAIR_APPROVED,
        target=case,
        detail={
            "effective_date": effective_date.isoformat(),
            "action": action.title,
            "owner_unit": owner_unit.name,
            "deadline": deadline.isoformat(),
        },
    )
    text = _("信用修复后续事项：%(name)s %(title)s，期限%(deadline)s") % {
        "title": action.title,
        "name": case.name,
        "deadline": date_words(deadline),
    }
    url = reverse("credit:repair_detail", args=[case.pk])
    # a reminder is a row of the same transaction (no side effect outside the database)
    notify(key=f"credit-repair-action:{action.pk}", text=text, url=url, unit=owner_unit)
    return case


@transaction.atomic
def repair_refuse(*, actor, case: RepairCase, note: str) -> RepairCase:
    """不予修复：写明理由。"""
    case = _locked(case)
    _require_decider(actor, case)
    note = (note or "").strip()
    if not note:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("不予修复须写明理由"))
    case.state = RepairState.REFUSED
    case.decided_by, case.decided_at, case.decision_note = actor, clock.now(), note[:300]
    case.save()
    audit_record(
        actor=actor, action=AuditAction.CREDIT_REPAIR_REFUSED, target=case, detail={"note": note[:300]}
    )
    return case


def can_finish(user, action: RepairAction) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (has_capability(user, MANAGE) or (user.unit_id and user.unit_id == action.owner_unit_id))
    )


@transaction.atomic
def repair_action_done(
    *, actor, action: RepairAction, note: str, done_on: datetime.date | None = None
) -> RepairAction:
    """办结后续事项（责任单位或共治办、区税务局）。"""
    action = RepairAction.objects.select_for_update(of=("self",)).select_related("case").get(pk=action.pk)
    if not can_finish(actor, action):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有责任单位可以办结该事项"))
    if action.state != ActionState.OPEN:
        raise ApplicationError(ErrorCode.CONFLICT, _("该事项已办结"))
    note = (note or "").strip()
    if not note:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写办理情况"))
    done_on = done_on or clock.today()
    if done_on > clock.today() or done_on < action.case.effective_date:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("办结日期须在修复生效日期与今天之间"))
    action.state, action.done_on, action.done_by, action.note = ActionState.DONE, done_on, actor, note[:300]
    action.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_REPAIR_ACTION_DONE,
        target=action,
        detail={"case": action.case_id, "done_on": done_on.isoformat()},
    )
    # the notice of the approval and the daily reminders (`repair_action_remind`) are done with
    Notification.objects.filter(
        Q(key=f"credit-repair-action:{action.pk}") | Q(key__startswith=f"credit-repair-action:{action.pk}:"),
        read_at__isnull=True,
    ).update(read_at=clock.now())
    return action


# --- selectors ----------------------------------------------------------------------------------


def repair_list(*, user, state: str | None = None):
    require_capability(user, VIEW)
    cases = RepairCase.objects.select_related("recorded_by", "decided_by").prefetch_related("actions")
    return cases.filter(state=state) if state else cases


def repair_get(*, user, pk) -> RepairCase:
    require_capability(user, VIEW)
    try:
        return RepairCase.objects.select_related("recorded_by", "decided_by").get(pk=pk)
    except (RepairCase.DoesNotExist, ValueError, TypeError) as exc:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("修复记录不存在")) from exc


def action_get(*, user, pk) -> RepairAction:
    action = RepairAction.objects.select_related("case", "owner_unit").filter(pk=pk).first()
    if action is None or not (has_capability(user, VIEW) or can_finish(user, action)):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("事项不存在"))
    return action


@dataclass(frozen=True)
class ActionDue:
    label: str
    detail: str
    url: str
    due: datetime.date
    days_left: int


def actions_due(*, user, today: datetime.date | None = None) -> list[ActionDue]:
    """The open follow-up actions of the user's unit (for the home page's to-do list)."""
    today = today or clock.today()
    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return []
    actions = (
        RepairAction.objects.filter(owner_unit_id=user.unit_id, state=ActionState.OPEN)
        .select_related("case")
        .order_by("deadline")[:50]
    )
    return [
        ActionDue(
            label=a.title,
            detail=_("信用修复后续事项 · %(name)s") % {"name": a.case.name},
            url=reverse("credit:repair_detail", args=[a.case_id]),
            due=a.deadline,
            days_left=(a.deadline - today).days,
        )
        for a in actions
    ]


def repair_action_remind(*, today: datetime.date | None = None) -> int:
    """The daily reminders of the open follow-up actions to their owner units: the deadline
    within REMIND_DAYS days (once per deadline), or passed (at most once a week). Idempotent
    (each reminder has a key); returns how many were sent."""
    today = today or clock.today()
    sent = 0
    actions = RepairAction.objects.filter(
        state=ActionState.OPEN, deadline__lte=today + datetime.timedelta(days=REMIND_DAYS)
    ).select_related("case", "owner_unit")
    for action in actions:
        days = (action.deadline - today).days
        values = {"name": action.case.name, "title": action.title, "deadline": date_words(action.deadline)}
        if days >= 0:
            key = f"credit-repair-action:{action.pk}:due:{action.deadline}"
            text = _("信用修复后续事项：%(name)s %(title)s应于%(deadline)s前办结，请及时办理") % values
        else:
            week = today.isocalendar()
            key = f"credit-repair-action:{action.pk}:late:{week[0]}-{week[1]}"
            values["days"] = -days
            text = (
                _("信用修复后续事项：%(name)s %(title)s已逾期%(days)d天（期限%(deadline)s），请尽快办理")
                % values
            )
        sent += notify(
            key=key,
            text=text,
            unit=action.owner_unit,
            url=reverse("credit:repair_detail", args=[action.case_id]),
        )
    return sent
