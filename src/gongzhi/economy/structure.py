"""税源结构: concentration, new and lost taxpayers, dependence on real estate and construction,
revenue per town and the 重点税源 list, over a year-to-date window (January to a month) beside
the same months of the year before; and the taxpayers behind each figure (drill-down).

Aggregates need economy.view; the taxpayers behind them (names, codes) economy.view_taxpayers —
a leader reads the figures, not the list. Everything is read through the cube's warehouse
(`cube.DATASETS`) — the figures from its pre-aggregate (`cube_store`, per taxpayer and paid year),
the drill-down from the warehouse — audited with its purpose.
"""

from __future__ import annotations

import datetime as dt
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import has_capability, require_capability
from gongzhi.economy import cube, cube_store
from gongzhi.economy.cube import ZERO, share
from gongzhi.economy.periods import months_between, parse_period, period_text, shift
from gongzhi.exchange.warehouse import open_warehouse

DEPENDENCE = ("K", "E")  # 房地产业, 建筑业 (GB/T 4754 门类)
KEY_TAXPAYERS = 20
DRILL_LIMIT = 500
SUBSETS = {
    "top10": "前10户纳税人",
    "top50": "前50户纳税人",
    "new": "新增纳税人",
    "lost": "流失纳税人",
    "dependence": "房地产业和建筑业纳税人",
    "industry": "该行业纳税人",
    "town": "该镇街纳税人",
}


@dataclass(frozen=True)
class Window:
    """January..`period` of its year, and the same months of the year before."""

    period: str

    @property
    def year(self) -> int:
        return parse_period(self.period)[0]

    @property
    def first(self) -> str:
        return period_text(self.year, 1)

    @property
    def previous(self) -> str:
        return shift(self.period, -12)

    @property
    def previous_first(self) -> str:
        return period_text(self.year - 1, 1)

    def bounds(self) -> list[dt.date]:
        """cur_start, cur_end, prev_start, prev_end (the order of `PER_TAXPAYER`'s parameters)."""
        return [
            cube.month_start(self.first),
            cube.month_last_day(self.period),
            cube.month_start(self.previous_first),
            cube.month_last_day(self.previous),
        ]


# one row per taxpayer that paid in either window: this window's and last year's sums
PER_TAXPAYER = """
    SELECT p.uscc,
           sum(p.amount) FILTER (WHERE p.paid_date >= $1) AS cur,
           sum(p.amount) FILTER (WHERE p.paid_date <= $4) AS prev
    FROM tax_paid AS p
    WHERE p.paid_date BETWEEN $1 AND $2 OR p.paid_date BETWEEN $3 AND $4
    GROUP BY p.uscc
"""
# the per-taxpayer sums, joined once to the registry, kept for the queries of one call
PER_TABLE_SQL = f"""
    SELECT per.uscc, per.cur, per.prev, coalesce(t.industry, '') AS industry, coalesce(t.town, '') AS town,
           coalesce(t.name, '') AS name
    FROM ({PER_TAXPAYER}) AS per LEFT JOIN ({{registry}}) AS t ON t.uscc = per.uscc
"""
# one pass: totals, counts, the sum of squares (HHI = Σ cur² / (Σ cur)² × 10,000), new and lost
SUMMARY_SQL = """
    SELECT sum(cur), sum(prev), count(cur), count(prev), sum(cur::DOUBLE * cur::DOUBLE),
           count(*) FILTER (WHERE cur IS NOT NULL AND prev IS NULL),
           sum(cur) FILTER (WHERE cur IS NOT NULL AND prev IS NULL),
           count(*) FILTER (WHERE prev IS NOT NULL AND cur IS NULL),
           sum(prev) FILTER (WHERE prev IS NOT NULL AND cur IS NULL)
    FROM {per}
"""


@dataclass
class Part:
    key: str
    label: str
    amount: Decimal = ZERO
    previous: Decimal = ZERO
    share: Decimal | None = None

    @property
    def yoy(self) -> Decimal | None:
        return cube.ratio(self.amount, self.previous)


@dataclass
class KeyTaxpayer:
    rank: int
    uscc: str
    name: str
    industry: str
    town: str
    amount: Decimal
    share: Decimal | None
    trend: list[Decimal]


@dataclass
class Structure:
    window: Window
    total: Decimal
    total_previous: Decimal
    taxpayers: int
    taxpayers_previous: int
    top10: Decimal
    top50: Decimal
    hhi: float | None
    new_count: int
    new_amount: Decimal
    lost_count: int
    lost_amount: Decimal  # what the lost taxpayers paid in last year's window
    industries: list[Part]
    towns: list[Part]
    dependence: Part
    key_amount: Decimal  # the top KEY_TAXPAYERS together
    key_taxpayers: list[KeyTaxpayer] = field(default_factory=list)  # only with economy.view_taxpayers
    trend_months: list[str] = field(default_factory=list)

    @property
    def top10_share(self) -> Decimal | None:
        return share(self.top10, self.total)

    @property
    def top50_share(self) -> Decimal | None:
        return share(self.top50, self.total)

    @property
    def new_share(self) -> Decimal | None:
        return share(self.new_amount, self.total)

    @property
    def key_share(self) -> Decimal | None:
        return share(self.key_amount, self.total)

    @property
    def yoy(self) -> Decimal | None:
        return cube.ratio(self.total, self.total_previous)


def _parts(by: str, rows: list[tuple], total: Decimal) -> list[Part]:
    parts = [
        Part(key, cube.key_label(by, key), cur or ZERO, prev or ZERO, share(cur or ZERO, total))
        for key, cur, prev in rows
    ]
    return sorted(parts, key=lambda p: (-p.amount, p.key))


@contextmanager
def per_taxpayer(wh, window: Window):
    """A temporary table of the window's per-taxpayer sums (dropped afterwards): one scan of
    tax_paid for all the figures of the page."""
    name = f"econ_per_{uuid.uuid4().hex[:12]}"
    wh.rows(
        f"CREATE TEMP TABLE {name} AS {PER_TABLE_SQL.format(registry=cube.REGISTRY_SQL)}", window.bounds()
    )
    try:
        yield name
    finally:
        wh.rows(f"DROP TABLE IF EXISTS {name}")


def sql_structure(wh, window: Window, *, with_taxpayers: bool, key_count: int = KEY_TAXPAYERS) -> Structure:
    """The structure on an open warehouse (the benchmark times this beside `agg_structure`)."""

    def trend(usccs: list[str], months: list[str]) -> tuple[dict, dict]:
        return {
            (u, f"{m:%Y-%m}"): a
            for u, m, a in wh.rows(
                "SELECT uscc, date_trunc('month', paid_date), sum(amount) FROM tax_paid "
                "WHERE paid_date BETWEEN ? AND ? AND list_contains(?, uscc) GROUP BY ALL",
                [cube.month_start(months[0]), cube.month_last_day(window.period), usccs],
            )
        }, {}

    with per_taxpayer(wh, window) as per:
        return _structure(wh, per, window, with_taxpayers=with_taxpayers, key_count=key_count, trend=trend)


def agg_structure(agg, window: Window, *, with_taxpayers: bool, key_count: int = KEY_TAXPAYERS) -> Structure:
    """The structure on the pre-aggregated cube (`cube_store`, table `taxpayers`: one row per
    taxpayer and paid year with its first paid month and the running sums c01..c12)."""
    year, month = parse_period(window.period)
    column = cube_store.MONTHS[month - 1]  # January..month in one column
    name = f"econ_per_{uuid.uuid4().hex[:12]}"
    agg.rows(
        f"CREATE TEMP TABLE {name} AS SELECT uscc, "
        f"sum(CASE WHEN year = {year} THEN {column} END) AS cur, "
        f"sum(CASE WHEN year = {year - 1} THEN {column} END) AS prev, "
        "any_value(industry) AS industry, any_value(town) AS town, '' AS name "
        f"FROM taxpayers WHERE year IN ({year - 1}, {year}) AND first <= {month} GROUP BY uscc"
    )

    def trend(usccs: list[str], months: list[str]) -> tuple[dict, dict]:
        found: dict[tuple[str, str], Decimal] = {}
        names: dict[str, str] = {}
        for row in agg.rows(
            f"SELECT uscc, year, name, {', '.join(cube_store.MONTHS)} FROM taxpayers "
            f"WHERE year IN (?, ?) AND uscc IN ({', '.join('?' * len(usccs))})",
            [year - 1, year, *usccs],
        ):
            names[row[0]] = row[2]
            running = [ZERO, *row[3:]]
            for n in range(1, 13):
                found[(row[0], period_text(row[1], n))] = running[n] - running[n - 1]
        return {key: a for key, a in found.items() if key[1] in months}, names

    try:
        return _structure(agg, name, window, with_taxpayers=with_taxpayers, key_count=key_count, trend=trend)
    finally:
        agg.rows(f"DROP TABLE IF EXISTS {name}")


def _structure(db, per: str, window: Window, *, with_taxpayers: bool, key_count: int, trend) -> Structure:
    """The figures from a table `per` of (uscc, cur, prev, industry, town, name)."""
    (total, prev, paying, paying_prev, squares, new_n, new_amt, lost_n, lost_amt) = db.rows(
        SUMMARY_SQL.format(per=per)
    )[0]
    split = db.rows(f"SELECT industry, town, sum(cur), sum(prev) FROM {per} GROUP BY ALL")
    top = db.rows(
        f"SELECT uscc, cur, name, industry, town FROM {per} WHERE cur IS NOT NULL "
        f"ORDER BY cur DESC, uscc LIMIT {max(50, int(key_count))}"
    )
    total, prev = total or ZERO, prev or ZERO
    hhi = squares / float(total) ** 2 * 10000 if squares is not None and total else None
    top10 = sum((row[1] for row in top[:10]), ZERO)
    top50 = sum((row[1] for row in top[:50]), ZERO)
    top = top[: int(key_count)]

    def grouped(index: int) -> list[tuple]:
        sums: dict[str, list] = {}
        for row in split:
            item = sums.setdefault(row[index], [ZERO, ZERO])
            item[0] += row[2] or ZERO
            item[1] += row[3] or ZERO
        return [(key, cur, prv) for key, (cur, prv) in sums.items()]

    industries = _parts("industry", grouped(0), total)
    towns = _parts("town", grouped(1), total)
    dependence = Part("+".join(DEPENDENCE), _("房地产业和建筑业"))
    for part in industries:
        if part.key in DEPENDENCE:
            dependence.amount += part.amount
            dependence.previous += part.previous
    dependence.share = share(dependence.amount, total)
    result = Structure(
        window=window,
        total=total,
        total_previous=prev,
        taxpayers=paying,
        taxpayers_previous=paying_prev,
        top10=top10,
        top50=top50,
        hhi=round(hhi, 1) if hhi is not None else None,
        new_count=new_n,
        new_amount=new_amt or ZERO,
        lost_count=lost_n,
        lost_amount=lost_amt or ZERO,
        industries=industries,
        towns=towns,
        dependence=dependence,
        key_amount=sum((row[1] for row in top), ZERO),
    )
    if with_taxpayers and top:
        usccs = [row[0] for row in top]
        months = months_between(shift(window.period, -11), window.period)
        sums, names = trend(usccs, months)
        result.trend_months = months
        result.key_taxpayers = [
            KeyTaxpayer(
                rank=n,
                uscc=u,
                name=names.get(u, name),
                industry=industry,
                town=town,
                amount=a,
                share=share(a, total),
                trend=[sums.get((u, m), ZERO) for m in months],
            )
            for n, (u, a, name, industry, town) in enumerate(top, start=1)
        ]
    return result


def structure(*, user, period: str, purpose: str = "税源结构分析") -> Structure:
    cube.check_period(period, _("月份"))
    require_capability(user, cube.VIEW)
    with_taxpayers = user is None or has_capability(user, cube.VIEW_TAXPAYERS)
    with cube_store.open_aggregate(
        kind="cube", user=user, purpose=purpose, capability=cube.VIEW, detail={"period": period}
    ) as agg:
        return agg_structure(agg, Window(period), with_taxpayers=with_taxpayers)


@dataclass
class TaxpayerRow:
    uscc: str
    name: str
    industry: str
    town: str
    amount: Decimal
    previous: Decimal


def drill(
    *, user, period: str, subset: str, value: str = "", purpose: str = "税源结构：查看纳税人明细"
) -> list[TaxpayerRow]:
    """The taxpayers behind one figure of the structure page (economy.view_taxpayers), largest
    first, at most DRILL_LIMIT rows."""
    require_capability(user, cube.VIEW_TAXPAYERS)
    cube.check_period(period, _("月份"))
    if subset not in SUBSETS:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("不支持的明细类别：%(s)s") % {"s": subset})
    window = Window(period)
    condition, params, order = "per.cur IS NOT NULL", [], "per.cur DESC NULLS LAST"
    limit = DRILL_LIMIT
    if subset in ("top10", "top50"):
        limit = 10 if subset == "top10" else 50
    elif subset == "new":
        condition = "per.cur IS NOT NULL AND per.prev IS NULL"
    elif subset == "lost":
        condition, order = "per.prev IS NOT NULL AND per.cur IS NULL", "per.prev DESC"
    elif subset == "dependence":
        condition += " AND list_contains(?, coalesce(t.industry, ''))"
        params.append(list(DEPENDENCE))
    elif subset in ("industry", "town"):
        condition += f" AND coalesce(t.{subset}, '') = ?"
        params.append(value)
    sql = (
        f"WITH per AS ({PER_TAXPAYER}) "
        f"SELECT per.uscc, coalesce(t.name, ''), coalesce(t.industry, ''), coalesce(t.town, ''), per.cur, per.prev "
        f"FROM per LEFT JOIN ({cube.REGISTRY_SQL}) AS t ON t.uscc = per.uscc "
        f"WHERE {condition} ORDER BY {order}, per.uscc LIMIT {int(limit)}"
    )
    # positional $1..$4 for the windows, then ? would mix styles: number the extra parameters
    for n, _p in enumerate(params, start=5):
        sql = sql.replace("?", f"${n}", 1)
    with open_warehouse(
        user=user, datasets=cube.DATASETS, purpose=purpose, capability=cube.VIEW_TAXPAYERS
    ) as wh:
        wh.detail.update({"period": period, "subset": subset, "value": value})
        rows = wh.rows(sql, [*window.bounds(), *params])
    return [TaxpayerRow(u, n, i, t, c or ZERO, p or ZERO) for u, n, i, t, c, p in rows]
