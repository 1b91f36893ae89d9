"""The revenue cube (收入数据立方): THE one module of economy/ that reads `tax_paid`.

Revenue is the sum of `tax_paid.amount` of the current rows (the warehouse leaves out superseded
submissions) by paid month (入库月份 = month of `paid_date`), sliced by one dimension:

    tax_type  税种
    industry  行业门类 (GB/T 4754 section letter, "C"), from taxpayer.industry_code
    division  行业大类 (two digits, "13")
    town      镇街
    kind      纳税人类型 (一般纳税人 / 小规模纳税人)
    taxpayer  纳税人 (uscc; needs economy.view_taxpayers)

Payments of a taxpayer missing from the registry count under "" (未登记) for the registry's
dimensions. Sums are DuckDB DECIMAL and come back as Decimal, exact to the cent; nothing is
ever summed in float.

API (keyword-only; `user=None` is the system, e.g. the command line):

    revenue(user=, by=, period_from="2025-01", period_to="2025-06", tax_type=None, where={})
        -> list[Cell(key, period, amount)]
    monthly_series(user=, tax_type=None, purpose=) -> [("2023-01", Decimal), ...]
        every month from the first to the last with paid data (months between with nothing
        paid are Decimal("0.00"))
    revenue_view(user=, by=, period="2025-06", tax_type=None) -> RevenueView
        one month beside its year-to-date, with YoY and MoM, per key and in total

Each call reads the pre-aggregated cube of the current data (`cube_store`: built once per
version of the current submissions, audited with the purpose like a warehouse read); only the
taxpayer dimension reads the warehouse itself. The `_sql_*` functions take an open warehouse, the
`_agg_*` functions an open aggregate (anything with `.rows(sql, params)`), so the benchmark can
time the same SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.industries import DIVISIONS, SECTIONS
from gongzhi.core.permissions import require_capability
from gongzhi.economy import cube_store
from gongzhi.economy.periods import SeriesError, months_between, parse_period, period_text, shift
from gongzhi.exchange.warehouse import open_warehouse

VIEW = "economy.view"
VIEW_TAXPAYERS = "economy.view_taxpayers"
DATASETS = ["tax_paid", "taxpayer"]
ZERO = Decimal("0.00")
UNREGISTERED = ""

# dimension -> (label, SQL over the joined row `p` (payment) and `t` (registry row, prepared below))
DIMENSIONS: dict[str, str] = {
    "tax_type": "税种",
    "industry": "行业门类",
    "division": "行业大类",
    "town": "镇街",
    "kind": "纳税人类型",
    "taxpayer": "纳税人",
}
PAGE_DIMENSIONS = ("tax_type", "industry", "town")  # the page's switch (and the command's --by)
_PAYMENT_DIMENSIONS = {"tax_type": "p.tax_type", "taxpayer": "p.uscc"}
_REGISTRY_DIMENSIONS = {
    "industry": "coalesce(t.industry, '')",
    "division": "coalesce(t.division, '')",
    "town": "coalesce(t.town, '')",
    "kind": "coalesce(t.kind, '')",
}
# 门类 letter of each 大类 number, position n (1-based) for 大类 n ('-' where none)
_SECTION_OF = "".join(
    next((s for d, (s, _n) in DIVISIONS.items() if int(d) == n), "-") for n in range(1, 100)
)
# the registry, one row per taxpayer: 门类 and 大类 from "C13" (or a bare "13"); the codes were
# checked when submitted (exchange `industry_code` check), so the length tells the form
REGISTRY_SQL = f"""
    SELECT uscc,
           CASE length(ic) WHEN 3 THEN substr(ic, 1, 1)
                WHEN 2 THEN coalesce(nullif(substr('{_SECTION_OF}', TRY_CAST(ic AS INTEGER), 1), '-'), '')
                ELSE '' END AS industry,
           CASE WHEN length(ic) IN (2, 3) THEN right(ic, 2) ELSE '' END AS division,
           town, kind, name
    FROM (SELECT uscc, upper(trim(coalesce(industry_code, ''))) AS ic, town, kind, name FROM taxpayer)
"""


def dimension_sql(by: str) -> str:
    if by in _PAYMENT_DIMENSIONS:
        return _PAYMENT_DIMENSIONS[by]
    if by in _REGISTRY_DIMENSIONS:
        return _REGISTRY_DIMENSIONS[by]
    raise ApplicationError(
        ErrorCode.INVALID_INPUT,
        _("不支持的分析维度：%(by)s（可选：%(options)s）") % {"by": by, "options": "、".join(DIMENSIONS)},
    )


def key_label(by: str, key: str) -> str:
    """What a user reads for a key: the 门类 / 大类 name, or the key itself."""
    if key in ("", None):
        return _("未登记") if by in _REGISTRY_DIMENSIONS else _("（空）")
    if by == "industry":
        return f"{key} {SECTIONS.get(key, '')}".strip()
    if by == "division":
        return f"{key} {DIVISIONS.get(key, ('', ''))[1]}".strip()
    return key


def month_start(period: str) -> dt.date:
    year, month = parse_period(period)
    return dt.date(year, month, 1)


def month_last_day(period: str) -> dt.date:
    return month_start(shift(period, 1)) - dt.timedelta(days=1)


def check_period(text: str, name: str = "") -> str:
    try:
        parse_period(text)
    except SeriesError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, (f"{name}：" if name else "") + str(exc)) from exc
    return text


@dataclass(frozen=True)
class Cell:
    key: str
    period: str  # YYYY-MM (paid month)
    amount: Decimal


# ----------------------------------------------------------------------------- SQL on an open warehouse


def _where_sql(where: Mapping[str, str] | None, tax_type: str | None) -> tuple[list[str], list[Any], bool]:
    """Conditions (bound), their parameters, and whether the registry is needed."""
    conditions, params, registry = [], [], False
    if tax_type:
        conditions.append("p.tax_type = ?")
        params.append(tax_type)
    for by, value in (where or {}).items():
        conditions.append(f"{dimension_sql(by)} = ?")
        params.append(value)
        registry = registry or by in _REGISTRY_DIMENSIONS
    return conditions, params, registry


def _sql_revenue(
    wh,
    *,
    by: str | None,
    start: dt.date,
    end: dt.date,
    tax_type: str | None = None,
    where: Mapping[str, str] | None = None,
) -> list[Cell]:
    """Revenue per (key, paid month) between two days (inclusive); `by=None`: the total."""
    conditions, params, registry = _where_sql(where, tax_type)
    key = dimension_sql(by) if by else "''"
    registry = registry or by in _REGISTRY_DIMENSIONS
    join = f"LEFT JOIN ({REGISTRY_SQL}) AS t ON t.uscc = p.uscc" if registry else ""
    sql = (
        f"SELECT {key} AS key, date_trunc('month', p.paid_date) AS month, sum(p.amount) AS amount "
        f"FROM tax_paid AS p {join} WHERE p.paid_date BETWEEN ? AND ? "
        + "".join(f"AND {c} " for c in conditions)
        + "GROUP BY ALL ORDER BY 2, 1"
    )
    rows = wh.rows(sql, [start, end, *params])
    return [Cell(k or "", f"{m:%Y-%m}", a if a is not None else ZERO) for k, m, a in rows]


def _sql_months(wh, *, tax_type: str | None = None) -> list[Cell]:
    conditions, params, _registry = _where_sql(None, tax_type)
    sql = (
        "SELECT date_trunc('month', p.paid_date) AS month, sum(p.amount) FROM tax_paid AS p "
        + ("WHERE " + " AND ".join(conditions) + " " if conditions else "")
        + "GROUP BY 1 ORDER BY 1"
    )
    return [Cell("", f"{m:%Y-%m}", a) for m, a in wh.rows(sql, params)]


def _agg_revenue(
    agg,
    *,
    by: str | None,
    start: dt.date,
    end: dt.date,
    tax_type: str | None = None,
    where: Mapping[str, str] | None = None,
) -> list[Cell]:
    """As `_sql_revenue`, on the aggregate's `cells` (every dimension but the taxpayer)."""
    conditions, params = [], []
    if tax_type:
        conditions.append("tax_type = ?")
        params.append(tax_type)
    for name, value in (where or {}).items():
        dimension_sql(name)
        conditions.append(f"{name} = ?")
        params.append(value)
    key = by if by else "''"
    sql = (
        f"SELECT {key} AS key, month, sum(amount) AS amount FROM cells WHERE month BETWEEN ? AND ? "
        + "".join(f"AND {c} " for c in conditions)
        + "GROUP BY ALL ORDER BY 2, 1"
    )
    rows = agg.rows(sql, [start, end, *params])
    return [Cell(k or "", f"{m:%Y-%m}", a if a is not None else ZERO) for k, m, a in rows]


def _agg_months(agg, *, tax_type: str | None = None) -> list[Cell]:
    sql = "SELECT month, sum(amount) FROM cells " + ("WHERE tax_type = ? " if tax_type else "")
    sql += "GROUP BY 1 ORDER BY 1"
    return [Cell("", f"{m:%Y-%m}", a) for m, a in agg.rows(sql, [tax_type] if tax_type else [])]


def _capability(by: str | None, where: Mapping[str, str] | None) -> str:
    return VIEW_TAXPAYERS if by == "taxpayer" or "taxpayer" in (where or {}) else VIEW


# ----------------------------------------------------------------------------- the API


def revenue(
    *,
    user,
    by: str | None,
    period_from: str,
    period_to: str,
    tax_type: str | None = None,
    where: Mapping[str, str] | None = None,
    purpose: str = "收入分析",
) -> list[Cell]:
    """Revenue by `by` (None: total, key "") and paid month, months `period_from`..`period_to`
    (YYYY-MM, inclusive); `where` narrows to keys of other dimensions ({"industry": "K"})."""
    if by is not None:
        dimension_sql(by)
    check_period(period_from, _("起始月份"))
    check_period(period_to, _("截止月份"))
    if period_to < period_from:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("截止月份不能早于起始月份"))
    capability = _capability(by, where)
    require_capability(user, capability)
    if capability == VIEW:
        detail = {"by": by or "", "period": f"{period_from}..{period_to}"}
        with cube_store.open_aggregate(
            kind="cube", user=user, purpose=purpose, capability=capability, detail=detail
        ) as agg:
            return _agg_revenue(
                agg,
                by=by,
                start=month_start(period_from),
                end=month_last_day(period_to),
                tax_type=tax_type,
                where=where,
            )
    with open_warehouse(user=user, datasets=DATASETS, purpose=purpose, capability=capability) as wh:
        wh.detail.update({"by": by or "", "period": f"{period_from}..{period_to}"})
        return _sql_revenue(
            wh,
            by=by,
            start=month_start(period_from),
            end=month_last_day(period_to),
            tax_type=tax_type,
            where=where,
        )


def monthly_series(
    *, user, tax_type: str | None = None, purpose: str = "收入预测"
) -> list[tuple[str, Decimal]]:
    """Monthly revenue (total, or one tax type) for every month from the first to the last with
    paid data; a month between them with nothing paid is Decimal("0.00")."""
    require_capability(user, VIEW)
    with cube_store.open_aggregate(
        kind="cube", user=user, purpose=purpose, capability=VIEW, detail={"tax_type": tax_type or ""}
    ) as agg:
        cells = _agg_months(agg, tax_type=tax_type)
    if not cells:
        return []
    amounts = {c.period: c.amount for c in cells}
    return [(p, amounts.get(p, ZERO)) for p in months_between(cells[0].period, cells[-1].period)]


def latest_period(*, user, purpose: str = "收入分析") -> str | None:
    """The last paid month in the data (None when nothing has been paid)."""
    require_capability(user, VIEW)
    with cube_store.open_aggregate(kind="cube", user=user, purpose=purpose, capability=VIEW) as agg:
        last = agg.scalar("SELECT max(month) FROM cells")
    return f"{last:%Y-%m}" if last else None


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole - 1 as a percentage (2 decimals), None when whole is 0 or missing."""
    if part is None or not whole:
        return None
    return ((part / whole - 1) * 100).quantize(Decimal("0.01"))


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole as a percentage (2 decimals)."""
    if part is None or not whole:
        return None
    return (part / whole * 100).quantize(Decimal("0.01"))


@dataclass
class ViewRow:
    key: str
    label: str
    month: Decimal = ZERO  # 本月
    month_last_year: Decimal = ZERO  # 上年同月
    previous_month: Decimal = ZERO  # 上月
    ytd: Decimal = ZERO  # 本年累计
    ytd_last_year: Decimal = ZERO  # 上年同期累计
    share: Decimal | None = None  # of the total's year-to-date, percent

    @property
    def yoy(self) -> Decimal | None:
        return ratio(self.month, self.month_last_year)

    @property
    def mom(self) -> Decimal | None:
        return ratio(self.month, self.previous_month)

    @property
    def ytd_yoy(self) -> Decimal | None:
        return ratio(self.ytd, self.ytd_last_year)


@dataclass
class RevenueView:
    """One month beside its year-to-date, per key and in total; the months of this year and the
    last for the chart."""

    by: str
    period: str
    rows: list[ViewRow]
    total: ViewRow
    months: list[str] = field(default_factory=list)  # Jan of last year .. period
    monthly: dict[str, Decimal] = field(default_factory=dict)  # total per month
    ytd: dict[str, Decimal] = field(default_factory=dict)  # total YTD per month


def build_view(by: str, period: str, cells: list[Cell]) -> RevenueView:
    """The view from the cells of January last year .. `period` (pure)."""
    year, month = parse_period(period)
    this_start, last_start = period_text(year, 1), period_text(year - 1, 1)
    same_last = period_text(year - 1, month)
    previous = shift(period, -1)
    rows: dict[str, ViewRow] = {}
    total = ViewRow("", _("合计"))
    monthly: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for cell in cells:
        row = rows.setdefault(cell.key, ViewRow(cell.key, key_label(by, cell.key)))
        monthly[cell.period] += cell.amount
        for target in (row, total):
            if cell.period == period:
                target.month += cell.amount
            if cell.period == same_last:
                target.month_last_year += cell.amount
            if cell.period == previous:
                target.previous_month += cell.amount
            if this_start <= cell.period <= period:
                target.ytd += cell.amount
            if last_start <= cell.period <= same_last:
                target.ytd_last_year += cell.amount
    months = months_between(last_start, period)
    ytd: dict[str, Decimal] = {}
    running, running_year = ZERO, None
    for p in months:
        if p[:4] != running_year:
            running, running_year = ZERO, p[:4]
        running += monthly.get(p, ZERO)
        ytd[p] = running
    ordered = sorted(rows.values(), key=lambda r: (-r.ytd, r.key))
    for row in ordered:
        row.share = share(row.ytd, total.ytd)
    total.share = Decimal("100.00") if total.ytd else None
    return RevenueView(by, period, ordered, total, months, {p: monthly.get(p, ZERO) for p in months}, ytd)


def revenue_view(
    *, user, by: str, period: str, tax_type: str | None = None, purpose: str = "收入分析"
) -> RevenueView:
    check_period(period, _("月份"))
    year, _month = parse_period(period)
    cells = revenue(
        user=user,
        by=by,
        period_from=period_text(year - 1, 1),
        period_to=period,
        tax_type=tax_type,
        purpose=purpose,
    )
    return build_view(by, period, cells)
