"""Writes of the meetings app: meetings, agenda, attendance, minutes, decisions, and the approval of
the minutes, which turns the decisions into supervised tasks.

The decisions of an approved meeting are the tasks of one minutes document (a `PolicyDocument`
owned by the group's office unit, one task per decision with its lead and cooperating units and a
dated completion requirement): reporting rounds, warning levels (`supervision.monitoring`),
督办 orders, to-do lists and dashboards then work on them unchanged.
"""

import datetime
import hashlib

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.exporters.docx import cn_date
from gongzhi.core.permissions import user_or_none
from gongzhi.meetings.choices import AgendaKind, AttendanceStatus, MeetingKind, MeetingStatus
from gongzhi.meetings.models import AgendaItem, Attendance, Decision, Meeting
from gongzhi.meetings.permissions import require_manage
from gongzhi.meetings.selectors import previous_meetings
from gongzhi.org.models import Group, Unit
from gongzhi.plans.choices import NodeKind, ResponsibilityRole
from gongzhi.plans.models import Milestone, PlanNode, PolicyDocument, Responsibility
from gongzhi.supervision.freshness import plan_data_changed
from gongzhi.supervision.services import indicator_update, indicators_sync, monitoring_settings
from gongzhi.taxrisk.models import Lead

# decisions are short tasks: warn a week before the deadline, not the plans' 90 days
DECISION_THRESHOLDS = {"milestone_warn_days": 7}
MILESTONE_TEXT = "议定事项办结"


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_INPUT, message)


def _require_editable(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.APPROVED:
        raise ApplicationError(ErrorCode.CONFLICT, _("会议纪要已签发，不能再修改"))


# --- meetings ------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor,
    group: Group,
    date: datetime.date,
    kind: str = MeetingKind.JOINT,
    place: str = "",
    convener: str = "",
) -> Meeting:
    """新建会议：按机构、类别、年度顺序编号（2025年第1次），出席名单取机构现任成员；有上次会议未办结的
    议定事项时，自动列入“听取议定事项落实情况汇报”议题。"""
    require_manage(actor, group)
    if kind not in MeetingKind.values:
        raise _invalid(_("会议类别无效"))
    if date is None:
        raise _invalid(_("请填写会议日期"))
    Group.objects.select_for_update().filter(pk=group.pk).exists()  # serialise numbering
    sequence = (
        Meeting.objects.filter(group=group, kind=kind, year=date.year).aggregate(n=Max("sequence"))["n"] or 0
    ) + 1
    meeting = Meeting(
        group=group,
        kind=kind,
        year=date.year,
        sequence=sequence,
        date=date,
        place=place.strip(),
        convener=convener.strip(),
        created_by=user_or_none(actor),
    )
    meeting.full_clean()
    meeting.save()
    rows = []
    for order, m in enumerate(
        group.memberships.current().select_related("person", "unit").order_by("order", "pk"), start=1
    ):
        rows.append(
            Attendance(
                meeting=meeting,
                membership=m,
                name=m.person.name,
                post=m.position_title or m.person.title,
                unit=m.unit,
                order=order,
            )
        )
    Attendance.objects.bulk_create(rows)
    previous = previous_meetings(meeting).first()
    if previous is not None and Decision.objects.filter(meeting__in=previous_meetings(meeting)).exists():
        AgendaItem.objects.create(
            meeting=meeting,
            order=1,
            kind=AgendaKind.FOLLOW_UP,
            title=_("听取%(meeting)s议定事项落实情况汇报") % {"meeting": previous},
            presenter_unit=group.office_unit,
        )
    audit_record(
        actor=actor,
        action=AuditAction.MEETING_CREATED,
        target=meeting,
        detail={"group": group.name, "number": meeting.number, "date": str(date), "members": len(rows)},
    )
    return meeting


MEETING_FIELDS = ("date", "place", "convener", "summary")


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **fields) -> Meeting:
    """修改会议时间、地点、主持人和会议综述（纪要签发前）。"""
    require_manage(actor, meeting.group)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_editable(meeting)
    changes = {}
    for name, value in fields.items():
        if name not in MEETING_FIELDS:
            raise _invalid(_("不能修改字段：%(name)s") % {"name": name})
        if isinstance(value, str):
            value = value.strip()
        if name == "date":
            if value is None:
                raise _invalid(_("请填写会议日期"))
            if value.year != meeting.year:
                raise _invalid(_("会议日期应在%(year)s年内（编号按年度）") % {"year": meeting.year})
        if getattr(meeting, name) != value:
            changes[name] = str(value)
            setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    if changes:
        audit_record(actor=actor, action=AuditAction.MEETING_UPDATED, target=meeting, detail=changes)
    return meeting


@transaction.atomic
def meeting_mark_held(*, actor, meeting: Meeting) -> Meeting:
    """会议已召开：此后可签发纪要。"""
    require_manage(actor, meeting.group)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ApplicationError(ErrorCode.CONFLICT, _("会议已召开"))
    if meeting.date > clock.today():
        raise _invalid(_("会议日期%(date)s尚未到，不能标记为已召开") % {"date": cn_date(meeting.date)})
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=AuditAction.MEETING_UPDATED, target=meeting, detail={"status": "held"})
    return meeting


# --- agenda --------------------------------------------------------------------------------------


@transaction.atomic
def agenda_add(
    *,
    actor,
    meeting: Meeting,
    title: str,
    kind: str = AgendaKind.OTHER,
    presenter_unit: Unit | None = None,
    plan: PolicyDocument | None = None,
    lead=None,
    score_run=None,
    link: str = "",
) -> AgendaItem:
    """增加议题：可关联方案、风险疑点、考核评分或收入分析材料（文字或链接）。"""
    require_manage(actor, meeting.group)
    _require_editable(meeting)
    title, link = (title or "").strip(), (link or "").strip()
    if not title:
        raise _invalid(_("请填写议题"))
    if kind not in AgendaKind.values:
        raise _invalid(_("议题类别无效"))
    if kind == AgendaKind.PLAN and plan is None:
        raise _invalid(_("请选择关联的方案"))
    if kind == AgendaKind.LEAD and lead is None:
        raise _invalid(_("请选择关联的风险疑点"))
    if kind == AgendaKind.ASSESSMENT and score_run is None and not link:
        raise _invalid(_("请填写考核评分批次或材料链接"))
    if kind == AgendaKind.REVENUE and not link:
        raise _invalid(_("请填写收入分析材料（文字说明或链接）"))
    if lead is not None and actor is not None:
        if not Lead.objects.visible_to(actor).filter(pk=lead.pk).exists():
            raise ApplicationError(ErrorCode.NOT_FOUND, _("疑点不存在或无权访问"))
    order = (meeting.agenda.aggregate(n=Max("order"))["n"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        order=order,
        kind=kind,
        title=title,
        presenter_unit=presenter_unit,
        plan=plan,
        lead=lead,
        score_run=score_run,
        link=link,
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.AGENDA_CHANGED,
        target=meeting,
        detail={"added": title, "kind": kind, "presenter": presenter_unit.name if presenter_unit else ""},
    )
    return item


@transaction.atomic
def agenda_remove(*, actor, item: AgendaItem) -> None:
    meeting = item.meeting
    require_manage(actor, meeting.group)
    _require_editable(meeting)
    title = item.title
    item.delete()
    audit_record(actor=actor, action=AuditAction.AGENDA_CHANGED, target=meeting, detail={"removed": title})


@transaction.atomic
def minutes_save(*, actor, item: AgendaItem, minutes: str) -> AgendaItem:
    """记录本议题的会议纪要（讨论情况、会议意见）。"""
    require_manage(actor, item.meeting.group)
    _require_editable(item.meeting)
    item.minutes = (minutes or "").strip()
    item.save(update_fields=["minutes", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.MINUTES_SAVED,
        target=item.meeting,
        detail={"agenda": item.title, "chars": len(item.minutes)},
    )
    return item


# --- attendance ----------------------------------------------------------------------------------


@transaction.atomic
def attendance_set(
    *,
    actor,
    attendance: Attendance,
    status: str,
    reason: str = "",
    substitute_name: str = "",
    substitute_post: str = "",
) -> Attendance:
    """成员出席、请假（须写明原因）或委托他人出席（须写明受委托人姓名和职务）。"""
    require_manage(actor, attendance.meeting.group)
    _require_editable(attendance.meeting)
    reason, substitute_name, substitute_post = (
        reason.strip(),
        substitute_name.strip(),
        substitute_post.strip(),
    )
    if attendance.membership_id is None:
        raise ApplicationError(ErrorCode.CONFLICT, _("列席人员不是成员，请删除后重新添加"))
    if status not in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.SUBSTITUTE):
        raise _invalid(_("出席情况无效"))
    if status != AttendanceStatus.PRESENT and not reason:
        raise _invalid(_("%(name)s请假，请填写请假原因") % {"name": attendance.name})
    if status == AttendanceStatus.SUBSTITUTE and not (substitute_name and substitute_post):
        raise _invalid(_("%(name)s委托他人出席，请填写受委托人的姓名和职务") % {"name": attendance.name})
    if status != AttendanceStatus.SUBSTITUTE:
        substitute_name = substitute_post = ""
    if status == AttendanceStatus.PRESENT:
        reason = ""
    before = attendance.get_status_display()
    attendance.status, attendance.reason = status, reason
    attendance.substitute_name, attendance.substitute_post = substitute_name, substitute_post
    attendance.full_clean()
    attendance.save()
    audit_record(
        actor=actor,
        action=AuditAction.ATTENDANCE_CHANGED,
        target=attendance.meeting,
        detail={
            "member": attendance.name,
            "before": before,
            "status": attendance.get_status_display(),
            "reason": reason,
            "substitute": f"{substitute_post}{substitute_name}",
        },
    )
    return attendance


@transaction.atomic
def observer_add(
    *, actor, meeting: Meeting, name: str, post: str = "", unit: Unit | None = None
) -> Attendance:
    """增加列席人员（非成员）。"""
    require_manage(actor, meeting.group)
    _require_editable(meeting)
    name = (name or "").strip()
    if not name:
        raise _invalid(_("请填写列席人员姓名"))
    order = (meeting.attendance.aggregate(n=Max("order"))["n"] or 0) + 1
    row = Attendance(
        meeting=meeting,
        name=name,
        post=(post or "").strip(),
        unit=unit,
        status=AttendanceStatus.OBSERVER,
        order=order,
    )
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action=AuditAction.ATTENDANCE_CHANGED,
        target=meeting,
        detail={"observer": name, "unit": unit.name if unit else ""},
    )
    return row


@transaction.atomic
def observer_remove(*, actor, attendance: Attendance) -> None:
    meeting = attendance.meeting
    require_manage(actor, meeting.group)
    _require_editable(meeting)
    if attendance.status != AttendanceStatus.OBSERVER:
        raise ApplicationError(ErrorCode.CONFLICT, _("成员不能删除，请改为请假"))
    name = attendance.name
    attendance.delete()
    audit_record(
        actor=actor, action=AuditAction.ATTENDANCE_CHANGED, target=meeting, detail={"observer_removed": name}
    )


# --- decisions -----------------------------------------------------------------------------------


def _check_decision(meeting: Meeting, text: str, lead_units, cooperating_units, deadline) -> None:
    if not text:
        raise _invalid(_("请填写议定事项"))
    if not lead_units:
        raise _invalid(_("请至少选择一个牵头单位"))
    if deadline is None:
        raise _invalid(_("请填写完成时限"))
    if deadline < meeting.date:
        raise _invalid(_("完成时限不能早于会议日期%(date)s") % {"date": cn_date(meeting.date)})
    both = {u.pk for u in lead_units} & {u.pk for u in cooperating_units}
    if both:
        names = "、".join(u.name for u in lead_units if u.pk in both)
        raise _invalid(_("%(names)s不能同时是牵头单位和配合单位") % {"names": names})


@transaction.atomic
def decision_add(
    *,
    actor,
    meeting: Meeting,
    text: str,
    lead_units,
    deadline: datetime.date,
    cooperating_units=(),
    agenda_item: AgendaItem | None = None,
) -> Decision:
    """增加议定事项：内容、牵头单位、配合单位、完成时限。纪要签发后成为督办任务。"""
    require_manage(actor, meeting.group)
    _require_editable(meeting)
    text, lead_units, cooperating_units = (text or "").strip(), list(lead_units), list(cooperating_units)
    _check_decision(meeting, text, lead_units, cooperating_units, deadline)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise _invalid(_("议题不属于本次会议"))
    order = (meeting.decisions.aggregate(n=Max("order"))["n"] or 0) + 1
    decision = Decision(meeting=meeting, agenda_item=agenda_item, order=order, text=text, deadline=deadline)
    decision.full_clean()
    decision.save()
    decision.lead_units.set(lead_units)
    decision.cooperating_units.set(cooperating_units)
    audit_record(
        actor=actor,
        action=AuditAction.DECISION_CHANGED,
        target=meeting,
        detail={
            "added": text[:200],
            "lead_units": [u.name for u in lead_units],
            "cooperating_units": [u.name for u in cooperating_units],
            "deadline": str(deadline),
        },
    )
    return decision


@transaction.atomic
def decision_remove(*, actor, decision: Decision) -> None:
    meeting = decision.meeting
    require_manage(actor, meeting.group)
    _require_editable(meeting)
    text = decision.text
    decision.delete()
    audit_record(
        actor=actor, action=AuditAction.DECISION_CHANGED, target=meeting, detail={"removed": text[:200]}
    )


# --- approval: decisions become supervised tasks --------------------------------------------------


def _minutes_number(meeting: Meeting, day: datetime.date) -> str:
    seq = Meeting.objects.filter(group=meeting.group, approved_on__year=day.year).count() + 1
    return f"{meeting.group.name}会议纪要〔{day.year}〕{seq}号"


def decisions_text(meeting: Meeting) -> str:
    lines = [str(meeting), ""]
    for n, d in enumerate(meeting.decisions.prefetch_related("lead_units", "cooperating_units"), start=1):
        lines.append(
            f"{n}. {d.text}（牵头单位：{'、'.join(u.name for u in d.lead_units.all())}"
            + (
                f"；配合单位：{'、'.join(u.name for u in d.cooperating_units.all())}"
                if d.cooperating_units.all()
                else ""
            )
            + f"；完成时限：{cn_date(d.deadline)}前）"
        )
    return "\n".join(lines)


def _publish(*, actor, meeting: Meeting, day: datetime.date) -> PolicyDocument:
    """The minutes document: one task per decision, set up for monitoring from the meeting day."""
    office = meeting.group.office_unit
    text = decisions_text(meeting)
    title = _("%(meeting)s议定事项") % {"meeting": meeting}
    plan = PolicyDocument.objects.create(
        title=title,
        notice_title=_("%(meeting)s纪要") % {"meeting": meeting},
        doc_number=meeting.minutes_number,
        issuer=_("%(group)s办公室") % {"group": meeting.group.name},
        issue_date=day,
        office_unit=office,
        set_up_at=clock.now(),
        source_filename=f"meeting-{meeting.pk}.txt",
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        source_text=text,
        task_rule="meeting",
    )
    deadlines = {}
    for n, decision in enumerate(
        meeting.decisions.prefetch_related("lead_units", "cooperating_units").order_by("order", "pk"), start=1
    ):
        number = f"{n}."
        task = PlanNode.objects.create(
            document=plan,
            kind=NodeKind.TASK,
            number=number,
            label=f"{number}{decision.text}"[:300],
            text=f"{number}{decision.text}",
            path=[str(meeting)],
            level=0,
            order=n,
            deadline_text=f"{cn_date(decision.deadline)}前",
        )
        roles = [(u, ResponsibilityRole.LEAD) for u in decision.lead_units.all()]
        roles += [(u, ResponsibilityRole.COOPERATING) for u in decision.cooperating_units.all()]
        Responsibility.objects.bulk_create(
            [
                Responsibility(task=task, unit=u, role=role, name_as_written=u.name, order=i)
                for i, (u, role) in enumerate(roles)
            ]
        )
        Milestone.objects.create(task=task, text=MILESTONE_TEXT, deadline_year=decision.deadline.year)
        decision.task = task
        decision.save(update_fields=["task", "updated_at"])
        deadlines[task.pk] = decision.deadline
    settings_row = monitoring_settings(plan)
    settings_row.start = meeting.date
    settings_row.thresholds = {**settings_row.thresholds, **DECISION_THRESHOLDS}
    settings_row.full_clean()
    settings_row.save()
    indicators_sync(actor=actor, plan=plan)
    for indicator in plan.indicators.filter(active=True):  # the exact day, not the year's end
        indicator_update(actor=actor, indicator=indicator, deadline=deadlines[indicator.task_id])
    plan_data_changed(plan.pk)  # the responsibilities were bulk-created
    return plan


@transaction.atomic
def minutes_approve(*, actor, meeting: Meeting) -> Meeting:
    """签发会议纪要：编号，议定事项转为督办任务（由领导小组办公室开启报送轮次、预警、督办）。"""
    require_manage(actor, meeting.group)
    Group.objects.select_for_update().filter(pk=meeting.group_id).exists()  # serialise numbering
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.APPROVED:
        raise ApplicationError(ErrorCode.CONFLICT, _("会议纪要已签发"))
    if meeting.status != MeetingStatus.HELD:
        raise ApplicationError(ErrorCode.CONFLICT, _("会议召开后才能签发纪要"))
    if meeting.group.office_unit_id is None:
        raise _invalid(_("“%(group)s”未设置办公室所在单位，无法督办议定事项") % {"group": meeting.group.name})
    day = clock.today()
    meeting.minutes_number = _minutes_number(meeting, day)
    meeting.status, meeting.approved_on, meeting.approved_by = (
        MeetingStatus.APPROVED,
        day,
        user_or_none(actor),
    )
    decisions = meeting.decisions.count()
    if decisions:
        meeting.plan = _publish(actor=actor, meeting=meeting, day=day)
    meeting.full_clean()
    meeting.save()
    audit_record(
        actor=actor,
        action=AuditAction.MINUTES_APPROVED,
        target=meeting,
        detail={"number": meeting.minutes_number, "decisions": decisions, "plan": meeting.plan_id},
    )
    return meeting
