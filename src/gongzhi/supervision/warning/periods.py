"""Calendar arithmetic for reporting periods, and a time axis in years for paths and trends.

Periods are calendar periods: months, quarters (ending 3/31, 6/30, 9/30, 12/31), halves (6/30,
12/31) and years. The time axis counts months with the day as a fraction of its month, so that
month ends fall on whole numbers: 2022-12-31 -> 2025-06-30 is exactly 2.5 years.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterator
from datetime import date, datetime

MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
FREQUENCY_ZH = {"monthly": "月", "quarterly": "季度", "half_yearly": "半年", "yearly": "年"}


def as_date(value: date | datetime) -> date:
    """The calendar day of a date or datetime (a datetime's own clock, aware or naive)."""
    return value.date() if isinstance(value, datetime) else value


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; a month end stays a month end (6/30 + 3 months = 9/30)."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = days_in_month(year, month0 + 1)
    if day.day == days_in_month(day.year, day.month):
        return date(year, month0 + 1, last)
    return date(year, month0 + 1, min(day.day, last))


def period_end(day: date, frequency: str) -> date:
    """Last day of the reporting period containing ``day``."""
    months = MONTHS_PER_PERIOD[frequency]
    return month_end(day.year, ((day.month - 1) // months + 1) * months)


def period_ends(first: date, last: date, frequency: str) -> Iterator[date]:
    """Ends of the periods from the one containing ``first`` to the one containing ``last``."""
    end, stop = period_end(first, frequency), period_end(last, frequency)
    while end <= stop:
        yield end
        end = add_months(end, MONTHS_PER_PERIOD[frequency])


def period_label(day: date, frequency: str) -> str:
    """Chinese name of the period containing ``day``: 2025年6月, 2025年第2季度, 2025年上半年, 2025年."""
    if frequency == "monthly":
        return f"{day.year}年{day.month}月"
    if frequency == "quarterly":
        return f"{day.year}年第{(day.month - 1) // 3 + 1}季度"
    if frequency == "half_yearly":
        return f"{day.year}年{'上' if day.month <= 6 else '下'}半年"
    return f"{day.year}年"


def to_years(day: date) -> float:
    """Position of ``day`` on the time axis, in years (month ends are whole months)."""
    return (day.year * 12 + day.month - 1 + day.day / days_in_month(day.year, day.month)) / 12


def from_years(value: float) -> date:
    """The day at position ``value`` on the time axis (inverse of ``to_years``, up to a day)."""
    position = value * 12
    index = math.ceil(round(position, 6)) - 1
    year, month0 = divmod(index, 12)
    length = days_in_month(year, month0 + 1)
    day = min(length, max(1, math.ceil(round((position - index) * length, 4))))
    return date(year, month0 + 1, day)
