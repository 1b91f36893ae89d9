import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongzhi.core.models import Notification
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import services
from gongzhi.workspace.reminders import remind

pytestmark = pytest.mark.django_db


def test_reminders_before_the_due_day_are_sent_once(users, client_for):
    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    today = timezone.localdate()
    services.round_open(
        actor=users["plan_office"],
        plan=plan,
        period_label="提醒测试期",
        period_start=today - datetime.timedelta(days=60),
        period_end=today - datetime.timedelta(days=1),
        due_date=today + datetime.timedelta(days=2),
    )
    first = remind(today=today)
    assert first["reports"] > 0
    assert remind(today=today)["reports"] == 0  # idempotent
    note = Notification.objects.filter(unit=users["liaison"].unit, key__startswith="report-due").first()
    assert note is not None and "截止" in note.text
    home = client_for(users["liaison"]).get("/")
    texts = set(Notification.objects.filter(unit=users["liaison"].unit).values_list("text", flat=True))
    assert any(t["label"] in texts for t in home.context["todos"])
    call_command("remind")
