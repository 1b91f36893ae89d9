"""The revenue pages: 收入分析 with plan completion, 税源结构 with its drill-down, 行业税负 with
outliers linked to tax-risk leads; who may see what (a leader the aggregates only, a liaison
nothing)."""

import random
from decimal import Decimal

import pytest
from django.urls import reverse
from economy.revenue_data import submit_world
from factories import submit_rows

from gongzhi.core.models import AuditEntry
from gongzhi.economy import burden, cube, structure
from gongzhi.economy.demo import plan_amount
from gongzhi.economy.models import RevenuePlan
from gongzhi.economy.revenue_services import time_progress
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.validation import synthetic
from gongzhi.org.models import Unit
from gongzhi.taxrisk.models import Lead, RiskRule

D = Decimal
PAGES = ["economy:revenue", "economy:structure", "economy:burden"]


@pytest.mark.parametrize("role", ["leader", "cogov_office", "tax_officer", "admin"])
def test_the_pages_render_on_the_demo_data(role, users, client_for, demo):
    client = client_for(users[role])
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, (name, role)
        assert "暂无税款入库数据" not in response.content.decode()
    page = client.get(reverse("economy:revenue"), {"by": "industry"}).content.decode()
    assert "1—2月合并" in page and "序时进度" in page and 'id="gz-revenue-data"' in page
    assert client.get(reverse("economy:revenue"), {"by": "town"}).status_code == 200


@pytest.mark.parametrize("role", ["liaison", "evaluator", "plan_office"])
def test_roles_without_economy_view_are_refused(role, users, client_for):
    client = client_for(users[role])
    for name in [*PAGES, "economy:taxpayers"]:
        assert client.get(reverse(name)).status_code == 403, (name, role)
    assert client.post(reverse("economy:plan_save"), {"year": 2019, "amount": "1"}).status_code == 403


def test_bad_query_parameters_are_a_400(users, client_for):
    client = client_for(users["cogov_office"])
    assert client.get(reverse("economy:revenue"), {"period": "2019-13"}).status_code == 400
    assert client.get(reverse("economy:revenue"), {"by": "colour"}).status_code == 400
    assert client.get(reverse("economy:burden"), {"year": "19x"}).status_code == 400


def test_leader_sees_aggregates_but_no_taxpayer(users, client_for, data_dir):
    world = submit_world()
    leader = client_for(users["leader"])
    page = leader.get(reverse("economy:structure"), {"period": "2019-03"}).content.decode()
    assert "赫芬达尔指数" in page and world["a"] not in page and "演示甲食品" not in page
    assert reverse("economy:taxpayers") not in page
    assert (
        leader.get(reverse("economy:taxpayers"), {"period": "2019-03", "subset": "top10"}).status_code == 403
    )
    office = client_for(users["cogov_office"])
    page = office.get(reverse("economy:structure"), {"period": "2019-03"}).content.decode()
    assert "演示甲食品有限公司（虚构）" in page and reverse("economy:taxpayers") in page
    drill = office.get(
        reverse("economy:taxpayers"), {"period": "2019-03", "subset": "industry", "value": "K"}
    )
    assert (
        drill.status_code == 200
        and world["b"] in drill.content.decode()
        and world["a"] not in drill.content.decode()
    )
    entry = AuditEntry.objects.filter(action="shared_data_read").latest("seq")
    assert entry.username == "gongzhi" and entry.detail["subset"] == "industry"


def test_structure_figures(db, data_dir):
    world = submit_world()
    s = structure.structure(user=None, period="2019-03")
    assert s.total == world["total"] and s.taxpayers == 3
    assert s.top10 == s.total and s.top10_share == D("100.00")
    assert s.new_count == 3 and s.new_amount == s.total and s.lost_count == 0
    shares = {"C": D("1300.44"), "K": D("2000.39"), "": D("12.30")}
    assert {p.key: p.amount for p in s.industries} == shares
    assert s.dependence.amount == D("2000.39")
    # HHI: sum of squared shares (x 10,000)
    expected = sum((float(v) / float(world["total"])) ** 2 for v in shares.values()) * 10000
    assert s.hhi == round(expected, 1)
    assert [k.uscc for k in s.key_taxpayers] == [world["b"], world["a"], world["c"]]
    assert s.key_taxpayers[0].trend[-2:] == [D("2000.05"), D("0.34")]
    rows = structure.drill(user=None, period="2019-03", subset="new")
    assert sum(r.amount for r in rows) == world["total"]


def test_plan_entry_and_completion(users, client_for, data_dir):
    world = submit_world()
    office = client_for(users["cogov_office"])
    response = office.post(reverse("economy:plan_save"), {"year": 2019, "amount": "10000.00", "note": "虚构"})
    assert response.status_code == 302
    plan = RevenuePlan.objects.get(year=2019, tax_type="")
    assert plan.amount == D("10000.00") and plan.entered_by == users["cogov_office"]
    entry = AuditEntry.objects.filter(action="economy_plan_saved").latest("seq")
    assert entry.detail == {"year": 2019, "tax_type": "", "before": None, "after": "10000.00"}
    office.post(reverse("economy:plan_save"), {"year": 2019, "amount": "20000", "note": ""})
    plan.refresh_from_db()
    assert plan.amount == D("20000.00")
    page = office.get(reverse("economy:revenue"), {"period": "2019-03"}).content.decode()
    # 3,313.13 of 20,000 = 16.57%; by 31 March 90 of 365 days have passed = 24.66%
    assert "16.57%" in page and "24.66%" in page and world["a"] not in page
    leader = client_for(users["leader"])
    assert leader.post(reverse("economy:plan_save"), {"year": 2019, "amount": "1"}).status_code == 403
    plan.refresh_from_db()
    assert plan.amount == D("20000.00")
    assert office.post(reverse("economy:plan_save"), {"year": 2019, "amount": "-5"}).status_code == 302
    plan.refresh_from_db()
    assert plan.amount == D("20000.00")


def test_time_progress():
    import datetime as dt

    assert time_progress("2024-12", dt.date(2025, 1, 5)) == D("100.00")
    assert time_progress("2025-06", dt.date(2025, 6, 15)) == D("45.48")  # 166 / 365: today is earlier
    assert time_progress("2024-02", dt.date(2025, 1, 1)) == D("16.39")  # 60 / 366


def test_burden_outliers_link_to_leads(users, client_for, data_dir):
    rng = random.Random(99)
    bureau = Unit.objects.get(name="区税务局")
    codes = [synthetic.uscc(rng) for _ in range(7)]
    submit_rows(Dataset.objects.get(code="taxpayer"), bureau, "2019-01", [
        {"uscc": u, "name": f"演示制造企业{n}（虚构）", "industry_code": "C33", "town": "王村镇", "status": "正常",
         "kind": "一般纳税人"} for n, u in enumerate(codes)
    ])  # fmt: skip
    # six taxpayers pay 3.0%..3.5% of their declared revenue; the seventh 0.1%
    rates = ["0.030", "0.031", "0.032", "0.033", "0.034", "0.035", "0.001"]
    submit_rows(Dataset.objects.get(code="declaration"), bureau, "2019-05", [
        {"uscc": u, "period": "2019-05", "revenue": "100000.00", "zero_declared": "否"} for u in codes
    ])  # fmt: skip
    submit_rows(Dataset.objects.get(code="tax_paid"), bureau, "2019-06", [
        {"uscc": u, "tax_type": "增值税", "period": "2019-05", "amount": str(D("100000") * D(r)),
         "paid_date": "2019-06-10"} for u, r in zip(codes, rates, strict=True)
    ])  # fmt: skip
    lead = Lead.objects.create(rule=RiskRule.objects.first(), uscc=codes[6], period="2019-05")
    b = burden.burden(user=None, year=2019)
    c = next(i for i in b.industries if i.industry == "C")
    assert c.years["2019"]["n"] == 7 and c.years["2019"]["burden"] == D("2.80")  # 19,600 / 700,000
    assert c.outliers == 1 and [o.uscc for o in b.outliers] == [codes[6]]
    assert b.outliers[0].leads == [lead]
    office = client_for(users["cogov_office"]).get(reverse("economy:burden"), {"year": 2019}).content.decode()
    assert codes[6] in office and reverse("taxrisk:lead_detail", args=[lead.pk]) in office
    leader = client_for(users["leader"]).get(reverse("economy:burden"), {"year": 2019}).content.decode()
    assert codes[6] not in leader and "纳税人明细仅向有权查看的岗位开放" in leader


def test_the_demo_has_a_plan_for_each_year_of_its_data(demo):
    plans = {p.year: p for p in RevenuePlan.objects.filter(tax_type="")}
    assert {2024, 2025, demo.year} <= set(plans)

    def paid(year):
        cells = cube.revenue(user=None, by=None, period_from=f"{year}-01", period_to=f"{year}-12")
        return sum((c.amount for c in cells), D("0"))

    before, own = paid(2024), paid(2025)
    assert plans[2025].amount == plan_amount(before if before * 2 >= own else own)
    assert all("虚构" in p.note for p in plans.values())
    # no plan for a year with only a stray payment (the synthetic data start in 2024)
    assert min(plans) == 2024
