import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from factories import PolicyDocumentFactory, ResponsibilityFactory, TaskFactory, UserFactory

from gongzhi.core.models import Notification
from gongzhi.core.roles import Role
from gongzhi.supervision import services
from gongzhi.supervision.models import TaskReport
from gongzhi.workspace.reminders import remind

pytestmark = pytest.mark.django_db


def test_reminders_before_the_due_day_are_sent_once(client_for):
    # given a plan with one task of a liaison's unit, and a round due in two days
    plan = PolicyDocumentFactory()
    office = UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)
    liaison = UserFactory(role=Role.LIAISON)
    task = TaskFactory(document=plan)
    ResponsibilityFactory(task=task, unit=liaison.unit)
    today = timezone.localdate()
    round_ = services.round_open(
        actor=office,
        plan=plan,
        period_label="提醒测试期",
        period_start=today - datetime.timedelta(days=60),
        period_end=today - datetime.timedelta(days=1),
        due_date=today + datetime.timedelta(days=2),
    )
    report = TaskReport.objects.get(round=round_, unit=liaison.unit)
    # when the daily reminder runs twice
    first = remind(today=today)
    assert first["reports"] > 0
    assert remind(today=today)["reports"] == 0  # idempotent
    # then the unit got one reminder for its report, naming the task and the deadline
    note = Notification.objects.get(unit=liaison.unit, key=f"report-due:{report.pk}")
    assert "截止" in note.text and task.number in note.text
    assert Notification.objects.filter(unit=liaison.unit).count() == 1
    home = client_for(liaison).get("/")
    texts = set(Notification.objects.filter(unit=liaison.unit).values_list("text", flat=True))
    assert any(t["label"] in texts for t in home.context["todos"])
    call_command("remind")


def test_a_childs_suggestion_routed_to_a_unit_is_on_its_to_do_list_and_reminded(demo):
    from gongzhi.children.choices import SuggestionState
    from gongzhi.children.models import Suggestion
    from gongzhi.workspace.selectors import due_items

    # given the demo's suggestion routed to a unit and not answered, with its deadline passed
    late = Suggestion.objects.filter(state=SuggestionState.ROUTED, deadline__lt=demo).first()
    assert late is not None, "the demo has an overdue suggestion"
    liaison = UserFactory(role=Role.LIAISON, unit=late.unit)
    # then it is on the unit's to-do list, late, with a link to answer it
    items = [i for i in due_items(user=liaison, today=demo) if i.kind == "suggestion"]
    assert [i.url for i in items if i.days_left < 0] == [f"/children/suggestions/{late.pk}/"]
    # and the daily reminder tells the unit once this week
    assert remind(today=demo)["suggestions"] >= 1
    assert (
        Notification.objects.filter(
            unit=late.unit, key__startswith=f"child-suggestion-late:{late.pk}:"
        ).count()
        == 1
    )
    assert remind(today=demo)["suggestions"] == 0
    # a unit with nothing routed sees none
    other = UserFactory(role=Role.LIAISON)
    assert not [i for i in due_items(user=other, today=demo) if i.kind == "suggestion"]


def test_a_credit_repair_follow_up_is_on_the_owner_units_to_do_list_and_reminded(demo, users, client_for):
    """Issue 13: the open follow-up of an approved credit repair (解除缴税专用账户休眠状态) is on its
    owner unit's to-do list and in the daily reminder run, until the unit finishes it."""
    from gongzhi.credit import repair
    from gongzhi.credit.models_lists import ActionState, RepairAction
    from gongzhi.workspace.selectors import due_items

    # given the demo's recent repair, its follow-up open with the tax bureau
    action = RepairAction.objects.filter(state=ActionState.OPEN).select_related("case", "owner_unit").first()
    assert action is not None, "the demo has an open repair follow-up"
    officer = users["tax_officer"]
    assert officer.unit_id == action.owner_unit_id
    # then it is on the unit's to-do list with its deadline and a link to the repair
    items = [i for i in due_items(user=officer, today=demo) if i.kind == "credit_repair"]
    assert [(i.label, i.url, i.due, i.days_left) for i in items] == [
        (
            "解除缴税专用账户休眠状态",
            f"/credit/repairs/{action.case_id}/",
            action.deadline,
            (action.deadline - demo).days,
        )
    ]
    assert action.case.name in items[0].detail
    late_day = action.deadline + datetime.timedelta(days=2)
    assert [i.overdue_days for i in due_items(user=officer, today=late_day) if i.kind == "credit_repair"] == [
        2
    ]
    home = client_for(officer).get("/").content.decode()
    assert 'data-kind="credit_repair"' in home and "解除缴税专用账户休眠状态" in home
    # a unit that does not own it does not see it
    other = UserFactory(role=Role.LIAISON)
    assert not [i for i in due_items(user=other, today=demo) if i.kind == "credit_repair"]

    # the daily run: nothing while the deadline is far, once when it is near, weekly when late
    keys = Notification.objects.filter(
        unit=action.owner_unit, key__startswith=f"credit-repair-action:{action.pk}:"
    )
    far = action.deadline - datetime.timedelta(days=repair.REMIND_DAYS + 1)
    assert remind(today=far)["credit_repair"] == 0 and not keys.exists()
    near = action.deadline - datetime.timedelta(days=1)
    assert remind(today=near)["credit_repair"] == 1
    assert remind(today=near)["credit_repair"] == 0  # idempotent
    assert remind(today=late_day)["credit_repair"] == 1
    assert remind(today=late_day)["credit_repair"] == 0
    texts = list(keys.order_by("pk").values_list("text", flat=True))
    assert len(texts) == 2 and "逾期2天" in texts[1] and action.case.name in texts[0]
    out = StringIO()
    call_command("remind", stdout=out)
    assert "信用修复后续事项" in out.getvalue()

    # once the unit finishes it: off the list, its reminders read, no more reminders
    repair.repair_action_done(
        actor=officer, action=action, note="已通知开户银行解除休眠状态（测试）", done_on=demo
    )
    assert not [i for i in due_items(user=officer, today=demo) if i.kind == "credit_repair"]
    assert not keys.filter(read_at__isnull=True).exists()
    assert remind(today=late_day + datetime.timedelta(days=7))["credit_repair"] == 0
