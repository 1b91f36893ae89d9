"""/api/v1/cogov/enterprise/: each endpoint with each role (the same services, permissions and
audit as the pages): create, list, detail, route, answer, close, rate."""

import json

import pytest
from django.test import Client
from factories import UnitFactory, UserFactory, enterprise_request, uscc

from gongzhi.accounts import services as account_services
from gongzhi.cogov.models_enterprise import EnterpriseRequest
from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db

BASE = "/api/v1/cogov/enterprise/requests"


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _post(client, path, body, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture
def w(users):
    class W:
        office = users["cogov_office"]
        leader = users["leader"]
        evaluator = users["evaluator"]
        admin = users["admin"]
        tax_officer = users["tax_officer"]
        lead = UnitFactory()
        co = UnitFactory()
        other = UnitFactory()
        lead_liaison = UserFactory(role=Role.LIAISON, unit=lead)
        co_liaison = UserFactory(role=Role.LIAISON, unit=co)
        other_liaison = UserFactory(role=Role.LIAISON, unit=other)
        grid_worker = UserFactory(role=Role.GRID_WORKER, unit=UnitFactory(kind="town"))

    _token, W.secret = account_services.token_create(
        actor=users["admin"], unit=W.lead, name="测试系统（测试）"
    )
    return W


def _body(**over):
    return {
        "uscc": uscc(),
        "enterprise_name": "接口企业（测试）",
        "contact_name": "联系人戊（测试）",
        "contact_phone": "13512345678",
        "kind": "approval",
        "content": "接口登记的诉求（测试）",
        **over,
    }


def test_create_by_role(w):
    for user, status in [
        (w.lead_liaison, 200),
        (w.grid_worker, 200),
        (w.office, 200),
        (w.tax_officer, 200),
        (w.admin, 200),
        (w.leader, 403),
        (w.evaluator, 403),
        (None, 401),
    ]:
        response = _post(_client(user), BASE, _body(content=f"接口登记{status}（测试）"))
        assert response.status_code == status, (user, response.content)
    token = _post(Client(), BASE, _body(content="令牌登记（测试）"), Authorization=f"Bearer {w.secret}")
    assert token.status_code == 403
    created = _post(_client(w.grid_worker), BASE, _body(content="网格员接口登记（测试）")).json()
    assert (
        created["channel"] == "grid" and created["state"] == "new" and created["contact"]["masked"] is False
    )
    bad = _post(_client(w.lead_liaison), BASE, _body(uscc="91370306MA3C00000Y", content="接口坏代码（测试）"))
    assert bad.status_code == 400 and bad.json()["extra"]["field"] == "uscc"
    assert "校验位不正确" in bad.json()["message"]
    assert not EnterpriseRequest.objects.filter(content="接口坏代码（测试）").exists()


def test_list_and_detail_by_role(w):
    r = enterprise_request(
        lead=w.lead, co=[w.co], content="接口列表诉求XQ（测试）", contact_phone="13612345678"
    )
    for user, listed, detail in [
        (w.office, True, 200),
        (w.leader, True, 200),
        (w.lead_liaison, True, 200),
        (w.co_liaison, True, 200),
        (w.other_liaison, False, 404),
        (w.evaluator, None, 403),
    ]:
        client = _client(user)
        rows = client.get(BASE)
        if listed is None:
            assert rows.status_code == 403
        else:
            assert rows.status_code == 200
            mine = [x for x in rows.json() if x["id"] == r.pk]
            assert bool(mine) == listed, user
            if mine:
                assert mine[0]["contact"] == {"name": "联*******", "phone": "136****5678", "masked": True}
        assert client.get(f"{BASE}/{r.pk}").status_code == detail, user
    detail = _client(w.leader).get(f"{BASE}/{r.pk}").json()
    assert detail["contact"]["masked"] is True and [u["role"] for u in detail["units"]] == ["lead", "co"]
    seen = _client(w.co_liaison).get(f"{BASE}/{r.pk}").json()
    assert seen["contact"] == {"name": "联系人甲（测试）", "phone": "13612345678", "masked": False}
    assert AuditEntry.objects.filter(
        action=AuditAction.ENTERPRISE_CONTACT_VIEWED, object_id=str(r.pk), user_id=w.co_liaison.pk
    ).exists()
    assert _client(None).get(BASE).status_code == 401
    assert Client().get(BASE, headers={"Authorization": f"Bearer {w.secret}"}).status_code == 403
    assert _client(w.office).get(BASE, {"status": "bogus"}).status_code == 400
    overdue = _client(w.office).get(BASE, {"status": "overdue"}).json()
    assert all(x["overdue_days"] > 0 for x in overdue)


def test_route_answer_close_rate_by_role(w):
    r = enterprise_request(content="接口流程诉求（测试）")
    path = f"{BASE}/{r.pk}"
    route = {"lead_unit_id": w.lead.pk, "co_unit_ids": [w.co.pk]}
    assert _post(_client(w.leader), path + "/route", route).status_code == 403
    assert _post(_client(w.lead_liaison), path + "/route", route).status_code == 404  # not his yet
    assert _post(_client(w.office), path + "/route", {"lead_unit_id": 999999}).status_code == 400
    routed = _post(_client(w.office), path + "/route", route)
    assert routed.status_code == 200 and routed.json()["state"] == "routed"
    assert _post(_client(w.lead_liaison), path + "/route", route).status_code == 403

    assert (
        _post(_client(w.other_liaison), path + "/answer", {"answer": "别的单位（测试）"}).status_code == 404
    )
    assert _post(_client(w.leader), path + "/answer", {"answer": "领导答复（测试）"}).status_code == 403
    short = _post(_client(w.lead_liaison), path + "/answer", {"answer": "好"})
    assert short.status_code == 400 and short.json()["extra"]["field"] == "answer"
    assert (
        _post(_client(w.lead_liaison), path + "/answer", {"answer": "主办已答复（测试）"}).status_code == 200
    )
    early = _post(_client(w.lead_liaison), path + "/close", {"reply": "提前办结（测试）"})
    assert early.status_code == 409 and w.co.name in early.json()["message"]
    answered = _post(_client(w.co_liaison), path + "/answer", {"answer": "协办已答复（测试）"})
    assert answered.json()["state"] == "answered"
    assert _post(_client(w.co_liaison), path + "/close", {"reply": "协办办结（测试）"}).status_code == 403
    closed = _post(_client(w.lead_liaison), path + "/close", {"reply": "已办结答复企业（测试）"})
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    assert closed.json()["reply"] == "已办结答复企业（测试）"

    assert _post(_client(w.lead_liaison), path + "/rate", {"satisfaction": "satisfied"}).status_code == 403
    assert _post(_client(w.office), path + "/rate", {"satisfaction": "great"}).status_code == 400
    rated = _post(_client(w.office), path + "/rate", {"satisfaction": "satisfied", "comment": "满意"})
    assert rated.status_code == 200 and rated.json()["satisfaction_name"] == "满意"
    assert _post(_client(w.office), path + "/rate", {"satisfaction": "basic"}).status_code == 409
    actions = set(
        AuditEntry.objects.filter(object_id=str(r.pk), object_type="cogov.enterpriserequest").values_list(
            "action", flat=True
        )
    )
    assert {
        AuditAction.ENTERPRISE_REQUEST_ROUTED,
        AuditAction.ENTERPRISE_REQUEST_ANSWERED,
        AuditAction.ENTERPRISE_REQUEST_CLOSED,
        AuditAction.ENTERPRISE_REQUEST_RATED,
    } <= actions


def test_the_endpoints_are_in_the_openapi_document(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    base = "/api/v1/cogov/enterprise/requests"
    assert {"post", "get"} <= set(paths[base])
    for tail in ("", "/route", "/answer", "/close", "/rate"):
        assert f"{base}/{{request_id}}{tail}" in paths
