"""Issue 10, part 3: permission findings. Each test failed before its fix and passes after."""

import datetime
from decimal import Decimal

import pytest

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.inspections import services as inspections
from gongzhi.inspections.models import GoodPracticeCase
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import services
from gongzhi.supervision.choices import OrderState, ReportState
from gongzhi.supervision.models import Indicator, IndicatorValue
from gongzhi.taxrisk.models import Lead, RiskRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")


def test_evaluator_cannot_answer_an_order_of_its_unit(plan, users, client_for, demo_day):
    """Failed before the fix: `order_answer` checked the unit only, so the evaluator (whose unit is
    区妇儿工委办公室) could answer an order issued to that unit. Now only those who report for
    the unit (`supervision.report`) answer; the evaluator gets 403 and the order stays open."""
    evaluator = users["evaluator"]
    order = services.order_issue(
        actor=users["plan_office"],
        plan=plan,
        unit=evaluator.unit,
        issue="宣传工作滞后（测试）",
        requirement="报送整改措施",
        deadline=demo_day + datetime.timedelta(days=30),
    )
    with pytest.raises(ApplicationError) as denied:
        services.order_answer(actor=evaluator, order=order, answer="评估方代为答复（测试）")
    assert denied.value.code == ErrorCode.PERMISSION_DENIED
    client = client_for(evaluator)
    page = client.get(f"/supervision/orders/{order.pk}/")
    assert page.status_code == 200 and 'data-testid="order-answer-submit"' not in page.content.decode()
    response = client.post(f"/supervision/orders/{order.pk}/", {"op": "answer", "answer": "代为答复（测试）"})
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.state == OrderState.ISSUED and order.answer == ""
    # the unit's reporter (here the plan office itself, same unit) still answers
    services.order_answer(actor=users["plan_office"], order=order, answer="已整改（测试）")
    order.refresh_from_db()
    assert order.state == OrderState.ANSWERED


@pytest.mark.parametrize("role", ["leader", "evaluator"])
def test_readers_cannot_file_good_practice_cases(role, plan, users, client_for):
    """Failed before the fix: any user with a unit could file a case (leader, evaluator). Now only
    roles that report for a unit (`supervision.report`: liaisons, offices, admin) may."""
    user = users[role]
    before = GoodPracticeCase.objects.count()
    client = client_for(user)
    assert client.get("/supervision/cases/new/").status_code == 403
    response = client.post(
        "/supervision/cases/new/", {"plan": plan.pk, "title": "读者案例（测试）", "body": "……"}
    )
    assert response.status_code == 403
    with pytest.raises(ApplicationError) as denied:
        inspections.case_submit(actor=user, plan=plan, title="读者案例（测试）", body="……")
    assert denied.value.code == ErrorCode.PERMISSION_DENIED
    assert "报送案例" not in client.get("/supervision/cases/").content.decode()
    assert GoodPracticeCase.objects.count() == before


def test_liaison_still_files_a_case(plan, users, client_for):
    response = client_for(users["liaison"]).post(
        "/supervision/cases/new/", {"plan": plan.pk, "title": "托育服务提质（测试）", "body": "……"}
    )
    assert response.status_code == 302
    assert GoodPracticeCase.objects.filter(title="托育服务提质（测试）", unit=users["liaison"].unit).exists()


def test_other_units_drafts_are_not_on_the_indicator_page(plan, users, client_for):
    """Failed before the fix: the indicator page listed every value, other units' drafts included.
    Now a unit sees its own drafts; everyone (the plan office too) sees only others' submitted and
    accepted values."""
    indicator = Indicator.objects.get(plan=plan, name="每千人口3岁以下婴幼儿托位数")
    unit = users["liaison"].unit
    draft = IndicatorValue.objects.create(
        indicator=indicator,
        unit=unit,
        period_end=datetime.date(2026, 1, 31),
        value=Decimal("9.8765"),
        state=ReportState.DRAFT,
    )
    submitted = IndicatorValue.objects.create(
        indicator=indicator,
        unit=unit,
        period_end=datetime.date(2026, 2, 28),
        value=Decimal("8.7654"),
        state=ReportState.SUBMITTED,
    )

    def shown(role):
        page = client_for(users[role]).get(f"/supervision/indicators/{indicator.pk}/")
        assert page.status_code == 200
        return {v.pk for v in page.context["values"]}

    assert {draft.pk, submitted.pk} <= shown("liaison")
    for role in ("plan_office", "leader", "evaluator", "cogov_office"):
        values = shown(role)
        assert draft.pk not in values and submitted.pk in values, role
    other = client_for(users["liaison"].__class__.objects.get(username="jiaoti"))
    values = {v.pk for v in other.get(f"/supervision/indicators/{indicator.pk}/").context["values"]}
    assert draft.pk not in values and submitted.pk in values


def test_tax_officer_counts_only_the_leads_it_may_see(users, client_for):
    """Failed before the fix: the rules and runs pages counted every lead for a tax officer.
    Now the counts are over `Lead.objects.visible_to(user)`; the office still sees all."""
    officer, office = users["tax_officer"], users["cogov_office"]
    visible = Lead.objects.visible_to(officer)
    assert 0 < visible.count() < Lead.objects.count()
    rules = client_for(officer).get("/taxrisk/rules/").context["stats"]
    assert sum(s["leads"] for s in rules.values()) == visible.count()
    office_rules = client_for(office).get("/taxrisk/rules/").context["stats"]
    assert sum(s["leads"] for s in office_rules.values()) == Lead.objects.count()
    run = RiskRun.objects.filter(lead_count__gt=0).order_by("-pk").first()
    listed = {r.pk: r for r in client_for(officer).get("/taxrisk/runs/").context["runs"]}
    assert listed[run.pk].shown_leads == visible.filter(last_run=run).count() < run.lead_count
    assert listed[run.pk].shown_new == visible.filter(first_run=run).count()
    detail = client_for(officer).get(f"/taxrisk/runs/{run.pk}/")
    assert f"疑点{run.lead_count}条" not in detail.content.decode()
    assert f"疑点{visible.filter(last_run=run).count()}条" in detail.content.decode()
    office_runs = {r.pk: r for r in client_for(office).get("/taxrisk/runs/").context["runs"]}
    assert office_runs[run.pk].shown_leads == run.lead_count
