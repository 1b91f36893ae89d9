"""Reading a published revenue series from CSV for `gongzhi economy forecast` (pure, no Django).

The file has columns ``period,value`` (one row per published month). Liberal in what it accepts:
a UTF-8 BOM, CRLF, GBK/GB18030, periods as 2024-03, 2024/3, 202403 or 2024年3月, values with
thousands separators (1,234.5 / 1 234,5 is not accepted: a comma is a thousands separator).

Cumulative (year-to-date) series are turned into single months here. A published YTD that covers
several months (typically Jan+Feb, published together) is split by the average share of each of
those months in the same block in the other years where they were published separately; where no
year has them separately, evenly. `CsvSeries.notes` says which was used.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from gongzhi.core.text import TextDecodeError, decode_text
from gongzhi.economy.forecast import period_index, period_of

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))\s*$")


class CsvSeriesError(ValueError):
    """Bad input; the message (Chinese) names the row and the field."""


@dataclass
class CsvSeries:
    periods: list[str]  # consecutive months
    values: list[float]  # single-month values
    notes: list[str] = field(default_factory=list)


def _fail(row: int | None, message: str, column: str | None = None) -> CsvSeriesError:
    where = f"第{row}行" if row is not None else ""
    if column:
        where += f"“{column}”列"
    return CsvSeriesError(f"{where}：{message}" if where else message)


def parse_period(text: str) -> str | None:
    match = _PERIOD.match(text or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2) or match.group(3))
    if not 1 <= month <= 12 or year < 1900:
        return None
    return f"{year:04d}-{month:02d}"


def parse_value(text: str) -> Decimal | None:
    cleaned = (text or "").strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u00a0", "")
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = "-" + cleaned[1:-1]
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def read_rows(data: bytes) -> list[tuple[int, str, Decimal]]:
    """(row number in the file, period, value), sorted by period; header is row 1."""
    try:
        text = decode_text(data)
    except TextDecodeError as exc:
        raise CsvSeriesError(str(exc)) from exc
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    rows: list[tuple[int, str, Decimal]] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [cell.strip().lstrip("\ufeff").lower() for cell in cells]
            for required in ("period", "value"):
                if required not in header:
                    raise _fail(number, f"缺少“{required}”列（应有 period,value 两列）")
            continue
        p_col, v_col = header.index("period"), header.index("value")
        raw_period = cells[p_col] if p_col < len(cells) else ""
        raw_value = cells[v_col] if v_col < len(cells) else ""
        period = parse_period(raw_period)
        if period is None:
            raise _fail(number, f"月份“{raw_period.strip()}”无效，应为 YYYY-MM", "period")
        value = parse_value(raw_value)
        if value is None:
            raise _fail(number, f"“{raw_value.strip()}”不是数字", "value")
        if period in seen:
            raise _fail(number, f"月份{period}重复（第{seen[period]}行已有）", "period")
        seen[period] = number
        rows.append((number, period, value))
    if header is None:
        raise CsvSeriesError("文件为空：应有 period,value 两列")
    return sorted(rows, key=lambda r: r[1])


def monthly_series(rows: list[tuple[int, str, Decimal]]) -> CsvSeries:
    for (_, a, _), (number, b, _) in itertools.pairwise(rows):
        if period_index(b) != period_index(a) + 1:
            raise _fail(number, f"月份不连续：{a}之后缺少{period_of(period_index(a) + 1)}", "period")
    return CsvSeries([r[1] for r in rows], [float(r[2]) for r in rows])


def cumulative_series(rows: list[tuple[int, str, Decimal]]) -> CsvSeries:
    """Year-to-date rows to single months (see the module docstring for the split)."""
    by_year: dict[int, list[tuple[int, int, Decimal]]] = {}
    for number, period, value in rows:
        year, month = int(period[:4]), int(period[5:])
        by_year.setdefault(year, []).append((number, month, value))
    years = sorted(by_year)
    for previous, year in itertools.pairwise(years):
        if year != previous + 1 or by_year[previous][-1][1] != 12:
            number = by_year[year][0][0]
            raise _fail(
                number, f"累计数据缺少{previous}年12月（或{previous + 1}年整年），无法推算各月数", "period"
            )
    # blocks: (year, months covered, increment)
    blocks: list[tuple[int, tuple[int, ...], Decimal, int]] = []
    for year in years:
        last_month, last_value = 0, Decimal(0)
        for number, month, value in by_year[year]:
            blocks.append((year, tuple(range(last_month + 1, month + 1)), value - last_value, number))
            last_month, last_value = month, value
    singles: dict[tuple[int, int], Decimal] = {
        (year, months[0]): amount for year, months, amount, _ in blocks if len(months) == 1
    }
    periods: list[str] = []
    values: list[float] = []
    notes: list[str] = []
    for year, months, amount, _ in blocks:
        if len(months) == 1:
            periods.append(f"{year:04d}-{months[0]:02d}")
            values.append(float(amount))
            continue
        shares = _shares(months, year, singles, years)
        label = "、".join(f"{m}月" for m in months)
        if shares is None:
            shares = [1 / len(months)] * len(months)
            notes.append(f"{year}年{label}合并公布，且无其他年份可参照：按月平均拆分")
        else:
            notes.append(f"{year}年{label}合并公布：按其他年份这几个月的平均占比拆分")
        for month, share in zip(months, shares, strict=True):
            periods.append(f"{year:04d}-{month:02d}")
            values.append(float(amount) * share)
    # the split keeps each published YTD exactly (shares sum to 1)
    return CsvSeries(periods, values, notes)


def _shares(months: tuple[int, ...], year: int, singles: dict, years: list[int]) -> list[float] | None:
    per_year: list[list[float]] = []
    for other in years:
        if other == year:
            continue
        parts = [singles.get((other, m)) for m in months]
        if any(p is None for p in parts):
            continue
        total = sum(parts)
        if total <= 0 or any(p < 0 for p in parts):
            continue
        per_year.append([float(p / total) for p in parts])
    if not per_year:
        return None
    return [sum(s[i] for s in per_year) / len(per_year) for i in range(len(months))]


def read_series(data: bytes, *, cumulative: bool) -> CsvSeries:
    rows = read_rows(data)
    if not rows:
        raise CsvSeriesError("文件没有数据行")
    return cumulative_series(rows) if cumulative else monthly_series(rows)
