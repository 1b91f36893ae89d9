"""The grid demo (on the session's demo data set): grids in every town and street with synthetic
grid workers, tasks in every state, some from leads; loading again adds nothing; the registry is
read through the warehouse."""

import pytest

from gongzhi.accounts.models import User
from gongzhi.cogov import demo_grid
from gongzhi.cogov import services_grid as services
from gongzhi.cogov.choices_grid import VerificationSource, VerificationState
from gongzhi.cogov.models_grid import Grid, VerificationTask
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.demo.checks import date_problems
from gongzhi.org.choices import UnitKind
from gongzhi.org.models import Unit
from gongzhi.taxrisk.models import LeadEvent


def test_grids_in_every_town_with_synthetic_people_and_tasks_in_every_state(demo):
    towns = Unit.objects.active().filter(kind__in=(UnitKind.TOWN, UnitKind.SUBDISTRICT))
    assert towns.count() >= 8
    for town in towns:
        grids = Grid.objects.filter(town=town)
        assert grids.count() == 2, town
        for grid in grids:
            assert grid.tax_manager.role == Role.TAX_OFFICER and grid.tax_manager.synthetic
            workers = list(grid.workers.all())
            assert workers and all(
                w.role == Role.GRID_WORKER and w.synthetic and w.unit == town for w in workers
            )
            assert all("演示" in w.full_name for w in workers)
    assert User.objects.get(username="wangge").grids.filter(town__name="大街街道").count() == 2
    states = set(VerificationTask.objects.values_list("state", flat=True))
    assert states >= set(VerificationState.values)
    sources = set(VerificationTask.objects.values_list("source", flat=True))
    assert sources >= {VerificationSource.LEAD, VerificationSource.REGISTRY, VerificationSource.MANUAL}
    reviewed_from_lead = VerificationTask.objects.filter(source="lead", state="reviewed").first()
    assert LeadEvent.objects.filter(lead=reviewed_from_lead.lead, action="grid_verified").exists()
    assert (
        VerificationTask.objects.filter(state="reviewed", source__in=["registry", "manual"])
        .first()
        .notes.exists()
    )
    assert VerificationTask.objects.filter(
        state__in=VerificationState.in_the_field(), due_date__lt=demo
    ).exists()  # one the grid let pass its due date
    assert all("演示" in t.taxpayer_name or t.lead_id for t in VerificationTask.objects.all())
    assert [p for p in date_problems(demo) if p.startswith("cogov.")] == []


def test_loading_again_adds_nothing(demo):
    before = (Grid.objects.count(), VerificationTask.objects.count(), User.objects.count())
    lines = demo_grid.load(today=demo)
    assert (Grid.objects.count(), VerificationTask.objects.count(), User.objects.count()) == before
    assert "已存在" in lines[0]


def test_the_registry_is_read_through_the_warehouse(demo):
    office = User.objects.get(username="gongzhi")
    abnormal = services.registry_candidates(actor=office, selection="abnormal", today=demo)
    assert abnormal and all(len(r["uscc"]) == 18 for r in abnormal)
    entry = AuditEntry.objects.filter(action="shared_data_read", user=office).latest("seq")
    assert "非正常户" in entry.purpose and entry.detail["datasets"] == ["taxpayer"]
    found = services.taxpayer_lookup(actor=office, uscc=abnormal[0]["uscc"])
    assert found["name"] == abnormal[0]["name"] and found["status"] == "非正常"
    assert services.taxpayer_lookup(actor=office, uscc="91370306MA3GT0099X") is None
    # new registrations: the demo's taxpayers are registered from 2000 on (taxrisk_data), so a month
    # of 2010 has some and the last month of 1999 none
    import datetime

    first_month = services.registry_candidates(
        actor=office, selection="new", today=datetime.date(2010, 1, 31)
    )
    assert first_month and len({r["uscc"] for r in first_month}) == len(first_month)
    assert (
        services.registry_candidates(actor=office, selection="new", today=datetime.date(1999, 12, 31)) == []
    )
    with pytest.raises(ApplicationError, match="核查对象"):
        services.registry_candidates(actor=office, selection="all", today=demo)
    with pytest.raises(ApplicationError, match="没有权限"):
        services.registry_candidates(
            actor=User.objects.get(username="shuiwu"), selection="abnormal", today=demo
        )
