"""Monthly ⇄ year-to-date conversions of revenue series (pure: no Django).

Chinese fiscal figures are often published year-to-date (累计), and January is often not
published on its own: the first figure of the year is January and February together (1—2月).
Periods are "YYYY-MM" texts; values are Decimal (exact) or float — whatever the caller gives,
the arithmetic is the same.

- `ytd_to_monthly` turns year-to-date figures into single months. A month whose previous month
  of the same year is missing covers every month since the last published one (February after a
  missing January covers 1—2月); it is returned as one `MonthValue` with `months` > 1, never
  guessed apart. `spread` splits such values evenly when a caller needs one value per month
  (and says so).
- `monthly_to_ytd` is the way back; with `combine_jan_feb=True` January is left out as it is
  in such publications (February's figure is then 1—2月 together, which is simply its YTD).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


class SeriesError(ValueError):
    """A series that cannot be converted (bad period text, a period twice, a gap)."""


def parse_period(text: str) -> tuple[int, int]:
    """ "2025-03" -> (2025, 3); anything else raises SeriesError."""
    text = str(text).strip()
    if len(text) != 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:].isdigit()):
        raise SeriesError(f"月份格式错误：{text}（应为YYYY-MM）")
    year, month = int(text[:4]), int(text[5:])
    if not 1 <= month <= 12 or year < 1900:
        raise SeriesError(f"月份格式错误：{text}（应为YYYY-MM）")
    return year, month


def period_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift(period: str, months: int) -> str:
    """The month `months` after (negative: before) `period`."""
    year, month = parse_period(period)
    index = year * 12 + month - 1 + months
    return period_text(index // 12, index % 12 + 1)


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included (empty when last < first)."""
    (y1, m1), (y2, m2) = parse_period(first), parse_period(last)
    return [shift(first, n) for n in range((y2 * 12 + m2) - (y1 * 12 + m1) + 1)]


@dataclass(frozen=True)
class MonthValue:
    """The value of the months ending with `period`: one month (`months` == 1) or, after months
    that were not published, those months together (1—2月: period "YYYY-02", months 2)."""

    period: str
    value: Any
    months: int = 1

    @property
    def first(self) -> str:
        return shift(self.period, -(self.months - 1))

    @property
    def combined(self) -> bool:
        return self.months > 1


def _sorted(points: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    seen: dict[str, Any] = {}
    for period, value in points:
        parse_period(period)
        if period in seen:
            raise SeriesError(f"月份重复：{period}")
        seen[period] = value
    return sorted(seen.items())


def ytd_to_monthly(points: Iterable[tuple[str, Any]]) -> list[MonthValue]:
    """Year-to-date figures -> the value of each published month (see the module docstring).
    Each year starts afresh: the first published month of a year covers January to it."""
    result: list[MonthValue] = []
    previous: tuple[int, int, Any] | None = None  # (year, month, ytd) of the last published month
    for period, ytd in _sorted(points):
        year, month = parse_period(period)
        if previous is None or previous[0] != year:
            result.append(MonthValue(period, ytd, months=month))
        else:
            result.append(MonthValue(period, ytd - previous[2], months=month - previous[1]))
        previous = (year, month, ytd)
    return result


def spread(values: Iterable[MonthValue]) -> list[tuple[str, Any]]:
    """One value per month: a combined value split evenly over its months (Decimal to the cent,
    the last month taking the remainder so the sum stays exact)."""
    out: list[tuple[str, Any]] = []
    for item in values:
        if item.months == 1:
            out.append((item.period, item.value))
            continue
        periods = months_between(item.first, item.period)
        if isinstance(item.value, Decimal):
            share = (item.value / item.months).quantize(Decimal("0.01"))
            parts = [share] * (item.months - 1) + [item.value - share * (item.months - 1)]
        else:
            parts = [item.value / item.months] * item.months
        out.extend(zip(periods, parts, strict=True))
    return out


def monthly_to_ytd(
    points: Iterable[tuple[str, Any]], *, combine_jan_feb: bool = False
) -> list[tuple[str, Any]]:
    """Single months -> year-to-date figures. Every month of a year up to the last given one must
    be there (a YTD figure after a gap would be wrong): a gap raises SeriesError. With
    `combine_jan_feb` January is not returned (published together with February)."""
    out: list[tuple[str, Any]] = []
    year_seen, expected, total = None, 1, None
    for period, value in _sorted(points):
        year, month = parse_period(period)
        if year != year_seen:
            year_seen, expected, total = year, 1, None
        if month != expected:
            raise SeriesError(f"{year}年缺少{expected}月的数据，无法计算{month}月的累计数")
        total = value if total is None else total + value
        expected = month + 1
        if not (combine_jan_feb and month == 1):
            out.append((period, total))
    return out


def monthly_values(points: Iterable[tuple[str, Any]]) -> list[MonthValue]:
    """Single months as MonthValue (for callers that take both kinds)."""
    return [MonthValue(period, value) for period, value in _sorted(points)]
