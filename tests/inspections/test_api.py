"""/api/v1/inspections/ (issue 16, part 7): inspections, findings and rectification items through
the pages' services — each endpoint walked by every kind of caller (no login 401; a unit's API
token 403; a role that may not act 403; another unit's item or a plan the evaluator is not assigned
to 404, as if missing), and the writes checked for their state, their files and their audit entry."""

import base64
import datetime

import pytest
from django.test import Client
from factories import PolicyDocumentFactory, UnitFactory, UserFactory

from gongzhi.accounts import services as account_services
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.inspections.models import Finding, Inspection, Rectification

pytestmark = pytest.mark.django_db

BASE = "/api/v1/inspections"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32
PNG64 = base64.b64encode(PNG).decode()
WHO = ["anon", "token", "liaison", "liaison_b", "office", "evaluator", "other_evaluator", "leader"]


@pytest.fixture
def world(users, data_dir):
    office_unit, unit_a, unit_b = UnitFactory(), UnitFactory(), UnitFactory()
    plan = PolicyDocumentFactory(office_unit=office_unit)
    evaluator = UserFactory(role=Role.EVALUATOR, unit=UnitFactory())
    plan.evaluators.add(evaluator)
    inspection = Inspection.objects.create(
        plan=plan,
        kind="unannounced",
        date=clock.today() - datetime.timedelta(days=5),
        place="示例托育点（测试）",
        unit=unit_a,
        inspector=evaluator,
    )
    finding = Finding.objects.create(inspection=inspection, text="消防通道堵塞（测试）", order=1)
    rectification = Rectification.objects.create(
        finding=finding,
        unit=unit_a,
        requirement="清理通道（测试）",
        deadline=clock.today() + datetime.timedelta(days=20),
    )
    _token, secret = account_services.token_create(actor=users["admin"], unit=unit_a, name="单位系统（测试）")
    return {
        "plan": plan,
        "inspection": inspection,
        "finding": finding,
        "rectification": rectification,
        "unit_a": unit_a,
        "liaison": UserFactory(role=Role.LIAISON, unit=unit_a),
        "liaison_b": UserFactory(role=Role.LIAISON, unit=unit_b),
        "office": UserFactory(role=Role.PLAN_OFFICE, unit=office_unit),
        "evaluator": evaluator,
        "other_evaluator": UserFactory(role=Role.EVALUATOR, unit=UnitFactory()),
        "leader": users["leader"],
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


def table(**allowed) -> dict:
    return {"anon": 401, "token": 403, **allowed}


READ_ALL = table(liaison=200, liaison_b=200, office=200, evaluator=200, other_evaluator=200, leader=200)
READ_ONE = table(liaison=200, liaison_b=404, office=200, evaluator=200, other_evaluator=404, leader=200)
INSPECT = table(liaison=403, liaison_b=404, office=200, evaluator=200, other_evaluator=404, leader=403)
OFFICE = table(liaison=403, liaison_b=404, office=200, evaluator=403, other_evaluator=404, leader=403)

ENDPOINTS = [
    ("inspections", "get", "/inspections", None, None, READ_ALL),
    ("inspection", "get", "/inspections/{inspection}", None, None, READ_ONE),
    (
        "record",
        "post",
        "/inspections",
        {
            "plan": "{plan}",
            "kind": "planned",
            "date": "{today}",
            "place": "某社区（测试）",
            "unit": "{unit_a}",
            "findings": ["台账不全（测试）"],
            "photos": [{"filename": "现场.png", "content_base64": PNG64}],
        },
        None,
        INSPECT | {"liaison_b": 403},  # the plan is open to every unit; inspecting it is not
    ),
    ("finding", "post", "/inspections/{inspection}/findings", {"text": "照明不足（测试）"}, None, INSPECT),
    (
        "raise",
        "post",
        "/findings/{finding}/rectifications",
        {"unit": "{unit_a}", "requirement": "加装照明（测试）", "deadline": "{later}"},
        None,
        INSPECT,
    ),
    ("rectifications", "get", "/rectifications", None, None, READ_ALL),
    ("rectification", "get", "/rectifications/{rectification}", None, None, READ_ONE),
    (
        "submit",
        "post",
        "/rectifications/{rectification}/submit",
        {"result": "已清理（测试）", "files": [{"filename": "整改后.png", "content_base64": PNG64}]},
        None,
        table(liaison=200, liaison_b=404, office=403, evaluator=403, other_evaluator=404, leader=403),
    ),
    ("close", "post", "/rectifications/{rectification}/close", {"comment": "同意"}, "submitted", OFFICE),
    (
        "return",
        "post",
        "/rectifications/{rectification}/return",
        {"comment": "照片不清"},
        "submitted",
        OFFICE,
    ),
]


def _fill(value, keys):
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in keys:
            return keys[value[1:-1]]
        return value.format(**keys) if "{" in value else value
    if isinstance(value, dict):
        return {k: _fill(v, keys) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, keys) for v in value]
    return value


def _keys(world) -> dict:
    return {
        "plan": world["plan"].pk,
        "inspection": world["inspection"].pk,
        "finding": world["finding"].pk,
        "rectification": world["rectification"].pk,
        "unit_a": world["unit_a"].pk,
        "today": str(clock.today()),
        "later": str(clock.today() + datetime.timedelta(days=30)),
    }


def _state(world) -> tuple:
    r = Rectification.objects.get(pk=world["rectification"].pk)
    return (
        Inspection.objects.count(),
        Finding.objects.count(),
        Rectification.objects.count(),
        r.state,
        r.result,
    )


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_each_endpoint_answers_each_caller_as_the_pages_do(endpoint, who, world):
    _label, method, path, body, state, expected = endpoint
    if state:
        Rectification.objects.filter(pk=world["rectification"].pk).update(state=state, result="已清理")
    keys = _keys(world)
    before = _state(world)
    response = call(world, who, method, _fill(path, keys), _fill(body, keys))
    assert response.status_code == expected[who], response.content.decode()
    if response.status_code >= 400:
        answer = response.json()
        assert set(answer) == {"code", "message", "extra"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in answer["message"])
        assert _state(world) == before  # a refusal changes nothing


def test_an_inspection_is_recorded_a_rectification_raised_submitted_returned_and_closed(world):
    keys = _keys(world)
    recorded = call(
        world,
        "evaluator",
        "post",
        "/inspections",
        _fill(ENDPOINTS[2][3], keys),
    )
    assert recorded.status_code == 200, recorded.content
    inspection = recorded.json()
    assert inspection["kind_label"] == "定期督查" and inspection["photos"] == ["现场.png"]
    assert [f["text"] for f in inspection["findings"]] == ["台账不全（测试）"]
    finding = inspection["findings"][0]["id"]
    raised = call(
        world,
        "evaluator",
        "post",
        f"/findings/{finding}/rectifications",
        {"unit": world["unit_a"].pk, "requirement": "补齐台账", "deadline": keys["later"]},
    ).json()
    assert raised["state"] == "open" and raised["unit"] == world["unit_a"].name
    # the unit sees it in its list and answers it with evidence
    assert raised["id"] in [
        r["id"] for r in call(world, "liaison", "get", "/rectifications", {"state": "open"}).json()
    ]
    submitted = call(
        world,
        "liaison",
        "post",
        f"/rectifications/{raised['id']}/submit",
        {"result": "已补齐", "files": [{"filename": "台账.png", "content_base64": PNG64}]},
    ).json()
    assert submitted["state"] == "submitted" and submitted["evidence"] == ["台账.png"]
    returned = call(
        world, "office", "post", f"/rectifications/{raised['id']}/return", {"comment": "缺签字"}
    ).json()
    assert returned["state"] == "open"
    # a second submission may rely on the evidence already given
    again = call(
        world, "liaison", "post", f"/rectifications/{raised['id']}/submit", {"result": "已签字"}
    ).json()
    assert again["state"] == "submitted"
    closed = call(
        world, "office", "post", f"/rectifications/{raised['id']}/close", {"comment": "同意销号"}
    ).json()
    assert closed["state"] == "closed" and closed["closed_at"]
    assert [h["step"] for h in closed["history"]] == [
        "提出整改",
        "报送整改结果",
        "退回重新整改",
        "报送整改结果",
        "销号",
    ]
    actions = set(AuditEntry.objects.filter(object_id=str(raised["id"])).values_list("action", flat=True))
    assert {AuditAction.RECTIFICATION_SUBMITTED, AuditAction.RECTIFICATION_CLOSED} <= actions
    assert AuditEntry.objects.filter(
        action=AuditAction.INSPECTION_RECORDED, object_id=str(inspection["id"])
    ).exists()


@pytest.mark.parametrize(
    ("who", "path", "body", "status", "message"),
    [
        (
            "liaison",
            "/rectifications/{rectification}/submit",
            {"result": "已清理"},
            400,
            "请上传整改佐证材料",
        ),
        (
            "liaison",
            "/rectifications/{rectification}/submit",
            {"result": " ", "files": []},
            400,
            "请填写整改结果",
        ),
        (
            "liaison",
            "/rectifications/{rectification}/submit",
            {"result": "已清理", "files": [{"filename": "a.png", "content_base64": "%%%"}]},
            400,
            "整改佐证材料：文件“a.png”的内容不是有效的 base64",
        ),
        (
            "liaison",
            "/rectifications/{rectification}/submit",
            {"result": "已清理", "files": [{"filename": "a.exe", "content_base64": PNG64}]},
            400,
            None,
        ),
        ("office", "/rectifications/{rectification}/close", {}, 409, "整改单位报送整改结果后才能销号"),
        ("office", "/inspections/{inspection}/findings", {"text": " "}, 400, "请填写发现的问题"),
        (
            "office",
            "/findings/{finding}/rectifications",
            {"unit": "{unit_a}", "requirement": "x", "deadline": "2000-01-01"},
            400,
            "整改期限不能早于检查日期",
        ),
        (
            "office",
            "/findings/{finding}/rectifications",
            {"unit": 0, "requirement": "x", "deadline": "{later}"},
            400,
            "整改单位不存在",
        ),
        (
            "office",
            "/inspections",
            {"plan": "{plan}", "kind": "planned", "date": "2999-01-01", "place": "x", "unit": "{unit_a}"},
            400,
            "检查日期不能晚于今天",
        ),
    ],
)
def test_bad_input_is_refused_in_chinese_and_stores_nothing(world, who, path, body, status, message):
    keys = _keys(world)
    before = _state(world)
    response = call(world, who, "post", _fill(path, keys), _fill(body, keys))
    assert response.status_code == status
    assert message is None or response.json()["message"] == message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["message"])
    assert _state(world) == before


def test_lists_show_a_units_own_items_only(world):
    assert [i["id"] for i in call(world, "liaison", "get", "/inspections").json()] == [world["inspection"].pk]
    assert call(world, "liaison_b", "get", "/inspections").json() == []
    assert call(world, "liaison_b", "get", "/rectifications").json() == []
    assert call(world, "other_evaluator", "get", "/rectifications").json() == []
    assert call(world, "office", "get", "/rectifications", {"state": "weather"}).status_code == 422
