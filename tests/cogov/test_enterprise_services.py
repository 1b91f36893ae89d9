"""Enterprise requests (企业诉求): entering, the state machine (route → each unit answers → the lead
unit closes → rated once), refusals that name the field and store nothing, overdue warnings, the
to-do list, the leader's figures and the counts by unit and type."""

import datetime

import pytest
from factories import UnitFactory, UserFactory, enterprise_request, uscc

from gongzhi.cogov import selectors_enterprise as selectors
from gongzhi.cogov import services_enterprise as services
from gongzhi.cogov.choices_enterprise import RequestChannel, RequestState
from gongzhi.cogov.models_enterprise import EnterpriseRequest
from gongzhi.core.audit import AuditAction
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry, Notification
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 6, 2)  # a Monday


def _fields(**over):
    return {
        "uscc": uscc(),
        "enterprise_name": "测试企业（测试）",
        "contact_name": "联系人乙（测试）",
        "contact_phone": "139 1234 5678",
        "kind": "finance",
        "content": "希望了解银税互动贷款（测试）",
        **over,
    }


@pytest.fixture
def w(users):
    class W:
        office = users["cogov_office"]
        lead = UnitFactory()
        co = UnitFactory()
        other = UnitFactory()
        lead_liaison = UserFactory(role=Role.LIAISON, unit=lead)
        co_liaison = UserFactory(role=Role.LIAISON, unit=co)
        other_liaison = UserFactory(role=Role.LIAISON, unit=other)
        leader = users["leader"]

    return W


def _audited(action, request) -> int:
    return AuditEntry.objects.filter(action=action, object_id=str(request.pk)).count()


def test_a_department_enters_a_request_and_it_is_audited(w):
    code = uscc()
    r = services.request_create(actor=w.lead_liaison, today=DAY, **_fields(uscc=f" {code.lower()} "))
    assert r.uscc == code
    assert r.channel == RequestChannel.DEPARTMENT and r.entered_unit == w.lead
    assert r.state == RequestState.NEW and r.received_on == DAY
    assert r.contact_phone == "13912345678"  # spaces dropped
    assert r.enterprise_name == "测试企业（测试）"  # Chinese brackets stay as typed
    assert r.receipt_no.startswith("QS20250602") and len(r.receipt_no) == 16
    assert _audited(AuditAction.ENTERPRISE_REQUEST_RECEIVED, r) == 1


def test_a_grid_worker_enters_a_grid_request(w):
    worker = UserFactory(role=Role.GRID_WORKER, unit=UnitFactory(kind="town"))
    r = services.request_create(actor=worker, today=DAY, **_fields())
    assert r.channel == RequestChannel.GRID and r.entered_unit == worker.unit


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"uscc": "91370306MA3C00000Y"}, "uscc", "统一社会信用代码：校验位不正确"),
        ({"uscc": "9137030"}, "uscc", "统一社会信用代码：应为18位"),
        ({"uscc": ""}, "uscc", "统一社会信用代码：请填写"),
        ({"contact_phone": "12345"}, "contact_phone", "联系电话：不是有效的手机号"),
        ({"kind": "gift"}, "kind", "诉求类型：请从列表中选择"),
        ({"content": "  "}, "content", "诉求内容：请填写"),
        ({"enterprise_name": "企" * 101}, "enterprise_name", "企业名称：最多100个字"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(w, over, field, words):
    before = EnterpriseRequest.objects.count()
    with pytest.raises(ApplicationError) as err:
        services.request_create(actor=w.lead_liaison, today=DAY, **_fields(**over))
    assert err.value.extra["field"] == field and words in err.value.message
    assert EnterpriseRequest.objects.count() == before


def test_who_may_enter_and_route(w):
    with pytest.raises(ApplicationError):
        services.request_create(actor=w.leader, today=DAY, **_fields())
    r = enterprise_request()
    with pytest.raises(ApplicationError) as err:
        services.request_route(actor=w.lead_liaison, request=r, lead_unit=w.lead, today=DAY)
    assert err.value.code == "permission_denied"
    r.refresh_from_db()
    assert r.state == RequestState.NEW and not r.units.exists()


def test_one_stop_two_units_answer_the_lead_closes_the_office_rates(w, django_capture_on_commit_callbacks):
    r = enterprise_request()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_route(
            actor=w.office, request=r, lead_unit=w.lead, co_units=[w.co, w.lead], today=DAY
        )
    r.refresh_from_db()
    assert r.state == RequestState.ROUTED and r.deadline == DAY + datetime.timedelta(days=7)
    assert [(p.unit, p.role) for p in r.units.all()] == [(w.lead, "lead"), (w.co, "co")]
    assert Notification.objects.filter(unit=w.co, key=f"enterprise-routed:{r.pk}:{w.co.pk}").exists()

    # a unit without a part may not answer; the lead may not close before everyone has answered
    with pytest.raises(ApplicationError):
        services.request_answer(actor=w.other_liaison, request=r, answer="不是本单位的（测试）", today=DAY)
    services.request_answer(actor=w.lead_liaison, request=r, answer="主办部分已办理（测试）", today=DAY)
    r.refresh_from_db()
    assert r.state == RequestState.ROUTED  # partly answered
    with pytest.raises(ApplicationError) as err:
        services.request_close(actor=w.lead_liaison, request=r, reply="办结答复企业（测试）", today=DAY)
    assert err.value.code == "conflict" and w.co.name in err.value.message

    later = DAY + datetime.timedelta(days=9)  # after the deadline: answered late
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(actor=w.co_liaison, request=r, answer="协办部分已办理（测试）", today=later)
    r.refresh_from_db()
    assert r.state == RequestState.ANSWERED
    assert Notification.objects.filter(unit=w.lead, key=f"enterprise-answered:{r.pk}").exists()
    co_part = r.units.get(unit=w.co)
    assert co_part.answered_on == later and co_part.answered_on_time is False

    with pytest.raises(ApplicationError) as err:  # a co-unit does not close
        services.request_close(actor=w.co_liaison, request=r, reply="协办单位办结（测试）", today=later)
    assert err.value.code == "permission_denied"
    services.request_close(actor=w.lead_liaison, request=r, reply="已全部办结并答复企业（测试）", today=later)
    r.refresh_from_db()
    assert (r.state, r.closed_on, r.closed_on_time) == (RequestState.CLOSED, later, False)

    with pytest.raises(ApplicationError) as err:
        services.request_rate(actor=w.office, request=r, satisfaction="unsatisfied", today=later)
    assert err.value.extra["field"] == "comment"
    services.request_rate(actor=w.office, request=r, satisfaction="basic", comment="较及时", today=later)
    r.refresh_from_db()
    assert (r.satisfaction, r.rating_source) == ("basic", "callback")
    with pytest.raises(ApplicationError) as err:
        services.request_rate(actor=w.office, request=r, satisfaction="satisfied", today=later)
    assert err.value.code == "conflict"
    for action, n in [
        (AuditAction.ENTERPRISE_REQUEST_ROUTED, 1),
        (AuditAction.ENTERPRISE_REQUEST_ANSWERED, 2),
        (AuditAction.ENTERPRISE_REQUEST_CLOSED, 1),
        (AuditAction.ENTERPRISE_REQUEST_RATED, 1),
    ]:
        assert _audited(action, r) == n


def test_a_liaison_cannot_rate_and_a_request_is_rated_only_once_closed(w):
    r = enterprise_request(lead=w.lead)
    with pytest.raises(ApplicationError) as err:
        services.request_rate(actor=w.office, request=r, satisfaction="satisfied", today=DAY)
    assert err.value.code == "conflict"
    with pytest.raises(ApplicationError) as err:
        services.request_rate(actor=w.lead_liaison, request=r, satisfaction="satisfied", today=DAY)
    assert err.value.code == "permission_denied"


def test_rerouting_keeps_answered_units_and_moves_the_lead(w):
    r = enterprise_request(lead=w.lead, co=[w.co])
    services.request_answer(actor=w.co_liaison, request=r, answer="协办已答复（测试）", today=DAY)
    with pytest.raises(ApplicationError) as err:
        services.request_route(actor=w.office, request=r, lead_unit=w.lead, co_units=[], today=DAY)
    assert err.value.extra["field"] == "co_units" and w.co.name in err.value.message
    assert r.units.count() == 2
    # the co-unit becomes the lead, the old lead leaves, another unit joins
    services.request_route(actor=w.office, request=r, lead_unit=w.co, co_units=[w.other], today=DAY)
    r.refresh_from_db()
    assert {(p.unit_id, p.role) for p in r.units.all()} == {(w.co.pk, "lead"), (w.other.pk, "co")}
    assert r.state == RequestState.ROUTED


def test_a_village_cannot_be_routed_to(w):
    r = enterprise_request()
    village = UnitFactory(village=True)
    with pytest.raises(ApplicationError) as err:
        services.request_route(actor=w.office, request=r, lead_unit=village, today=DAY)
    assert err.value.extra["field"] == "lead_unit"


def test_overdue_due_for_and_the_leaders_figures(w):
    r = enterprise_request(lead=w.lead, co=[w.co])  # deadline DAY + 7
    services.request_answer(actor=w.co_liaison, request=r, answer="协办已答复（测试）", today=DAY)
    before = DAY + datetime.timedelta(days=7)
    after = DAY + datetime.timedelta(days=10)
    mine = lambda rows: [x for x in rows if x["url"].endswith(f"/{r.pk}/")]  # noqa: E731
    assert mine(selectors.overdue(today=before)) == []
    rows = mine(selectors.overdue(today=after))
    assert [(x["unit_id"], x["days_over"]) for x in rows] == [(w.lead.pk, 3)]
    assert "逾期3天未答复" in rows[0]["label"] and r.receipt_no in rows[0]["label"]

    due = mine(selectors.due_for(user=w.lead_liaison, today=after))
    assert [(d["kind"], d["days_left"], d["due"]) for d in due] == [("enterprise_answer", -3, r.deadline)]
    assert mine(selectors.due_for(user=w.co_liaison, today=after)) == []
    assert mine(selectors.due_for(user=w.other_liaison, today=after)) == []

    services.request_answer(actor=w.lead_liaison, request=r, answer="主办已答复（测试）", today=after)
    rows = mine(selectors.overdue(today=after))
    assert [(x["unit_id"], "未办结" in x["label"]) for x in rows] == [(w.lead.pk, True)]
    assert [d["kind"] for d in mine(selectors.due_for(user=w.lead_liaison, today=after))] == [
        "enterprise_close"
    ]

    new = enterprise_request()
    office_due = selectors.due_for(user=w.office, today=after)
    assert any(d["kind"] == "enterprise_route" and d["url"].endswith(f"/{new.pk}/") for d in office_due)

    summary = {x["label"]: x for x in selectors.leader_summary(user=w.leader, today=after)}
    overdue = summary["企业诉求逾期未办结"]
    assert overdue["value"] == EnterpriseRequest.objects.overdue(after).count() >= 1
    assert overdue["tone"] == "danger" and overdue["url"] == "/cogov/enterprise/?status=overdue"
    assert selectors.leader_summary(user=UserFactory(role=Role.EVALUATOR), today=after) == []


def test_counts_by_unit_and_by_type(w):
    year = 1999  # a year of its own: nothing of the demo in it
    day = datetime.date(year, 3, 1)
    on_time = enterprise_request(lead=w.lead, co=[w.co], today=day, kind="tax")
    services.request_answer(actor=w.lead_liaison, request=on_time, answer="主办已答复（测试）", today=day)
    services.request_answer(
        actor=w.co_liaison,
        request=on_time,
        answer="协办已答复（测试）",
        today=day + datetime.timedelta(days=8),
    )
    closed = day + datetime.timedelta(days=8)  # a day after the deadline
    services.request_close(actor=w.lead_liaison, request=on_time, reply="已办结（测试）答复", today=closed)
    services.request_rate(actor=w.office, request=on_time, satisfaction="satisfied", today=closed)
    late = enterprise_request(lead=w.lead, today=day, kind="tax")
    overdue = enterprise_request(lead=w.co, today=day, kind="policy")
    today = datetime.date(year, 12, 31)
    counts = selectors.stats(user=w.leader, year=year, today=today)
    units = {row.label: row for row in counts["by_unit"]}
    lead, co = units[w.lead.name], units[w.co.name]
    assert (lead.total, lead.on_time, lead.late, lead.overdue, lead.satisfaction_rate) == (2, 1, 0, 1, 100)
    assert (co.total, co.on_time, co.late, co.overdue) == (2, 0, 1, 1)
    kinds = {row.key: row for row in counts["by_kind"]}
    assert (kinds["tax"].total, kinds["tax"].on_time, kinds["tax"].late, kinds["tax"].overdue) == (2, 0, 1, 1)
    assert (kinds["policy"].total, kinds["policy"].overdue) == (1, 1)
    assert counts["total"].total == 3 and counts["total"].satisfaction_rate == 100
    assert {late.pk, overdue.pk} <= set(EnterpriseRequest.objects.overdue(today).values_list("pk", flat=True))
    with pytest.raises(ApplicationError):
        selectors.stats(user=w.lead_liaison, year=year)
