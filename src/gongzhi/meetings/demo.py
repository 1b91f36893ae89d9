"""Demo: two joint meetings of the tax co-governance leading group (synthetic, labelled 演示).

The first, about three months before the reference day, has its minutes approved: four decisions
became supervised tasks, reported monthly since (one done, two on track, one past its deadline and
not done -- red, with a 督办单 to its lead unit). The second is on the reference day, still being
prepared: its agenda opens with the follow-up of the first's decisions.
"""

import datetime

from django.db.models import F
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.assessment.models import ScoreRun
from gongzhi.core.exporters.docx import cn_date
from gongzhi.core.periods import period_ends, period_of
from gongzhi.meetings import services
from gongzhi.meetings.choices import AgendaKind, AttendanceStatus
from gongzhi.meetings.models import Meeting
from gongzhi.org.models import Group, Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.choices import ReportState, RoundState, TaskStatus, ValueSource
from gongzhi.supervision.freshness import plan_data_changed
from gongzhi.supervision.models import IndicatorValue, ReportingRound, TaskReport
from gongzhi.supervision.services import order_issue, round_open
from gongzhi.taxrisk.models import Lead

GROUP = "周村区税费协同共治领导小组"
TAX_PLAN = "周政办字〔2023〕10号"
FIRST_MEETING_DAYS_AGO = 95
PLACE = "区政府第三会议室（演示）"
CONVENER = "领导小组组长（演示）"

# text, lead units, cooperating units, deadline (days after the first meeting; None: set below)
DECISIONS = [
    (
        "（演示数据）区自然资源局按月向领导小组办公室报送不动产登记数据，区住房城乡建设局同步报送房屋交易"
        "网签数据，实现与税务部门按月共享。",
        ["区自然资源局"],
        ["区住房城乡建设局"],
        45,
    ),
    (
        "（演示数据）区市场监管局会同区税务局对新设立市场主体开展涉税信息比对，按月反馈比对结果。",
        ["区市场监管局"],
        ["区税务局"],
        "+40",
    ),
    (
        "（演示数据）区税务局牵头对本年度高风险疑点开展集中核实，查补税款及时入库，核实结果反馈提供数据的部门。",
        ["区税务局"],
        ["区公安分局"],
        "-10",
    ),
    (
        "（演示数据）区财政局牵头梳理校外培训机构涉税信息共享需求，区教育和体育局配合提供机构名录和收费备案信息。",
        ["区财政局"],
        ["区教育和体育局"],
        "+20",
    ),
]


def _at(day: datetime.date, time: datetime.time = datetime.time(9, 30)) -> datetime.datetime:
    return min(timezone.make_aware(datetime.datetime.combine(day, time)), timezone.now())


def _deadline(spec, first: datetime.date, today: datetime.date) -> datetime.date:
    if isinstance(spec, int):
        return first + datetime.timedelta(days=spec)
    return today + datetime.timedelta(days=int(spec))


def load(*, today: datetime.date) -> list[str]:
    group = Group.objects.filter(name=GROUP).first()
    if group is None or group.office_unit is None:
        return []
    if Meeting.objects.filter(group=group).exists():
        return [f"联席会议：{group.meetings.count()}次（演示数据，已存在）"]
    units = {u.name: u for u in Unit.objects.all()}
    office_user = User.objects.filter(username="gongzhi").first()
    first_day = today - datetime.timedelta(days=FIRST_MEETING_DAYS_AGO)
    first = _first_meeting(group, first_day, today, units)
    if first.plan is not None:
        _reports(first, today, units)
        _order(first, today, office_user)
    second = _second_meeting(group, today, units)
    return [
        f"联席会议：{first}（纪要已签发，{first.decisions.count()}项议定事项转为督办任务）",
        f"联席会议：{second}（筹备中，议题含上次会议议定事项落实情况）",
    ]


def _first_meeting(group: Group, day: datetime.date, today: datetime.date, units) -> Meeting:
    meeting = services.meeting_create(actor=None, group=group, date=day, place=PLACE, convener=CONVENER)
    services.meeting_update(
        actor=None,
        meeting=meeting,
        summary="（演示数据）会议听取了领导小组办公室关于税费数据共享和风险疑点核实情况的汇报，"
        "研究了下一阶段重点工作。",
    )
    rows = list(meeting.attendance.order_by("order"))
    if len(rows) > 6:
        services.attendance_set(
            actor=None, attendance=rows[5], status=AttendanceStatus.ABSENT, reason="演示：参加市里培训"
        )
        services.attendance_set(
            actor=None,
            attendance=rows[8],
            status=AttendanceStatus.SUBSTITUTE,
            reason="演示：公务外出",
            substitute_name="张某（演示）",
            substitute_post="副局长",
        )
    services.observer_add(
        actor=None, meeting=meeting, name="李某（演示）", post="综合治税科科长", unit=units.get("区财政局")
    )
    services.observer_add(
        actor=None, meeting=meeting, name="王某（演示）", post="风险管理科科长", unit=units.get("区税务局")
    )
    plan = PolicyDocument.objects.filter(doc_number=TAX_PLAN).first()
    items = []
    if plan is not None:
        items.append(
            services.agenda_add(
                actor=None,
                meeting=meeting,
                title="税费数据共享需求清单落实情况",
                kind=AgendaKind.PLAN,
                plan=plan,
                presenter_unit=group.office_unit,
            )
        )
    lead = Lead.objects.order_by("-tax_at_risk", "pk").first()
    if lead is not None:
        items.append(
            services.agenda_add(
                actor=None,
                meeting=meeting,
                title="高风险疑点核实进展",
                kind=AgendaKind.LEAD,
                lead=lead,
                presenter_unit=units.get("区税务局"),
            )
        )
    items.append(
        services.agenda_add(
            actor=None,
            meeting=meeting,
            title="税收收入形势分析",
            kind=AgendaKind.REVENUE,
            link="（演示数据）前三季度全区税收收入分析材料：收入总体平稳，房地产相关税收下降。",
            presenter_unit=units.get("区税务局"),
        )
    )
    for item in items:
        services.minutes_save(
            actor=None,
            item=item,
            minutes="（演示数据）会议认为，各成员单位数据报送总体及时，个别单位存在报送不完整问题，"
            "需进一步压实责任。",
        )
    for n, (text, leads, cooperating, deadline) in enumerate(DECISIONS):
        lead_units = [units[name] for name in leads if name in units]
        if not lead_units:
            continue
        services.decision_add(
            actor=None,
            meeting=meeting,
            text=text,
            lead_units=lead_units,
            cooperating_units=[units[name] for name in cooperating if name in units],
            deadline=_deadline(deadline, day, today),
            agenda_item=items[min(n, len(items) - 1)] if items else None,
        )
    services.meeting_mark_held(actor=None, meeting=meeting)
    services.minutes_approve(actor=None, meeting=meeting)
    # approved two days after the meeting, not on the reference day
    approved = min(day + datetime.timedelta(days=2), today)
    meeting.refresh_from_db()
    number = meeting.minutes_number.replace(f"〔{today.year}〕", f"〔{approved.year}〕")
    Meeting.objects.filter(pk=meeting.pk).update(approved_on=approved, minutes_number=number)
    if meeting.plan_id:
        PolicyDocument.objects.filter(pk=meeting.plan_id).update(
            issue_date=approved, doc_number=number, set_up_at=_at(approved, datetime.time(17, 0))
        )
    meeting.refresh_from_db()
    return meeting


def _story(n: int, total: int, decision, round_end: datetime.date, first: datetime.date) -> tuple[str, int]:
    """(status, percent) the lead unit reports for the decision in round n of total."""
    index = decision.order
    if index == 1:  # done in the second month
        return (
            (TaskStatus.DONE, 100)
            if n >= 2 or round_end >= decision.deadline
            else (TaskStatus.IN_PROGRESS, 60)
        )
    if index == 3:  # behind: never done, its deadline passes
        return TaskStatus.IN_PROGRESS, min(40 + 15 * (n - 1), 85)
    span = max((decision.deadline - first).days, 1)
    return TaskStatus.IN_PROGRESS, max(10, min(95, round(100 * (round_end - first).days / span) + 5))


def _reports(meeting: Meeting, today: datetime.date, units) -> None:
    plan = meeting.plan
    first = meeting.date
    ends = [e for e in period_ends(first, today, "monthly") if e < today]
    rounds = []
    for end in ends:
        month = period_of(end, "monthly")
        rounds.append(
            round_open(
                actor=None,
                plan=plan,
                period_label=month.label,
                period_start=month.start,
                period_end=month.end,
                due_date=month.end + datetime.timedelta(days=10),
            )
        )
    total = len(rounds)
    for round_ in rounds:
        opened = _at(round_.period_end, datetime.time(8, 30))
        ReportingRound.objects.filter(pk=round_.pk).update(
            created_at=opened,
            updated_at=opened,
            state=RoundState.OPEN if round_ == rounds[-1] else RoundState.CLOSED,
        )
        round_.created_at = opened
    decisions = {d.task_id: d for d in meeting.decisions.all()}
    late_unit = units.get("区教育和体育局")
    for n, round_ in enumerate(rounds, start=1):
        submitted = _at(min(round_.period_end + datetime.timedelta(days=5), today))
        for report in TaskReport.objects.filter(round=round_):
            decision = decisions[report.task_id]
            if n == total and late_unit is not None and report.unit_id == late_unit.pk:
                TaskReport.objects.filter(pk=report.pk).update(created_at=round_.created_at)
                continue  # the cooperating unit has not reported this month yet: on its to-do list
            status, percent = _story(n, total, decision, round_.period_end, meeting.date)
            TaskReport.objects.filter(pk=report.pk).update(
                status=status,
                percent=percent,
                done_text=f"（演示数据）{round_.period_label}：按会议要求推进，已完成{percent}%。",
                problems="（演示数据）部分数据口径尚需统一。" if decision.order == 3 else "",
                next_steps="（演示数据）继续推进，按期办结。",
                state=ReportState.SUBMITTED if n == total else ReportState.ACCEPTED,
                version=1,
                submitted_at=submitted,
                reviewed_at=None if n == total else submitted,
                created_at=submitted,
                updated_at=submitted,
            )
            if status == TaskStatus.DONE and report.role == "lead":
                indicator = report.task.indicators.filter(active=True).first()
                if indicator is not None and not IndicatorValue.objects.filter(indicator=indicator).exists():
                    IndicatorValue.objects.create(
                        indicator=indicator,
                        unit=report.unit,
                        round=round_,
                        period_end=round_.period_end,
                        value=1,
                        state=ReportState.ACCEPTED,
                        source=ValueSource.DEMO,
                        reported_at=submitted,
                        note="（演示数据）已办结",
                    )
    TaskReport.objects.filter(round__in=rounds, submitted_at__isnull=True).update(updated_at=F("created_at"))
    plan_data_changed(plan.pk)


def _order(meeting: Meeting, today: datetime.date, office_user) -> None:
    if office_user is None:
        return
    late = meeting.decisions.filter(order=3).select_related("task").first()
    if late is None or late.task is None:
        return
    lead = late.lead_units.first()
    order = order_issue(
        actor=office_user,
        plan=meeting.plan,
        unit=lead,
        task=late.task,
        issue=f"{meeting}议定事项“{late.text.removeprefix('（演示数据）')[:30]}…”已过完成时限"
        f"{cn_date(late.deadline)}，尚未办结（演示数据）。",
        requirement="请于督办期限内完成集中核实，书面报告查补税款入库情况和未完成原因（演示数据）。",
        deadline=today + datetime.timedelta(days=10),
        level_reason="议定事项已过完成时限，尚未办结（严重）。",
    )
    issued = _at(today - datetime.timedelta(days=2), datetime.time(10, 0))
    type(order).objects.filter(pk=order.pk).update(created_at=issued, updated_at=issued)


def _second_meeting(group: Group, today: datetime.date, units) -> Meeting:
    meeting = services.meeting_create(actor=None, group=group, date=today, place=PLACE, convener=CONVENER)
    plan = PolicyDocument.objects.filter(doc_number=TAX_PLAN).first()
    if plan is not None:
        services.agenda_add(
            actor=None,
            meeting=meeting,
            title="研究部署下一阶段税费数据共享工作",
            kind=AgendaKind.PLAN,
            plan=plan,
            presenter_unit=group.office_unit,
        )
    run = ScoreRun.objects.filter(version__scheme__code="cogov").order_by("-as_of", "-pk").first()
    services.agenda_add(
        actor=None,
        meeting=meeting,
        title="听取税费协同共治工作考核情况汇报",
        kind=AgendaKind.ASSESSMENT,
        score_run=run,
        link="" if run else "/assessment/",
        presenter_unit=group.office_unit,
    )
    return meeting
