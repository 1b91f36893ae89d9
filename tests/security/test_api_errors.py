"""The API's errors: one shape everywhere ({"code", "message", "extra"}), each status declared in
the OpenAPI of the operations that answer it (`core.api.errors`)."""

import pytest
from django.test import Client
from factories import DatasetFactory, UserFactory

from gongzhi.accounts import services as account_services
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db


def _shape(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "extra"} and body["code"] == code and body["message"]
    return body


def test_every_operation_declares_its_errors_with_the_one_shape(client):
    schema = client.get("/api/v1/openapi.json").json()
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"code", "message", "extra"}
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            declared = {int(s) for s in operation["responses"]}
            assert {200, 401, 403, 422} <= declared, (method, path)
            for status in declared - {200}:
                content = operation["responses"][str(status)]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, status)
    lookups = schema["paths"]["/api/v1/cogov/assistance/lookups"]["post"]["responses"]
    assert {"400", "404", "503"} <= set(lookups)


def test_unauthenticated_forbidden_missing_and_invalid_answer_the_same_shape(client, client_for):
    _shape(client.get("/api/v1/me"), 401, "unauthenticated")
    liaison = UserFactory(role=Role.LIAISON)
    body = _shape(client_for(liaison).get("/api/v1/accounts/users"), 403, "permission_denied")
    assert body["message"] == "没有权限执行此操作"
    _shape(client_for(liaison).get("/api/v1/jobs/987654321"), 404, "not_found")
    body = _shape(client_for(liaison).get("/api/v1/jobs/not-a-number"), 422, "invalid_input")
    assert body["extra"]["errors"]


def test_a_session_post_without_its_csrf_token_is_refused_in_the_shape():
    liaison = UserFactory(role=Role.LIAISON)
    client = Client(enforce_csrf_checks=True)
    client.force_login(liaison)
    response = client.post(
        "/api/v1/cogov/assistance/lookups", {"item": "x", "code": "y"}, content_type="application/json"
    )
    body = _shape(response, 403, "permission_denied")
    assert "CSRF" in body["message"]


def test_a_service_refusing_for_the_state_answers_409(data_dir):
    # a dataset without a field specification yet: pushing rows conflicts with its state
    unit = UserFactory().unit
    dataset = DatasetFactory(providers=[unit], spec=False)
    _token, secret = account_services.token_create(
        actor=UserFactory(role=Role.ADMIN), unit=unit, name="对接（测试）"
    )
    response = Client().post(
        f"/api/v1/exchange/datasets/{dataset.code}/rows",
        {"period": "2025-11", "rows": [{"uscc": "x"}]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    _shape(response, 409, "conflict")
