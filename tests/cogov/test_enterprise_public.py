"""Enterprise requests on the public pages (no login): the form (a valid request gets a receipt
number; a bad credit code is refused naming the field and nothing is stored; one address is
limited; a robot keeps nothing; CSRF on), the status page by receipt number and credit code (no
personal data shown; both must match) and the enterprise's own rating once the request is closed."""

import pytest
from django.test import Client
from factories import UnitFactory, enterprise_request, uscc

from gongzhi.cogov import services_enterprise as services
from gongzhi.cogov.models_enterprise import EnterpriseRequest
from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry
from gongzhi.public.views_enterprise import LOOKUP_LIMIT

pytestmark = pytest.mark.django_db


def _form(**over) -> dict:
    return {
        "uscc": uscc(),
        "enterprise_name": "公开表单企业（测试）",
        "contact_name": "联系人丁（测试）",
        "contact_phone": "13812345678",
        "kind": "policy",
        "content": "公开表单提交的诉求（测试）",
        **over,
    }


def test_an_enterprise_files_a_request_and_gets_a_receipt_number(db):
    client = Client(REMOTE_ADDR="198.51.100.1")
    assert client.get("/public/enterprise/").status_code == 200
    data = _form(content="公开有效诉求（测试）")
    response = client.post("/public/enterprise/", data)
    assert response.status_code == 302 and response["Location"] == "/public/enterprise/thanks/"
    r = EnterpriseRequest.objects.get(content="公开有效诉求（测试）")
    assert (r.channel, r.state, r.entered_by, r.entered_unit) == ("public", "new", None, None)
    assert r.client_hash and "198.51.100.1" not in r.client_hash
    thanks = client.get("/public/enterprise/thanks/").content.decode()
    assert r.receipt_no in thanks
    assert AuditEntry.objects.filter(
        action=AuditAction.ENTERPRISE_REQUEST_RECEIVED, object_id=str(r.pk), role="public"
    ).exists()
    # another visitor's thanks page shows no receipt
    assert r.receipt_no not in Client().get("/public/enterprise/thanks/").content.decode()


def test_a_bad_credit_code_is_refused_naming_the_field(db):
    client = Client(REMOTE_ADDR="198.51.100.2")
    code = uscc()
    wrong = code[:17] + ("1" if code[17] != "1" else "2")
    response = client.post("/public/enterprise/", _form(uscc=wrong, content="校验位错误的诉求（测试）"))
    body = response.content.decode()
    assert response.status_code == 400 and "统一社会信用代码：校验位不正确" in body
    assert 'data-testid="error-uscc"' in body
    response = client.post(
        "/public/enterprise/", _form(contact_phone="110", content="电话错误的诉求（测试）")
    )
    assert response.status_code == 400 and "联系电话：" in response.content.decode()
    assert not EnterpriseRequest.objects.filter(
        content__in=["校验位错误的诉求（测试）", "电话错误的诉求（测试）"]
    ).exists()


def test_one_address_is_limited(db):
    client = Client(REMOTE_ADDR="203.0.113.70")
    for i in range(services.PUBLIC_LIMIT):
        assert client.post("/public/enterprise/", _form(content=f"限流诉求{i}（测试）")).status_code == 302
    response = client.post("/public/enterprise/", _form(content="限流多出来的诉求（测试）"))
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert EnterpriseRequest.objects.filter(content__startswith="限流").count() == services.PUBLIC_LIMIT
    other = Client(REMOTE_ADDR="203.0.113.71")
    assert other.post("/public/enterprise/", _form(content="另一个地址的诉求（测试）")).status_code == 302


def test_the_honeypot_keeps_nothing_and_csrf_is_on(db):
    response = Client().post(
        "/public/enterprise/", _form(content="机器人的诉求（测试）", website="http://spam")
    )
    assert response.status_code == 302
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/public/enterprise/", _form(content="没有令牌的诉求（测试）")).status_code == 403
    assert not EnterpriseRequest.objects.filter(
        content__in=["机器人的诉求（测试）", "没有令牌的诉求（测试）"]
    ).exists()


def test_the_status_page_shows_the_state_and_no_personal_data(db):
    lead, co = UnitFactory(), UnitFactory()
    r = enterprise_request(lead=lead, co=[co], contact_name="隐私联系人（测试）", contact_phone="13700001111")
    client = Client(REMOTE_ADDR="198.51.100.9")
    assert client.get("/public/enterprise/status/").status_code == 200
    page = client.get("/public/enterprise/status/", {"receipt_no": r.receipt_no.lower(), "uscc": r.uscc})
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="status-state">办理中<' in body
    assert lead.name in body and co.name in body and "2025年6月2日" in body
    for secret in ("隐私联系人", "13700001111", "1370000", "测试诉求"):
        assert secret not in body
    # both must match: the receipt with another code is not found, and says nothing of it
    miss = client.get("/public/enterprise/status/", {"receipt_no": r.receipt_no, "uscc": uscc()})
    assert (
        miss.status_code == 200
        and "没有找到" in miss.content.decode()
        and lead.name not in miss.content.decode()
    )


def test_failed_lookups_are_limited(db):
    client = Client(REMOTE_ADDR="203.0.113.90")
    for _i in range(LOOKUP_LIMIT):
        miss = client.get("/public/enterprise/status/", {"receipt_no": "QS20250602XXXXXX", "uscc": uscc()})
        assert "没有找到" in miss.content.decode()
    r = enterprise_request()
    limited = client.get("/public/enterprise/status/", {"receipt_no": r.receipt_no, "uscc": r.uscc})
    assert limited.status_code == 429 and r.enterprise_name not in limited.content.decode()


def test_the_enterprise_rates_a_closed_request_once(db):
    lead = UnitFactory()
    r = enterprise_request(lead=lead)
    client = Client(REMOTE_ADDR="198.51.100.10")
    query = {"receipt_no": r.receipt_no, "uscc": r.uscc}
    assert (
        'data-testid="public-rate-form"'
        not in client.get("/public/enterprise/status/", query).content.decode()
    )
    assert (
        client.post("/public/enterprise/status/", {**query, "satisfaction": "satisfied"}).status_code == 409
    )
    services.request_answer(actor=None, request=r, unit=lead, answer="主办单位已答复（测试）")
    services.request_close(actor=None, request=r, reply="已办结，给企业的答复（测试）")
    page = client.get("/public/enterprise/status/", query).content.decode()
    assert 'data-testid="public-rate-form"' in page and "已办结，给企业的答复（测试）" in page
    refused = client.post("/public/enterprise/status/", {**query, "satisfaction": "unsatisfied"})
    assert refused.status_code == 400 and "不满意时请写明原因" in refused.content.decode()
    wrong = client.post(
        "/public/enterprise/status/",
        {"receipt_no": r.receipt_no, "uscc": uscc(), "satisfaction": "satisfied"},
    )
    assert wrong.status_code == 200 and "没有找到" in wrong.content.decode()
    r.refresh_from_db()
    assert r.satisfaction == ""
    done = client.post(
        "/public/enterprise/status/", {**query, "satisfaction": "unsatisfied", "comment": "办得太慢"}
    )
    assert done.status_code == 302
    r.refresh_from_db()
    assert (r.satisfaction, r.rating_comment, r.rating_source) == ("unsatisfied", "办得太慢", "public")
    assert AuditEntry.objects.filter(
        action=AuditAction.ENTERPRISE_REQUEST_RATED, object_id=str(r.pk), role="public"
    ).exists()
    again = client.post("/public/enterprise/status/", {**query, "satisfaction": "satisfied"})
    assert again.status_code == 409
    r.refresh_from_db()
    assert r.satisfaction == "unsatisfied"
