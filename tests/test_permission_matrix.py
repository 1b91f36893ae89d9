"""Every URL and API route, walked by every role: each gets exactly what it should.

Adding a route without adding it here fails `test_matrix_covers_every_route`.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gongzhi.accounts import services as account_services
from gongzhi.accounts.models import User
from gongzhi.core.models import JobRun
from gongzhi.org.models import Group, Membership, Unit
from gongzhi.plans.choices import ImportState
from gongzhi.plans.models import PlanImport, PolicyDocument
from gongzhi.plans.services import plan_parse

SMALL_PLAN = """示例方案（演示）
一、任务
（一）建设设施。到2025年建成3个。（牵头单位：区卫生健康局）
"""

pytestmark = pytest.mark.django_db

PRINCIPALS = [
    "anon",
    "admin",
    "plan_office",
    "cogov_office",
    "liaison",
    "liaison_other",
    "tax_officer",
    "leader",
    "evaluator",
    "token",
]
USERNAMES = {
    "admin": "admin",
    "plan_office": "fuer",
    "cogov_office": "gongzhi",
    "liaison": "weijian",
    "liaison_other": "jiaoti",
    "tax_officer": "shuiwu",
    "leader": "lingdao",
    "evaluator": "pinggu",
}
ROLES = [p for p in PRINCIPALS if p not in {"anon", "token"}]


def expect(default: int, anon: int | None = 302, token: int | None = None, **overrides: int) -> dict:
    table = {p: default for p in ROLES}
    table["anon"] = anon
    table["token"] = anon if token is None else token  # a token does not log in to pages
    table.update(overrides)
    return table


def only(
    allowed: list[str], ok: int = 200, denied: int = 403, anon: int = 302, token: int | None = None
) -> dict:
    table = {p: (ok if p in allowed else denied) for p in ROLES}
    table["anon"] = anon
    table["token"] = anon if token is None else token
    return table


OFFICES = ["admin", "plan_office", "cogov_office"]

# (route name, method, path builder, expectations). {unit}: 区卫生健康局; {job}: a job of that unit.
MATRIX = [
    ("core:home", "get", "/", expect(200)),
    ("core:audit_list", "get", "/audit/", only(["admin"])),
    ("core:job_list", "get", "/jobs/", expect(200)),
    ("core:job_detail", "get", "/jobs/{job}/", only(["admin", "liaison"], denied=404)),
    ("core:job_progress", "get", "/jobs/{job}/progress/", only(["admin", "liaison"], denied=404)),
    ("core:set_language", "post", "/i18n/setlang/", expect(302, anon=302)),
    ("core:healthz", "get", "/healthz", expect(200, anon=200)),
    ("accounts:login", "get", "/accounts/login/", expect(302, anon=200)),
    ("accounts:logout", "post", "/accounts/logout/", expect(302)),
    ("accounts:password_change", "get", "/accounts/password/", expect(200)),
    ("accounts:user_list", "get", "/accounts/users/", only(["admin"])),
    ("accounts:user_create", "get", "/accounts/users/new/", only(["admin"])),
    ("accounts:user_detail", "get", "/accounts/users/{user}/", only(["admin"])),
    ("accounts:token_list", "get", "/accounts/tokens/", only(["admin"])),
    ("accounts:token_revoke", "post", "/accounts/tokens/{token_id}/revoke/", only(["admin"], ok=302)),
    ("org:unit_list", "get", "/org/units/", expect(200)),
    ("org:unit_create", "get", "/org/units/new/", only(["admin"])),
    ("org:units_upload", "post", "/org/units/upload/", only(["admin"], ok=302)),
    ("org:unit_detail", "get", "/org/units/{unit}/", expect(200)),
    ("org:unit_workspace", "get", "/org/units/{unit}/workspace/", only([*OFFICES, "liaison"], denied=404)),
    ("org:group_list", "get", "/org/groups/", expect(200)),
    ("org:group_detail", "get", "/org/groups/{group}/", expect(200)),
    ("org:membership_add", "post", "/org/groups/{group}/members/add/", only(OFFICES, ok=302)),
    ("org:membership_edit", "get", "/org/memberships/{membership}/", only(OFFICES)),
    # API: 401 without credentials; tokens act for their unit with the token capabilities only.
    ("api:me", "get", "/api/v1/me", expect(200, anon=401, token=200)),
    ("api:job_get", "get", "/api/v1/jobs/{job}", only(["admin", "liaison"], denied=404, anon=401, token=403)),
    ("api:units", "get", "/api/v1/org/units", expect(200, anon=401, token=200)),
    ("api:units_match", "get", "/api/v1/org/units/match?name=区医保分局", expect(200, anon=401, token=200)),
    ("api:group", "get", "/api/v1/org/groups/{group}", expect(200, anon=401, token=403)),
    ("api:users", "get", "/api/v1/accounts/users", only(["admin"], anon=401, token=403)),
    ("plans:plan_list", "get", "/plans/", expect(200)),
    ("plans:plan_upload", "post", "/plans/upload/", only(OFFICES, ok=302)),
    ("plans:plan_detail", "get", "/plans/{plan}/", expect(200)),
    ("plans:plan_source", "get", "/plans/{plan}/source/", expect(200)),
    ("plans:task_detail", "get", "/plans/tasks/{task}/", expect(200)),
    ("plans:unit_tasks", "get", "/plans/units/{unit}/", expect(200)),
    ("plans:my_tasks", "get", "/plans/mine/", expect(302)),
    # an import in review belongs to the plan office that uploaded it (区妇儿工委办公室)
    (
        "plans:import_detail",
        "get",
        "/plans/imports/{import}/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    (
        "plans:import_status",
        "get",
        "/plans/imports/{import}/status/",
        only(["admin", "plan_office"], ok=204, denied=404),
    ),
    (
        "plans:import_review",
        "get",
        "/plans/imports/{import}/review/0/",
        only(["admin", "plan_office"], denied=404),
    ),
    (
        "plans:import_decide_unit",
        "post",
        "/plans/imports/{import}/review/0/units/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    (
        "plans:import_edit_target",
        "post",
        "/plans/imports/{import}/review/0/tasks/0/targets/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    (
        "plans:import_confirm",
        "post",
        "/plans/imports/{import}/review/0/confirm/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    (
        "plans:import_cancel",
        "post",
        "/plans/imports/{import}/cancel/",
        only(["admin", "plan_office"], ok=302, denied=404),
    ),
    ("api:plans", "get", "/api/v1/plans", expect(200, anon=401, token=403)),
    ("api:plan", "get", "/api/v1/plans/{plan}", expect(200, anon=401, token=403)),
    ("api:unit_tasks", "get", "/api/v1/plans/units/{unit}/tasks", expect(200, anon=401, token=403)),
    ("api:parse", "post", "/api/v1/plans/parse", only(OFFICES, anon=401, token=403)),
    ("api:openapi-json", "get", "/api/v1/openapi.json", expect(200, anon=200, token=200)),
    ("api:openapi-view", "get", "/api/v1/docs", expect(200, anon=200, token=200)),
    ("api:api-root", "get", "/api/v1/", expect(404, anon=404, token=404)),
]


def _route_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_matrix_covers_every_route():
    assert _route_names() - {name for name, *_ in MATRIX} == set()


@pytest.fixture
def world(users):
    unit = Unit.objects.get(name="区卫生健康局")
    job = JobRun.objects.create(
        kind="core.selfcheck",
        title="卫健局任务（演示）",
        unit=unit,
        created_by=User.objects.get(username="weijian"),
    )
    token, secret = account_services.token_create(actor=users["admin"], unit=unit, name="卫健系统（演示）")
    group = Group.objects.get(name="周村区税费协同共治领导小组")
    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")  # the evaluator is assigned to it
    payload = plan_parse(data=SMALL_PLAN.encode(), filename="small.txt")
    texts = payload.pop("texts")
    plan_import = PlanImport.objects.create(
        filename="small.txt",
        file_path="/nonexistent",
        size=1,
        sha256="x",
        state=ImportState.REVIEW,
        result=payload,
        texts=texts,
        created_by=users["plan_office"],
        unit=users["plan_office"].unit,
    )
    return {
        "plan": plan.pk,
        "task": plan.nodes.tasks().first().pk,
        "import": plan_import.pk,
        "unit": unit.pk,
        "job": job.pk,
        "user": users["liaison"].pk,
        "token_id": token.pk,
        "group": group.pk,
        "membership": Membership.objects.filter(group=group).first().pk,
        "secret": secret,
    }


def _client(principal: str, world) -> tuple[Client, dict]:
    client = Client()
    headers = {}
    if principal == "token":
        headers = {"Authorization": f"Bearer {world['secret']}"}
    elif principal != "anon":
        client.force_login(User.objects.get(username=USERNAMES[principal]))
    return client, headers


POST_DATA = {
    "core:set_language": {"language": "zh-hans"},
    "plans:import_decide_unit": {"name": "区卫生健康局", "action": "ignore"},
}


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_each_principal_gets_exactly_what_it_should(principal, world):
    leaks = []
    for name, method, template, expected in MATRIX:
        client, headers = _client(principal, world)
        path = template.format(**world)
        data = POST_DATA.get(name, {})
        if name == "api:parse":
            data = {"file": SimpleUploadedFile("small.txt", SMALL_PLAN.encode())}
        response = (
            getattr(client, method)(path, data, headers=headers)
            if method == "post"
            else client.get(path, headers=headers)
        )
        if response.status_code != expected[principal]:
            leaks.append(f"{name} {path}: {response.status_code} (expected {expected[principal]})")
    assert leaks == []
