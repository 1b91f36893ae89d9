"""A time axis in years for paths and trends.

Calendar arithmetic (month ends, reporting periods, their labels) lives in `gongzhi.core.periods`.
The time axis counts months with the day as a fraction of its month, so that month ends fall on
whole numbers: 2022-12-31 -> 2025-06-30 is exactly 2.5 years.
"""

from __future__ import annotations

import math
from datetime import date

from gongzhi.core.periods import days_in_month


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
