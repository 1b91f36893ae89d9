"""Reads of the meetings app, scoped by `meetings.permissions`; the follow-up of decisions reads
their tasks' levels from `supervision.monitoring.plan_status` (the one rule) and their reports."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.permissions import access_or_404, has_capability
from gongzhi.meetings.choices import MeetingStatus
from gongzhi.meetings.models import AgendaItem, Attendance, Decision, Meeting
from gongzhi.meetings.permissions import can_manage, member_group_ids, own_decisions_q, sees_all
from gongzhi.org.models import Unit
from gongzhi.supervision.choices import OrderState, ReportState, TaskStatus
from gongzhi.supervision.models import SupervisionOrder, TaskReport
from gongzhi.supervision.monitoring import plan_status

COUNTED = (ReportState.SUBMITTED, ReportState.ACCEPTED)


def meeting_list(*, user) -> QuerySet[Meeting]:
    """Meetings the user may read: all (admin, leaders); else its groups' meetings and those with a
    decision its unit leads or cooperates on."""
    meetings = Meeting.objects.select_related("group", "group__office_unit")
    if not getattr(user, "is_authenticated", False) or not has_capability(user, "meetings.view"):
        return meetings.none()
    if sees_all(user):
        return meetings
    if user.unit_id is None:
        return meetings.none()
    mine = Q(group_id__in=member_group_ids(user))
    mine |= Q(pk__in=Decision.objects.filter(own_decisions_q(user)).values("meeting_id"))
    return meetings.filter(mine)


def previous_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    """The group's earlier meetings whose minutes were approved (any kind), latest first."""
    return (
        Meeting.objects.filter(group=meeting.group, status=MeetingStatus.APPROVED, date__lte=meeting.date)
        .exclude(pk=meeting.pk)
        .select_related("group", "plan")
        .order_by("-date", "-pk")
    )


def meeting_get(*, user, pk) -> Meeting:
    return access_or_404(meeting_list(user=user), pk)


def sees_whole_meeting(user, meeting: Meeting) -> bool:
    """Members (and managers, leaders) read all of a meeting; a unit named only in a decision reads
    its own decisions of it."""
    return sees_all(user) or can_manage(user, meeting.group) or meeting.group_id in member_group_ids(user)


def _decisions(queryset: QuerySet[Decision]) -> QuerySet[Decision]:
    return queryset.select_related(
        "meeting", "meeting__group", "meeting__plan", "task", "agenda_item"
    ).prefetch_related(
        Prefetch("lead_units", queryset=Unit.objects.order_by("sort_order", "name")),
        Prefetch("cooperating_units", queryset=Unit.objects.order_by("sort_order", "name")),
    )


def meeting_decisions(*, user, meeting: Meeting) -> QuerySet[Decision]:
    decisions = _decisions(meeting.decisions.all()).order_by("order", "pk")
    if sees_whole_meeting(user, meeting):
        return decisions
    return decisions.filter(own_decisions_q(user)).distinct()


def decision_list(*, user) -> QuerySet[Decision]:
    """Decisions of approved minutes the user may follow: all of its readable meetings' for those
    who see whole meetings; only its unit's own (lead or cooperating) for the other units."""
    decisions = _decisions(Decision.objects.filter(meeting__status=MeetingStatus.APPROVED))
    if not getattr(user, "is_authenticated", False) or not has_capability(user, "meetings.view"):
        return decisions.none()
    if sees_all(user):
        return decisions
    if user.unit_id is None:
        return decisions.none()
    managed = member_group_ids(user)
    if has_capability(user, "meetings.manage"):
        return decisions.filter(Q(meeting__group_id__in=managed) | own_decisions_q(user)).distinct()
    return decisions.filter(own_decisions_q(user)).distinct()


def meeting_detail(*, meeting: Meeting):
    agenda = list(
        meeting.agenda.select_related(
            "presenter_unit", "plan", "lead", "lead__rule", "score_run", "score_run__version__scheme"
        )
    )
    attendance = list(meeting.attendance.select_related("unit"))
    return agenda, attendance


def attendance_groups(attendance: list[Attendance]) -> dict[str, list[Attendance]]:
    """出席 / 请假 / 列席, as the minutes list them (a member who sent a substitute is 请假)."""
    groups: dict[str, list[Attendance]] = {"present": [], "absent": [], "observer": []}
    for row in attendance:
        key = {"present": "present", "observer": "observer"}.get(row.status, "absent")
        groups[key].append(row)
    return groups


# --- follow-up: each decision's level and latest report -------------------------------------------


@dataclass
class DecisionStatus:
    decision: Decision
    level: str = "grey"
    reason: str = ""
    status_label: str = "未报送"
    done: bool = False
    latest_report: TaskReport | None = None
    open_orders: list[SupervisionOrder] = field(default_factory=list)

    @property
    def lead_names(self) -> str:
        return "、".join(u.name for u in self.decision.lead_units.all())

    @property
    def cooperating_names(self) -> str:
        return "、".join(u.name for u in self.decision.cooperating_units.all())


def decision_statuses(decisions, *, as_of: datetime.date | None = None) -> list[DecisionStatus]:
    """Each decision with its task's level and reason on ``as_of`` (plan_status), its latest counted
    progress report and its open 督办 orders (a query per minutes document, two in all besides)."""
    as_of = as_of or clock.today()
    decisions = list(decisions)
    rows = [DecisionStatus(decision=d) for d in decisions]
    by_task = {r.decision.task_id: r for r in rows if r.decision.task_id}
    plans = {r.decision.meeting.plan_id for r in rows if r.decision.task_id and r.decision.meeting.plan_id}
    meetings = {r.decision.meeting.plan_id: r.decision.meeting for r in rows if r.decision.meeting.plan_id}
    for plan_id in plans:
        plan = meetings[plan_id].plan
        for state in plan_status(plan=plan, as_of=as_of, task_ids=[t for t in by_task]):
            row = by_task.get(state.task.pk)
            if row is None:
                continue
            row.level, row.reason = state.assessment.level, state.assessment.reason
            row.status_label, row.done = state.status_label, state.status == TaskStatus.DONE
    if by_task:
        end = timezone.make_aware(
            datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time())
        )
        for report in (
            TaskReport.objects.filter(task_id__in=list(by_task), state__in=COUNTED, submitted_at__lt=end)
            .select_related("unit", "round")
            .order_by("task_id", "-submitted_at")
        ):
            row = by_task[report.task_id]
            if row.latest_report is None:
                row.latest_report = report
        for order in (
            SupervisionOrder.objects.filter(task_id__in=list(by_task))
            .exclude(state=OrderState.CLOSED)
            .select_related("unit")
            .order_by("deadline")
        ):
            by_task[order.task_id].open_orders.append(order)
    return rows


def follow_ups(*, user, meeting: Meeting, as_of: datetime.date | None = None) -> list[DecisionStatus]:
    """What the meeting hears on earlier decisions (“reported at the next meeting”): the decisions of
    the group's earlier approved meetings that are not done, and those reported done since the last
    meeting; their status on the meeting day (today while it is still to come)."""
    earlier = list(previous_meetings(meeting))
    if not earlier:
        return []
    as_of = as_of or min(meeting.date, clock.today())
    last = earlier[0].date
    decisions = _decisions(Decision.objects.filter(meeting__in=earlier, task__isnull=False)).order_by(
        "meeting__date", "order"
    )
    if not sees_whole_meeting(user, meeting):
        decisions = decisions.filter(own_decisions_q(user)).distinct()
    rows = decision_statuses(decisions, as_of=as_of)
    shown = []
    for row in rows:
        report = row.latest_report
        done_since = (
            row.done and report is not None and timezone.localtime(report.submitted_at).date() >= last
        ) or row.decision.meeting.date >= last
        if not row.done or done_since:
            shown.append(row)
    return shown


def agenda_items_for(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.agenda.select_related("presenter_unit", "plan", "lead")


def agenda_meetings_linking(*, user, url: str) -> list[dict]:
    """The meetings (that `user` may read) whose agenda links `url`, e.g. an important matter of
    cogov put on a joint meeting's agenda; registered with cogov in `apps.MeetingsConfig.ready`."""
    items = (
        AgendaItem.objects.filter(link=url, meeting__in=meeting_list(user=user))
        .select_related("meeting__group")
        .order_by("meeting__date", "meeting_id")
    )
    return [
        {
            "label": f"{item.meeting}：{item.title}",
            "url": reverse("meetings:meeting_detail", args=[item.meeting_id]),
            "date": item.meeting.date,
        }
        for item in items
    ]
