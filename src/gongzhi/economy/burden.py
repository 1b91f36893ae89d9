"""行业税负: tax paid / declared revenue (申报销售收入) by industry and year, its distribution
over the taxpayers of each industry (quartiles), and the outliers — a taxpayer whose burden lies
below Q1 − 1.5 × IQR of its industry — linked to the tax-risk leads of the same taxpayer.

Both sides are taken by 所属期 (tax_paid.period, declaration.period) so that the tax and the
revenue it is due on belong to the same months; a taxpayer counts when its declared revenue of
the year is above zero. Aggregates need economy.view; the outliers by name
economy.view_taxpayers (a leader sees how many there are per industry). Read from the
pre-aggregate of the current data (`cube_store`, per taxpayer and year), audited with the purpose.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from gongzhi.core.permissions import has_capability, require_capability
from gongzhi.economy import cube, cube_store
from gongzhi.economy.cube import ZERO
from gongzhi.taxrisk.models import Lead

DATASETS = ["tax_paid", "taxpayer", "declaration"]
MIN_TAXPAYERS = 5  # quartiles of fewer taxpayers say nothing: no outliers there
OUTLIER_LIMIT = 200
YEARS = 3

PER_TAXPAYER = f"""
    WITH tax AS (SELECT uscc, substr(period, 1, 4) AS year, sum(amount) AS tax FROM tax_paid
                 WHERE substr(period, 1, 4) BETWEEN $1 AND $2 GROUP BY ALL),
         rev AS (SELECT uscc, substr(period, 1, 4) AS year, sum(revenue) AS revenue FROM declaration
                 WHERE substr(period, 1, 4) BETWEEN $1 AND $2 GROUP BY ALL)
    SELECT rev.uscc, rev.year, coalesce(t.industry, '') AS industry, coalesce(t.name, '') AS name,
           coalesce(t.town, '') AS town, coalesce(tax.tax, 0) AS tax, rev.revenue,
           coalesce(tax.tax, 0)::DOUBLE / rev.revenue::DOUBLE AS burden
    FROM rev LEFT JOIN tax USING (uscc, year) LEFT JOIN ({cube.REGISTRY_SQL}) AS t ON t.uscc = rev.uscc
    WHERE rev.revenue > 0
"""
# the same rows from the pre-aggregate (`cube_store` kind "burden": one row per uscc and 所属期 year)
AGG_PER_TAXPAYER = """
    SELECT uscc, year, industry, name, town, tax, revenue, tax::DOUBLE / revenue::DOUBLE AS burden
    FROM per WHERE year BETWEEN $1 AND $2 AND revenue > 0
"""
STATS_SQL = """
    SELECT industry, year, count(*), sum(tax), sum(revenue),
           quantile_cont(burden, 0.25), quantile_cont(burden, 0.5), quantile_cont(burden, 0.75)
    FROM {per} GROUP BY ALL ORDER BY industry, year
"""
OUTLIERS_SQL = f"""
    WITH q AS (SELECT industry, count(*) AS n, quantile_cont(burden, 0.25) AS q1,
                      quantile_cont(burden, 0.75) AS q3, quantile_cont(burden, 0.5) AS median
               FROM {{per}} WHERE year = $1 GROUP BY industry)
    SELECT per.uscc, per.name, per.industry, per.town, per.tax, per.revenue, per.burden, q.median,
           q.q1 - 1.5 * (q.q3 - q.q1) AS fence
    FROM {{per}} AS per JOIN q USING (industry)
    WHERE per.year = $1 AND q.n >= {MIN_TAXPAYERS} AND per.burden < q.q1 - 1.5 * (q.q3 - q.q1)
    ORDER BY per.industry, per.burden, per.uscc
"""


@dataclass
class IndustryBurden:
    industry: str
    label: str
    years: dict[str, dict] = field(default_factory=dict)  # year -> n, tax, revenue, burden, q1, median, q3
    outliers: int = 0

    def year(self, year: str) -> dict | None:
        return self.years.get(year)


@dataclass
class Outlier:
    uscc: str
    name: str
    industry: str
    town: str
    tax: Decimal
    revenue: Decimal
    burden: float
    median: float
    fence: float
    leads: list = field(default_factory=list)  # taxrisk leads of the taxpayer the user may see


@dataclass
class Burden:
    year: str
    years: list[str]
    industries: list[IndustryBurden]
    total: dict  # year -> tax, revenue, burden
    outliers: list[Outlier]  # empty without economy.view_taxpayers
    outlier_count: int


def _burden(tax: Decimal, revenue: Decimal) -> Decimal | None:
    """Tax / revenue in percent, 2 decimals."""
    return (tax / revenue * 100).quantize(Decimal("0.01")) if revenue else None


def sql_burden(wh, year: int, *, with_taxpayers: bool, per_sql: str = PER_TAXPAYER) -> Burden:
    """The burden on an open warehouse, or (`per_sql=AGG_PER_TAXPAYER`) on the pre-aggregate."""
    first, last = str(year - YEARS + 1), str(year)
    industries: dict[str, IndustryBurden] = {}
    total: dict[str, dict] = {}
    per = f"econ_burden_{uuid.uuid4().hex[:12]}"
    wh.rows(f"CREATE TEMP TABLE {per} AS {per_sql}", [first, last])
    try:
        stats = wh.rows(STATS_SQL.format(per=per))
        rows = wh.rows(OUTLIERS_SQL.format(per=per), [last])
    finally:
        wh.rows(f"DROP TABLE IF EXISTS {per}")
    for industry, y, n, tax, revenue, q1, median, q3 in stats:
        item = industries.setdefault(industry, IndustryBurden(industry, cube.key_label("industry", industry)))
        item.years[y] = {
            "n": n,
            "tax": tax,
            "revenue": revenue,
            "burden": _burden(tax, revenue),
            "q1": q1 * 100 if q1 is not None else None,
            "median": median * 100 if median is not None else None,
            "q3": q3 * 100 if q3 is not None else None,
        }
        t = total.setdefault(y, {"tax": ZERO, "revenue": ZERO, "n": 0})
        t["tax"] += tax
        t["revenue"] += revenue
        t["n"] += n
    for t in total.values():
        t["burden"] = _burden(t["tax"], t["revenue"])
    for row in rows:
        industries[row[2]].outliers += 1
    outliers = []
    if with_taxpayers:
        outliers = [
            Outlier(u, n, i, t, tax, rev, b * 100, m * 100, f * 100)
            for u, n, i, t, tax, rev, b, m, f in rows[:OUTLIER_LIMIT]
        ]
    ordered = sorted(
        industries.values(), key=lambda i: (-(i.years.get(last) or {}).get("tax", ZERO), i.industry)
    )
    return Burden(
        year=last,
        years=[str(y) for y in range(year - YEARS + 1, year + 1)],
        industries=ordered,
        total=total,
        outliers=outliers,
        outlier_count=len(rows),
    )


def burden(*, user, year: int, purpose: str = "行业税负分析") -> Burden:
    require_capability(user, cube.VIEW)
    with_taxpayers = user is None or has_capability(user, cube.VIEW_TAXPAYERS)
    with cube_store.open_aggregate(
        kind="burden", user=user, purpose=purpose, capability=cube.VIEW, detail={"year": year}
    ) as agg:
        result = sql_burden(agg, year, with_taxpayers=with_taxpayers, per_sql=AGG_PER_TAXPAYER)
    if result.outliers:
        _link_leads(user, result.outliers)
    return result


def _link_leads(user, outliers: list[Outlier]) -> None:
    """The tax-risk leads of the outliers' taxpayers that the user may see (one query)."""
    if user is not None and not has_capability(user, "taxrisk.view_leads"):
        return
    leads = Lead.objects.all() if user is None else Lead.objects.visible_to(user)
    by_uscc: dict[str, list] = {}
    for lead in leads.filter(uscc__in=[o.uscc for o in outliers]).select_related("rule").order_by("-period"):
        by_uscc.setdefault(lead.uscc, []).append(lead)
    for outlier in outliers:
        outlier.leads = by_uscc.get(outlier.uscc, [])


def latest_year(*, user, purpose: str = "行业税负分析") -> int | None:
    require_capability(user, cube.VIEW)
    with cube_store.open_aggregate(kind="burden", user=user, purpose=purpose, capability=cube.VIEW) as agg:
        last = agg.scalar("SELECT max(year) FROM per WHERE year IS NOT NULL")
    return int(last[:4]) if last else None
