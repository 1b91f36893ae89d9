"""The leader's view of the tax-fee work (税费共治概览, issue 16 part 6): for one year, the tax-risk
leads found, confirmed and the tax recovered, by rule and by industry; each provider unit's
data-sharing timeliness; the figures of the co-governance parts. Every figure carries the URL of
the list that shows exactly its rows.

Who may read it is `workspace.view_taxfee` (the leader, the co-governance office, the admin),
checked here. The lead figures are district-wide (the leader sees no lead list of its own: the
figures link to `lead_register`, a list of the leads that names no taxpayer); the timeliness is the
quality page's classification of `exchange.selectors.quality_cells`; the co-governance figures are
each part's `leader_summary(user=, today=)`, scoped by the part to the user.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.industries import SECTIONS
from gongzhi.core.permissions import require_capability
from gongzhi.exchange.selectors import quality_cells
from gongzhi.taxrisk.choices import LeadStatus, RulePurpose
from gongzhi.taxrisk.models import Lead, RiskRule
from gongzhi.workspace.cogov_parts import PART_LABELS, PartFailed, call_part, part_functions

CAPABILITY = "workspace.view_taxfee"
FIRST_YEAR = 2000
BASES = ("found", "confirmed")  # leads found in the year; leads confirmed with tax recovered in it
NO_INDUSTRY = "-"
CENT = Decimal("0.01")  # the industry bucket of leads without a known GB/T 4754 section


def year_span(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The year as aware datetimes [1 January 00:00, next 1 January 00:00) in the local time zone."""
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def industry_of(code: str) -> str:
    """The GB/T 4754 section letter of a lead's industry code ("H6110" -> "H"), `NO_INDUSTRY`
    when it has none."""
    letter = (code or "")[:1].upper()
    return letter if letter in SECTIONS else NO_INDUSTRY


def industry_label(key: str) -> str:
    return SECTIONS.get(key, "未标明行业")


def lead_register(*, year: int, basis: str = "found", rule: str = "", industry: str = "") -> QuerySet[Lead]:
    """The leads behind a figure: found in `year` (basis "found": first found, i.e. created, in
    it) or confirmed with tax recovered in it (basis "confirmed": status confirmed, 入库日期 in
    it), of one rule code and one industry section (`NO_INDUSTRY`: none) if given. District-wide:
    the caller checks `workspace.view_taxfee`."""
    if basis == "confirmed":
        leads = Lead.objects.filter(status=LeadStatus.CONFIRMED, recovered_date__year=year)
    else:
        start, end = year_span(year)
        leads = Lead.objects.filter(created_at__gte=start, created_at__lt=end)
    if rule:
        leads = leads.filter(rule__code=rule)
    if industry == NO_INDUSTRY:
        known = Q()
        for letter in SECTIONS:
            known |= Q(industry_code__istartswith=letter)
        leads = leads.exclude(known)
    elif industry:
        leads = leads.filter(industry_code__istartswith=industry)
    return leads


def register_url(*, year: int, basis: str, rule: str = "", industry: str = "") -> str:
    params = {"year": year, "basis": basis}
    if rule:
        params["rule"] = rule
    if industry:
        params["industry"] = industry
    return reverse("workspace:taxfee_leads") + "?" + urlencode(params)


@dataclass
class LeadRow:
    """Leads of one rule or one industry section in the year, with the links to them."""

    key: str
    label: str
    found: int = 0
    confirmed: int = 0
    recovered: Decimal = Decimal(0)
    found_url: str = ""
    confirmed_url: str = ""


@dataclass
class UnitTimeliness:
    """One provider unit's data-sharing timeliness in the year (the quality page's counts)."""

    unit: object  # org.Unit
    expected: int = 0  # dataset-periods submitted, or due and overdue
    on_time: int = 0
    late: int = 0  # submitted after the due day
    missing: int = 0  # due day passed, nothing submitted
    url: str = ""

    @property
    def rate(self) -> float | None:
        return self.on_time / self.expected if self.expected else None


@dataclass
class CogovPart:
    part: str
    label: str
    figures: list[dict]
    failed: bool = False  # its figures could not be read (logged): the page says so


@dataclass
class TaxfeeOverview:
    year: int
    today: datetime.date
    found: int = 0
    confirmed: int = 0
    recovered: Decimal = Decimal(0)
    found_url: str = ""
    confirmed_url: str = ""
    by_rule: list[LeadRow] = field(default_factory=list)
    by_industry: list[LeadRow] = field(default_factory=list)
    units: list[UnitTimeliness] = field(default_factory=list)
    quality_url: str = ""
    cogov: list[CogovPart] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return sum(u.expected for u in self.units)

    @property
    def on_time(self) -> int:
        return sum(u.on_time for u in self.units)

    @property
    def late(self) -> int:
        return sum(u.late for u in self.units)

    @property
    def missing(self) -> int:
        return sum(u.missing for u in self.units)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.expected if self.expected else None

    def chart(self) -> dict:
        """What the charts draw (json_script), each bar with the URL of its list."""
        rules = [r for r in self.by_rule if r.found or r.confirmed]
        return {
            "rules": {
                "names": [r.key for r in rules],
                "labels": [f"{r.key} {r.label}" for r in rules],
                "found": [r.found for r in rules],
                "confirmed": [r.confirmed for r in rules],
                "found_urls": [r.found_url for r in rules],
                "confirmed_urls": [r.confirmed_url for r in rules],
            },
            "industries": [
                {"name": r.label, "value": float(r.recovered), "url": r.confirmed_url}
                for r in self.by_industry
                if r.recovered
            ],
            "units": {
                "names": [u.unit.name for u in self.units if u.expected],
                "on_time": [u.on_time for u in self.units if u.expected],
                "late": [u.late for u in self.units if u.expected],
                "missing": [u.missing for u in self.units if u.expected],
                "urls": [u.url for u in self.units if u.expected],
            },
        }


def lead_figures(overview: TaxfeeOverview) -> None:
    """Leads found and confirmed in the year with the tax recovered, in total, by rule and by
    industry section (three queries)."""
    year = overview.year
    overview.found_url = register_url(year=year, basis="found")
    overview.confirmed_url = register_url(year=year, basis="confirmed")
    rules: dict[str, LeadRow] = {}
    industries: dict[str, LeadRow] = {}

    def rule_row(code: str, name: str) -> LeadRow:
        if code not in rules:
            rules[code] = LeadRow(
                key=code,
                label=name,
                found_url=register_url(year=year, basis="found", rule=code),
                confirmed_url=register_url(year=year, basis="confirmed", rule=code),
            )
        return rules[code]

    # every risk rule has its row, with no lead too: the leader sees which rules found nothing
    for code, name in RiskRule.objects.filter(purpose=RulePurpose.RISK).values_list("code", "name"):
        rule_row(code, name)

    def industry_row(key: str) -> LeadRow:
        if key not in industries:
            industries[key] = LeadRow(
                key=key,
                label=industry_label(key),
                found_url=register_url(year=year, basis="found", industry=key),
                confirmed_url=register_url(year=year, basis="confirmed", industry=key),
            )
        return industries[key]

    found = lead_register(year=year, basis="found").order_by()
    for row in found.values("rule__code", "rule__name", "industry_code").annotate(n=Count("pk")):
        rule = rule_row(row["rule__code"], row["rule__name"])
        rule.found += row["n"]
        industry_row(industry_of(row["industry_code"])).found += row["n"]
        overview.found += row["n"]
    confirmed = lead_register(year=year, basis="confirmed").order_by()
    for row in confirmed.values("rule__code", "rule__name", "industry_code").annotate(
        n=Count("pk"), tax=Sum("recovered_tax")
    ):
        # each amount has two places; the database's sum may carry float noise (SQLite)
        tax = Decimal(row["tax"] or 0).quantize(CENT)
        rule = rule_row(row["rule__code"], row["rule__name"])
        rule.confirmed += row["n"]
        rule.recovered += tax
        industry = industry_row(industry_of(row["industry_code"]))
        industry.confirmed += row["n"]
        industry.recovered += tax
        overview.confirmed += row["n"]
        overview.recovered += tax
    overview.by_rule = sorted(rules.values(), key=lambda r: r.key)
    order = {letter: i for i, letter in enumerate(SECTIONS)}
    overview.by_industry = sorted(
        industries.values(), key=lambda r: (-r.recovered, -r.found, order.get(r.key, len(order)))
    )


def timeliness(*, year: int, today: datetime.date) -> list[UnitTimeliness]:
    """Each provider unit's timeliness for the dataset-periods ending in `year`, judged on
    `today`: the quality page's classification of `quality_cells` (a period submitted by its due
    day is on time, one submitted after it late, one due and never submitted missing; a period
    not yet due and not submitted is not counted), without its accuracy checks. Three queries."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if start > today:
        return []
    units: dict[int, UnitTimeliness] = {}
    base = reverse("exchange:quality")
    for cell in quality_cells(start=start, end=end, today=today, registry=False):
        unit = units.get(cell.unit.pk)
        if unit is None:
            query = urlencode({"from": start.isoformat(), "to": end.isoformat(), "unit": cell.unit.pk})
            unit = units[cell.unit.pk] = UnitTimeliness(unit=cell.unit, url=f"{base}?{query}")
        if cell.on_time is None:
            continue
        unit.expected += 1
        if cell.on_time:
            unit.on_time += 1
        elif cell.first is not None:
            unit.late += 1
        else:
            unit.missing += 1
    return sorted(units.values(), key=lambda u: (u.unit.sort_order, u.unit.name))


def cogov_figures(*, user, today: datetime.date) -> list[CogovPart]:
    """Each co-governance part's figures for the user (`leader_summary`), the parts not written
    yet left out."""
    parts = []
    for part, summary in part_functions("leader_summary"):
        try:
            figures = [dict(f) for f in call_part(part, summary, user=user, today=today)]
        except PartFailed:
            parts.append(CogovPart(part=part, label=PART_LABELS.get(part, part), figures=[], failed=True))
            continue
        parts.append(CogovPart(part=part, label=PART_LABELS.get(part, part), figures=figures))
    return parts


def taxfee_overview(
    *, user, year: int | None = None, today: datetime.date | None = None, units: bool = True
) -> TaxfeeOverview:
    """The one-pager for `year` (default: today's year). `units=False` leaves out the per-unit
    timeliness (the home page's block shows only the leads and the co-governance figures)."""
    require_capability(user, CAPABILITY)
    today = today or clock.today()
    overview = TaxfeeOverview(year=year or today.year, today=today)
    lead_figures(overview)
    start, end = datetime.date(overview.year, 1, 1), datetime.date(overview.year, 12, 31)
    overview.quality_url = (
        reverse("exchange:quality") + "?" + urlencode({"from": start.isoformat(), "to": end.isoformat()})
    )
    if units:
        overview.units = timeliness(year=overview.year, today=today)
    overview.cogov = cogov_figures(user=user, today=today)
    return overview
