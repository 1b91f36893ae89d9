"""The demo loaders of the yearly tasks and the important matters: loaded in the session's demo,
idempotent, honest about time."""

import datetime

import pytest

from gongzhi.cogov import demo_matters, demo_yearly, selectors_matters, selectors_yearly
from gongzhi.cogov.models_matters import ImportantMatter, MatterState
from gongzhi.cogov.models_yearly import YearlyTask, YearlyTaskSet, YearlyTaskSetState
from gongzhi.org.models import Unit

pytestmark = pytest.mark.django_db


def test_demo_yearly_tasks_of_five_units_some_reported(demo):
    task_set = YearlyTaskSet.objects.get(document__doc_number=demo_yearly.DOC_NUMBER, year=demo.year)
    assert task_set.state == YearlyTaskSetState.ISSUED and task_set.plan_id
    units = set(task_set.tasks.values_list("unit__name", flat=True))
    assert len(units) == 5
    rows = selectors_yearly.statuses(selectors_yearly.set_tasks(task_set=task_set), as_of=demo)
    assert sorted(r.task.unit.name for r in rows if r.latest_report) == sorted(demo_yearly.REPORTS)
    tax = Unit.objects.get(name="区税务局")
    assert [r.task.unit for r in selectors_yearly.yearly_tasks_for(tax, demo.year)] == [tax]
    count = YearlyTask.objects.count()
    demo_yearly.load(today=demo)
    assert YearlyTask.objects.count() == count


def test_demo_matters_one_open_overdue_one_closed(demo):
    open_ = ImportantMatter.objects.get(title=demo_matters.OPEN_TITLE)
    closed = ImportantMatter.objects.get(title=demo_matters.CLOSED_TITLE)
    assert open_.state == MatterState.FILED and open_.due_date < demo
    assert closed.state == MatterState.CLOSED and closed.closed_on <= demo
    assert any(r["url"].endswith(f"/{open_.pk}/") for r in selectors_matters.overdue(today=demo))
    for field in ("filed_on", "acknowledged_on", "assigned_on", "closed_on"):
        assert getattr(closed, field) <= demo
    count = ImportantMatter.objects.count()
    demo_matters.load(today=demo)
    assert ImportantMatter.objects.count() == count
    assert demo - datetime.timedelta(days=31) < closed.filed_on
