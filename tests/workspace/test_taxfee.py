"""The leader's view of the tax-fee work (税费共治概览, issue 16 part 6): the leader's home block and
the one-pager, each figure equal to a count made independently of the code under test, and each
figure's link a list of exactly that many rows."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from factories import LeadFactory, RiskRuleFactory, UnitFactory, UserFactory

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.exchange.selectors import quality_problems
from gongzhi.taxrisk.models import Lead

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=SHANGHAI)


def _lead(rule, *, found: datetime.date, industry: str = "H6110", recovered=None, on=None):
    """A lead of `rule` first found on `found`; confirmed with `recovered` tax on `on` if given."""
    extra = {}
    if recovered is not None:
        extra = {"status": "confirmed", "recovered_tax": Decimal(recovered), "recovered_date": on}
    lead = LeadFactory(rule=rule, industry_code=industry, **extra)
    Lead.objects.filter(pk=lead.pk).update(created_at=_at(found))
    return lead


def _count(found=None, confirmed=None, rule=None, section=None) -> tuple[int, Decimal]:
    """Leads and recovered tax counted in Python over every lead (not by the code under test):
    found in year `found`, or confirmed with tax recovered in year `confirmed`."""
    n, tax = 0, Decimal(0)
    for lead in Lead.objects.select_related("rule"):
        if rule and lead.rule.code != rule:
            continue
        if section is not None:
            letter = (lead.industry_code or "")[:1].upper()
            if (letter if letter.isalpha() and letter <= "T" else "-") != section:
                continue
        if found is not None and lead.created_at.astimezone(SHANGHAI).year != found:
            continue
        if confirmed is not None and not (
            lead.status == "confirmed" and lead.recovered_date and lead.recovered_date.year == confirmed
        ):
            continue
        n += 1
        if confirmed is not None:
            tax += lead.recovered_tax or 0
    return n, tax


@pytest.fixture
def world():
    """Two rules with leads this year and last year, in three industries (one unknown)."""
    today = clock.today()
    year = today.year
    jan = datetime.date(year, 1, 1)
    last = datetime.date(year - 1, 6, 1)
    a, b = RiskRuleFactory(), RiskRuleFactory()
    _lead(a, found=jan, industry="H6110")
    _lead(a, found=jan, industry="K7010", recovered="1000.50", on=today)
    _lead(a, found=last, industry="K7010", recovered="200.00", on=jan)  # found last year
    _lead(b, found=today, industry="", recovered="300.25", on=today)
    _lead(b, found=last, industry="F5100", recovered="999.00", on=last)  # all of it last year
    return {"a": a, "b": b, "year": year, "today": today}


def test_the_one_pager_figures_equal_counts_made_independently(world, users, client_for):
    year, a, b = world["year"], world["a"], world["b"]
    for role in ("leader", "cogov_office", "admin"):
        response = client_for(users[role]).get("/taxfee/")
        assert response.status_code == 200, role
        o = response.context["o"]
        assert o.year == year
        assert (o.found, 0) == _count(found=year)
        assert (o.confirmed, o.recovered) == _count(confirmed=year)
        rules = {r.key: r for r in o.by_rule}
        assert (rules[a.code].found, rules[a.code].confirmed, rules[a.code].recovered) == (
            2,
            2,
            Decimal("1200.50"),
        )
        assert (rules[b.code].found, rules[b.code].confirmed, rules[b.code].recovered) == (
            1,
            1,
            Decimal("300.25"),
        )
        for row in o.by_industry:
            assert (row.found, 0) == _count(found=year, section=row.key), row.key
            assert (row.confirmed, row.recovered) == _count(confirmed=year, section=row.key), row.key
        assert sum(r.found for r in o.by_industry) == o.found
        assert sum(r.recovered for r in o.by_industry) == o.recovered
        body = response.content.decode()
        assert f"{a.code} {a.name}" in body and "未标明行业" in body
    # last year's figures on ?year=
    o = client_for(users["leader"]).get(f"/taxfee/?year={year - 1}").context["o"]
    rules = {r.key: r for r in o.by_rule}
    assert (rules[a.code].found, rules[a.code].confirmed) == (1, 0)
    assert (rules[b.code].found, rules[b.code].confirmed, rules[b.code].recovered) == (
        1,
        1,
        Decimal("999.00"),
    )


def test_every_lead_figure_links_to_a_list_of_that_many_rows(world, users, client_for):
    leader = client_for(users["leader"])
    o = leader.get("/taxfee/").context["o"]
    links = [(o.found, o.found_url), (o.confirmed, o.confirmed_url)]
    for row in [*o.by_rule, *o.by_industry]:
        links += [(row.found, row.found_url), (row.confirmed, row.confirmed_url)]
    body = leader.get("/taxfee/").content.decode()
    for count, url in links:
        assert url.replace("&", "&amp;") in body
        response = leader.get(url)
        assert response.status_code == 200, url
        assert response.context["page"].paginator.count == count, url
    # the recovered tax of a rule is the sum of the rows its link lists
    row = next(r for r in o.by_rule if r.key == world["a"].code)
    listed = leader.get(row.confirmed_url).context["page"].object_list
    assert sum(lead.recovered_tax for lead in listed) == row.recovered


def test_the_leader_list_names_no_taxpayer_the_office_opens_the_leads(world, users, client_for):
    lead = Lead.objects.filter(rule=world["a"], status="confirmed", recovered_date=world["today"]).get()
    url = f"/taxfee/leads/?year={world['year']}&basis=confirmed&rule={world['a'].code}"
    leader_body = client_for(users["leader"]).get(url).content.decode()
    assert f"第{lead.pk}号" in leader_body
    assert lead.taxpayer_name not in leader_body and lead.uscc not in leader_body
    assert f"/taxrisk/leads/{lead.pk}/" not in leader_body
    office_body = client_for(users["cogov_office"]).get(url).content.decode()
    assert lead.taxpayer_name in office_body and f"/taxrisk/leads/{lead.pk}/" in office_body


def test_timeliness_by_unit_is_the_quality_pages_and_links_to_it(demo, users, client_for):
    # given the demo's submissions (some late, some missing)
    leader = client_for(users["leader"])
    o = leader.get("/taxfee/").context["o"]
    year = o.year
    expected = {
        q.unit.pk: (q.expected, q.on_time, len(q.late), len(q.missing))
        for q in quality_problems(
            start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31), today=o.today
        )
    }
    assert {u.unit.pk: (u.expected, u.on_time, u.late, u.missing) for u in o.units} == expected
    assert o.expected == sum(e[0] for e in expected.values()) > 0
    assert o.late + o.missing > 0, "the demo has late or missing data"
    # each unit's figures link to the quality page of that unit and year, which lists as many
    for unit in [u for u in o.units if u.late or u.missing][:3]:
        page = leader.get(unit.url)
        assert page.status_code == 200
        (shown,) = page.context["units"]
        assert (len(shown.late), len(shown.missing), shown.on_time) == (unit.late, unit.missing, unit.on_time)
        cells = page.context["cells"]
        assert sum(1 for c in cells if c.on_time is False and c.first is not None) == unit.late
        assert sum(1 for c in cells if c.on_time is False and c.first is None) == unit.missing
    totals = leader.get(o.quality_url).context
    assert (totals["late_count"], totals["missing_count"]) == (o.late, o.missing)


def test_the_leaders_home_shows_the_taxfee_block(world, users, client_for):
    response = client_for(users["leader"]).get("/")
    body = response.content.decode()
    assert 'data-testid="home-taxfee"' in body and 'href="/taxfee/"' in body
    block = response.context["taxfee"]
    assert (block.found, 0) == _count(found=world["year"])
    assert (block.confirmed, block.recovered) == _count(confirmed=world["year"])
    assert block.units == []  # the home block leaves the per-unit timeliness to the one-pager
    assert f'data-testid="home-taxfee-found">{block.found}<' in body
    # other roles' homes do not carry it
    for role in ("cogov_office", "liaison", "tax_officer", "plan_office"):
        assert 'data-testid="home-taxfee"' not in client_for(users[role]).get("/").content.decode()


@pytest.mark.parametrize(
    "role,allowed",
    [
        (Role.LEADER, True),
        (Role.COGOV_OFFICE, True),
        (Role.ADMIN, True),
        (Role.LIAISON, False),
        (Role.TAX_OFFICER, False),
        (Role.PLAN_OFFICE, False),
        (Role.EVALUATOR, False),
    ],
)
def test_who_may_read_the_one_pager(role, allowed, client_for):
    client = client_for(UserFactory(role=role))
    for url in ("/taxfee/", "/taxfee/leads/?basis=confirmed", "/taxfee/export.xlsx"):
        assert client.get(url).status_code == (200 if allowed else 403), (role, url)
    menu = client.get("/").content.decode()
    assert ('href="/taxfee/"' in menu) is allowed


def test_a_bad_year_or_filter_is_a_chinese_400(users, client_for):
    client = client_for(users["leader"])
    future = clock.today().year + 1
    for url in (
        f"/taxfee/?year={future}",
        "/taxfee/?year=abc",
        "/taxfee/leads/?basis=x",
        "/taxfee/leads/?industry=Z",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "查询参数" in response.content.decode()


def test_the_export_has_the_same_figures_and_is_audited(world, users, client_for):
    response = client_for(users["leader"]).get("/taxfee/export.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    o = client_for(users["leader"]).get("/taxfee/").context["o"]
    overview = {row[0]: row[1] for row in book["概览"].iter_rows(values_only=True) if row[0]}
    assert overview["发现疑点（条）"] == o.found
    assert Decimal(str(overview["查补税款入库（元）"])) == o.recovered
    rules = {row[0]: row for row in book["分规则"].iter_rows(values_only=True)}
    assert rules[world["a"].code][2:4] == (2, 2)
    assert AuditEntry.objects.filter(
        user=users["leader"], action=AuditAction.DOCUMENT_EXPORTED, detail__kind="taxfee_overview"
    ).exists()


def test_lead_filters_by_industry_section_and_unknown(world, users, client_for):
    client = client_for(users["cogov_office"])
    year = world["year"]
    unknown = client.get(f"/taxfee/leads/?year={year}&industry=-").context["page"].paginator.count
    assert unknown == _count(found=year, section="-")[0] >= 1
    other_unit_lead = LeadFactory(industry_code="h6210", assignee_unit=UnitFactory())
    hotels = client.get(f"/taxfee/leads/?year={year}&industry=H").context["page"].object_list
    assert other_unit_lead in list(hotels)
