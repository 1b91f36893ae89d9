"""The demo's enterprise requests: every state (new, routed, partly answered, overdue, answered,
closed and waiting for the call-back, closed and rated), enterprises from the demo registry,
labelled 演示, nothing dated after the demo's day, and loading again changes nothing. Uses the
demo data set."""

import datetime

import pytest

from gongzhi.cogov import demo_enterprise
from gongzhi.cogov import selectors_enterprise as selectors
from gongzhi.cogov.choices_enterprise import RequestState
from gongzhi.cogov.models_enterprise import EnterpriseRequest
from gongzhi.core.codes import is_uscc
from gongzhi.exchange.warehouse import open_warehouse

pytestmark = pytest.mark.django_db


def _demo():
    return EnterpriseRequest.objects.filter(content__endswith=demo_enterprise.MARK).prefetch_related("units")


def test_the_demo_has_a_request_in_every_state(demo):
    requests = list(_demo())
    assert len(requests) == len(demo_enterprise.SCENARIOS)
    states = {r.state for r in requests}
    assert states == set(RequestState.values)
    partly = [
        r
        for r in requests
        if r.state == RequestState.ROUTED
        and any(p.answered_on for p in r.units.all())
        and not r.is_overdue(demo)
    ]
    assert partly, "a request some units have answered and others not"
    assert any(r.is_overdue(demo) for r in requests)
    closed = [r for r in requests if r.state == RequestState.CLOSED]
    assert {r.satisfaction for r in closed} == {"", "satisfied", "basic", "unsatisfied"}
    assert {r.rating_source for r in closed if r.satisfaction} == {"callback", "public"}
    assert {r.channel for r in requests} == {"public", "grid", "department"}
    assert any(len(r.units.all()) >= 3 for r in requests)  # one stop: several units
    assert selectors.overdue(today=demo), "the overdue request is warned"


def test_the_demo_is_labelled_synthetic_and_from_the_registry(demo):
    with open_warehouse(user=None, datasets=["taxpayer"], purpose="测试：演示企业诉求") as wh:
        registry = {uscc: name for uscc, name in wh.rows("SELECT uscc, name FROM taxpayer")}
    for r in _demo():
        assert is_uscc(r.uscc)
        assert registry.get(r.uscc) == r.enterprise_name
        assert r.contact_name.endswith("（演示）") and r.content.endswith("（演示）")
        for p in r.units.all():
            assert not p.answer or p.answer.endswith("（演示）")


def test_the_demo_is_dated_no_later_than_its_day_and_loads_once(demo):
    for r in _demo():
        for day in (r.received_on, r.routed_on, r.closed_on, r.rated_on):
            assert day is None or day <= demo
        assert r.routed_on is None or r.received_on <= r.routed_on <= r.deadline
        for p in r.units.all():
            assert p.answered_on is None or r.routed_on <= p.answered_on <= demo
        assert r.closed_on is None or r.closed_on <= (r.rated_on or demo)
    before = EnterpriseRequest.objects.count()
    assert demo_enterprise.load(today=demo) == ["企业诉求：演示数据已存在"]
    assert EnterpriseRequest.objects.count() == before


def test_the_demo_loads_again_on_another_day(demo):
    EnterpriseRequest.objects.all().delete()
    day = datetime.date(2024, 3, 1)
    lines = demo_enterprise.load(today=day)
    assert lines == [
        f"企业诉求：{len(demo_enterprise.SCENARIOS)}件（待分办、办理中、部分答复、逾期、待办结、已办结待回访、已评价，演示）"
    ]
    assert all(r.received_on <= day and is_uscc(r.uscc) for r in _demo())
