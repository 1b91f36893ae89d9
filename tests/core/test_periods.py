"""core.periods: parse and label periods, enumerate them, add months, due dates."""

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.core.periods import (
    MONTHS_PER_PERIOD,
    Period,
    PeriodError,
    add_months,
    add_working_days,
    check_month_text,
    due_date,
    is_month_text,
    month_end,
    parse_day,
    parse_period,
    period_end,
    period_ends,
    period_label,
    period_of,
    periods_ending_between,
    shift_month,
)

days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2199, 12, 31))
frequencies = st.sampled_from(list(MONTHS_PER_PERIOD))
parseable = st.sampled_from(["monthly", "quarterly", "yearly"])


# ----------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "canonical", "label", "start", "end"),
    [
        ("2025-06", "2025-06", "2025年6月", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ("2025/6", "2025-06", "2025年6月", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ("202506", "2025-06", "2025年6月", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ("2025年6月", "2025-06", "2025年6月", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ("２０２４－０２", "2024-02", "2024年2月", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025-Q2", "2025-Q2", "2025年第2季度", dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
        ("2025年第四季度", "2025-Q4", "2025年第4季度", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
        ("2025", "2025", "2025年", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025年度", "2025", "2025年", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (
            "2023-01..2026-12",
            "2023-01..2026-12",
            "2023年1月至2026年12月",
            dt.date(2023, 1, 1),
            dt.date(2026, 12, 31),
        ),
        ("2025-06 至 2025-06", "2025-06", "2025年6月", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
    ],
)
def test_parse_period_known_forms(text, canonical, label, start, end):
    period = parse_period(text)
    assert (period.text, period.label, period.start, period.end) == (canonical, label, start, end)
    assert str(period) == canonical
    assert parse_period(period) is period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "报送期间不能为空：应为 2025-06（月）、2025-Q2（季度）、2025（年）或 2024-01..2025-12（区间）"),
        ("2025-13", "报送期间“2025-13”的月份应在1–12之间"),
        ("2025-Q5", "报送期间“2025-Q5”的季度应在1–4之间"),
        ("1900", "报送期间“1900”的年份“1900”超出范围"),
        ("2026-01..2025-12", "报送期间“2026-01..2025-12”的起始期间晚于结束期间"),
        ("2025-06-30", "报送期间“2025-06-30”无法识别"),
        ("上个月", "报送期间“上个月”无法识别"),
    ],
)
def test_parse_period_errors_are_chinese(text, message):
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert str(info.value).startswith(message)


@given(day=days, frequency=parseable)
def test_canonical_text_and_label_round_trip(day, frequency):
    period = period_of(day, frequency)
    assert parse_period(period.text) == period
    assert parse_period(period.label) == period
    assert period.contains(day)
    assert period.end == period_end(day, frequency)


@given(first=days, last=days, frequency=parseable)
def test_ranges_round_trip(first, last, frequency):
    first, last = sorted((first, last))
    a, b = period_of(first, frequency), period_of(last, frequency)
    period = parse_period(f"{a.text}..{b.text}")
    assert (period.start, period.end) == (a.start, b.end)
    assert parse_period(period.text) == period


def test_parse_day():
    assert parse_day(" 2024-02-29 ") == dt.date(2024, 2, 29)
    for text in ("2025-02-29", "2025-06", "明天"):
        with pytest.raises(PeriodError, match=f"日期“{text}”应为 YYYY-MM-DD"):
            parse_day(text)


def test_month_text():
    assert is_month_text("2025-12") and check_month_text("2025-01") == "2025-01"
    for text in ("2025-13", "2025-00", "2025-6", "202506", "", None):
        assert not is_month_text(text)
    with pytest.raises(PeriodError, match="期间“2025-13”应为 YYYY-MM"):
        check_month_text("2025-13")


# ----------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("day", "frequency", "label", "text"),
    [
        (dt.date(2025, 6, 15), "monthly", "2025年6月", "2025-06"),
        (dt.date(2025, 6, 30), "quarterly", "2025年第2季度", "2025-Q2"),
        (dt.date(2025, 6, 30), "half_yearly", "2025年上半年", "2025-H1"),
        (dt.date(2025, 7, 1), "half_yearly", "2025年下半年", "2025-H2"),
        (dt.date(2025, 12, 31), "yearly", "2025年", "2025"),
        (dt.date(2025, 12, 31), "quarterly", "2025年第4季度", "2025-Q4"),
    ],
)
def test_labels(day, frequency, label, text):
    assert period_label(day, frequency) == label
    assert period_of(day, frequency).text == text


# ----------------------------------------------------------------------------- month arithmetic


@given(day=days, months=st.integers(-600, 600))
def test_add_months_keeps_month_ends_and_caps_days(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    if day == month_end(day.year, day.month):
        assert moved == month_end(moved.year, moved.month)
    else:
        assert moved.day == min(day.day, month_end(moved.year, moved.month).day)


@given(day=days, a=st.integers(-300, 300), b=st.integers(-300, 300))
def test_add_months_on_month_ends_composes(day, a, b):
    end = month_end(day.year, day.month)
    assert add_months(add_months(end, a), b) == add_months(end, a + b)


def test_month_arithmetic_across_year_ends_and_leap_years():
    assert add_months(dt.date(2025, 12, 31), 1) == dt.date(2026, 1, 31)
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 2, 28), -12) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)
    assert shift_month(2025, 11, 3) == (2026, 2)
    assert shift_month(2025, 1, -1) == (2024, 12)
    assert shift_month(2025, 12, -24) == (2023, 12)


@given(year=st.integers(1950, 2199), months=st.integers(-120, 120), month=st.integers(1, 12))
def test_shift_month_is_additive(year, month, months):
    y, m = shift_month(year, month, months)
    assert 1 <= m <= 12 and y * 12 + m == year * 12 + month + months


# ----------------------------------------------------------------------------- between two days


@given(first=days, last=days, frequency=frequencies)
def test_period_ends_cover_both_days_without_gaps(first, last, frequency):
    first, last = sorted((first, last))
    ends = list(period_ends(first, last, frequency))
    assert ends[0] == period_end(first, frequency) and ends[-1] == period_end(last, frequency)
    for previous, end in itertools.pairwise(ends):
        assert period_of(end, frequency).start == previous + dt.timedelta(days=1)


@given(first=days, last=days, frequency=frequencies)
def test_periods_ending_between_are_exactly_those_ending_in_the_window(first, last, frequency):
    start, end = sorted((first, last))
    periods = periods_ending_between(start, end, frequency)
    assert all(start <= p.end <= end for p in periods)
    assert all(isinstance(p, Period) and p == period_of(p.end, frequency) for p in periods)
    expected = [e for e in period_ends(start, end, frequency) if e <= end]
    assert [p.end for p in periods] == expected


def test_periods_ending_between_known_window():
    texts = [p.text for p in periods_ending_between(dt.date(2024, 2, 15), dt.date(2025, 1, 15), "quarterly")]
    assert texts == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    texts = [p.text for p in periods_ending_between(dt.date(2024, 12, 31), dt.date(2025, 3, 30), "monthly")]
    assert texts == ["2024-12", "2025-01", "2025-02"]
    assert [p.text for p in periods_ending_between(dt.date(2024, 1, 1), dt.date(2025, 12, 30), "yearly")] == [
        "2024"
    ]
    assert [
        p.label for p in periods_ending_between(dt.date(2024, 12, 31), dt.date(2024, 12, 31), "yearly")
    ] == ["2024年"]


def test_every_frequency_on_31_december():
    day = dt.date(2025, 12, 31)
    for frequency in MONTHS_PER_PERIOD:
        period = period_of(day, frequency)
        assert period.end == day
        assert periods_ending_between(day, day, frequency) == [period]
        assert list(period_ends(day, day, frequency)) == [day]


def test_leap_february():
    assert parse_period("2024-02").end == dt.date(2024, 2, 29)
    assert parse_period("2100-02").end == dt.date(2100, 2, 28)
    assert parse_period("2000-02").end == dt.date(2000, 2, 29)
    assert period_of(dt.date(2024, 2, 29), "quarterly").text == "2024-Q1"


# ----------------------------------------------------------------------------- due dates


def test_due_date():
    assert due_date(dt.date(2025, 6, 30), 15) == dt.date(2025, 7, 15)
    assert due_date(dt.date(2025, 12, 31), 10) == dt.date(2026, 1, 10)
    assert due_date(dt.date(2024, 1, 31), 29) == dt.date(2024, 2, 29)
    assert due_date(dt.date(2025, 6, 30), None) == dt.date(2025, 6, 30)


@given(day=days, due_day=st.integers(1, 31))
def test_due_date_of_a_month_is_the_due_day_of_the_next_month(day, due_day):
    period = period_of(day, "monthly")
    next_start = period.end + dt.timedelta(days=1)
    assert due_date(period.end, due_day) == next_start + dt.timedelta(days=due_day - 1)


@pytest.mark.parametrize(
    "day, days, expected",
    [
        ("2025-06-27", 1, "2025-06-30"),  # Friday + 1 working day: Monday
        ("2025-06-28", 1, "2025-06-30"),  # Saturday: the next working day is Monday
        ("2025-06-30", 5, "2025-07-07"),  # a whole week later
        ("2025-06-30", 0, "2025-06-30"),
    ],
)
def test_add_working_days_skips_weekends(day, days, expected):
    assert add_working_days(dt.date.fromisoformat(day), days) == dt.date.fromisoformat(expected)
