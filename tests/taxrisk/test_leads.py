"""Runs, leads and their workflow.

Runs, rule edits and the providers' feedback run the rules over the demo's synthetic data (loaded
through submissions): they use the demo data set (the `demo` fixture). Access to leads and the
workflow build their own leads and users with factories.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from factories import LeadFactory, UserFactory

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.taxrisk import services
from gongzhi.taxrisk.models import Lead, RiskRun, TaxpayerContact

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return UserFactory(role=Role.COGOV_OFFICE)


@pytest.fixture
def officer():
    return UserFactory(role=Role.TAX_OFFICER)


def _dispatched_to(officer, **kwargs):
    return LeadFactory(assignee=officer, assignee_unit=officer.unit, status="dispatched", **kwargs)


def test_cli_run_prints_the_contract_and_dedupes_across_runs(demo, capsys):
    call_command("taxrisk", "run", "--json")
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"run", "leads", "seconds"}
    assert set(out["seconds"]) == {f"R0{n}" for n in range(1, 10)}
    assert {lead["rule"] for lead in out["leads"]} == {
        f"R0{n}" for n in range(1, 10)
    }  # every rule finds its anomaly
    for lead in out["leads"]:
        assert set(lead) >= {"rule", "uscc", "person", "period", "tax_at_risk", "evidence"}
        assert len(lead["period"]) == 7 and lead["evidence"]
        assert {"dataset", "submission", "row"} <= set(lead["evidence"][0])
    # the same data again: the same leads, no duplicates (counted after a first run: data other
    # tests of the session committed may have brought leads the demo's own run did not have)
    before = Lead.objects.count()
    call_command("taxrisk", "run", "--json")
    again = json.loads(capsys.readouterr().out)
    key = lambda lead: (lead["rule"], lead["uscc"], lead["person"], lead["period"])  # noqa: E731
    assert sorted(map(key, again["leads"])) == sorted(map(key, out["leads"]))
    assert Lead.objects.count() == before
    call_command(
        "taxrisk", "run", "--json", "--rules", "R01,R02", "--period-from", "2024-03", "--period-to", "2024-06"
    )
    window = json.loads(capsys.readouterr().out)
    assert {lead["rule"] for lead in window["leads"]} <= {"R01", "R02"}
    assert all("2024-03" <= lead["period"] <= "2024-06" for lead in window["leads"])
    assert Lead.objects.count() == before


def test_unknown_rule_is_refused():
    with pytest.raises(Exception, match="R77"):
        call_command("taxrisk", "run", "--rules", "R77")


def test_only_the_office_and_tax_officers_see_leads(office, officer, client_for):
    lead = LeadFactory()
    dispatched = _dispatched_to(officer)
    for role in (Role.PLAN_OFFICE, Role.LIAISON, Role.LEADER, Role.EVALUATOR):
        other = client_for(UserFactory(role=role))
        assert other.get("/taxrisk/leads/").status_code == 403
        assert other.get(f"/taxrisk/leads/{lead.pk}/").status_code == 403
    assert client_for(office).get(f"/taxrisk/leads/{lead.pk}/").status_code == 200
    # a tax officer sees only the leads dispatched to it (or its unit)
    officer_client = client_for(officer)
    assert officer_client.get(f"/taxrisk/leads/{lead.pk}/").status_code == 404
    assert officer_client.get(f"/taxrisk/leads/{dispatched.pk}/").status_code == 200
    listed = {row.pk for row in officer_client.get("/taxrisk/leads/").context["page"]}
    assert listed == {dispatched.pk}
    # every view is audited
    assert AuditEntry.objects.filter(
        action="lead_viewed", object_id=str(dispatched.pk), username=officer.username
    ).exists()


def test_the_workflow_from_new_to_confirmed(office, officer):
    lead = LeadFactory()
    services.lead_dispatch(
        actor=office,
        lead=lead,
        assignee=officer,
        deadline=clock.today() + datetime.timedelta(days=10),
    )
    with pytest.raises(ApplicationError):
        services.lead_dispatch(actor=officer, lead=lead, assignee=officer, deadline=clock.today())
    services.lead_start(actor=officer, lead=lead)
    services.lead_confirm(
        actor=officer,
        lead=lead,
        recovered_tax=Decimal("12345.60"),
        recovered_date=clock.today(),
        recovered_period="2026-11",
        note="补缴（测试）",
    )
    lead.refresh_from_db()
    assert lead.status == "confirmed" and lead.recovered_tax == Decimal("12345.60")
    assert list(lead.events.values_list("action", flat=True)) == ["dispatched", "verifying", "confirmed"]
    with pytest.raises(ApplicationError, match="已办结"):
        services.lead_dismiss(actor=office, lead=lead, reason="other", note="x")


def test_no_risk_no_disturbance(officer):
    lead = _dispatched_to(officer)
    contact = services.contact_record(actor=officer, uscc=lead.uscc, method="电话", note="核实（测试）")
    assert contact.lead == lead
    with pytest.raises(ApplicationError, match="无风险不打扰"):
        services.contact_record(actor=officer, uscc="91370306000000000X", method="电话")
    # a taxpayer whose only lead is closed is not disturbed either; the closed lead stays
    closed = LeadFactory(assignee=officer, assignee_unit=officer.unit, status="confirmed")
    with pytest.raises(ApplicationError, match="无风险不打扰"):
        services.contact_record(actor=officer, uscc=closed.uscc, method="电话")
    assert Lead.objects.filter(uscc=closed.uscc, status="confirmed").exists()
    assert list(TaxpayerContact.objects.filter(actor=officer)) == [contact]


def test_rule_edits_are_checked_and_versioned(demo, users):
    from gongzhi.taxrisk.models import RiskRule

    rule = RiskRule.objects.get(code="R01")
    current = rule.current
    with pytest.raises(ApplicationError, match=r"SELECT|语句|一条"):
        services.rule_save(
            actor=users["cogov_office"], code=rule.code, sql="DELETE FROM taxpayer", meta=current.meta
        )
    undeclared = current.sql.replace("real_estate_tx", "secret_table")
    assert undeclared != current.sql
    with pytest.raises(ApplicationError, match="未声明"):
        services.rule_save(
            actor=users["cogov_office"],
            code=rule.code,
            sql=undeclared,
            meta=current.meta,
        )
    with pytest.raises(ApplicationError, match="没有权限"):
        services.rule_save(actor=users["liaison"], code=rule.code, sql=current.sql, meta=current.meta)
    services.rule_save(
        actor=users["cogov_office"], code=rule.code, sql=current.sql + "\n", meta=current.meta, note="测试"
    )
    rule.refresh_from_db()
    assert rule.current.version == current.version + 1
    preview = services.rule_dry_run(
        actor=users["cogov_office"], sql=current.sql, meta=current.meta, code=rule.code
    )
    assert preview["total"] >= 1 and preview["error"] is None
    assert RiskRun.objects.count() == 1  # a dry run stores nothing


def test_providers_see_what_their_data_produced(demo, users, client_for):
    from gongzhi.accounts.models import User
    from gongzhi.org.models import Unit

    provider = User.objects.create_user(
        username="ziran3", password="x", role="liaison", unit=Unit.objects.get(name="区自然资源局")
    )
    page = client_for(provider).get("/exchange/feedback/")
    results = page.context["results"]
    assert results and any(r["leads"] for r in results)
    assert client_for(users["cogov_office"]).get("/taxrisk/industries/real_estate/").status_code == 200
    assert client_for(users["cogov_office"]).get("/taxrisk/rules/").status_code == 200


def test_a_run_started_in_the_browser_is_a_job_with_progress(
    demo, users, client_for, django_capture_on_commit_callbacks
):
    client = client_for(users["cogov_office"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/taxrisk/runs/", {"engine": "duckdb", "rules": ["R01", "R09"]})
    run = RiskRun.objects.latest("created_at")
    assert response["Location"] == f"/taxrisk/runs/{run.pk}/"
    run.refresh_from_db()
    assert run.state == "done" and set(run.seconds) == {"R01", "R09"}
    assert run.job.state == "succeeded" and run.job.progress == 100
    assert client_for(users["liaison"]).post("/taxrisk/runs/", {"engine": "duckdb"}).status_code == 403


def test_the_lead_page_reads_as_a_verifier_needs_it(demo, users, client_for):
    """Issue 11: the evidence rows themselves (number, amount, date), the rule in words, the history
    in Chinese, amounts with separators; the confirm form takes 1,616,772.74."""
    from gongzhi.taxrisk.models import Lead

    lead = Lead.objects.filter(rule__code="R04", status="new").exclude(evidence=[]).first()
    officer, office = users["tax_officer"], users["cogov_office"]
    page = client_for(office).get(f"/taxrisk/leads/{lead.pk}/").content.decode()
    permit = lead.evidence[0]
    assert "施工许可证编号" in page and "合同金额（元）" in page  # the demand list's field names
    assert "severity:" not in page and "tax_estimate:" not in page and "edges: |" not in page
    assert "风险税额的估算" in page and f"{lead.tax_at_risk:,.2f}" in page
    assert f">{permit['row']}<" in page
    client = client_for(office)
    client.post(
        f"/taxrisk/leads/{lead.pk}/",
        {"op": "dispatch", "assignee": officer.pk, "deadline": str(demo + datetime.timedelta(days=400))},
    )
    confirmed = client_for(officer).post(
        f"/taxrisk/leads/{lead.pk}/",
        {
            "op": "confirm",
            "recovered_tax": "1,616,772.74",
            "recovered_date": str(demo),
            "recovered_period": f"{demo:%Y-%m}",
        },
        follow=True,
    )
    lead.refresh_from_db()
    assert lead.status == "confirmed" and lead.recovered_tax == Decimal("1616772.74")
    html = confirmed.content.decode()
    assert "派发" in html and "确认（查补入库）" in html and ">dispatched<" not in html


def _registry_and_ratings():
    """Each registered taxpayer's registry credit (level, year) and its latest rating (year, level),
    read as the system."""
    from gongzhi.credit.selectors import levels_of
    from gongzhi.exchange.warehouse import open_warehouse

    with open_warehouse(user=None, datasets=["taxpayer"], purpose="测试：登记信息中的信用级别") as wh:
        registry = {
            uscc: (level, year)
            for uscc, level, year in wh.rows(
                "SELECT uscc, credit_level, credit_year FROM taxpayer WHERE credit_level IS NOT NULL"
            )
        }
    return registry, levels_of(user=None)


def test_the_lead_page_shows_one_credit_level_the_ratings(demo, users, client_for):
    """Issue 13: the 360° card no longer prints the registry's credit level next to the credit
    panel built from the ratings (`credit_rating`); the panel's level is the one shown."""
    import re

    from gongzhi.taxrisk.models import Lead

    registry, ratings = _registry_and_ratings()
    lead = next(
        (
            lead
            for lead in Lead.objects.exclude(uscc="").order_by("pk")
            if lead.uscc in registry
            and lead.uscc in ratings
            and registry[lead.uscc][0] != ratings[lead.uscc][1]
        ),
        None,
    )
    assert lead is not None, "the demo has a lead on a taxpayer whose registry level is not its rating"
    registry_level, registry_year = registry[lead.uscc]
    year, level = ratings[lead.uscc]
    client = client_for(users["cogov_office"])
    page = client.get(f"/taxrisk/leads/{lead.pk}/").content.decode()
    assert "纳税人全景" in page
    assert f"信用{registry_level}（{registry_year}）" not in page
    assert not re.search(r"信用[ABMCD]（\d{4}）", page)
    assert f'hx-get="/credit/panel/{lead.uscc}/"' in page  # the level comes from the panel beside it
    panel = client.get(f"/credit/panel/{lead.uscc}/").content.decode()
    assert f"{year}年度：<strong>{level}</strong>级" in panel
    assert f"<strong>{registry_level}</strong>" not in panel.split("</li>")[0]  # the latest year's


def test_the_lead_list_shows_the_credit_level_of_each_taxpayer_in_one_read(demo, users, client_for):
    from gongzhi.core.models import AuditEntry
    from gongzhi.credit.selectors import levels_of

    client = client_for(users["cogov_office"])
    reads = AuditEntry.objects.filter(purpose="风险疑点清单：纳税信用")
    before = reads.count()
    response = client.get("/taxrisk/leads/")
    assert reads.count() == before + 1  # one warehouse read for the page, not one per row
    html = response.content.decode()
    leads = list(response.context["page"])
    ratings = levels_of({lead.uscc for lead in leads if lead.uscc}, user=None)
    assert ratings, "the demo's first page of leads has rated taxpayers"
    for lead in leads:
        assert lead.credit == ratings.get(lead.uscc), lead.uscc
    year, level = next(iter(ratings.values()))
    assert "<th>信用</th>" in html and f"{level}级（{year}年度）" in html
    # a taxpayer without a rating: 未评价
    unrated = LeadFactory()
    response = client.get("/taxrisk/leads/", {"rule": unrated.rule.code})
    assert [lead.credit for lead in response.context["page"]] == [None]
    assert 'data-testid="lead-credit"><span class="text-muted">未评价</span>' in response.content.decode()
    assert reads.count() == before + 2


def test_the_lead_list_stays_workable_when_a_rating_file_is_missing(demo, data_dir, users, client_for):
    import random
    from pathlib import Path

    from factories import submit_rows

    from gongzhi.exchange.models import Dataset
    from gongzhi.exchange.validation import synthetic
    from gongzhi.org.models import Unit

    code = synthetic.uscc(random.Random(131313))
    submission = submit_rows(
        Dataset.objects.get(code="credit_rating"),
        Unit.objects.get(name="区税务局"),
        "2016",
        [
            {
                "uscc": code,
                "name": "合成数据测试有限公司",
                "eval_year": 2016,
                "level": "B",
                "score": "80",
                "d_reason": "",
            }
        ],
    )
    Path(submission.parquet_path).unlink()
    response = client_for(users["cogov_office"]).get("/taxrisk/leads/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="credit-error"' in html and f"第{submission.pk}号报送" in html
    assert all(lead.credit is None for lead in response.context["page"])
    assert "未评价" not in html  # not known, not 未评价
