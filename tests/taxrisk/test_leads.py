"""Runs, leads and their workflow on the demo's synthetic data (loaded through submissions)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.taxrisk import services
from gongzhi.taxrisk.models import Lead, RiskRun

pytestmark = pytest.mark.django_db


def test_cli_run_prints_the_contract_and_dedupes_across_runs(capsys):
    before = Lead.objects.count()
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
    # the same data again: the same leads, no duplicates
    assert Lead.objects.count() == before == len(out["leads"])
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


def test_only_the_office_and_tax_officers_see_leads(users, client_for):
    lead = Lead.objects.filter(status="new").first()
    for role in ("plan_office", "liaison", "leader", "evaluator"):
        assert client_for(users[role]).get("/taxrisk/leads/").status_code == 403
        assert client_for(users[role]).get(f"/taxrisk/leads/{lead.pk}/").status_code == 403
    office = client_for(users["cogov_office"])
    assert office.get(f"/taxrisk/leads/{lead.pk}/").status_code == 200
    # a tax officer sees only the leads dispatched to it (or its unit)
    officer = client_for(users["tax_officer"])
    assert officer.get(f"/taxrisk/leads/{lead.pk}/").status_code == 404
    dispatched = Lead.objects.filter(assignee=users["tax_officer"]).first()
    assert officer.get(f"/taxrisk/leads/{dispatched.pk}/").status_code == 200
    listed = {row.pk for row in officer.get("/taxrisk/leads/").context["page"]}
    assert listed and listed <= set(
        Lead.objects.filter(assignee=users["tax_officer"]).values_list("pk", flat=True)
    )
    # every view is audited
    assert AuditEntry.objects.filter(
        action="lead_viewed", object_id=str(dispatched.pk), username="shuiwu"
    ).exists()


def test_the_workflow_from_new_to_confirmed(users):
    lead = Lead.objects.filter(status="new").first()
    office, officer = users["cogov_office"], users["tax_officer"]
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


def test_no_risk_no_disturbance(users):
    officer = users["tax_officer"]
    lead = Lead.objects.filter(assignee=officer, status__in=["dispatched", "verifying"]).first()
    contact = services.contact_record(actor=officer, uscc=lead.uscc, method="电话", note="核实（测试）")
    assert contact.lead == lead
    with pytest.raises(ApplicationError, match="无风险不打扰"):
        services.contact_record(actor=officer, uscc="91370306000000000X", method="电话")
    closed = Lead.objects.filter(status="confirmed").first()
    other = Lead.objects.filter(uscc=closed.uscc).exclude(status__in=["new", "dispatched", "verifying"])
    assert other.exists()


def test_rule_edits_are_checked_and_versioned(users):
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


def test_providers_see_what_their_data_produced(users, client_for):
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
    users, client_for, django_capture_on_commit_callbacks
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
