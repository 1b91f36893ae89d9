"""Policy push (精准推送) as a service over real submissions and the real warehouse: campaigns of a
push rule, pushes, 无风险不打扰 (opt-outs never pushed, no repeat within the interval), take-up
detected from later submissions, permissions and audit."""

import datetime

import pytest
from factories import DatasetFactory, UserFactory, submit_rows, uscc

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.credit import push as services
from gongzhi.credit.models_push import PolicyPush, PushCampaign, PushCandidate, PushOptOut
from gongzhi.taxrisk import services as rule_services
from gongzhi.taxrisk.choices import RulePurpose
from gongzhi.taxrisk.models import Lead, RiskRule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_demo_pushes(db):
    """The session's demo data has push campaigns of its own: these tests start from none
    (deleted inside the test's transaction, so the demo is back for the next test)."""
    PolicyPush.objects.all().delete()
    PushCandidate.objects.all().delete()
    PushCampaign.objects.all().delete()
    PushOptOut.objects.all().delete()


FIELDS = [
    {"code": "uscc", "name": "统一社会信用代码", "type": "text", "required": True, "check": "uscc"},
    {"code": "period", "name": "所属期", "type": "text", "required": True},
    {"code": "amount", "name": "金额（元）", "type": "decimal", "scale": 2, "required": True, "min": 0},
    {"code": "claimed", "name": "已享受（测试）", "type": "boolean"},
]
SQL = """
SELECT '{code}' AS rule, uscc, CAST(NULL AS VARCHAR) AS person, period,
       CAST(amount * 0.1 AS DECIMAL(18, 2)) AS tax_at_risk, CAST(amount AS DECIMAL(18, 2)) AS amount,
       [{{'dataset': '{dataset}', 'submission': _submission_id, 'row': _source_row}}] AS evidence
FROM {dataset}
WHERE amount > $min_amount AND coalesce(claimed, FALSE) = $claimed
"""
META = """code: {code}
name: 测试优惠政策{code}（测试）
datasets: [{dataset}]
severity: low
legal_basis: 测试依据
tax_estimate: 金额的10%
params:
  min_amount: {{type: "decimal(18,2)", default: 100, label: 金额下限}}
  claimed: {{type: boolean, default: false, label: 已享受}}
edges: 测试
"""


@pytest.fixture
def office():
    return UserFactory(role=Role.COGOV_OFFICE)


@pytest.fixture
def officer():
    return UserFactory(role=Role.TAX_OFFICER)


@pytest.fixture
def dataset(data_dir):
    return DatasetFactory(spec__fields=FIELDS, spec__key=("uscc", "period"))


def _rule(office, dataset, code="P95") -> RiskRule:
    """A push rule saved through the rule editor's service (the same as the risk rules)."""
    return rule_services.rule_save(
        actor=office,
        code=code,
        sql=SQL.format(code=code, dataset=dataset.code),
        meta=META.format(code=code, dataset=dataset.code),
    )


def _submit(dataset, rows, period="2025-11"):
    submission = submit_rows(dataset, dataset.provider_units.first(), period, rows)
    assert submission.state == "accepted", (submission.file_errors, submission.errors)
    return submission


def _row(code, period="2025-11", amount="500.00", claimed="否"):
    return {"uscc": code, "period": period, "amount": amount, "claimed": claimed}


def _campaign(actor, rule, **kwargs):
    return services.campaign_start(actor=actor, rule_code=rule.code, background=False, **kwargs)


def test_a_campaign_lists_exactly_the_eligible_taxpayers_not_enjoying_it(office, officer, dataset):
    a, b, c, d = (uscc() for _ in range(4))
    _submit(
        dataset,
        [
            _row(a),
            _row(b, amount="100.00"),
            _row(c, claimed="是"),
            _row(d, period="2025-10", amount="300.00"),
        ],
    )
    rule = _rule(office, dataset)
    assert rule.purpose == RulePurpose.PUSH

    campaign = _campaign(officer, rule)

    assert campaign.state == "done" and campaign.candidate_count == 2
    assert sorted(campaign.candidates.values_list("uscc", "period", "benefit")) == sorted(
        [(a, "2025-11", 50), (d, "2025-10", 30)]
    )
    # the period window, and nothing stored as a lead
    window = _campaign(officer, rule, period_from="2025-11", period_to="2025-11")
    assert list(window.candidates.values_list("uscc", flat=True)) == [a]
    assert not Lead.objects.filter(rule=rule).exists()
    # a risk run never runs push rules
    assert rule.code not in [r.code for r in rule_services.loaded_rules()]
    with pytest.raises(ApplicationError, match="找不到规则"):
        rule_services.loaded_rules([rule.code])
    assert AuditEntry.objects.filter(action=services.PushAudit.CAMPAIGN_STARTED, user=officer).count() == 2


def test_push_never_reaches_an_opted_out_taxpayer(office, officer, dataset):
    a, b, c = (uscc() for _ in range(3))
    _submit(dataset, [_row(a), _row(b), _row(c)])
    rule = _rule(office, dataset)
    services.optout_register(actor=officer, uscc=b, reason="企业申请不接收推送（测试）")
    campaign = _campaign(officer, rule)
    states = {c["uscc"]: c["state"] for c in services.campaign_candidates(user=officer, campaign=campaign)}
    assert states == {a: "ready", b: "opted_out", c: "ready"}

    outcome = services.push_send(actor=officer, campaign=campaign, channel="etax")
    assert sorted(outcome["pushed"]) == sorted([a, c]) and outcome["opted_out"] == [b]
    # named explicitly, by another channel: still never pushed
    outcome = services.push_send(actor=officer, campaign=campaign, channel="visit", usccs=[b])
    assert outcome == {"pushed": [], "opted_out": [b], "recent": []}
    assert not PolicyPush.objects.filter(uscc=b).exists()
    # a second registration is refused; a bad code is refused
    with pytest.raises(ApplicationError, match="已登记不打扰"):
        services.optout_register(actor=officer, uscc=b)
    with pytest.raises(ApplicationError, match="无效"):
        services.optout_register(actor=officer, uscc="91370306000000000X")
    # withdrawn: pushed again
    optout = services.optout_list(user=officer).get(uscc=b)
    services.optout_withdraw(actor=officer, optout=optout)
    assert services.push_send(actor=officer, campaign=campaign, channel="sms", usccs=[b])["pushed"] == [b]
    push = PolicyPush.objects.get(uscc=b)
    assert (push.channel, push.pushed_by, push.pushed_on, push.rule) == ("sms", officer, clock.today(), rule)
    assert AuditEntry.objects.filter(action=services.PushAudit.PUSHED, object_id=str(push.pk)).exists()
    assert AuditEntry.objects.filter(action=services.PushAudit.OPTOUT_WITHDRAWN, user=officer).exists()


def test_no_taxpayer_gets_the_same_policy_twice_within_the_interval(office, officer, dataset, settings):
    a, b = uscc(), uscc()
    _submit(dataset, [_row(a), _row(b)])
    rule = _rule(office, dataset)
    other = _rule(office, dataset, code="P96")
    first = _campaign(officer, rule)
    today = clock.today()
    assert services.push_send(
        actor=officer,
        campaign=first,
        channel="etax",
        usccs=[a],
        pushed_on=today - datetime.timedelta(days=89),
    )["pushed"] == [a]

    # a new campaign of the same policy: a was pushed 89 days ago (interval 90 days)
    second = _campaign(officer, rule)
    states = {c["uscc"]: c["state"] for c in services.campaign_candidates(user=officer, campaign=second)}
    assert states == {a: "recent", b: "ready"}
    outcome = services.push_send(actor=officer, campaign=second, channel="sms")
    assert outcome == {"pushed": [b], "opted_out": [], "recent": [a]}
    # in the same campaign, pushing again is refused the same way
    assert services.push_send(actor=officer, campaign=second, channel="sms", usccs=[b])["recent"] == [b]
    # another policy is not the same policy
    assert services.push_send(actor=officer, campaign=_campaign(officer, other), channel="sms", usccs=[a])[
        "pushed"
    ] == [a]
    assert PolicyPush.objects.filter(uscc=a, rule=rule).count() == 1
    # the interval is a setting: at 89 days it has passed
    settings.CREDIT_PUSH_INTERVAL_DAYS = 89
    assert services.push_send(actor=officer, campaign=second, channel="sms", usccs=[a])["pushed"] == [a]
    assert PolicyPush.objects.filter(uscc=a, rule=rule).count() == 2


def test_take_up_is_detected_from_later_submissions(office, officer, dataset):
    a, c, d, e = (uscc() for _ in range(4))
    _submit(dataset, [_row(a), _row(c), _row(d), _row(e)])
    rule = _rule(office, dataset)
    campaign = _campaign(officer, rule)
    pushed_on = datetime.date(2025, 11, 20)  # month 2025-11
    assert (
        len(
            services.push_send(actor=officer, campaign=campaign, channel="etax", pushed_on=pushed_on)[
                "pushed"
            ]
        )
        == 4
    )
    # later submissions: a corrects its November return (claims it); c claims it in December;
    # d only in a month before the push; e claims nothing
    _submit(dataset, [_row(a, claimed="是")])
    _submit(dataset, [_row(c, period="2025-12", claimed="是")], period="2025-12")
    _submit(dataset, [_row(d, period="2025-09", claimed="是"), _row(e, period="2025-09")], period="2025-09")

    summary = services.takeup_refresh(actor=officer)

    assert summary["taken_up"] == 2 and summary["errors"] == {}
    taken = {p.uscc: p for p in PolicyPush.objects.filter(takeup="taken_up")}
    assert set(taken) == {a, c}
    assert (taken[a].takeup_period, taken[c].takeup_period) == ("2025-11", "2025-12")
    assert taken[a].taken_up_on == clock.today() and taken[a].takeup_evidence[0]["dataset"] == dataset.code
    # idempotent: nothing new the second time; the rate per policy
    assert services.takeup_refresh(actor=officer)["taken_up"] == 0
    rate = next(r for r in services.takeup_rates(user=officer) if r["rule"] == rule)
    assert (rate["pushes"], rate["taken_up"], rate["rate"]) == (4, 2, 0.5)
    assert AuditEntry.objects.filter(action=services.PushAudit.TAKEN_UP).count() >= 2


def test_refusals_leave_nothing_behind(office, officer, dataset):
    a = uscc()
    _submit(dataset, [_row(a)])
    rule = _rule(office, dataset)
    campaign = _campaign(officer, rule)
    with pytest.raises(ApplicationError, match="渠道"):
        services.push_send(actor=officer, campaign=campaign, channel="fax")
    with pytest.raises(ApplicationError, match="不在本批"):
        services.push_send(actor=officer, campaign=campaign, channel="sms", usccs=[a, uscc()])
    with pytest.raises(ApplicationError, match="晚于今天"):
        services.push_send(
            actor=officer,
            campaign=campaign,
            channel="sms",
            pushed_on=clock.today() + datetime.timedelta(days=1),
        )
    with pytest.raises(ApplicationError, match="找不到推送规则"):
        services.campaign_start(actor=officer, rule_code="R01", background=False)
    with pytest.raises(ApplicationError, match="YYYY-MM"):
        services.campaign_start(actor=officer, rule_code=rule.code, period_from="2025/13", background=False)
    liaison = UserFactory(role=Role.LIAISON)
    with pytest.raises(ApplicationError):
        services.push_send(actor=liaison, campaign=campaign, channel="sms")
    assert not PolicyPush.objects.exists()
    assert PushCandidate.objects.filter(campaign=campaign).count() == 1


def test_pages_for_those_who_push_and_no_one_else(office, officer, dataset, client_for):
    a, b = uscc(), uscc()
    _submit(dataset, [_row(a), _row(b)])
    rule = _rule(office, dataset)
    campaign = _campaign(officer, rule)
    client = client_for(officer)
    urls = [
        "/credit/push/",
        f"/credit/push/campaigns/{campaign.pk}/",
        "/credit/push/pushes/",
        "/credit/push/optouts/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    for role in (Role.LIAISON, Role.LEADER, Role.PLAN_OFFICE, Role.EVALUATOR):
        other = client_for(UserFactory(role=role))
        for url in urls:
            assert other.get(url).status_code == 403, (role, url)
    # register an opt-out, push the rest through the page
    response = client.post("/credit/push/optouts/", {"uscc": b, "reason": "测试"})
    assert response.status_code == 302
    response = client.post(
        f"/credit/push/campaigns/{campaign.pk}/", {"channel": "visit", "note": "上门辅导（测试）"}
    )
    assert response.status_code == 302
    assert list(PolicyPush.objects.values_list("uscc", "channel")) == [(a, "visit")]
    page = client.get(f"/credit/push/campaigns/{campaign.pk}/")
    assert "已申请不打扰" in page.content.decode() and "已推送" in page.content.decode()
    listed = client.get("/credit/push/pushes/")
    assert a in listed.content.decode()
    # the push rule lives in the same editor as the risk rules, not in their list
    editor = client_for(office).get(f"/taxrisk/rules/{rule.code}/")
    assert editor.status_code == 200 and "政策推送" in editor.content.decode()
    assert rule.code not in client_for(office).get("/taxrisk/rules/").content.decode()
    # a bad period is shown on the page, not a server error
    response = client.post("/credit/push/", {"rule": rule.code, "period_from": "2025-13"}, follow=True)
    assert response.status_code == 200 and "YYYY-MM" in response.content.decode()
