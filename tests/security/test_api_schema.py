"""Schemathesis over the OpenAPI of the django-ninja API (issue 10, item 5), in-process against the
WSGI app: every operation, with cases generated from its schema, called as each role (session
cookie) and as a unit's API token. No answer is a server error; every status code is one the
operation documents (errors included: `core.api.errors`), and every answer matches its schema and
content type. Bounded: a few examples per operation and principal. Uses the demo
data set (the demo's plans, datasets and units give the ids a meaning).
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance

from gongzhi.accounts import services as account_services
from gongzhi.org.models import Unit

pytestmark = pytest.mark.django_db

PRINCIPALS = [
    "admin",
    "plan_office",
    "cogov_office",
    "liaison",
    "tax_officer",
    "leader",
    "evaluator",
    "token",
]
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
EXAMPLES = 3


@pytest.fixture
def keep_connection():
    """Calls go to the WSGI application itself, not through Django's test client: keep the test's
    database connection open across requests, as the test client does (on PostgreSQL the
    request_finished handler would close it in the middle of the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def credentials(users):
    """Per principal: (headers, cookies) that authenticate it."""
    made = {}
    for role in PRINCIPALS[:-1]:
        client = Client()
        client.force_login(users[role])
        made[role] = ({}, {"sessionid": client.cookies["sessionid"].value})
    unit = Unit.objects.get(name="区卫生健康局")
    _token, secret = account_services.token_create(actor=users["admin"], unit=unit, name="模糊测试（测试）")
    made["token"] = ({"Authorization": f"Bearer {secret}"}, {})
    return made


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_every_operation_answers_within_its_schema(principal, credentials, keep_connection):
    # (one test per principal: eight shorter tests spread over the test processes instead of one
    # that ran alone for two minutes at the end of a run)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures, answered = [], set()
    headers, cookies = credentials[principal]
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
            answered.add(response.status_code)

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report
            failures.append(f"{operation.label} as {principal}: {str(exc)[:600]}")
    assert failures == []
    if principal in ("admin", "liaison", "token"):
        assert 200 in answered  # the credentials work
