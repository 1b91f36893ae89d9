"""/api/v1/cogov/grid/: every endpoint, walked by the roles it concerns — the same permissions and
scope as the pages (grid worker own/other grid, tax manager, town liaison, office, token)."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from factories import UserFactory

from gongzhi.accounts.models import User
from gongzhi.accounts.services import token_create
from gongzhi.cogov import services_grid as services
from gongzhi.cogov.choices_grid import CHECK_ITEMS
from gongzhi.cogov.demo_grid import _png
from gongzhi.cogov.models_grid import Grid, VerificationTask
from gongzhi.core import clock
from gongzhi.core.roles import Role
from gongzhi.org.models import Unit
from gongzhi.taxrisk.models import Lead

pytestmark = pytest.mark.django_db
BASE = "/api/v1/cogov/grid"
USCC = "91370306MA3GT0006X"


@pytest.fixture
def who(db):
    other_grid = Grid.objects.get(town__name="北郊镇", name="第一网格")
    users = {
        "office": User.objects.get(username="gongzhi"),
        "worker": User.objects.get(username="wangge"),
        "other_worker": other_grid.workers.first(),
        "manager": User.objects.get(username="shuiwu"),
        "other_manager": other_grid.tax_manager,
        "town_liaison": UserFactory(role=Role.LIAISON, unit=Unit.objects.get(name="大街街道")),
        "liaison": User.objects.get(username="weijian"),
        "leader": User.objects.get(username="lingdao"),
        "evaluator": User.objects.get(username="pinggu"),
    }
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    _, secret = token_create(
        actor=UserFactory(role=Role.ADMIN), unit=Unit.objects.get(name="大街街道"), name="测试"
    )
    clients["token"] = Client(headers={"Authorization": f"Bearer {secret}"})
    clients["anon"] = Client()
    return clients


@pytest.fixture
def task(db):
    grid = Grid.objects.get(town__name="大街街道", name="第一网格")
    created = services.task_create(
        actor=None,
        kind="address",
        uscc=USCC,
        taxpayer_name="接口测试户（测试）",
        grid=grid,
        due_date=clock.today() + datetime.timedelta(days=5),
        registry={},
    )
    return created


def _findings(kind="address"):
    return json.dumps(
        [{"item": i, "result": "true", "note": ""} for i in CHECK_ITEMS[kind]], ensure_ascii=False
    )


@pytest.mark.parametrize(
    ("principal", "status", "sees"),
    [
        ("office", 200, True),
        ("leader", 200, True),
        ("worker", 200, True),
        ("manager", 200, True),
        ("town_liaison", 200, True),
        ("other_worker", 200, False),
        ("other_manager", 200, False),
        ("liaison", 200, False),
        ("evaluator", 403, False),
        ("token", 403, False),
        ("anon", 401, False),
    ],
)
def test_list_and_detail_follow_the_grid_scope(who, task, principal, status, sees):
    response = who[principal].get(f"{BASE}/tasks")
    assert response.status_code == status
    if status == 200:
        assert (task.pk in {t["id"] for t in response.json()}) is sees
    detail = who[principal].get(f"{BASE}/tasks/{task.pk}")
    assert detail.status_code == (200 if sees else {200: 404}.get(status, status))
    if sees:
        assert detail.json()["state"] == "pending" and detail.json()["uscc"] == USCC
    grids = who[principal].get(f"{BASE}/grids")
    assert grids.status_code == status
    if status == 200:
        names = {f"{g['town']}{g['name']}" for g in grids.json()}
        assert ("大街街道第一网格" in names) is sees


@pytest.mark.parametrize(
    ("principal", "status"),
    [
        ("office", 200),
        ("manager", 200),
        ("other_manager", 403),
        ("worker", 403),
        ("town_liaison", 403),
        ("token", 403),
    ],
)
def test_create(who, principal, status):
    grid = Grid.objects.get(town__name="大街街道", name="第一网格")
    due = (clock.today() + datetime.timedelta(days=3)).isoformat()
    response = who[principal].post(
        f"{BASE}/tasks",
        {
            "kind": "policy",
            "uscc": USCC,
            "taxpayer_name": "接口新建户（测试）",
            "grid_id": grid.pk,
            "due_date": due,
        },
        content_type="application/json",
    )
    assert response.status_code == status, response.content
    assert VerificationTask.objects.filter(uscc=USCC, kind="policy").exists() is (status == 200)


def test_create_from_a_lead_and_bad_input(who):
    lead = Lead.objects.filter(assignee__username="shuiwu").exclude(uscc="").first()
    grid = Grid.objects.get(town__name="大街街道", name="第一网格")
    due = (clock.today() + datetime.timedelta(days=3)).isoformat()
    response = who["manager"].post(
        f"{BASE}/tasks",
        {"kind": "activity", "lead_id": lead.pk, "grid_id": grid.pk, "due_date": due},
        content_type="application/json",
    )
    assert (
        response.status_code == 200
        and response.json()["lead_id"] == lead.pk
        and response.json()["source"] == "lead"
    )
    bad = who["office"].post(
        f"{BASE}/tasks",
        {"kind": "policy", "uscc": "1", "grid_id": grid.pk, "due_date": due},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "统一社会信用代码" in bad.json()["message"]
    other_lead = (
        Lead.objects.exclude(assignee__username="shuiwu").exclude(assignee_unit__name="区税务局").first()
    )
    hidden = who["manager"].post(
        f"{BASE}/tasks",
        {"kind": "activity", "lead_id": other_lead.pk, "due_date": due},
        content_type="application/json",
    )
    assert hidden.status_code == 404


@pytest.mark.parametrize(
    ("principal", "status"),
    [
        ("office", 200),
        ("manager", 200),
        ("other_manager", 404),
        ("worker", 403),
        ("town_liaison", 403),
        ("token", 403),
    ],
)
def test_dispatch(who, task, principal, status):
    worker = User.objects.get(username="wangge")
    response = who[principal].post(
        f"{BASE}/tasks/{task.pk}/dispatch", {"assignee_id": worker.pk}, content_type="application/json"
    )
    assert response.status_code == status, response.content
    task.refresh_from_db()
    assert (task.state == "dispatched") is (status == 200)


@pytest.mark.parametrize(
    ("principal", "status"),
    [
        ("worker", 200),
        ("other_worker", 404),
        ("manager", 403),
        ("office", 403),
        ("town_liaison", 403),
        ("token", 403),
    ],
)
def test_submit_with_a_photo(who, task, principal, status, data_dir):
    services.task_dispatch(actor=None, task=task)
    response = who[principal].post(
        f"{BASE}/tasks/{task.pk}/submit",
        {"findings": _findings(), "location": "北纬36.8", "photos": [SimpleUploadedFile("a.png", _png())]},
    )
    assert response.status_code == status, response.content
    task.refresh_from_db()
    assert (task.state == "submitted") is (status == 200)
    assert task.photos.count() == (1 if status == 200 else 0)


def test_submit_refuses_bad_findings_and_photos(who, task, data_dir):
    services.task_dispatch(actor=None, task=task)
    url = f"{BASE}/tasks/{task.pk}/submit"
    assert (
        who["worker"]
        .post(url, {"findings": "nope", "location": "x"})
        .json()["message"]
        .startswith("核查结果")
    )
    gif = who["worker"].post(
        url, {"findings": _findings(), "location": "x", "photos": [SimpleUploadedFile("a.gif", b"GIF89a")]}
    )
    assert gif.status_code == 400 and "仅限 jpg、png" in gif.json()["message"]
    task.refresh_from_db()
    assert task.state == "dispatched"


@pytest.mark.parametrize(
    ("principal", "status"),
    [
        ("manager", 200),
        ("other_manager", 404),
        ("worker", 403),
        ("office", 403),
        ("leader", 403),
        ("token", 403),
    ],
)
def test_review(who, task, principal, status, data_dir):
    services.task_dispatch(actor=None, task=task)
    services.task_submit(
        actor=None, task=task, findings=json.loads(_findings()), location="x", photos=[("a.png", _png())]
    )
    response = who[principal].post(
        f"{BASE}/tasks/{task.pk}/review", {"accept": False, "note": "重拍"}, content_type="application/json"
    )
    assert response.status_code == status, response.content
    task.refresh_from_db()
    assert (task.state == "returned") is (status == 200)


def test_state_conflicts_answer_409(who, task):
    response = who["manager"].post(
        f"{BASE}/tasks/{task.pk}/review", {"accept": True}, content_type="application/json"
    )
    assert response.status_code == 409
