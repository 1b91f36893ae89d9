"""/api/v1/taxrisk/ (issue 16, part 7): leads, rules and runs through the pages' services — each
endpoint walked by every kind of caller (no login: 401; a role without the capability or a unit's
API token: 403; another officer's lead: 404, as if missing), and the writes checked for their state,
their history and their audit entry."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from factories import LeadFactory, RiskRuleFactory, UnitFactory, UserFactory

from gongzhi.accounts import services as account_services
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry, JobRun
from gongzhi.core.roles import Role
from gongzhi.taxrisk.models import Lead, LeadEvent, RiskRule, RiskRun, TaxpayerContact

pytestmark = pytest.mark.django_db

BASE = "/api/v1/taxrisk"


@pytest.fixture
def world(users):
    officer = UserFactory(role=Role.TAX_OFFICER)
    other_officer = UserFactory(role=Role.TAX_OFFICER)
    office = UserFactory(role=Role.COGOV_OFFICE)
    mine = LeadFactory(assignee=officer, assignee_unit=officer.unit, status="dispatched")
    others = LeadFactory(assignee=other_officer, assignee_unit=other_officer.unit, status="dispatched")
    fresh = LeadFactory(status="new")
    _token, secret = account_services.token_create(
        actor=users["admin"], unit=officer.unit, name="税务（测试）"
    )
    return {
        "officer": officer,
        "other_officer": other_officer,
        "office": office,
        "liaison": users["liaison"],
        "leader": users["leader"],
        "mine": mine,
        "others": others,
        "fresh": fresh,
        "secret": secret,
    }


def call(world, who: str, method: str, path: str, body: dict | None = None):
    client, headers = Client(), {}
    if who == "token":
        headers = {"Authorization": f"Bearer {world['secret']}"}
    elif who != "anon":
        client.force_login(world[who])
    if method == "get":
        return client.get(BASE + path, body or {}, headers=headers)
    return client.post(BASE + path, body or {}, content_type="application/json", headers=headers)


def _deadline() -> str:
    return str(clock.today() + datetime.timedelta(days=10))


# --- who gets what, per endpoint ------------------------------------------------------------------

DENIED = {"anon": 401, "token": 403, "liaison": 403, "leader": 403}


def _expect(**allowed: int) -> dict:
    return {**DENIED, **allowed}


# (endpoint, method, path with {mine}/{others}/{fresh}, body, who -> status)
ENDPOINTS = [
    ("leads", "get", "/leads", None, _expect(office=200, officer=200)),
    ("lead", "get", "/leads/{mine}", None, _expect(office=200, officer=200)),
    ("lead other", "get", "/leads/{others}", None, _expect(office=200, officer=404)),
    (
        "dispatch",
        "post",
        "/leads/{fresh}/dispatch",
        {"unit": "{town}", "deadline": "{deadline}"},
        _expect(office=200, officer=404),
    ),
    (
        "dispatch own",
        "post",
        "/leads/{mine}/dispatch",
        {"unit": "{town}", "deadline": "{deadline}"},
        _expect(office=200, officer=403),
    ),
    ("start", "post", "/leads/{mine}/start", None, _expect(office=200, officer=200)),
    ("start other", "post", "/leads/{others}/start", None, _expect(office=200, officer=404)),
    (
        "confirm",
        "post",
        "/leads/{mine}/confirm",
        {"recovered_tax": "8000.00", "recovered_date": "{today}", "recovered_period": "2025-06"},
        _expect(office=200, officer=200),
    ),
    (
        "confirm other",
        "post",
        "/leads/{others}/confirm",
        {"recovered_tax": "1.00", "recovered_date": "{today}"},
        _expect(office=200, officer=404),
    ),
    (
        "dismiss",
        "post",
        "/leads/{mine}/dismiss",
        {"reason": "exempt", "note": "符合小微企业减免（测试）"},
        _expect(office=200, officer=200),
    ),
    (
        "dismiss other",
        "post",
        "/leads/{others}/dismiss",
        {"reason": "exempt", "note": "测试"},
        _expect(office=200, officer=404),
    ),
    ("contact", "post", "/leads/{mine}/contacts", {"method": "电话"}, _expect(office=200, officer=200)),
    (
        "contact other",
        "post",
        "/leads/{others}/contacts",
        {"method": "电话"},
        _expect(office=200, officer=404),
    ),
    ("rules", "get", "/rules", None, _expect(office=200, officer=200)),
    ("rule", "get", "/rules/{rule}", None, _expect(office=200, officer=200)),
    ("rule missing", "get", "/rules/R999X", None, _expect(office=404, officer=404)),
    ("rule enable", "post", "/rules/{rule}/enabled", {"enabled": False}, _expect(office=200, officer=403)),
    ("runs", "get", "/runs", None, _expect(office=200, officer=200)),
    ("run", "get", "/runs/{run}", None, _expect(office=200, officer=200)),
    ("run missing", "get", "/runs/0", None, _expect(office=404, officer=404)),
    ("run start", "post", "/runs", {"rules": ["{rule}"]}, _expect(office=200, officer=403)),
]
WHO = ["anon", "token", "liaison", "leader", "office", "officer"]


def _fill(value, world, extra):
    keys = {
        "mine": world["mine"].pk,
        "others": world["others"].pk,
        "fresh": world["fresh"].pk,
        "deadline": _deadline(),
        "today": str(clock.today()),
        **extra,
    }
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in keys:
            return keys[value[1:-1]]
        return value.format(**keys)
    if isinstance(value, dict):
        return {k: _fill(v, world, extra) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, world, extra) for v in value]
    return value


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_each_endpoint_answers_each_caller_as_the_pages_do(endpoint, who, world):
    _label, method, path, body, expected = endpoint
    rule = world["mine"].rule
    run = world["mine"].first_run
    extra = {"rule": rule.code, "run": run.pk, "town": UnitFactory(kind="town").pk}
    before = {lead.pk: lead.status for lead in Lead.objects.all()}
    rules_before = dict(RiskRule.objects.values_list("code", "enabled"))
    runs_before = RiskRun.objects.count()
    response = call(world, who, method, _fill(path, world, extra), _fill(body, world, extra))
    assert response.status_code == expected[who], response.content.decode()
    if response.status_code >= 400:
        answer = response.json()
        assert set(answer) == {"code", "message", "extra"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in answer["message"])  # said in Chinese
        # a refusal changes nothing
        assert {lead.pk: lead.status for lead in Lead.objects.all()} == before
        assert dict(RiskRule.objects.values_list("code", "enabled")) == rules_before
        assert RiskRun.objects.count() == runs_before


# --- leads ------------------------------------------------------------------------------------


def test_the_list_filters_and_pages_as_the_page_and_an_officer_sees_its_own_only(world):
    for n in range(55):
        LeadFactory(status="new", rule=world["fresh"].rule, tax_at_risk=Decimal(100 + n))
    office = call(world, "office", "get", "/leads", {"rule": world["fresh"].rule.code})
    assert office.status_code == 200
    assert office.json()["count"] == 56 and office.json()["pages"] == 2
    assert len(office.json()["items"]) == 50
    second = call(world, "office", "get", "/leads", {"rule": world["fresh"].rule.code, "page": 2}).json()
    assert second["page"] == 2 and len(second["items"]) == 6
    rich = call(world, "office", "get", "/leads", {"rule": world["fresh"].rule.code, "min_amount": "150"})
    assert {Decimal(i["tax_at_risk"]) >= 150 for i in rich.json()["items"]} == {True}
    assert rich.json()["count"] == 5 + 1  # 150..154 and the fresh lead's 12000
    dispatched = call(world, "office", "get", "/leads", {"status": "dispatched"}).json()
    assert {world["mine"].pk, world["others"].pk} <= {i["id"] for i in dispatched["items"]}
    officer = call(world, "officer", "get", "/leads").json()
    assert [i["id"] for i in officer["items"]] == [world["mine"].pk]
    assert call(world, "office", "get", "/leads", {"status": "nonsense"}).status_code == 422


def test_reading_a_lead_shows_its_history_and_is_audited(world):
    lead = world["mine"]
    LeadEvent.objects.create(lead=lead, action="dispatched", note="交核实（测试）", actor=world["office"])
    response = call(world, "officer", "get", f"/leads/{lead.pk}")
    answer = response.json()
    assert answer["id"] == lead.pk and answer["status"] == "dispatched" and answer["status_label"] == "已派发"
    assert answer["events"][0]["label"] == "派发" and answer["events"][0]["actor"] == world["office"].username
    assert answer["evidence"] == [{"dataset": "declaration", "submission": None, "row": 2}]
    assert AuditEntry.objects.filter(
        action=AuditAction.LEAD_VIEWED, object_id=str(lead.pk), username=world["officer"].username
    ).exists()


def test_dispatch_verify_and_confirm_through_the_api(world):
    lead = world["fresh"]
    response = call(
        world,
        "office",
        "post",
        f"/leads/{lead.pk}/dispatch",
        {"assignee": world["officer"].pk, "deadline": _deadline()},
    )
    assert response.status_code == 200
    assert (
        response.json()["status"] == "dispatched" and response.json()["assignee"] == world["officer"].username
    )
    assert call(world, "officer", "post", f"/leads/{lead.pk}/start").json()["status"] == "verifying"
    done = call(
        world,
        "officer",
        "post",
        f"/leads/{lead.pk}/confirm",
        {"recovered_tax": "8000.50", "recovered_date": str(clock.today()), "recovered_period": "2025-06"},
    ).json()
    assert done["status"] == "confirmed" and done["recovered_tax"] == "8000.50"
    assert [e["action"] for e in done["events"]] == ["dispatched", "verifying", "confirmed"]
    lead.refresh_from_db()
    assert lead.recovered_tax == Decimal("8000.50") and lead.recovered_period == "2025-06"
    steps = AuditEntry.objects.filter(action=AuditAction.LEAD_CHANGED, object_id=str(lead.pk))
    assert steps.count() == 3
    # and no second confirmation
    again = call(world, "officer", "post", f"/leads/{lead.pk}/dismiss", {"reason": "other", "note": "再"})
    assert again.status_code == 409 and again.json()["message"] == "疑点已办结"


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("dispatch", {"deadline": "{yesterday}", "unit": "{town}"}, "核实期限不能早于今天"),
        ("dispatch", {"deadline": "{deadline}"}, "请选择核实人或核实单位"),
        ("dispatch", {"deadline": "{deadline}", "assignee": "{liaison}"}, "核实人不存在或不是税务核查员"),
        ("dispatch", {"deadline": "{deadline}", "unit": "{bureau}"}, "只能派给镇（街道）网格核实"),
        ("dispatch", {"deadline": "{deadline}", "unit": 0}, "核实单位不存在"),
    ],
)
def test_bad_dispatches_are_refused_in_chinese_and_change_nothing(path, body, message, world):
    lead = world["fresh"]
    extra = {
        "yesterday": str(clock.today() - datetime.timedelta(days=1)),
        "town": UnitFactory(kind="town").pk,
        "bureau": UnitFactory(kind="government").pk,
        "liaison": world["liaison"].pk,
    }
    response = call(world, "office", "post", f"/leads/{lead.pk}/{path}", _fill(body, world, extra))
    assert response.status_code == 400 and response.json()["message"] == message
    lead.refresh_from_db()
    assert lead.status == "new" and not lead.events.exists()


@pytest.mark.parametrize(
    ("path", "body", "status", "message"),
    [
        ("confirm", {"recovered_tax": "-1", "recovered_date": "{today}"}, 400, "查补税款不能为负数"),
        ("dismiss", {"reason": "weather", "note": "测试"}, 400, "请选择排除原因"),
        ("dismiss", {"reason": "exempt", "note": "  "}, 400, "请说明排除理由"),
        ("contacts", {"method": " "}, 400, "请填写接触方式"),
        ("start", {}, 409, "疑点尚未派发或已在核实"),
    ],
)
def test_bad_results_are_refused_in_chinese(path, body, status, message, world):
    lead = world["mine"]
    if path == "start":
        call(world, "officer", "post", f"/leads/{lead.pk}/start")
    response = call(world, "officer", "post", f"/leads/{lead.pk}/{path}", _fill(body, world, {}))
    assert response.status_code == status and response.json()["message"] == message
    lead.refresh_from_db()
    assert lead.status in ("dispatched", "verifying") and lead.recovered_tax is None


def test_schema_refusals_name_the_field(world):
    response = call(world, "officer", "post", f"/leads/{world['mine'].pk}/confirm", {"recovered_tax": "8"})
    assert response.status_code == 422 and response.json()["message"] == "请求参数不正确"
    assert "recovered_date" in str(response.json()["extra"]["errors"])


def test_dismiss_and_contact_are_recorded(world):
    lead = world["mine"]
    contact = call(
        world, "officer", "post", f"/leads/{lead.pk}/contacts", {"method": "电话", "note": "约定核实"}
    )
    assert contact.json()["contacts"][0]["method"] == "电话"
    assert TaxpayerContact.objects.filter(lead=lead, actor=world["officer"]).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.TAXPAYER_CONTACTED).exists()
    done = call(
        world, "officer", "post", f"/leads/{lead.pk}/dismiss", {"reason": "exempt", "note": "减免"}
    ).json()
    assert done["status"] == "dismissed" and done["dismiss_reason"] == "exempt"
    assert done["events"][-1]["note"] == "符合减免税政策：减免"
    # no risk, no disturbance: a closed lead takes no more contacts
    refused = call(world, "officer", "post", f"/leads/{lead.pk}/contacts", {"method": "电话"})
    assert refused.status_code == 409


# --- rules ------------------------------------------------------------------------------------


def test_rules_list_their_results_and_the_office_disables_one(world):
    rule = world["mine"].rule
    listed = {r["code"]: r for r in call(world, "officer", "get", "/rules").json()}
    assert listed[rule.code]["leads"] == 1  # the officer's own lead only
    assert call(world, "office", "get", "/rules").json()  # every rule for the office
    detail = call(world, "office", "get", f"/rules/{rule.code}").json()
    assert detail["sql"].strip().upper().startswith(("SELECT", "WITH", "--"))
    assert detail["versions"][0]["version"] == detail["version"]
    off = call(world, "office", "post", f"/rules/{rule.code}/enabled", {"enabled": False})
    assert off.status_code == 200 and off.json()["enabled"] is False
    rule.refresh_from_db()
    assert rule.enabled is False
    assert AuditEntry.objects.filter(action=AuditAction.RULE_SAVED, object_id=str(rule.pk)).exists()


# --- runs -------------------------------------------------------------------------------------


def test_a_run_starts_as_a_job_and_its_progress_is_read(world, django_capture_on_commit_callbacks):
    rule = RiskRuleFactory()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = call(world, "office", "post", "/runs", {"rules": [rule.code], "period_from": "2025-01"})
    assert response.status_code == 200, response.content
    answer = response.json()
    run = RiskRun.objects.get(pk=answer["id"])
    assert run.rules == [rule.code] and run.period_from == "2025-01" and run.started_by == world["office"]
    assert answer["state"] == "queued" and answer["job"]["state"] == "queued" and queued
    assert JobRun.objects.get(pk=answer["job"]["id"]).kind == "taxrisk.run"
    assert AuditEntry.objects.filter(action=AuditAction.RISK_RUN_STARTED, object_id=str(run.pk)).exists()
    JobRun.objects.filter(pk=answer["job"]["id"]).update(progress=40, message="R100 运行中")
    progress = call(world, "office", "get", f"/runs/{run.pk}").json()
    assert progress["job"]["progress"] == 40
    # an officer sees the run, not the job's totals
    assert call(world, "officer", "get", f"/runs/{run.pk}").json()["job"] is None


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"rules": ["R999X"]}, 404, "找不到规则：R999X"),
        ({"period_from": "2025-13"}, 400, None),
        ({"engine": "excel"}, 422, "请求参数不正确"),
    ],
)
def test_bad_runs_are_refused_and_store_nothing(body, status, message, world):
    before = RiskRun.objects.count()
    response = call(world, "office", "post", "/runs", body)
    assert response.status_code == status
    assert message is None or response.json()["message"] == message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["message"])
    assert RiskRun.objects.count() == before


def test_the_run_list_counts_an_officers_own_leads(world):
    runs = {r["id"]: r for r in call(world, "officer", "get", "/runs").json()}
    assert runs[world["mine"].first_run.pk]["leads"] == 1
    assert runs[world["others"].first_run.pk]["leads"] == 0
