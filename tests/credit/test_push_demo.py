"""The push demo (`gongzhi.credit.demo_push.load_push`) on the session's demo data: two campaigns
with pushes and take-up, the opted-out never pushed, every push rule firing on synthetic data."""

import pytest

from gongzhi.accounts.models import User
from gongzhi.credit.demo_push import load_push
from gongzhi.credit.models_push import PolicyPush, PushCampaign, PushOptOut
from gongzhi.credit.push import campaign_start

pytestmark = pytest.mark.django_db


def test_two_campaigns_with_take_up(demo):
    load_push(today=demo)
    assert load_push(today=demo)[0].endswith("已存在）")  # idempotent
    campaigns = list(PushCampaign.objects.select_related("rule").order_by("pk"))
    assert [c.rule.code for c in campaigns] == ["P01", "P03"]
    for campaign in campaigns:
        assert campaign.state == "done" and campaign.candidate_count > 0
        assert campaign.pushes.filter(takeup="taken_up").exists(), campaign.rule.code
        assert campaign.pushes.filter(takeup="pending").exists(), campaign.rule.code
        assert campaign.pushes.filter(pushed_on__gt=demo).count() == 0  # nothing in the future
    opted = set(PushOptOut.objects.values_list("uscc", flat=True))
    assert len(opted) == 2
    assert not PolicyPush.objects.filter(uscc__in=opted).exists()
    # the R&D super-deduction rule fires on the demo data too, never for an excluded industry
    officer = User.objects.get(username="shuiwu")
    rd = campaign_start(actor=officer, rule_code="P02", background=False)
    assert rd.state == "done" and rd.candidate_count > 0
