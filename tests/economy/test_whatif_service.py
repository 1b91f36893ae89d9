"""The policy what-if as a service over real submissions and the real warehouse, its pages, its
permissions (liaison refused; the leader sees and computes but cannot save) and audit; and the
demo's saved scenarios."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from factories import submit_rows, uscc

from gongzhi.core.audit import AuditAction
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.economy import whatif_services as services
from gongzhi.economy.demo_whatif import SCENARIOS
from gongzhi.economy.models import Scenario
from gongzhi.exchange.models import Dataset
from gongzhi.org.models import Unit

pytestmark = pytest.mark.django_db

THRESHOLD = [{"kind": "threshold", "old": "100000", "new": "150000"}]
PERIOD = {"period_from": "2019-01", "period_to": "2019-02"}  # before any demo data


@pytest.fixture
def base(data_dir):
    """Three synthetic taxpayers of 2019 (虚构), submitted by the tax bureau; then a corrected
    declaration file that supersedes the first."""
    bureau = Unit.objects.get(name="区税务局")
    small, other, general = uscc(), uscc(), uscc()

    def taxpayer(code, industry, town, kind):
        return {
            "uscc": code,
            "name": f"测算企业{code[-4:]}有限公司（虚构）",
            "industry_code": industry,
            "town": town,
            "reg_date": "2015-03-01",
            "status": "正常",
            "kind": kind,
        }

    submit_rows(
        Dataset.objects.get(code="taxpayer"),
        bureau,
        "2019-01",
        [
            taxpayer(small, "C13", "测算甲镇", "小规模纳税人"),
            taxpayer(other, "H61", "测算乙镇", "小规模纳税人"),
            taxpayer(general, "C14", "测算甲镇", "一般纳税人"),
        ],
    )

    def paid(code, tax_type, period, amount, day):
        return {"uscc": code, "tax_type": tax_type, "period": period, "amount": amount, "paid_date": day}

    submit_rows(
        Dataset.objects.get(code="tax_paid"),
        bureau,
        "2019-02",
        [
            paid(small, "增值税", "2019-01", "1200.00", "2019-02-10"),
            paid(other, "增值税", "2019-01", "800.00", "2019-02-12"),
            paid(general, "增值税", "2019-01", "13000.00", "2019-02-15"),
            paid(general, "企业所得税", "2019-01", "5000.00", "2019-02-15"),
        ],
    )

    def declared(code, revenue):
        return {"uscc": code, "period": "2019-01", "revenue": revenue, "zero_declared": "否"}

    declarations = Dataset.objects.get(code="declaration")
    submit_rows(
        declarations,
        bureau,
        "2019-01",
        [declared(small, "120000.00"), declared(other, "80000.00"), declared(general, "130000.00")],
    )
    # the corrected month (a newer submission of the same period supersedes the first): `other`
    # declared 14万, now within (10万, 15万]
    submit_rows(
        declarations,
        bureau,
        "2019-01",
        [declared(small, "120000.00"), declared(other, "140000.00"), declared(general, "130000.00")],
    )
    return {"small": small, "other": other, "general": general}


def test_the_service_reads_the_current_submitted_rows_and_audits_the_read(base, users):
    result = services.whatif_compute(user=users["cogov_office"], changes=THRESHOLD, **PERIOD)
    # small (12万, VAT 1,200) and other (corrected to 14万, VAT 800); general is not small-scale
    assert result["total"]["effect"] == "-2000.00"
    assert result["total"]["base"] == "20000.00"  # 1,200 + 800 + 13,000 + 5,000
    towns = {r["name"]: r for r in result["by_town"]}
    assert towns["测算甲镇"]["effect"] == "-1200.00"
    assert towns["测算乙镇"]["effect"] == "-800.00"
    industries = {r["code"]: r for r in result["by_industry"]}
    assert industries["C"]["base"] == "19200.00" and industries["C"]["effect"] == "-1200.00"
    read = AuditEntry.objects.filter(action=AuditAction.SHARED_DATA_READ, username="gongzhi").latest("seq")
    assert read.purpose == "政策测算"


def test_rate_cut_for_one_industry_on_submitted_data(base, users):
    change = [{"kind": "rate", "tax_type": "增值税", "old": "13", "new": "12", "sections": ["C"]}]
    result = services.whatif_compute(user=users["leader"], changes=change, **PERIOD)
    # C: (1,200 + 13,000) x (12/13 - 1): 1,200 -> -92.31, 13,000 -> -1,000.00
    assert result["total"]["effect"] == "-1092.31"


def test_save_recompute_and_delete_are_audited(base, users):
    office = users["cogov_office"]
    scenario = services.scenario_save(actor=office, name="起征点测算（测试）", changes=THRESHOLD, **PERIOD)
    assert scenario.result["total"]["effect"] == "-2000.00" and scenario.computed_at is not None
    assert scenario.created_by == office
    assert AuditEntry.objects.filter(
        action=AuditAction.ECONOMY_SCENARIO_SAVED, object_id=str(scenario.pk)
    ).exists()
    # a later submission (a late payment of `small` for 2019-01) changes the recomputed result
    submit_rows(
        Dataset.objects.get(code="tax_paid"),
        Unit.objects.get(name="区税务局"),
        "2019-03",
        [
            {
                "uscc": base["small"],
                "tax_type": "增值税",
                "period": "2019-01",
                "amount": "300.00",
                "paid_date": "2019-03-05",
            }
        ],
    )
    services.scenario_recompute(actor=office, scenario=scenario)
    scenario.refresh_from_db()
    assert scenario.result["total"]["effect"] == "-2300.00"
    entry = AuditEntry.objects.get(action=AuditAction.ECONOMY_SCENARIO_RECOMPUTED, object_id=str(scenario.pk))
    assert entry.detail["effect_before"] == "-2000.00"
    pk = scenario.pk
    services.scenario_delete(actor=office, scenario=scenario)
    assert not Scenario.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.ECONOMY_SCENARIO_DELETED, object_id=str(pk)).exists()


def test_errors_are_in_chinese_and_nothing_is_saved(base, users):
    office, before = users["cogov_office"], Scenario.objects.count()
    bad = [
        (
            [{"kind": "rate", "tax_type": "增值税", "old": "13", "new": "130"}],
            PERIOD,
            "新税率应在0%到100%之间",
        ),
        ([{"kind": "threshold", "old": "0", "new": "150000"}], PERIOD, "起征点应为正数"),
        (THRESHOLD, {"period_from": "", "period_to": ""}, "请填写基期的起止月份"),
    ]
    for changes, period, message in bad:
        with pytest.raises(ApplicationError, match=message) as caught:
            services.scenario_save(actor=office, name="错误（测试）", changes=changes, **period)
        assert caught.value.code == "invalid_input"
    unknown_town = [{"kind": "threshold", "old": "100000", "new": "150000", "towns": "测算甲镇、不存在镇"}]
    with pytest.raises(ApplicationError, match="第1项政策变化：镇街“不存在镇”不在纳税人登记信息中"):
        services.scenario_save(actor=office, name="错误（测试）", changes=unknown_town, **PERIOD)
    with pytest.raises(ApplicationError, match="请填写测算名称"):
        services.scenario_save(actor=office, name=" ", changes=THRESHOLD, **PERIOD)
    assert Scenario.objects.count() == before


def test_liaison_is_refused_and_leader_cannot_save(users, client_for):
    with pytest.raises(ApplicationError) as caught:
        services.whatif_compute(user=users["liaison"], changes=THRESHOLD, **PERIOD)
    assert caught.value.code == "permission_denied"
    assert client_for(users["liaison"]).get(reverse("economy:whatif")).status_code == 403
    scenario = Scenario.objects.first()
    assert (
        client_for(users["liaison"]).get(reverse("economy:whatif_detail", args=[scenario.pk])).status_code
        == 403
    )

    before = Scenario.objects.count()
    leader = client_for(users["leader"])
    page = leader.get(reverse("economy:whatif"))
    assert page.status_code == 200 and 'data-testid="save"' not in page.content.decode()
    form = {
        "c1_kind": "threshold",
        "c1_old": "100000",
        "c1_new": "150000",
        "name": "领导保存（测试）",
        **PERIOD,
    }
    assert leader.post(reverse("economy:whatif"), {**form, "op": "save"}).status_code == 403
    assert (
        leader.post(reverse("economy:whatif_detail", args=[scenario.pk]), {"op": "delete"}).status_code == 403
    )
    assert Scenario.objects.count() == before
    with pytest.raises(ApplicationError):
        services.scenario_save(actor=users["leader"], name="领导保存（测试）", changes=THRESHOLD, **PERIOD)


def test_the_pages_compute_save_and_show_the_result(base, users, client_for):
    office = client_for(users["cogov_office"])
    form = {
        "c1_kind": "threshold",
        "c1_old": "100000",
        "c1_new": "150000",
        "name": "页面保存（测试）",
        **PERIOD,
    }
    preview = office.post(reverse("economy:whatif"), {**form, "op": "preview"})
    html = preview.content.decode()
    assert preview.status_code == 200 and 'data-testid="by-industry"' in html
    assert "-2,000.00" in html and 'id="gz-whatif-data"' in html
    assert not Scenario.objects.filter(name="页面保存（测试）").exists()

    bad = office.post(reverse("economy:whatif"), {**form, "c1_new": "-1", "op": "preview"})
    assert "起征点应为正数" in bad.content.decode()

    saved = office.post(reverse("economy:whatif"), {**form, "op": "save"})
    scenario = Scenario.objects.get(name="页面保存（测试）")
    assert saved.status_code == 302 and saved["Location"] == reverse(
        "economy:whatif_detail", args=[scenario.pk]
    )
    detail = office.get(saved["Location"]).content.decode()
    assert "小规模纳税人增值税月销售额起征点由100000元调整为150000元" in detail and "-2,000.00" in detail
    assert office.post(saved["Location"], {"op": "recompute"}).status_code == 302
    assert office.post(saved["Location"], {"op": "delete"}).status_code == 302
    assert not Scenario.objects.filter(pk=scenario.pk).exists()


def test_the_demo_saved_two_scenarios_on_its_data(demo, users, client_for):
    for item in SCENARIOS:
        scenario = Scenario.objects.get(name=item["name"])
        assert "虚构" in scenario.name and scenario.computed_at is not None
        if scenario.result:  # computed on the demo's 2024 declarations and payments
            assert D(scenario.result["total"]["effect"]) < 0
            assert sum(D(r["effect"]) for r in scenario.result["by_town"]) == D(
                scenario.result["total"]["effect"]
            )
    page = client_for(users["leader"]).get(reverse("economy:whatif")).content.decode()
    assert SCENARIOS[0]["name"] in page
