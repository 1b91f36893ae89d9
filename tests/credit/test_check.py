"""The check other departments use (page and API), its decisions, the ledger, the measures
catalogue's versions and the credit panel; every check audited; ratings read only through the
warehouse."""

from pathlib import Path

import pytest
from factories import LeadFactory, UnitFactory, UserFactory

from gongzhi.accounts.services import token_create
from gongzhi.core.audit import AuditAction
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.credit import selectors, services
from gongzhi.credit.choices import Decision
from gongzhi.credit.models import CreditCheck, JointMeasure
from gongzhi.exchange.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance():
    return UnitFactory(name="区财政局（测试）")


@pytest.fixture
def bearer(finance):
    _, secret = token_create(actor=UserFactory(role=Role.ADMIN), unit=finance, name="政府采购系统（测试）")
    return {"Authorization": f"Bearer {secret}"}


def test_api_check_answers_level_year_date_and_measures_and_is_audited(rated, client, bearer, finance):
    d = rated["codes"][7]
    before = AuditEntry.objects.filter(action=AuditAction.CREDIT_CHECK).count()
    response = client.get("/api/v1/credit/check", {"uscc": d, "scenario": "procurement"}, headers=bearer)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["level"], body["eval_year"], body["rated"]) == ("D", 2017, True)
    assert body["data_date"] is not None
    assert [(m["code"], m["kind"]) for m in body["measures"]] == [("D01", "punishment")]
    assert "2798号" in body["measures"][0]["legal_basis"]
    check = CreditCheck.objects.get(pk=body["check_id"])
    assert (check.unit, check.channel, check.level) == (finance, "api", "D")
    assert [m.code for m in check.measures.all()] == ["D01"]
    entry = AuditEntry.objects.filter(action=AuditAction.CREDIT_CHECK).order_by("-seq").first()
    assert AuditEntry.objects.filter(action=AuditAction.CREDIT_CHECK).count() == before + 1
    assert entry.object_id == str(check.pk) and entry.unit_name == finance.name
    assert entry.detail["uscc"] == d and entry.detail["measures"] == ["D01v1"]
    assert entry.detail["source"] == {
        "dataset": "credit_rating",
        "submission": rated["submissions"][1]["submission"],
    }
    # the rating was read through the warehouse, and that read is audited too
    read = AuditEntry.objects.filter(action=AuditAction.SHARED_DATA_READ).order_by("-seq").first()
    assert read.detail["datasets"] == ["credit_rating"] and "联合奖惩核查" in read.purpose


def test_api_no_rating_is_an_answer_not_an_error(rated, client, bearer):
    unknown = rated["codes"][11]
    response = client.get("/api/v1/credit/check", {"uscc": unknown, "scenario": "honours"}, headers=bearer)
    assert response.status_code == 200
    body = response.json()
    assert (body["level"], body["eval_year"], body["measures"], body["rated"]) == (None, None, [], False)
    assert body["message"] == "暂无纳税信用评价结果，无适用措施"
    assert AuditEntry.objects.filter(
        action=AuditAction.CREDIT_CHECK, object_id=str(body["check_id"])
    ).exists()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"uscc": "91370000ABCDEFGHIJ", "scenario": "procurement"}, "不是有效的统一社会信用代码"),
        ({"uscc": "123", "scenario": "procurement"}, "不是有效的统一社会信用代码"),
        ({"scenario": "procurement"}, "请输入统一社会信用代码"),
        ({"uscc": "VALID", "scenario": "casino"}, "场景“casino”无效"),
    ],
)
def test_api_bad_input_is_a_chinese_400_and_nothing_is_stored(rated, client, bearer, params, message):
    if params.get("uscc") == "VALID":
        params = {**params, "uscc": rated["codes"][0]}
    before = CreditCheck.objects.count()
    response = client.get("/api/v1/credit/check", params, headers=bearer)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input" and message in body["message"]
    assert CreditCheck.objects.count() == before


def test_api_needs_a_token(client, rated):
    response = client.get("/api/v1/credit/check", {"uscc": rated["codes"][0], "scenario": "honours"})
    assert response.status_code == 401


def test_api_decision_needs_a_reason_when_not_applied_and_is_recorded_once(rated, client, bearer):
    body = client.get(
        "/api/v1/credit/check", {"uscc": rated["codes"][7], "scenario": "procurement"}, headers=bearer
    ).json()
    url = f"/api/v1/credit/checks/{body['check_id']}/decision"
    refused = client.post(url, {"decision": "not_applied"}, content_type="application/json", headers=bearer)
    assert refused.status_code == 400 and "请说明原因" in refused.json()["message"]
    done = client.post(
        url,
        {"decision": "not_applied", "reason": "采购已于核查前结束（测试）"},
        content_type="application/json",
        headers=bearer,
    )
    assert done.status_code == 200 and done.json()["decision"] == "not_applied"
    again = client.post(url, {"decision": "applied"}, content_type="application/json", headers=bearer)
    assert again.status_code == 409
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.CREDIT_CHECK_DECISION, object_id=str(body["check_id"])
        ).count()
        == 1
    )


def test_another_units_check_is_not_found(rated, client, bearer):
    other = UserFactory(role=Role.LIAISON, unit=UnitFactory())
    check = services.check_run(actor=other, uscc=rated["codes"][7], scenario="bidding")
    response = client.post(
        f"/api/v1/credit/checks/{check.pk}/decision",
        {"decision": "applied"},
        content_type="application/json",
        headers=bearer,
    )
    assert response.status_code == 404
    check.refresh_from_db()
    assert check.decision == Decision.PENDING


def test_page_check_decision_and_the_office_ledger(rated, client_for, users):
    liaison = UserFactory(role=Role.LIAISON, unit=UnitFactory(name="区发展改革局（测试）"))
    page = client_for(liaison)
    response = page.post("/credit/check/", {"uscc": rated["codes"][0], "scenario": "honours"})
    assert response.status_code == 302
    check = CreditCheck.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    detail = page.get(response["Location"])
    text = detail.content.decode()
    assert "A级" in text and "评选各类先进" in text and "1467号" in text
    page.post(response["Location"], {"decision": "applied"})
    check.refresh_from_db()
    assert check.decision == Decision.APPLIED and check.decided_by == liaison.username
    # a bad code on the page: the Chinese message, nothing stored
    before = CreditCheck.objects.count()
    bad = page.post("/credit/check/", {"uscc": "123", "scenario": "honours"})
    assert bad.status_code == 200 and "不是有效的统一社会信用代码" in bad.content.decode()
    assert CreditCheck.objects.count() == before
    # the liaison does not see the ledger; the office does, per department
    assert page.get("/credit/ledger/").status_code == 403
    rows = {r.unit: r for r in selectors.ledger(user=users["cogov_office"])}
    row = rows["区发展改革局（测试）"]
    assert (row.checks, row.with_measures, row.applied, row.not_applied) == (1, 1, 1, 0)
    ledger = client_for(users["cogov_office"]).get("/credit/ledger/")
    assert ledger.status_code == 200 and "区发展改革局（测试）" in ledger.content.decode()


def test_a_revised_measure_is_a_new_version_and_old_checks_keep_theirs(rated, users):
    office = users["cogov_office"]
    d = rated["codes"][7]
    first = services.check_run(actor=office, uscc=d, scenario="procurement")
    old = JointMeasure.objects.get(code="D01", current=True)
    data = {f: getattr(old, f) for f in services.MEASURE_FIELDS}
    with pytest.raises(ApplicationError, match="修订说明"):
        services.measure_revise(actor=office, measure=old, data={**data, "text": "x"}, note="")
    with pytest.raises(ApplicationError, match="没有权限"):
        services.measure_revise(
            actor=UserFactory(role=Role.LIAISON, unit=UnitFactory()), measure=old, data=data, note="x"
        )
    revised = services.measure_revise(
        actor=office,
        measure=old,
        data={**data, "text": "依法限制参加政府采购活动（修订测试）"},
        note="文字修订",
    )
    assert (revised.code, revised.version, revised.current) == ("D01", old.version + 1, True)
    old.refresh_from_db()
    assert not old.current
    second = services.check_run(actor=office, uscc=d, scenario="procurement")
    assert [m.pk for m in first.measures.all()] == [old.pk]
    assert [m.pk for m in second.measures.all()] == [revised.pk]
    assert AuditEntry.objects.filter(
        action=AuditAction.CREDIT_MEASURE_REVISED, object_id=str(revised.pk)
    ).exists()


def test_b_m_c_have_no_measures_in_the_seeded_catalogue():
    levels = set(JointMeasure.objects.filter(current=True).values_list("level", flat=True))
    assert levels == {"A", "D"}
    codes = {s for m in JointMeasure.objects.filter(current=True) for s in m.scenarios}
    assert codes == {"procurement", "bidding", "subsidy", "honours", "deputies", "financing", "market_access"}


def test_ratings_are_read_from_the_warehouse_files_only(rated):
    """No copy of the ratings is kept: with the stored file of a submission gone, the check refuses
    (data missing) instead of answering from elsewhere."""
    first = Submission.objects.get(pk=rated["submissions"][0]["submission"])
    Path(first.parquet_path).unlink()
    with pytest.raises(ApplicationError) as error:
        services.check_run(actor=None, uscc=rated["codes"][0], scenario="honours")
    assert error.value.code == "data_missing"


def test_credit_panel_beside_a_lead_and_the_history_page(rated, client_for, users):
    c = rated["codes"][2]
    officer = client_for(users["tax_officer"])
    panel = officer.get(f"/credit/panel/{c}/")
    assert panel.status_code == 200
    text = panel.content.decode()
    assert "2016年度" in text and "<strong>B</strong>级" in text and "另有1条被替代的历史评价" in text
    history = officer.get(f"/credit/ratings/{c}/").content.decode()
    assert "级别由D级调整为B级" in history and "逃避缴纳税款" in history
    lead = LeadFactory(uscc=c)
    page = client_for(users["cogov_office"]).get(f"/taxrisk/leads/{lead.pk}/").content.decode()
    assert f"/credit/panel/{c}/" in page
    # a liaison has no credit.view: no panel, no history
    assert client_for(users["liaison"]).get(f"/credit/panel/{c}/").status_code == 403


def test_measures_and_ratings_pages_render(rated, client_for, users):
    office = client_for(users["cogov_office"])
    text = office.get("/credit/measures/").content.decode()
    assert "限制参加政府采购" in text and "评选各类先进" in text
    ratings = office.get("/credit/ratings/").content.decode()
    assert "2016年度" in ratings
    assert office.get("/credit/measures/D01/").status_code == 200
