"""/api/v1/supervision/ task reports and supervision orders (issue 16, part 7): each endpoint walked
by every kind of caller — no login 401; a unit's API token 403; a role that may not act 403;
another unit's report or order 404, as if missing — and the writes checked for their state, their
versions and their audit entry, through the pages' services."""

import datetime

import pytest
from django.test import Client
from factories import (
    IndicatorFactory,
    PolicyDocumentFactory,
    ReportingRoundFactory,
    SupervisionOrderFactory,
    TaskReportFactory,
    UnitFactory,
    UserFactory,
)

from gongzhi.accounts import services as account_services
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.supervision.models import SupervisionOrder, TaskReport

pytestmark = pytest.mark.django_db

BASE = "/api/v1/supervision"
WHO = ["anon", "token", "liaison", "liaison_b", "office", "other_office", "leader"]


@pytest.fixture
def world(users):
    office_unit, unit_a, unit_b = UnitFactory(), UnitFactory(), UnitFactory()
    plan = PolicyDocumentFactory(office_unit=office_unit)
    round_ = ReportingRoundFactory(plan=plan)
    report = TaskReportFactory(round=round_, unit=unit_a)
    order = SupervisionOrderFactory(plan=plan, unit=unit_a)
    _token, secret = account_services.token_create(actor=users["admin"], unit=unit_a, name="单位系统（测试）")
    return {
        "plan": plan,
        "round": round_,
        "report": report,
        "order": order,
        "unit_a": unit_a,
        "liaison": UserFactory(role=Role.LIAISON, unit=unit_a),
        "liaison_b": UserFactory(role=Role.LIAISON, unit=unit_b),
        "office": UserFactory(role=Role.PLAN_OFFICE, unit=office_unit),
        "other_office": UserFactory(role=Role.PLAN_OFFICE, unit=UnitFactory()),
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


def _later(days: int = 10) -> str:
    return str(clock.today() + datetime.timedelta(days=days))


def table(**allowed) -> dict:
    return {"anon": 401, "token": 403, **allowed}


REPORT_BODY = {"status": "in_progress", "percent": 60, "done_text": "完成选址（测试）", "problems": ""}

# (label, method, path, body, set-up of the report/order state, who -> status)
ENDPOINTS = [
    (
        "todo",
        "get",
        "/reports",
        None,
        None,
        table(liaison=200, liaison_b=200, office=200, other_office=200, leader=200),
    ),
    (
        "round reports",
        "get",
        "/rounds/{round}/reports",
        None,
        None,
        table(liaison=200, liaison_b=200, office=200, other_office=200, leader=200),
    ),
    (
        "report",
        "get",
        "/reports/{report}",
        None,
        None,
        table(liaison=200, liaison_b=404, office=200, other_office=200, leader=200),
    ),
    (
        "report save",
        "post",
        "/reports/{report}",
        REPORT_BODY,
        None,
        table(liaison=200, liaison_b=404, office=404, other_office=404, leader=404),
    ),
    (
        "report submit",
        "post",
        "/reports/{report}/submit",
        None,
        None,
        table(liaison=200, liaison_b=404, office=404, other_office=404, leader=404),
    ),
    (
        "report review",
        "post",
        "/reports/{report}/review",
        {"accept": True},
        {"report": "submitted"},
        table(liaison=403, liaison_b=404, office=200, other_office=403, leader=403),
    ),
    (
        "orders",
        "get",
        "/orders",
        None,
        None,
        table(liaison=200, liaison_b=200, office=200, other_office=200, leader=200),
    ),
    (
        "order",
        "get",
        "/orders/{order}",
        None,
        None,
        table(liaison=200, liaison_b=404, office=200, other_office=200, leader=200),
    ),
    (
        "order issue",
        "post",
        "/plans/{plan}/orders",
        {"unit": "{unit_a}", "issue": "进度滞后（测试）", "requirement": "报送措施", "deadline": "{later}"},
        None,
        table(liaison=403, liaison_b=403, office=200, other_office=403, leader=403),
    ),
    (
        "order answer",
        "post",
        "/orders/{order}/answer",
        {"answer": "已整改（测试）"},
        None,
        table(liaison=200, liaison_b=404, office=404, other_office=404, leader=404),
    ),
    (
        "order close",
        "post",
        "/orders/{order}/close",
        {"note": "办结"},
        {"order": "answered"},
        table(liaison=403, liaison_b=404, office=200, other_office=403, leader=403),
    ),
    (
        "order escalate",
        "post",
        "/orders/{order}/escalate",
        {"note": "答复不到位（测试）", "deadline": "{later}"},
        None,
        table(liaison=403, liaison_b=404, office=200, other_office=403, leader=403),
    ),
]


def _fill(value, keys):
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in keys:
            return keys[value[1:-1]]
        return value.format(**keys)
    if isinstance(value, dict):
        return {k: _fill(v, keys) for k, v in value.items()}
    return value


def _state(world) -> tuple:
    report, order = (
        TaskReport.objects.get(pk=world["report"].pk),
        SupervisionOrder.objects.get(pk=world["order"].pk),
    )
    return (
        report.state,
        report.version,
        report.done_text,
        order.state,
        order.answer,
        SupervisionOrder.objects.count(),
    )


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_each_endpoint_answers_each_caller_as_the_pages_do(endpoint, who, world):
    _label, method, path, body, setup, expected = endpoint
    if setup and "report" in setup:
        TaskReport.objects.filter(pk=world["report"].pk).update(state=setup["report"])
    if setup and "order" in setup:
        SupervisionOrder.objects.filter(pk=world["order"].pk).update(state=setup["order"], answer="已整改")
    keys = {
        "report": world["report"].pk,
        "round": world["round"].pk,
        "order": world["order"].pk,
        "plan": world["plan"].pk,
        "unit_a": world["unit_a"].pk,
        "later": _later(),
    }
    before = _state(world)
    response = call(world, who, method, _fill(path, keys), _fill(body, keys))
    assert response.status_code == expected[who], response.content.decode()
    if response.status_code >= 400:
        answer = response.json()
        assert set(answer) == {"code", "message", "extra"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in answer["message"])
        assert _state(world) == before  # a refusal changes nothing


# --- task reports -----------------------------------------------------------------------------


def test_a_liaison_files_a_report_the_office_returns_it_and_it_is_filed_again(world):
    report = world["report"]
    saved = call(world, "liaison", "post", f"/reports/{report.pk}", REPORT_BODY)
    assert saved.status_code == 200
    assert saved.json()["state"] == "draft" and saved.json()["percent"] == 60
    assert saved.json()["versions"][0]["note"] == "保存草稿"
    submitted = call(world, "liaison", "post", f"/reports/{report.pk}/submit").json()
    assert submitted["state"] == "submitted" and submitted["submitted_by"] == world["liaison"].username
    returned = call(
        world, "office", "post", f"/reports/{report.pk}/review", {"accept": False, "comment": "请补充佐证"}
    )
    assert returned.json()["state"] == "returned" and returned.json()["review_comment"] == "请补充佐证"
    again = call(
        world, "liaison", "post", f"/reports/{report.pk}", {**REPORT_BODY, "percent": 80, "submit": True}
    )
    assert again.json()["state"] == "submitted" and again.json()["percent"] == 80
    accepted = call(world, "office", "post", f"/reports/{report.pk}/review", {"accept": True})
    assert accepted.json()["state"] == "accepted"
    actions = set(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    assert {
        AuditAction.REPORT_SAVED,
        AuditAction.REPORT_SUBMITTED,
        AuditAction.REPORT_RETURNED,
        AuditAction.REPORT_ACCEPTED,
    } <= actions


@pytest.mark.parametrize(
    ("who", "path", "body", "state", "status", "message"),
    [
        ("liaison", "", {**REPORT_BODY, "percent": 101}, "draft", 422, "请求参数不正确"),
        ("liaison", "", {**REPORT_BODY, "status": "asleep"}, "draft", 422, "请求参数不正确"),
        ("liaison", "", {**REPORT_BODY, "done_text": "", "submit": True}, "draft", 400, "请先填写工作进展"),
        ("liaison", "", REPORT_BODY, "submitted", 409, "报告已提交，不能修改；如需修改请联系牵头办公室退回"),
        ("liaison", "/submit", None, "accepted", 409, "报告已提交，不能重复提交"),
        ("office", "/review", {"accept": False}, "submitted", 400, "退回时请填写意见"),
        ("office", "/review", {"accept": True}, "draft", 409, "只能审核已提交的报告"),
    ],
)
def test_bad_report_acts_are_refused_in_chinese_and_store_nothing(
    world, who, path, body, state, status, message
):
    report = world["report"]
    TaskReport.objects.filter(pk=report.pk).update(state=state)
    before = _state(world)
    response = call(world, who, "post", f"/reports/{report.pk}{path}", body)
    assert response.status_code == status and response.json()["message"] == message
    assert _state(world) == before


def test_the_todo_and_round_lists_show_a_units_own_reports_only(world):
    mine = [r["id"] for r in call(world, "liaison", "get", "/reports").json()]
    assert world["report"].pk in mine
    assert world["report"].pk not in [r["id"] for r in call(world, "liaison_b", "get", "/reports").json()]
    listed = call(world, "liaison_b", "get", f"/rounds/{world['round'].pk}/reports").json()
    assert world["report"].pk not in [r["id"] for r in listed]
    assert world["report"].pk in [
        r["id"] for r in call(world, "office", "get", f"/rounds/{world['round'].pk}/reports").json()
    ]


# --- orders -----------------------------------------------------------------------------------


def test_an_order_is_issued_answered_escalated_and_closed(world):
    indicator = IndicatorFactory(plan=world["plan"], reporting_unit=world["unit_a"])
    issued = call(
        world,
        "office",
        "post",
        f"/plans/{world['plan'].pk}/orders",
        {
            "unit": world["unit_a"].pk,
            "issue": "指标滞后（测试）",
            "requirement": "报送措施",
            "deadline": _later(),
            "indicator": indicator.pk,
        },
    )
    assert issued.status_code == 200, issued.content
    order = issued.json()
    assert (
        order["state"] == "issued"
        and order["number"].startswith("督办〔")
        and order["indicator"] == indicator.pk
    )
    assert order["issued_by"] == world["office"].username
    answered = call(
        world, "liaison", "post", f"/orders/{order['id']}/answer", {"answer": "已建成（测试）"}
    ).json()
    assert answered["state"] == "answered" and answered["answered_by"] == world["liaison"].username
    escalated = call(
        world,
        "office",
        "post",
        f"/orders/{order['id']}/escalate",
        {"note": "佐证不足", "deadline": _later(20)},
    ).json()
    assert escalated["state"] == "escalated" and escalated["deadline"] == _later(20)
    call(world, "liaison", "post", f"/orders/{order['id']}/answer", {"answer": "补充佐证（测试）"})
    closed = call(world, "office", "post", f"/orders/{order['id']}/close", {"note": "同意办结"}).json()
    assert closed["state"] == "closed" and closed["close_note"] == "同意办结"
    actions = set(AuditEntry.objects.filter(object_id=str(order["id"])).values_list("action", flat=True))
    assert {
        AuditAction.ORDER_ISSUED,
        AuditAction.ORDER_ANSWERED,
        AuditAction.ORDER_ESCALATED,
        AuditAction.ORDER_CLOSED,
    } <= actions
    listed = call(world, "liaison", "get", "/orders", {"state": "closed"}).json()
    assert [o["id"] for o in listed] == [order["id"]]
    assert call(world, "liaison_b", "get", "/orders").json() == []


@pytest.mark.parametrize(
    ("who", "path", "body", "status", "message"),
    [
        (
            "office",
            "/plans/{plan}/orders",
            {"unit": 0, "issue": "x", "requirement": "y", "deadline": "{later}"},
            400,
            "督办单位不存在",
        ),
        (
            "office",
            "/plans/{plan}/orders",
            {"unit": "{unit_a}", "issue": " ", "requirement": "y", "deadline": "{later}"},
            400,
            "请填写督办事项和办理要求",
        ),
        (
            "office",
            "/plans/{plan}/orders",
            {"unit": "{unit_a}", "issue": "x", "requirement": "y", "deadline": "{past}"},
            400,
            "办理期限不能早于今天",
        ),
        (
            "office",
            "/plans/{plan}/orders",
            {"unit": "{unit_a}", "issue": "x", "requirement": "y", "deadline": "{later}", "task": 0},
            400,
            "任务不属于该方案",
        ),
        ("liaison", "/orders/{order}/answer", {"answer": " "}, 400, "请填写整改措施及成效"),
        ("office", "/orders/{order}/close", {}, 409, "单位答复后才能办结"),
        (
            "office",
            "/orders/{order}/escalate",
            {"note": " ", "deadline": "{later}"},
            400,
            "请填写升级督办的说明",
        ),
    ],
)
def test_bad_order_acts_are_refused_in_chinese_and_store_nothing(world, who, path, body, status, message):
    keys = {
        "plan": world["plan"].pk,
        "order": world["order"].pk,
        "unit_a": world["unit_a"].pk,
        "later": _later(),
        "past": str(clock.today() - datetime.timedelta(days=1)),
    }
    before = _state(world)
    response = call(world, who, "post", _fill(path, keys), _fill(body, keys))
    assert response.status_code == status and response.json()["message"] == message
    assert _state(world) == before


def test_a_plan_the_evaluator_is_not_assigned_to_is_missing(world):
    evaluator = UserFactory(role=Role.EVALUATOR, unit=UnitFactory())
    client = Client()
    client.force_login(evaluator)
    assert client.get(f"{BASE}/orders/{world['order'].pk}").status_code == 404
    assert client.get(f"{BASE}/reports/{world['report'].pk}").status_code == 404
    world["plan"].evaluators.add(evaluator)
    assert client.get(f"{BASE}/reports/{world['report'].pk}").status_code == 200
