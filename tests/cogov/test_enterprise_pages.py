"""Enterprise requests on the pages: who sees which request (the office and the leader all; a unit
those routed to it or entered by it), contacts masked on lists and unmasked (audited) on the
detail only for those who work the request, every action through its page, the counts page."""

import pytest
from django.test import Client
from factories import UnitFactory, UserFactory, enterprise_request, uscc

from gongzhi.cogov import selectors_enterprise as selectors
from gongzhi.cogov.choices_enterprise import RequestState
from gongzhi.cogov.models_enterprise import EnterpriseRequest
from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def w(users):
    class W:
        office = users["cogov_office"]
        leader = users["leader"]
        evaluator = users["evaluator"]
        lead = UnitFactory()
        co = UnitFactory()
        other = UnitFactory()
        lead_liaison = UserFactory(role=Role.LIAISON, unit=lead)
        co_liaison = UserFactory(role=Role.LIAISON, unit=co)
        other_liaison = UserFactory(role=Role.LIAISON, unit=other)

    W.request = enterprise_request(
        lead=W.lead, co=[W.co], content="页面测试诉求XQ（测试）", contact_phone="13912345678"
    )
    return W


def test_who_sees_the_request_in_the_list_and_on_its_page(w):
    path = f"/cogov/enterprise/{w.request.pk}/"
    for user, sees in [
        (w.office, True),
        (w.leader, True),
        (w.lead_liaison, True),
        (w.co_liaison, True),
        (w.other_liaison, False),
    ]:
        client = _client(user)
        listed = "页面测试诉求XQ" in client.get("/cogov/enterprise/").content.decode()
        assert listed == sees, user
        assert client.get(path).status_code == (200 if sees else 404), user
    assert _client(w.evaluator).get("/cogov/enterprise/").status_code == 403
    assert _client(w.evaluator).get(path).status_code == 403
    # the unit that entered it follows it too
    entered = UserFactory(role=Role.LIAISON, unit=w.request.entered_unit)
    assert _client(entered).get(path).status_code == 200
    assert set(EnterpriseRequest.objects.visible_to(w.other_liaison)) & {w.request} == set()


def test_contacts_are_masked_on_lists_and_shown_to_the_working_units_with_an_audit(w):
    body = _client(w.office).get("/cogov/enterprise/").content.decode()
    assert "139****5678" in body and "13912345678" not in body
    for user, shown in [(w.office, True), (w.co_liaison, True), (w.leader, False)]:
        before = AuditEntry.objects.filter(action=AuditAction.ENTERPRISE_CONTACT_VIEWED).count()
        body = _client(user).get(f"/cogov/enterprise/{w.request.pk}/").content.decode()
        assert ("13912345678" in body) == shown, user
        assert ("139****5678" in body) == (not shown), user
        after = AuditEntry.objects.filter(action=AuditAction.ENTERPRISE_CONTACT_VIEWED).count()
        assert after - before == (1 if shown else 0), user


def test_a_department_enters_a_request_on_the_page(w):
    client = _client(w.lead_liaison)
    assert client.get("/cogov/enterprise/new/").status_code == 200
    bad = client.post(
        "/cogov/enterprise/new/",
        {
            "uscc": "91370306MA3C00000Y",
            "enterprise_name": "页面登记企业（测试）",
            "contact_name": "联系人丙（测试）",
            "contact_phone": "13912345678",
            "kind": "tax",
            "content": "页面登记的诉求（测试）",
        },
    )
    assert bad.status_code == 400 and "统一社会信用代码：校验位不正确" in bad.content.decode()
    assert not EnterpriseRequest.objects.filter(enterprise_name="页面登记企业（测试）").exists()
    code = uscc()
    done = client.post(
        "/cogov/enterprise/new/",
        {
            "uscc": code,
            "enterprise_name": "页面登记企业（测试）",
            "contact_name": "联系人丙（测试）",
            "contact_phone": "13912345678",
            "kind": "tax",
            "content": "页面登记的诉求（测试）",
        },
    )
    r = EnterpriseRequest.objects.get(enterprise_name="页面登记企业（测试）")
    assert done.status_code == 302 and done["Location"] == f"/cogov/enterprise/{r.pk}/"
    assert (r.uscc, r.channel, r.entered_unit) == (code, "department", w.lead)
    assert _client(w.leader).get("/cogov/enterprise/new/").status_code == 403


def test_route_answer_close_and_rate_through_the_pages(w):
    r = enterprise_request(content="页面流程诉求（测试）")
    office = _client(w.office)
    path = f"/cogov/enterprise/{r.pk}/"
    assert 'data-testid="route-form"' in office.get(path).content.decode()
    # a liaison's role does not route (403 on any request), a bad deadline is refused on the form
    assert _client(w.lead_liaison).post(path + "route/", {"lead_unit": w.lead.pk}).status_code == 403
    own = f"/cogov/enterprise/{w.request.pk}/route/"
    assert _client(w.lead_liaison).post(own, {"lead_unit": w.lead.pk}).status_code == 403
    past = office.post(path + "route/", {"lead_unit": w.lead.pk, "deadline": "2000-01-01"})
    assert past.status_code == 400 and "答复期限：不能早于今天" in past.content.decode()
    response = office.post(path + "route/", {"lead_unit": w.lead.pk, "co_units": [w.co.pk]})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.state == RequestState.ROUTED and r.units.count() == 2

    lead, co, other = _client(w.lead_liaison), _client(w.co_liaison), _client(w.other_liaison)
    assert other.post(path + "answer/", {"answer": "别的单位答复（测试）"}).status_code == 404
    assert 'data-testid="answer-form"' in co.get(path).content.decode()
    assert co.post(path + "answer/", {"answer": "协办单位的答复（测试）"}).status_code == 302
    assert 'data-testid="close-form"' not in lead.get(path).content.decode()  # the lead has not answered
    assert lead.post(path + "answer/", {"answer": "主办单位的答复（测试）"}).status_code == 302
    assert co.post(path + "close/", {"reply": "协办单位不能办结（测试）"}).status_code == 403
    assert lead.post(path + "close/", {"reply": "已办结，答复企业（测试）"}).status_code == 302
    r.refresh_from_db()
    assert r.state == RequestState.CLOSED and r.reply == "已办结，答复企业（测试）"
    assert lead.post(path + "rate/", {"satisfaction": "satisfied"}).status_code == 403
    assert (
        office.post(path + "rate/", {"satisfaction": "satisfied", "comment": "回访满意"}).status_code == 302
    )
    r.refresh_from_db()
    assert (r.satisfaction, r.rating_source) == ("satisfied", "callback")
    assert "满意（回访" in office.get(path).content.decode()


def test_the_list_filters_and_the_counts_page(w, demo):
    office = _client(w.office)
    overdue = office.get("/cogov/enterprise/?status=overdue").content.decode()
    expected = EnterpriseRequest.objects.overdue(demo).count()
    assert (
        expected >= 1
        and overdue.count('data-state="routed"') + overdue.count('data-state="answered"') == expected
    )
    assert office.get("/cogov/enterprise/?status=bogus").status_code == 400
    assert office.get(f"/cogov/enterprise/?unit={w.co.pk}").content.decode().count("页面测试诉求XQ") == 1
    stats = office.get("/cogov/enterprise/stats/")
    body = stats.content.decode()
    assert stats.status_code == 200 and f'data-unit="{w.lead.name}"' in body and 'data-kind="policy"' in body
    counts = selectors.stats(user=w.office, today=demo)
    assert f'data-testid="stat-total">{counts["total"].total}<' in body
    assert _client(w.leader).get("/cogov/enterprise/stats/").status_code == 200
    assert _client(w.lead_liaison).get("/cogov/enterprise/stats/").status_code == 403
    assert _client(w.leader).get(f"/cogov/enterprise/stats/?year={demo.year}").status_code == 200


def test_the_menu_shows_enterprise_requests_to_who_may_see_them(w):
    assert 'href="/cogov/enterprise/"' in _client(w.lead_liaison).get("/").content.decode()
    assert 'href="/cogov/enterprise/"' not in _client(w.evaluator).get("/").content.decode()


def test_a_phone_sized_list_stacks(w):
    body = _client(w.office).get("/cogov/enterprise/").content.decode()
    assert 'class="table table-sm mb-0 gz-stack" data-testid="enterprise-list"' in body
    assert "2025年6月2日" in body  # the factory's day, in Chinese


def test_a_hostile_request_stays_text(w):
    payload = "</script><svg onload=alert(1)>"
    r = enterprise_request(lead=w.lead, content=payload + "（测试）", enterprise_name=payload)
    for path in (f"/cogov/enterprise/{r.pk}/", "/cogov/enterprise/"):
        body = _client(w.office).get(path).content.decode()
        assert "<svg onload" not in body and "&lt;svg onload=alert(1)&gt;" in body
