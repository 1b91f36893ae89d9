"""The revenue cube over the shared data: current rows only, exact to the cent."""

from decimal import Decimal

import pytest
from economy.revenue_data import submit_world

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.economy import cube

D = Decimal


@pytest.fixture
def world(db, data_dir):
    return submit_world()


def _sums(cells):
    out = {}
    for c in cells:
        out[(c.key, c.period)] = out.get((c.key, c.period), D("0")) + c.amount
    return out


def test_totals_are_the_current_rows_to_the_cent(world):
    cells = cube.revenue(user=None, by=None, period_from="2019-01", period_to="2019-03")
    assert {c.period: c.amount for c in cells} == world["by_month"]
    assert sum(c.amount for c in cells) == world["total"]
    assert all(isinstance(c.amount, Decimal) for c in cells)


def test_slices_by_tax_type_industry_town_and_kind(world):
    by_type = _sums(cube.revenue(user=None, by="tax_type", period_from="2019-01", period_to="2019-03"))
    assert by_type == {
        ("增值税", "2019-01"): D("0.01"),
        ("增值税", "2019-02"): D("1000.10"),
        ("契税", "2019-02"): D("2000.05"),
        ("增值税", "2019-03"): D("300.67"),
        ("印花税", "2019-03"): D("12.30"),
    }
    by_industry = _sums(cube.revenue(user=None, by="industry", period_from="2019-03", period_to="2019-03"))
    assert by_industry == {
        ("C", "2019-03"): D("300.33"),
        ("K", "2019-03"): D("0.34"),
        ("", "2019-03"): D("12.30"),
    }
    by_division = _sums(cube.revenue(user=None, by="division", period_from="2019-02", period_to="2019-02"))
    assert by_division == {("13", "2019-02"): D("1000.10"), ("70", "2019-02"): D("2000.05")}
    town = _sums(cube.revenue(user=None, by="town", period_from="2019-01", period_to="2019-12",
                              where={"industry": "K"}))  # fmt: skip
    assert town == {("北郊镇", "2019-02"): D("2000.05"), ("北郊镇", "2019-03"): D("0.34")}
    kind = cube.revenue(user=None, by="kind", period_from="2019-02", period_to="2019-02", tax_type="契税")
    assert [(c.key, c.amount) for c in kind] == [("一般纳税人", D("2000.05"))]


def test_the_month_beside_its_year_to_date(world):
    view = cube.build_view(
        "tax_type",
        "2019-03",
        cube.revenue(user=None, by="tax_type", period_from="2018-01", period_to="2019-03"),
    )
    assert view.total.month == D("312.97") and view.total.previous_month == D("3000.15")
    assert view.total.ytd == world["total"] and view.total.ytd_last_year == D("0")
    assert view.total.mom == D("-89.57") and view.total.yoy is None
    assert view.ytd["2019-03"] == world["total"] and view.monthly["2019-02"] == D("3000.15")
    vat = next(r for r in view.rows if r.key == "增值税")
    assert vat.ytd == D("1300.78") and vat.label == "增值税"


def test_monthly_series_fills_the_months_between(world, users):
    series = cube.monthly_series(user=users["cogov_office"], purpose="收入预测（测试）")
    months = dict(series)
    assert months["2019-01"] == D("0.01") and months["2019-03"] == D("312.97")
    assert months["2019-04"] == D("0.00")  # nothing paid that month, between paid months
    assert [p for p, _ in series] == sorted(months)
    entry = AuditEntry.objects.filter(action="shared_data_read").latest("seq")
    assert entry.purpose == "收入预测（测试）" and entry.username == "gongzhi"
    vat = dict(cube.monthly_series(user=None, tax_type="印花税", purpose="测试"))
    assert vat["2019-03"] == D("12.30")


def test_who_may_read_the_cube(world, users):
    for role in ("leader", "cogov_office", "tax_officer"):
        assert cube.revenue(user=users[role], by="town", period_from="2019-03", period_to="2019-03")
    with pytest.raises(ApplicationError, match="没有权限"):
        cube.revenue(user=users["liaison"], by="town", period_from="2019-03", period_to="2019-03")
    with pytest.raises(ApplicationError, match="没有权限"):  # taxpayers behind the figures
        cube.revenue(user=users["leader"], by="taxpayer", period_from="2019-03", period_to="2019-03")
    rows = cube.revenue(user=users["tax_officer"], by="taxpayer", period_from="2019-03", period_to="2019-03")
    assert {c.key for c in rows} >= {world["a"], world["b"], world["c"]}


def test_bad_arguments_are_refused_in_chinese(db):
    with pytest.raises(ApplicationError, match="不支持的分析维度"):
        cube.revenue(user=None, by="colour", period_from="2019-01", period_to="2019-02")
    with pytest.raises(ApplicationError, match="月份格式错误"):
        cube.revenue(user=None, by=None, period_from="2019-1", period_to="2019-02")
    with pytest.raises(ApplicationError, match="不能早于"):
        cube.revenue(user=None, by=None, period_from="2019-03", period_to="2019-02")
