"""Reporting periods (报送期间、统计期间) in one place: parse, name, enumerate, add months, due dates.

Pure Python (no Django), so the pure packages (exchange/validation, supervision/warning,
taxrisk/engine, plans/parsing) may use it.

Periods are calendar periods: months, quarters (ending 3/31, 6/30, 9/30, 12/31), halves (6/30,
12/31) and years; a range of them is allowed for a first load of history. Frequencies are named
as in the models: ``monthly``, ``quarterly``, ``half_yearly``, ``yearly``.

Text forms (``parse_period``), canonical first: 2025-06 (also 2025/6, 2025.6, 2025年6月, 202506),
2025-Q2 (also 2025Q2, 2025年第2季度, 2025年第二季), 2025 (also 2025年, 2025年度), and ranges
joined by "..", "~", "～" or "至" (2024-01..2025-12). Full-width characters are folded first.
Half years are not a text form: submissions are monthly, quarterly or yearly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
FREQUENCY_ZH = {"monthly": "月", "quarterly": "季度", "half_yearly": "半年", "yearly": "年"}
# A month as "YYYY-MM" and nothing else: the period of a tax-risk lead or run.
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
MIN_YEAR, MAX_YEAR = 1949, 2200


class PeriodError(ValueError):
    """A period (or a day) could not be understood; the message is in Chinese."""


@dataclass(frozen=True)
class Period:
    """报送期间: a month, a quarter, a half year, a year, or a range of them."""

    start: dt.date
    end: dt.date
    kind: str  # month | quarter | half | year | range
    text: str  # canonical form: 2025-06, 2025-Q2, 2025-H1, 2025, 2024-01..2025-12
    label: str  # 2025年6月, 2025年第2季度, 2025年上半年, 2025年, 2024年1月至2025年12月

    def contains(self, day: dt.date) -> bool:
        return self.start <= as_date(day) <= self.end

    def __str__(self) -> str:
        return self.text


# ----------------------------------------------------------------------------- month arithmetic


def as_date(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a date or datetime (a datetime's own clock, aware or naive)."""
    return value.date() if isinstance(value, dt.datetime) else value


def add_working_days(day: dt.date, days: int) -> dt.date:
    """The day `days` working days (Monday to Friday; no holiday calendar) after `day`."""
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, days_in_month(year, month))


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by ``months`` (negative goes back): (2025, 11) + 3 -> (2026, 2)."""
    y, m0 = divmod(year * 12 + month - 1 + months, 12)
    return y, m0 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months; a month end stays a month end (6/30 + 3 months = 9/30),
    another day is capped at the end of a shorter month (1/31 + 1 month = 2/28 or 2/29)."""
    year, month = shift_month(day.year, day.month, months)
    last = days_in_month(year, month)
    if day.day == days_in_month(day.year, day.month):
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


def month_text(year: int, month: int) -> str:
    """2025, 6 -> "2025-06"."""
    return f"{year:04d}-{month:02d}"


def is_month_text(text: object) -> bool:
    """Whether ``text`` is a month written exactly "YYYY-MM" (01-12)."""
    return isinstance(text, str) and MONTH_RE.match(text) is not None


def check_month_text(text: str) -> str:
    """``text`` if it is a month written exactly "YYYY-MM"; PeriodError (Chinese) otherwise."""
    if not is_month_text(text):
        raise PeriodError(f"期间“{text}”应为 YYYY-MM")
    return text


# ----------------------------------------------------------------------------- periods of a day


def period_end(day: dt.date, frequency: str) -> dt.date:
    """Last day of the ``frequency`` period containing ``day``."""
    months = MONTHS_PER_PERIOD[frequency]
    return month_end(day.year, ((day.month - 1) // months + 1) * months)


def period_of(day: dt.date, frequency: str) -> Period:
    """The ``frequency`` period containing ``day``."""
    day = as_date(day)
    year = day.year
    if frequency == "monthly":
        return month_period(year, day.month)
    if frequency == "quarterly":
        return quarter_period(year, (day.month - 1) // 3 + 1)
    if frequency == "half_yearly":
        return half_period(year, 1 if day.month <= 6 else 2)
    if frequency == "yearly":
        return year_period(year)
    raise ValueError(f"unknown frequency {frequency!r}")


def period_label(day: dt.date, frequency: str) -> str:
    """Chinese name of the period containing ``day``: 2025年6月, 2025年第2季度, 2025年上半年, 2025年."""
    return period_of(day, frequency).label


def month_period(year: int, month: int) -> Period:
    return Period(
        dt.date(year, month, 1),
        month_end(year, month),
        "month",
        month_text(year, month),
        f"{year}年{month}月",
    )


def quarter_period(year: int, quarter: int) -> Period:
    return Period(
        dt.date(year, 3 * quarter - 2, 1),
        month_end(year, 3 * quarter),
        "quarter",
        f"{year}-Q{quarter}",
        f"{year}年第{quarter}季度",
    )


def half_period(year: int, half: int) -> Period:
    first, last = 6 * half - 5, 6 * half
    label = f"{year}年{'上' if half == 1 else '下'}半年"
    return Period(dt.date(year, first, 1), month_end(year, last), "half", f"{year}-H{half}", label)


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"{year}", f"{year}年")


# ----------------------------------------------------------------------------- periods between days


def period_ends(first: dt.date, last: dt.date, frequency: str) -> Iterator[dt.date]:
    """Ends of the periods from the one containing ``first`` to the one containing ``last``."""
    end, stop = period_end(first, frequency), period_end(last, frequency)
    while end <= stop:
        yield end
        end = add_months(end, MONTHS_PER_PERIOD[frequency])


def periods_ending_between(start: dt.date, end: dt.date, frequency: str) -> list[Period]:
    """The ``frequency`` periods that end between ``start`` and ``end`` (both included), oldest
    first: those whose due day can have come by ``end`` (a quarter that began before ``start``
    counts, one that ends after ``end`` does not)."""
    return [period_of(e, frequency) for e in period_ends(start, end, frequency) if start <= e <= end]


def due_date(end: dt.date, due_day: int | None) -> dt.date:
    """The day a period's report is due: ``due_day`` days after the period ends (the 15th of the
    next month for a month and due_day 15); the period end itself without a due day."""
    return end + dt.timedelta(days=due_day or 0)


# ----------------------------------------------------------------------------- parsing

_PERIOD_HELP = "应为 2025-06（月）、2025-Q2（季度）、2025（年）或 2024-01..2025-12（区间）"
_MONTH_RE = re.compile(r"(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?")
_COMPACT_MONTH_RE = re.compile(r"(\d{4})(\d{2})")
_QUARTER_RE = re.compile(r"(\d{4})\s*(?:-?\s*[Qq]|年\s*第?)\s*([0-9一二三四])\s*(?:季度?)?")
_YEAR_RE = re.compile(r"(\d{4})\s*年?(?:度)?")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _single_period(text: str, original: str) -> Period:
    value = text.strip()
    if m := _QUARTER_RE.fullmatch(value):
        year, q = int(m.group(1)), m.group(2)
        quarter = _CN_DIGITS.get(q) or int(q)
        if not 1 <= quarter <= 4:
            raise PeriodError(f"报送期间“{original}”的季度应在1–4之间")
        _check_year(year, original)
        return quarter_period(year, quarter)
    m = _MONTH_RE.fullmatch(value) or _COMPACT_MONTH_RE.fullmatch(value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"报送期间“{original}”的月份应在1–12之间")
        _check_year(year, original)
        return month_period(year, month)
    if m := _YEAR_RE.fullmatch(value):
        year = int(m.group(1))
        _check_year(year, original)
        return year_period(year)
    raise PeriodError(f"报送期间“{original}”无法识别：{_PERIOD_HELP}")


def _check_year(year: int, original: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"报送期间“{original}”的年份“{year}”超出范围")


def parse_period(text: str | Period) -> Period:
    """Parse "2025-06", "2025-Q2", "2025" or a range "2024-01..2025-12" (also 2025年6月, 2025年第2季度).

    Raises `PeriodError` with a Chinese message.
    """
    if isinstance(text, Period):
        return text
    if not isinstance(text, str) or not text.strip():
        raise PeriodError(f"报送期间不能为空：{_PERIOD_HELP}")
    original = text.strip()
    folded = original.translate(_FULLWIDTH).replace("－", "-")
    parts = re.split(r"\s*(?:\.\.|~|～|至)\s*", folded)
    if len(parts) == 1:
        return _single_period(parts[0], original)
    if len(parts) != 2 or not all(parts):
        raise PeriodError(f"报送期间“{original}”无法识别：{_PERIOD_HELP}")
    first, last = _single_period(parts[0], original), _single_period(parts[1], original)
    if first.start > last.end:
        raise PeriodError(f"报送期间“{original}”的起始期间晚于结束期间")
    if first.start == last.start and first.end == last.end:
        return first
    return Period(
        first.start, last.end, "range", f"{first.text}..{last.text}", f"{first.label}至{last.label}"
    )


def date_words(day: dt.date) -> str:
    """2025-06-30 -> "2025年6月30日" (the way dates are written on every page and document)."""
    return f"{day.year}年{day.month}月{day.day}日"


def period_words(value: str | Period | None) -> str:
    """A period as users read it: "2026-10" -> 2026年10月, "2026-Q3" -> 2026年第3季度, "2026" ->
    2026年, "2023-01..2025-12" -> 2023年1月至2025年12月. Text that is no period is shown as it is."""
    if value is None or value == "":
        return ""
    try:
        return parse_period(value).label
    except PeriodError:
        return str(value)


def period_range_words(first: str | Period | None, last: str | Period | None) -> str:
    """From a first to a last period: 2023年1月至2025年12月; only a first -> 2023年1月起, only a
    last -> 至2025年12月; the same period twice -> that period."""
    first_words, last_words = period_words(first), period_words(last)
    if first_words and last_words:
        return first_words if first_words == last_words else f"{first_words}至{last_words}"
    if last_words:
        return f"至{last_words}"
    return f"{first_words}起" if first_words else ""


def parse_day(text: str) -> dt.date:
    """A day written "YYYY-MM-DD" (ISO); PeriodError "日期“…”应为 YYYY-MM-DD" otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        raise PeriodError(f"日期“{text}”应为 YYYY-MM-DD") from None
