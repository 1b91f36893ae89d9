"""The demo's credit data: three evaluation years submitted through the real submission service,
a repaired rating with its history, checks by two departments with decisions."""

import pytest

from gongzhi.credit import selectors
from gongzhi.credit.choices import Decision
from gongzhi.credit.demo import eval_years
from gongzhi.credit.models import CreditCheck
from gongzhi.exchange.models import Submission


@pytest.mark.django_db
def test_demo_has_three_years_a_repair_and_checks_by_two_departments(demo):
    years = eval_years(demo)
    submissions = Submission.objects.filter(dataset__code="credit_rating")
    assert {s.period for s in submissions} == {str(y) for y in years}
    assert all(s.state == "accepted" for s in submissions)
    assert all("合成数据" in s.filename for s in submissions)
    for year in years:
        ratings = selectors.current_ratings(year)
        assert len(ratings) > 100
        assert {r.level for r in ratings} >= {"A", "B", "D"}
    repaired = submissions.filter(period=str(years[1])).order_by("pk").last()
    row = next(r for r in selectors.current_ratings(years[1]) if r.submission_id == repaired.pk)
    history = selectors.rating_history(row.uscc)
    assert [(h.level, h.current) for h in history if h.eval_year == years[1]] == [("D", False), ("B", True)]
    checks = CreditCheck.objects.all()
    assert checks.values("unit").distinct().count() == 2
    assert checks.filter(decision=Decision.APPLIED).exists()
    assert checks.filter(decision=Decision.NOT_APPLIED).exclude(decision_reason="").exists()
    flagged = selectors.rating_problems(submission_ids=[s.pk for s in submissions])
    assert sum(len(v) for v in flagged.values()) == 1
