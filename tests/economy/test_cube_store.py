"""The pre-aggregated cube (`cube_store`): the same figures as the warehouse to the cent, a new
aggregate when the current data change, a damaged aggregate rebuilt."""

from decimal import Decimal

import pytest
from economy.revenue_data import submit_world
from factories import submit_rows

from gongzhi.core.models import AuditEntry
from gongzhi.economy import burden, cube, cube_store, structure
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.warehouse import open_warehouse
from gongzhi.org.models import Unit

D = Decimal
DIMENSIONS = [None, "tax_type", "industry", "division", "town", "kind"]


@pytest.fixture
def world(db, data_dir):
    return submit_world()


def _direct(by, period_from, period_to, **kwargs):
    with open_warehouse(user=None, datasets=cube.DATASETS, purpose="测试") as wh:
        return cube._sql_revenue(
            wh, by=by, start=cube.month_start(period_from), end=cube.month_last_day(period_to), **kwargs
        )


def _builds():
    return AuditEntry.objects.filter(
        purpose=cube_store.BUILD_PURPOSE, detail__aggregate__in=_aggregates()
    ).count()


def _aggregates(kind="cube"):
    return sorted(p.name for p in cube_store.store_dir().glob(f"{kind}-*"))


def test_the_aggregate_gives_the_warehouse_figures_to_the_cent(world, users):
    for by in DIMENSIONS:
        assert cube.revenue(user=None, by=by, period_from="2018-01", period_to="2019-12") == _direct(
            by, "2018-01", "2019-12"
        )
    narrowed = cube.revenue(
        user=None,
        by="town",
        period_from="2019-01",
        period_to="2019-03",
        tax_type="增值税",
        where={"industry": "K"},
    )
    assert narrowed == _direct("town", "2019-01", "2019-03", tax_type="增值税", where={"industry": "K"})
    assert (
        sum(c.amount for c in cube.revenue(user=None, by=None, period_from="2019-01", period_to="2019-03"))
        == (world["total"])
    )
    with open_warehouse(user=None, datasets=cube.DATASETS, purpose="测试") as wh:
        direct = structure.sql_structure(wh, structure.Window("2019-03"), with_taxpayers=True)
    assert structure.structure(user=None, period="2019-03") == direct
    with open_warehouse(user=None, datasets=["tax_paid"], purpose="测试") as wh:
        assert cube.latest_period(user=None) == f"{wh.scalar('SELECT max(paid_date) FROM tax_paid'):%Y-%m}"
    assert len(_aggregates()) == 1  # built once, read by every call since
    assert _builds() == 1
    entry = AuditEntry.objects.filter(action="shared_data_read", purpose="收入分析").latest("seq")
    assert entry.detail["aggregate"] == _aggregates()[0] and sorted(entry.detail["datasets"]) == sorted(
        cube.DATASETS
    )


def test_a_superseding_submission_makes_a_new_aggregate(world):
    cube.revenue(user=None, by="tax_type", period_from="2019-01", period_to="2019-03")
    before = _aggregates()
    bureau = Unit.objects.get(name="区税务局")
    row = {
        "uscc": world["a"],
        "tax_type": "增值税",
        "period": "2019-03",
        "amount": "7.77",
        "paid_date": "2019-03-20",
    }
    submit_rows(Dataset.objects.get(code="tax_paid"), bureau, "2019-03", [row])  # replaces the March file
    cells = cube.revenue(user=None, by="tax_type", period_from="2019-03", period_to="2019-03")
    assert [(c.key, c.amount) for c in cells] == [("增值税", D("7.77"))]
    assert cells == _direct("tax_type", "2019-03", "2019-03")
    after = _aggregates()
    assert len(after) == 1 and after != before  # the stale version's directory is gone


def test_a_damaged_aggregate_is_rebuilt(world):
    expected = cube.revenue(user=None, by="industry", period_from="2019-01", period_to="2019-03")
    (name,) = _aggregates()
    cells = cube_store.store_dir() / name / "cells.parquet"
    cells.write_bytes(cells.read_bytes()[:40])  # a partial file
    assert cube.revenue(user=None, by="industry", period_from="2019-01", period_to="2019-03") == expected
    (taxpayers := cube_store.store_dir() / name / "taxpayers.parquet").unlink()
    assert structure.structure(user=None, period="2019-03").total == world["by_month"]["2019-03"] + D(
        "3000.16"
    )
    assert taxpayers.is_file() and cells.stat().st_size > 40
    assert _builds() == 3


def test_the_demo_structure_and_burden_match_the_warehouse(demo, users):
    period = cube.latest_period(user=None)
    user = users["tax_officer"]
    with open_warehouse(user=None, datasets=cube.DATASETS, purpose="测试") as wh:
        direct = structure.sql_structure(wh, structure.Window(period), with_taxpayers=True)
    assert structure.structure(user=user, period=period) == direct
    year = burden.latest_year(user=None)
    with open_warehouse(user=None, datasets=burden.DATASETS, purpose="测试") as wh:
        expected = burden.sql_burden(wh, year, with_taxpayers=False)
    got = burden.burden(user=users["leader"], year=year)
    assert (got.industries, got.total, got.outlier_count) == (
        expected.industries,
        expected.total,
        expected.outlier_count,
    )
    assert cube.monthly_series(user=None) and sorted(cube_store.warm()) == sorted(
        p.name for kind in ("cube", "burden") for p in cube_store.store_dir().glob(f"{kind}-*")
    )


def test_the_warm_job_builds_the_aggregate_off_the_request(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = cube_store.schedule_warm()
    job.refresh_from_db()
    assert job.state == "succeeded", (job.state, job.error)
    assert job.result["aggregates"][0] in _aggregates() and _builds() == 1
