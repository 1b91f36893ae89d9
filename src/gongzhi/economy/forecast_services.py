"""Forecast page: the forecast of a revenue series (total or one tax type) read through the cube,
with and without the analyst's marks, and the marks themselves (economy.manage, audited).

Fitting is slow (statsmodels: ~1 s per origin on a busy machine), so a result is cached per
(series data hash, marks): the first view of a series pays for the fit, later ones do not."""

from __future__ import annotations

import hashlib
import json
import statistics
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.economy import cube
from gongzhi.economy.analysis_month import chosen_month
from gongzhi.economy.forecast import ForecastInputError, ForecastResult, Mark, forecast
from gongzhi.economy.models import TOTAL, MarkKind, SeriesMark
from gongzhi.economy.periods import SeriesError, parse_period

VIEW = "economy.view"
MANAGE = "economy.manage"
CACHE_SECONDS = 24 * 3600
LEAD_SHARE = 0.01  # a leading month below 1 % of the median month is before the data start


@dataclass
class SeriesForecast:
    tax_type: str
    periods: list[str]
    values: list[float]
    result: ForecastResult | None
    without_marks: ForecastResult | None
    marks: list[SeriesMark]
    error: str = ""
    data_end: str = ""  # the last month of the series fitted (数据截至)


def tax_types(*, user) -> list[str]:
    last = cube.latest_period(user=user, purpose="收入预测")
    if last is None:
        return []
    cells = cube.revenue(user=user, by="tax_type", period_from="2000-01", period_to=last, purpose="收入预测")
    return sorted({c.key for c in cells if c.key})


def _cached_forecast(periods: list[str], values: list[float], marks: list[Mark]) -> ForecastResult:
    payload = json.dumps([periods, values, sorted((m.kind, m.period) for m in marks)])
    key = "economy-forecast:" + hashlib.sha256(payload.encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        result = forecast(periods, values, marks=marks)
        cache.set(key, result, CACHE_SECONDS)
    return result


def fitted_series(series: list[tuple[str, object]], data_end: str | None) -> tuple[list[str], list[float]]:
    """The series a forecast is fitted on: cut at `data_end` (months after it are left out: their
    data may be incomplete), without the leading months before the data start: nothing paid, or
    a stray payment below LEAD_SHARE of the series' median month (e.g. one late 2,000-yuan row a
    month before a district's 70-million-a-month data: as a base year it would wreck the
    seasonal methods and the MASE scale)."""
    pairs = [(p, float(v)) for p, v in series if not data_end or p <= data_end]
    if pairs:
        floor = max(statistics.median(abs(v) for _p, v in pairs) * LEAD_SHARE, 0.0)
        while pairs and (pairs[0][1] <= 0 or pairs[0][1] < floor):
            pairs.pop(0)
    return [p for p, _v in pairs], [v for _p, v in pairs]


def series_forecast(*, user, tax_type: str = TOTAL, period: str | None = None) -> SeriesForecast:
    """税收收入预测：the 12 months after the data end (`period`, else the analysis month: 数据截至月份,
    else the last paid month) of a series, with its backtest, with and without marks."""
    require_capability(user, VIEW)
    if period:
        try:
            parse_period(period)
        except SeriesError as exc:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("数据截至月份应为YYYY-MM格式")) from exc
    data_end = period or chosen_month()
    series = cube.monthly_series(user=user, tax_type=tax_type or None, purpose="收入预测")
    periods, values = fitted_series(series, data_end)
    marks = list(SeriesMark.objects.filter(tax_type=tax_type))
    out = SeriesForecast(
        tax_type, periods, values, None, None, marks, data_end=periods[-1] if periods else ""
    )
    if not periods:
        return out
    try:
        as_marks = [Mark(m.kind, m.period) for m in marks if m.period <= periods[-1]]
        out.result = _cached_forecast(periods, values, as_marks)
        if as_marks:
            out.without_marks = _cached_forecast(periods, values, [])
    except ForecastInputError as exc:
        out.error = str(exc)
    return out


@transaction.atomic
def mark_add(*, actor, tax_type: str, period: str, kind: str, note: str = "") -> SeriesMark:
    """标注结构性变化或异常月份。"""
    require_capability(actor, MANAGE)
    try:
        parse_period(period)
    except SeriesError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("月份应为YYYY-MM格式")) from exc
    if kind not in MarkKind.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("标注类别无效"))
    if SeriesMark.objects.filter(tax_type=tax_type, period=period, kind=kind).exists():
        raise ApplicationError(ErrorCode.DUPLICATE, _("该月份已有同类标注"))
    mark = SeriesMark(
        tax_type=tax_type, period=period, kind=kind, note=note.strip(), created_by=user_or_none(actor)
    )
    mark.full_clean()
    mark.save()
    audit_record(
        actor=actor,
        action=AuditAction.ECONOMY_MARK_ADDED,
        target=mark,
        detail={"tax_type": tax_type, "period": period, "kind": kind},
    )
    return mark


@transaction.atomic
def mark_remove(*, actor, mark_id: int) -> None:
    require_capability(actor, MANAGE)
    mark = SeriesMark.objects.select_for_update().filter(pk=mark_id).first()
    if mark is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("标注不存在"))
    audit_record(
        actor=actor,
        action=AuditAction.ECONOMY_MARK_REMOVED,
        target=mark,
        detail={"tax_type": mark.tax_type, "period": mark.period, "kind": mark.kind},
    )
    mark.delete()
