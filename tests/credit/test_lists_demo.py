"""The lists demo (`credit.demo_lists.load_lists`), run on the session's demo ratings."""

import pytest

from gongzhi.accounts.models import User
from gongzhi.core import clock
from gongzhi.core.notifications import notifications_for
from gongzhi.credit import lists
from gongzhi.credit.demo import eval_years
from gongzhi.credit.demo_lists import load_lists
from gongzhi.credit.models_lists import ActionState, CreditList, ListRevision, RepairCase, RevisionState
from gongzhi.demo.checks import date_problems


@pytest.mark.django_db
def test_demo_publishes_both_lists_and_repairs(demo):
    lines = load_lists(today=demo)
    latest = eval_years(demo)[-1]
    assert any("A级" in line for line in lines) or CreditList.objects.filter(eval_year=latest).exists()
    published = {
        r.credit_list.level: r for r in ListRevision.objects.published().filter(credit_list__eval_year=latest)
    }
    assert set(published) == {"A", "D"}
    for revision in published.values():
        assert revision.number == 1 and lists.revision_intact(revision)
        assert (revision.drafted_by.username, revision.checked_by.username) == ("shuiwu", "gongzhi")
        assert revision.published_at.date() <= demo
    # no stale reminder to check a list already published
    office = User.objects.get(username="gongzhi")
    for revision in published.values():
        assert (
            not notifications_for(office).filter(key__startswith=f"credit-list-draft:{revision.pk}:").exists()
        )
    cases = RepairCase.objects.filter(state="approved")
    assert cases.count() >= 1
    recent = cases.filter(eval_year=latest).first()
    if recent is not None:  # made when the list was published at least 12 days before the demo day
        assert recent.effective_date <= demo
        assert recent.uscc in set(published["D"].entries.values_list("uscc", flat=True))
        assert recent.uscc not in {
            r.uscc for r in lists.current_list(eval_year=latest, level="D", today=demo)
        }
        assert recent.actions.get().state == ActionState.OPEN
        draft = ListRevision.objects.get(
            credit_list__eval_year=latest, credit_list__level="D", state=RevisionState.DRAFT
        )
        assert draft.number == 2 and "信用修复" in draft.reason
    # idempotent
    before = (ListRevision.objects.count(), RepairCase.objects.count())
    load_lists(today=demo)
    assert (ListRevision.objects.count(), RepairCase.objects.count()) == before
    assert all(c.created_at.date() <= clock.today() for c in RepairCase.objects.all())
    assert [p for p in date_problems(demo) if p.startswith("credit.")] == []
