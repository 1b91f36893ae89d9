"""Meetings: numbering, attendance, decisions, approval into supervised tasks, follow-up at the next
meeting, and who may do it. Given / when / then on the real database (synthetic units and people)."""

import datetime

import pytest
from factories import GroupFactory, MembershipFactory, UnitFactory, UserFactory

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.meetings import selectors, services
from gongzhi.meetings.choices import AgendaKind, AttendanceStatus, MeetingStatus
from gongzhi.meetings.models import Decision, Meeting
from gongzhi.plans.models import Responsibility
from gongzhi.supervision import monitoring
from gongzhi.supervision import selectors as supervision_selectors
from gongzhi.supervision import services as supervision
from gongzhi.supervision.models import ReportingRound, TaskReport
from gongzhi.workspace.selectors import due_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    """A group with three member units, its office (a co-governance office user), and two liaisons."""
    group = GroupFactory()
    members = [MembershipFactory(group=group) for _ in range(3)]
    office = UserFactory(role=Role.COGOV_OFFICE, unit=group.office_unit)
    lead_unit, coop_unit = members[0].unit, members[1].unit
    return {
        "group": group,
        "members": members,
        "office": office,
        "lead_unit": lead_unit,
        "coop_unit": coop_unit,
        "lead_liaison": UserFactory(role=Role.LIAISON, unit=lead_unit),
        "coop_liaison": UserFactory(role=Role.LIAISON, unit=coop_unit),
        "outsider": UserFactory(role=Role.LIAISON),
    }


def _meeting(s, days_ago=60, **kw):
    return services.meeting_create(
        actor=s["office"],
        group=s["group"],
        date=clock.today() - datetime.timedelta(days=days_ago),
        place="测试会议室（合成）",
        **kw,
    )


def _approved(s, *, deadline_days=30, days_ago=60):
    meeting = _meeting(s, days_ago=days_ago)
    services.decision_add(
        actor=s["office"],
        meeting=meeting,
        text="（合成）按月共享不动产登记数据",
        lead_units=[s["lead_unit"]],
        cooperating_units=[s["coop_unit"]],
        deadline=meeting.date + datetime.timedelta(days=deadline_days),
    )
    services.meeting_mark_held(actor=s["office"], meeting=meeting)
    return services.minutes_approve(actor=s["office"], meeting=meeting)


def test_meeting_is_numbered_per_year_and_lists_the_current_members(setup):
    first = _meeting(setup)
    second = _meeting(setup, days_ago=59)
    assert first.number.endswith("第1次") and second.number.endswith("第2次")
    assert str(first) == f"{setup['group'].name}{first.number}联席会议"
    names = list(first.attendance.values_list("name", flat=True))
    assert names == [m.person.name for m in setup["members"]]
    assert set(first.attendance.values_list("status", flat=True)) == {AttendanceStatus.PRESENT}
    assert AuditEntry.objects.filter(action="meeting_created", object_id=str(first.pk)).exists()


def test_absence_needs_a_reason_and_a_substitute_a_name_and_post(setup):
    meeting = _meeting(setup)
    row = meeting.attendance.first()
    with pytest.raises(ApplicationError) as err:
        services.attendance_set(actor=setup["office"], attendance=row, status=AttendanceStatus.ABSENT)
    assert "请假原因" in err.value.message
    with pytest.raises(ApplicationError) as err:
        services.attendance_set(
            actor=setup["office"], attendance=row, status=AttendanceStatus.SUBSTITUTE, reason="出差"
        )
    assert "受委托人" in err.value.message
    row.refresh_from_db()
    assert row.status == AttendanceStatus.PRESENT  # nothing stored on refusal
    services.attendance_set(
        actor=setup["office"],
        attendance=row,
        status=AttendanceStatus.SUBSTITUTE,
        reason="出差",
        substitute_name="赵某（合成）",
        substitute_post="副局长",
    )
    observer = services.observer_add(actor=setup["office"], meeting=meeting, name="钱某（合成）", post="科长")
    groups = selectors.attendance_groups(list(meeting.attendance.all()))
    assert [r.name for r in groups["absent"]] == [row.name]
    assert [r.pk for r in groups["observer"]] == [observer.pk]
    assert len(groups["present"]) == 2


def test_decision_input_is_checked(setup):
    meeting = _meeting(setup)
    bad = [
        ({"text": "", "lead_units": [setup["lead_unit"]]}, "请填写议定事项"),
        ({"text": "（合成）事项", "lead_units": []}, "牵头单位"),
        (
            {
                "text": "（合成）事项",
                "lead_units": [setup["lead_unit"]],
                "cooperating_units": [setup["lead_unit"]],
            },
            "不能同时是牵头单位和配合单位",
        ),
        (
            {
                "text": "（合成）事项",
                "lead_units": [setup["lead_unit"]],
                "deadline": meeting.date - datetime.timedelta(days=1),
            },
            "不能早于会议日期",
        ),
    ]
    for kwargs, message in bad:
        kwargs.setdefault("deadline", meeting.date + datetime.timedelta(days=10))
        with pytest.raises(ApplicationError) as err:
            services.decision_add(actor=setup["office"], meeting=meeting, **kwargs)
        assert message in err.value.message
    assert not meeting.decisions.exists()


def test_agenda_links_are_required_by_kind(setup):
    meeting = _meeting(setup)
    with pytest.raises(ApplicationError, match="关联的方案"):
        services.agenda_add(actor=setup["office"], meeting=meeting, title="方案推进", kind=AgendaKind.PLAN)
    with pytest.raises(ApplicationError, match="收入分析材料"):
        services.agenda_add(actor=setup["office"], meeting=meeting, title="收入", kind=AgendaKind.REVENUE)
    item = services.agenda_add(
        actor=setup["office"], meeting=meeting, title="收入", kind=AgendaKind.REVENUE, link="（合成）分析材料"
    )
    services.minutes_save(actor=setup["office"], item=item, minutes="（合成）会议认为收入平稳。")
    item.refresh_from_db()
    assert item.minutes == "（合成）会议认为收入平稳。"


def test_only_the_groups_office_manages_and_a_refusal_changes_nothing(setup):
    other_office = UserFactory(role=Role.COGOV_OFFICE)  # an office of another unit
    for user in (other_office, setup["lead_liaison"]):
        with pytest.raises(ApplicationError) as err:
            services.meeting_create(actor=user, group=setup["group"], date=clock.today())
        assert err.value.code == ErrorCode.PERMISSION_DENIED
    assert not Meeting.objects.filter(group=setup["group"]).exists()
    meeting = _meeting(setup)
    with pytest.raises(ApplicationError):
        services.decision_add(
            actor=other_office,
            meeting=meeting,
            text="（合成）",
            lead_units=[setup["lead_unit"]],
            deadline=meeting.date,
        )
    assert not meeting.decisions.exists()


def test_approval_turns_decisions_into_supervised_tasks(setup):
    meeting = _approved(setup)
    assert meeting.status == MeetingStatus.APPROVED
    assert meeting.minutes_number == f"{setup['group'].name}会议纪要〔{clock.today().year}〕1号"
    plan = meeting.plan
    assert plan.office_unit == setup["group"].office_unit and plan.doc_number == meeting.minutes_number
    decision = meeting.decisions.get()
    task = decision.task
    assert task.document == plan and decision.text in task.text
    assert set(Responsibility.objects.filter(task=task).values_list("unit", "role")) == {
        (setup["lead_unit"].pk, "lead"),
        (setup["coop_unit"].pk, "cooperating"),
    }
    indicator = task.indicators.get()
    assert indicator.deadline == decision.deadline  # the exact day, not the year's end
    assert supervision.monitoring_settings(plan).start == meeting.date
    assert AuditEntry.objects.filter(action="minutes_approved", object_id=str(meeting.pk)).exists()
    with pytest.raises(ApplicationError) as err:  # approved minutes are frozen
        services.decision_add(
            actor=setup["office"],
            meeting=meeting,
            text="（合成）",
            lead_units=[setup["lead_unit"]],
            deadline=meeting.date,
        )
    assert err.value.code == ErrorCode.CONFLICT
    with pytest.raises(ApplicationError, match="召开后"):
        services.minutes_approve(actor=setup["office"], meeting=_meeting(setup, days_ago=1))


def test_the_office_runs_rounds_and_orders_on_the_decisions_and_units_see_them_as_to_dos(setup):
    meeting = _approved(setup, deadline_days=30, days_ago=60)  # deadline passed 30 days ago
    plan, task = meeting.plan, meeting.decisions.get().task
    start = meeting.date.replace(day=1)
    end = start + datetime.timedelta(days=40)
    round_ = supervision.round_open(
        actor=setup["office"],
        plan=plan,
        period_label="（合成）首轮",
        period_start=start,
        period_end=min(end, clock.today() - datetime.timedelta(days=1)),
        due_date=clock.today() + datetime.timedelta(days=5),
    )
    assert TaskReport.objects.filter(round=round_).count() == 2  # lead and cooperating unit
    # the lead unit's liaison has it on its to-do list and reports
    todo = supervision_selectors.todo_reports(user=setup["lead_liaison"])
    report = todo.get(task=task)
    assert any(item.url.endswith(f"/reports/{report.pk}/") for item in due_items(user=setup["lead_liaison"]))
    supervision.report_save(
        actor=setup["lead_liaison"],
        report=report,
        status="in_progress",
        percent=50,
        done_text="（合成）已完成一半",
        problems="",
        next_steps="",
    )
    supervision.report_submit(actor=setup["lead_liaison"], report=report)
    # the deadline has passed and it is not done: red, like any plan task
    state = monitoring.plan_status(plan=plan)[0]
    assert state.task == task and state.assessment.level == "red"
    order = supervision.order_issue(
        actor=setup["office"],
        plan=plan,
        unit=setup["lead_unit"],
        task=task,
        issue="（合成）议定事项逾期未办结",
        requirement="（合成）限期办结",
        deadline=clock.today() + datetime.timedelta(days=7),
    )
    assert order.plan == plan
    # an office of another unit may do neither
    with pytest.raises(ApplicationError):
        supervision.round_open(
            actor=UserFactory(role=Role.COGOV_OFFICE),
            plan=plan,
            period_label="x",
            period_start=start,
            period_end=start,
            due_date=start,
        )
    assert ReportingRound.objects.filter(plan=plan).count() == 1


def test_the_next_meeting_hears_the_open_decisions_with_their_status(setup):
    meeting = _approved(setup, deadline_days=90, days_ago=60)
    plan = meeting.plan
    round_ = supervision.round_open(
        actor=setup["office"],
        plan=plan,
        period_label="（合成）首轮",
        period_start=meeting.date,
        period_end=clock.today() - datetime.timedelta(days=1),
        due_date=clock.today() + datetime.timedelta(days=5),
    )
    report = TaskReport.objects.get(round=round_, unit=setup["lead_unit"])
    supervision.report_save(
        actor=setup["lead_liaison"],
        report=report,
        status="in_progress",
        percent=70,
        done_text="（合成）推进中",
        problems="",
        next_steps="",
    )
    supervision.report_submit(actor=setup["lead_liaison"], report=report)
    nxt = _meeting(setup, days_ago=0)
    # the follow-up item opens the next meeting's agenda
    first_item = nxt.agenda.order_by("order").first()
    assert first_item.kind == AgendaKind.FOLLOW_UP and str(meeting) in first_item.title
    rows = selectors.follow_ups(user=setup["office"], meeting=nxt)
    assert [r.decision.pk for r in rows] == [meeting.decisions.get().pk]
    row = rows[0]
    assert (
        row.latest_report.pk == report.pk
        and row.status_label == "推进中"
        and row.level in ("green", "yellow")
    )
    # the cooperating unit's liaison (a member) reads the same; an outsider reads nothing
    assert len(selectors.follow_ups(user=setup["coop_liaison"], meeting=nxt)) == 1
    assert not selectors.meeting_list(user=setup["outsider"]).exists()


def test_a_unit_named_in_a_decision_sees_that_decision_only(setup):
    outsider_unit = UnitFactory()
    outsider = UserFactory(role=Role.LIAISON, unit=outsider_unit)
    meeting = _meeting(setup)
    services.decision_add(
        actor=setup["office"],
        meeting=meeting,
        text="（合成）甲事项",
        lead_units=[setup["lead_unit"]],
        deadline=meeting.date,
    )
    mine = services.decision_add(
        actor=setup["office"],
        meeting=meeting,
        text="（合成）乙事项",
        lead_units=[setup["lead_unit"]],
        cooperating_units=[outsider_unit],
        deadline=meeting.date,
    )
    assert list(selectors.meeting_list(user=outsider)) == [meeting]
    assert not selectors.sees_whole_meeting(outsider, meeting)
    assert list(selectors.meeting_decisions(user=outsider, meeting=meeting)) == [mine]
    assert selectors.meeting_decisions(user=setup["coop_liaison"], meeting=meeting).count() == 2
    services.meeting_mark_held(actor=setup["office"], meeting=meeting)
    services.minutes_approve(actor=setup["office"], meeting=meeting)
    assert [d.pk for d in selectors.decision_list(user=outsider)] == [mine.pk]
    assert Decision.objects.filter(meeting=meeting, task__isnull=False).count() == 2
