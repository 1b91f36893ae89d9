"""The demo's tax co-governance plan (周政办字〔2023〕10号) is set up and monitored: its dashboard
shows tasks on track, lagging and overdue, not a wall of grey. Uses the demo data set."""

from collections import Counter

import pytest
from django.urls import reverse

from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import monitoring
from gongzhi.supervision.demo import TAX_PLAN, TAX_START
from gongzhi.supervision.services import monitoring_settings

pytestmark = pytest.mark.django_db


def test_the_tax_plan_is_set_up_with_its_monitoring_start(demo):
    plan = PolicyDocument.objects.get(doc_number=TAX_PLAN)
    assert plan.set_up_at is not None
    assert plan.office_unit.name == "区财政局"
    assert monitoring_settings(plan).start == TAX_START
    rounds = list(plan.rounds.order_by("period_end"))
    assert rounds and rounds[0].period_start == TAX_START
    assert all(r.period_end < demo and r.due_date < demo for r in rounds)


def test_the_tax_plans_dashboard_shows_more_than_grey(demo, users, client_for):
    plan = PolicyDocument.objects.get(doc_number=TAX_PLAN)
    levels = Counter(s.assessment.level for s in monitoring.plan_status(plan=plan, as_of=demo))
    assert levels["green"] >= 1 and levels["red"] >= 1
    assert levels["yellow"] + levels["red"] >= 2 and levels["grey"] < sum(levels.values())
    for user in ("cogov_office", "plan_office", "leader"):
        response = client_for(users[user]).get(reverse("supervision:plan_dashboard", args=[plan.pk]))
        assert response.status_code == 200, user
        assert "自报滞后" in response.content.decode(), user
