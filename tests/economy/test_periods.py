"""Monthly ⇄ year-to-date conversions, January and February published together (pure)."""

from decimal import Decimal

import pytest

from gongzhi.economy.periods import (
    MonthValue,
    SeriesError,
    monthly_to_ytd,
    months_between,
    shift,
    spread,
    ytd_to_monthly,
)

D = Decimal


def test_ytd_to_monthly_with_january_published_alone():
    ytd = [("2024-01", D("100.10")), ("2024-02", D("250.10")), ("2024-03", D("400.00"))]
    assert ytd_to_monthly(ytd) == [
        MonthValue("2024-01", D("100.10")),
        MonthValue("2024-02", D("150.00")),
        MonthValue("2024-03", D("149.90")),
    ]


def test_ytd_to_monthly_with_january_and_february_combined_keeps_them_together():
    ytd = [("2024-11", D("1100")), ("2024-12", D("1300")), ("2025-02", D("260.50")), ("2025-03", D("400.50"))]
    values = ytd_to_monthly(ytd)
    assert values[2] == MonthValue("2025-02", D("260.50"), months=2)
    assert values[2].combined and values[2].first == "2025-01"
    assert values[3] == MonthValue("2025-03", D("140.00"))
    # the first month given of a year covers January to it (here November: 11 months)
    assert values[0].months == 11 and values[1] == MonthValue("2024-12", D("200"))


def test_spread_splits_a_combined_value_evenly_and_exactly():
    parts = spread([MonthValue("2025-02", D("100.01"), months=2), MonthValue("2025-03", D("5"))])
    assert parts == [("2025-01", D("50.00")), ("2025-02", D("50.01")), ("2025-03", D("5"))]
    assert sum(v for _, v in parts[:2]) == D("100.01")
    assert spread([MonthValue("2025-02", 10.0, months=2)]) == [("2025-01", 5.0), ("2025-02", 5.0)]


def test_monthly_to_ytd_and_back_round_trips_including_the_combined_form():
    monthly = [
        (p, D(v)) for p, v in [("2024-12", "7"), ("2025-01", "10.5"), ("2025-02", "20"), ("2025-03", "30")]
    ]
    with pytest.raises(SeriesError, match="2024年缺少1月"):
        monthly_to_ytd(monthly)
    monthly = monthly[1:]
    assert monthly_to_ytd(monthly) == [("2025-01", D("10.5")), ("2025-02", D("30.5")), ("2025-03", D("60.5"))]
    combined = monthly_to_ytd(monthly, combine_jan_feb=True)
    assert combined == [("2025-02", D("30.5")), ("2025-03", D("60.5"))]
    back = ytd_to_monthly(combined)
    assert back == [MonthValue("2025-02", D("30.5"), months=2), MonthValue("2025-03", D("30.0"))]
    assert spread(ytd_to_monthly(monthly_to_ytd(monthly))) == monthly


def test_bad_series_are_refused_in_chinese():
    with pytest.raises(SeriesError, match="月份格式错误"):
        ytd_to_monthly([("2025-13", 1)])
    with pytest.raises(SeriesError, match="月份重复"):
        ytd_to_monthly([("2025-01", 1), ("2025-01", 2)])
    with pytest.raises(SeriesError, match="缺少2月"):
        monthly_to_ytd([("2025-01", 1), ("2025-03", 2)])


def test_month_arithmetic():
    assert shift("2025-01", -1) == "2024-12" and shift("2024-12", 13) == "2026-01"
    assert months_between("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert months_between("2025-02", "2025-01") == []
