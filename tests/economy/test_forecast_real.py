"""Forecast accuracy on REAL published revenue series (tests/economy/data/README.md): cut each
series twelve months before its end, forecast twelve months, score on the twelve months that
followed. The chosen method must have a lower MAPE than seasonal naive on the same months.
Also: marks (a break, an outlier) change what is fitted, and say so."""

import csv
from pathlib import Path

import pytest

from gongzhi.economy.forecast import Mark, baseline_forecast, forecast, score_against
from gongzhi.economy.forecast_input import read_series

DATA = Path(__file__).parent / "data"
SERIES = ["texas_total_tax_collections", "texas_sales_taxes", "texas_motor_vehicle_taxes"]


def load(name: str) -> tuple[list[str], list[float]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["period"] for r in rows], [float(r["value"]) for r in rows]


@pytest.mark.parametrize("name", SERIES)
def test_beats_seasonal_naive_on_the_year_after_the_cut(name):
    periods, values = load(name)
    cut = len(periods) - 12
    result = forecast(periods[:cut], values[:cut], horizon=12)
    actual = values[cut:]
    chosen = score_against([p.value for p in result.points], actual, values[:cut])
    naive = score_against(
        baseline_forecast(periods[:cut], values[:cut], "seasonal_naive"), actual, values[:cut]
    )
    growth = score_against(baseline_forecast(periods[:cut], values[:cut], "growth"), actual, values[:cut])
    print(
        f"{name}: {result.method} MAPE {chosen.mape} MASE {chosen.mase}; seasonal naive {naive.mape}/{naive.mase}; growth {growth.mape}/{growth.mase}"
    )
    assert chosen.mape < naive.mape
    assert [p.period for p in result.points] == periods[cut:]
    # coverage of the empirical 90% interval, reported (not asserted: 12 months are too few)
    inside = sum(p.lower <= a <= p.upper for p, a in zip(result.points, actual, strict=True))
    print(f"  interval holds {inside}/12 actual months")
    assert all(p.lower <= p.value <= p.upper for p in result.points)


def test_real_series_as_published_year_to_date_with_january_merged():
    """The real monthly series turned into 1-2月合并 year-to-date figures reads back exactly."""
    periods, values = load("texas_sales_taxes")
    periods, values = periods[-92:], values[-92:]  # 2018-01 .. 2025-08
    lines, ytd = ["period,value"], 0.0
    for p, v in zip(periods, values, strict=True):
        ytd = v if p.endswith("-01") or not lines[1:] else ytd + v
        if not p.endswith("-01"):
            lines.append(f'{p},"{ytd:,.2f}"')
    series = read_series("\n".join(lines).encode(), cumulative=True)
    got = dict(zip(series.periods, series.values, strict=True))
    for p, v in zip(periods, values, strict=True):
        if p[5:] not in ("01", "02") and p in got:
            assert got[p] == pytest.approx(v, abs=0.02)
    jan, feb = got["2024-01"], got["2024-02"]
    assert jan + feb == pytest.approx(
        dict(zip(periods, values, strict=True))["2024-01"]
        + dict(zip(periods, values, strict=True))["2024-02"],
        abs=0.02,
    )


def test_marks_break_and_outlier_change_the_fit():
    periods, values = load("texas_sales_taxes")
    periods, values = periods[-60:], values[-60:]
    plain = forecast(periods, values, methods=("seasonal_naive", "growth"))
    with_break = forecast(
        periods, values, methods=("seasonal_naive", "growth"), marks=[Mark("break", periods[20])]
    )
    assert with_break.fitted_from == periods[20] and plain.fitted_from == periods[0]
    assert any("结构性变化" in n for n in with_break.notes)
    # an outlier in the last year changes the seasonal naive forecast of that month
    outlier = periods[-6]
    values_spiked = list(values)
    values_spiked[-6] *= 3
    spiked = forecast(periods, values_spiked, methods=("seasonal_naive",))
    cleaned = forecast(periods, values_spiked, methods=("seasonal_naive",), marks=[Mark("outlier", outlier)])
    k = 7  # the same month next year is the 7th forecast month
    assert spiked.points[k - 1].value > 2 * cleaned.points[k - 1].value
    assert cleaned.points[k - 1].value == pytest.approx(values[-6], rel=0.15)
    assert any("异常月份" in n for n in cleaned.notes)


def test_negative_months_choose_by_mase():
    periods, values = load("texas_franchise_tax")
    values = [v - 120_000 for v in values[-48:]]  # made negative on purpose (refund-like months)
    result = forecast(periods[-48:], values, methods=("seasonal_naive", "growth"))
    assert min(values) < 0
    assert any("按MASE选择方法" in n for n in result.notes)
    assert result.score.mase is not None
