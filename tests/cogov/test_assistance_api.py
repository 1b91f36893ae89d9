"""/api/v1/cogov/assistance/: each endpoint with each kind of caller (a department's session and
its unit token, another department, the office, the leader, a role without access) answers
as the pages do, through the same services (same permissions, same audit)."""

import datetime

import pytest
from django.test import Client
from factories import UnitFactory, UserFactory, uscc

from gongzhi.accounts import services as account_services
from gongzhi.cogov import services_assistance as services
from gongzhi.cogov.models_assistance import AssistanceListLookup
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db

BASE = "/api/v1/cogov/assistance"


@pytest.fixture
def setup(users, demo):
    """Unit A and B each check their own item; A's liaison, its token, B's liaison."""
    unit_a, unit_b = UnitFactory(), UnitFactory()
    for code, unit, matter in (
        ("api_item_a", unit_a, "甲事项（测试）"),
        ("api_item_b", unit_b, "乙事项（测试）"),
    ):
        version = services.item_draft(
            actor=None,
            code=code,
            data={
                "matter": matter,
                "conditions": [{"kind": "no_arrears"}, {"kind": "not_abnormal"}],
                "legal_basis": "测试依据",
                "units": [unit],
            },
        )
        services.version_approve(
            actor=None, version=version, effective_from=demo - datetime.timedelta(days=1)
        )
    liaison_a = UserFactory(role=Role.LIAISON, unit=unit_a)
    liaison_b = UserFactory(role=Role.LIAISON, unit=unit_b)
    _token, secret = account_services.token_create(
        actor=users["admin"], unit=unit_a, name="甲单位系统（测试）"
    )
    return {"a": liaison_a, "b": liaison_b, "secret": secret, "unit_a": unit_a}


def _token_client(secret) -> tuple[Client, dict]:
    return Client(), {"Authorization": f"Bearer {secret}"}


def test_items_lists_what_applies_to_the_caller(setup, users, client_for):
    codes = lambda r: {i["code"] for i in r.json()}  # noqa: E731
    mine = client_for(setup["a"]).get(f"{BASE}/items")
    assert mine.status_code == 200 and "api_item_a" in codes(mine) and "api_item_b" not in codes(mine)
    client, headers = _token_client(setup["secret"])
    assert codes(client.get(f"{BASE}/items", headers=headers)) == codes(mine)
    everything = client_for(users["cogov_office"]).get(f"{BASE}/items")
    assert {"api_item_a", "api_item_b", "real_estate_registration"} <= codes(everything)
    assert client_for(users["leader"]).get(f"{BASE}/items").status_code == 200
    assert client_for(users["evaluator"]).get(f"{BASE}/items").status_code == 403
    assert Client().get(f"{BASE}/items").status_code == 401


def test_item_detail_with_versions_for_its_units_only(setup, users, client_for, demo):
    office = users["cogov_office"]
    row = services.item_draft(
        actor=office,
        item=services.AssistanceListItem.objects.get(code="api_item_a"),
        data={
            "matter": "甲事项（测试）",
            "conditions": [{"kind": "no_arrears"}],
            "legal_basis": "测试依据",
            "units": [setup["unit_a"]],
        },
        reason="不再查非正常户（测试）",
    )
    path = f"{BASE}/items/{row.item_id}"
    answer = client_for(setup["a"]).get(path)
    assert answer.status_code == 200
    body = answer.json()
    assert body["current"]["version"] == 1 and [v["version"] for v in body["versions"]] == [1]  # no draft
    office_view = client_for(office).get(path).json()
    assert [(v["version"], v["state"]) for v in office_view["versions"]] == [(2, "draft"), (1, "approved")]
    assert office_view["versions"][0]["change_reason"] == "不再查非正常户（测试）"
    assert client_for(setup["b"]).get(path).status_code == 404
    assert client_for(setup["b"]).get(f"{BASE}/items/987654321").status_code == 404


def test_a_lookup_is_run_recorded_and_its_outcome_recorded_by_token_or_session(setup, client_for):
    client, headers = _token_client(setup["secret"])
    code = uscc()
    answer = client.post(
        f"{BASE}/lookups",
        {"item": "api_item_a", "code": code, "purpose": "办理前查验（测试）"},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["subject"] == code and body["outcome"] == "pending" and body["version"] == 1
    assert [c["kind"] for c in body["checks"]] == ["no_arrears", "not_abnormal"]
    record = AssistanceListLookup.objects.get(pk=body["lookup_id"])
    assert record.channel == "api" and record.unit == setup["unit_a"] and record.username.startswith("token:")
    # another unit's item: not found; another unit's record: not found
    refused = client.post(
        f"{BASE}/lookups",
        {"item": "api_item_b", "code": code},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    bad = client.post(
        f"{BASE}/lookups",
        {"item": "api_item_a", "code": "123"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 400 and bad.json()["extra"] == {"field": "code"}
    other = client_for(setup["b"])
    outcome_path = f"{BASE}/lookups/{record.pk}/outcome"
    assert other.get(f"{BASE}/lookups/{record.pk}").status_code == 404
    assert other.post(outcome_path, {"outcome": "passed"}, content_type="application/json").status_code == 404
    # the unit's liaison records the outcome (failed needs the handler's result)
    mine = client_for(setup["a"])
    missing = mine.post(outcome_path, {"outcome": "failed"}, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["extra"] == {"field": "handling"}
    done = mine.post(
        outcome_path,
        {"outcome": "failed", "handling": "已告知申请人（测试）"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["outcome"] == "failed"
    again = mine.post(outcome_path, {"outcome": "passed"}, content_type="application/json")
    assert again.status_code == 409
    assert AuditEntry.objects.filter(action="tax_lookup_outcome", object_id=str(record.pk)).count() == 1


def test_the_ledger_is_every_units_for_the_office_and_its_own_for_a_unit(setup, users, client_for):
    for who in ("a", "b"):
        services.lookup_run(actor=setup[who], item_code=f"api_item_{who}", code=uscc())
    units = lambda r: {row["unit"] for row in r.json()}  # noqa: E731
    office = client_for(users["cogov_office"]).get(f"{BASE}/ledger")
    assert office.status_code == 200 and {setup["a"].unit.name, setup["b"].unit.name} <= units(office)
    own = client_for(setup["a"]).get(f"{BASE}/ledger")
    assert units(own) == {setup["a"].unit.name}
    assert own.json()[0] | {"item_id": 0} == {
        "unit": setup["a"].unit.name,
        "item": "甲事项（测试）",
        "item_id": 0,
        "lookups": 1,
        "passed": 0,
        "failed": 0,
        "pending": 1,
        "overdue": 0,
    }
    client, headers = _token_client(setup["secret"])
    assert units(client.get(f"{BASE}/ledger", headers=headers)) == {setup["a"].unit.name}
    assert client_for(users["leader"]).get(f"{BASE}/ledger").status_code == 200
    assert client_for(users["evaluator"]).get(f"{BASE}/ledger").status_code == 403
    assert (
        client_for(users["leader"])
        .post(f"{BASE}/lookups", {"item": "api_item_a", "code": uscc()}, content_type="application/json")
        .status_code
        == 403
    )
