"""The plan set-up after import: lead office, evaluators, monitoring start; who may do it; what it
records; and that a plan imported today is not overdue or red on day one (the last two tests import
a synthetic document end to end: they use the demo's registry (区卫生健康局) and plan office)."""

import datetime

import pytest
from django.utils import timezone
from factories import (
    PolicyDocumentFactory,
    ResponsibilityFactory,
    TargetFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
)

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.plans import services as plan_services
from gongzhi.plans.models import PlanImport, PolicyDocument
from gongzhi.supervision import monitoring, setup
from gongzhi.supervision.services import indicators_sync, monitoring_settings, round_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return PolicyDocumentFactory()


@pytest.fixture
def office(plan):
    return UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)


@pytest.fixture
def evaluator():
    return UserFactory(role=Role.EVALUATOR)


def _url(plan) -> str:
    return f"/supervision/plans/{plan.pk}/setup/"


# --- the service --------------------------------------------------------------------------------


def test_setup_assigns_office_evaluators_and_start_with_one_audit_entry(plan, office, evaluator):
    other_unit = UnitFactory()
    start = clock.today()
    setup.plan_setup(actor=office, plan=plan, office_unit=other_unit, evaluators=[evaluator], start=start)
    plan.refresh_from_db()
    assert plan.office_unit == other_unit
    assert list(plan.evaluators.all()) == [evaluator]
    assert plan.set_up_at is not None
    assert monitoring_settings(plan).start == start
    entry = AuditEntry.objects.get(action="plan_set_up", object_id=str(plan.pk))
    assert entry.user_id == office.pk
    assert entry.detail["office_unit"] == other_unit.name
    assert entry.detail["evaluators"] == [evaluator.username]
    assert entry.detail["monitoring_start"] == str(start)
    assert entry.detail["before"]["office_unit"] == office.unit.name


@pytest.mark.parametrize("role", [Role.LIAISON, Role.LEADER, Role.EVALUATOR, Role.TAX_OFFICER])
def test_only_the_plan_office_may_set_up(plan, role):
    outsider = UserFactory(role=role, unit=plan.office_unit)
    with pytest.raises(ApplicationError) as exc:
        setup.plan_setup(actor=outsider, plan=plan, office_unit=plan.office_unit, evaluators=[], start=None)
    assert exc.value.code == "permission_denied"
    assert "只有" in exc.value.message and "牵头办公室" in exc.value.message
    assert not AuditEntry.objects.filter(action="plan_set_up", object_id=str(plan.pk)).exists()


def test_another_units_plan_office_may_not_set_up(plan):
    stranger = UserFactory(role=Role.PLAN_OFFICE)
    with pytest.raises(ApplicationError) as exc:
        setup.plan_setup(
            actor=stranger, plan=plan, office_unit=stranger.unit, evaluators=[], start=clock.today()
        )
    assert exc.value.code == "permission_denied"
    plan.refresh_from_db()
    assert plan.office_unit != stranger.unit and plan.set_up_at is None


def test_an_admin_may_set_up_any_plan(plan):
    admin = UserFactory(role=Role.ADMIN)
    setup.plan_setup(actor=admin, plan=plan, office_unit=plan.office_unit, evaluators=[], start=clock.today())
    plan.refresh_from_db()
    assert plan.set_up_at is not None


def test_a_user_who_is_not_an_evaluator_is_refused_and_nothing_changes(plan, office):
    liaison = UserFactory(role=Role.LIAISON)
    before = monitoring_settings(plan).start
    with pytest.raises(ApplicationError) as exc:
        setup.plan_setup(
            actor=office,
            plan=plan,
            office_unit=plan.office_unit,
            evaluators=[liaison],
            start=clock.today() - datetime.timedelta(days=3),
        )
    assert exc.value.code == "invalid_input"
    assert "不是在用的第三方评估账号" in exc.value.message
    plan.refresh_from_db()
    assert plan.set_up_at is None and not plan.evaluators.exists()
    assert monitoring_settings(plan).start == before


def test_an_inactive_office_unit_is_refused(plan, office):
    closed = UnitFactory(active=False)
    with pytest.raises(ApplicationError) as exc:
        setup.plan_setup(actor=office, plan=plan, office_unit=closed, evaluators=[], start=clock.today())
    assert "已停用" in exc.value.message


@pytest.mark.parametrize("start", [None, datetime.date(1999, 12, 31), "next_year_and_a_half"])
def test_the_start_must_be_given_and_sensible(plan, office, start):
    if start == "next_year_and_a_half":
        start = clock.today() + datetime.timedelta(days=550)
    with pytest.raises(ApplicationError) as exc:
        setup.plan_setup(actor=office, plan=plan, office_unit=plan.office_unit, evaluators=[], start=start)
    assert exc.value.code == "invalid_input"
    assert "监测起算日期" in exc.value.message


def test_monitoring_starts_on_the_import_day_by_default(plan):
    assert monitoring_settings(plan).start == timezone.localdate(plan.created_at)
    assert setup.default_start(plan) == monitoring_settings(plan).start


def test_the_first_round_offered_is_the_quarter_of_the_start(plan, office):
    start = datetime.date(clock.today().year, 5, 20)
    setup.plan_setup(actor=office, plan=plan, office_unit=plan.office_unit, evaluators=[], start=start)
    proposal = setup.first_round_proposal(plan)
    assert proposal.period_label == f"{start.year}年第2季度"
    assert (proposal.period_start, proposal.period_end) == (
        datetime.date(start.year, 4, 1),
        datetime.date(start.year, 6, 30),
    )
    assert proposal.due_date == datetime.date(start.year, 7, 15)


# --- the page -----------------------------------------------------------------------------------


def test_the_page_is_the_plan_offices(plan, office, client_for):
    assert client_for(office).get(_url(plan)).status_code == 200
    assert client_for(UserFactory(role=Role.PLAN_OFFICE)).get(_url(plan)).status_code == 403
    assert (
        client_for(UserFactory(role=Role.LIAISON, unit=plan.office_unit)).get(_url(plan)).status_code == 403
    )
    # an evaluator not assigned to the plan does not see it at all
    assert client_for(UserFactory(role=Role.EVALUATOR)).get(_url(plan)).status_code == 404
    assert client_for(None).get(_url(plan)).status_code == 302


def test_the_page_sets_up_the_plan_and_shows_errors_in_chinese(plan, office, evaluator, client_for):
    client = client_for(office)
    page = client.get(_url(plan))
    assert page.context["form"].initial["start"] == setup.default_start(plan)
    assert evaluator in page.context["form"].fields["evaluators"].queryset

    refused = client.post(
        _url(plan), {"op": "save", "office_unit": plan.office_unit_id, "start": "2025-13-01"}
    )
    assert refused.status_code == 200
    assert "日期格式应为 2025-06-30" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.set_up_at is None

    start = clock.today()
    saved = client.post(
        _url(plan),
        {
            "op": "save",
            "office_unit": plan.office_unit_id,
            "evaluators": [evaluator.pk],
            "start": start.isoformat(),
        },
    )
    assert saved.status_code == 302 and saved["Location"] == _url(plan)
    plan.refresh_from_db()
    assert plan.set_up_at is not None and list(plan.evaluators.all()) == [evaluator]
    # the evaluator now sees the plan (and only reads: the set-up page is not theirs)
    assert client_for(evaluator).get(f"/plans/{plan.pk}/").status_code == 200
    assert client_for(evaluator).get(_url(plan)).status_code == 403


def test_handing_the_plan_to_another_office_leads_back_to_the_plan(plan, office, client_for):
    other = UnitFactory()
    response = client_for(office).post(
        _url(plan), {"op": "save", "office_unit": other.pk, "start": clock.today().isoformat()}
    )
    assert response["Location"] == f"/plans/{plan.pk}/"
    plan.refresh_from_db()
    assert plan.office_unit == other
    assert client_for(office).get(_url(plan)).status_code == 403


def test_the_plan_page_offers_the_setup_until_done(plan, office, client_for):
    client = client_for(office)
    assert 'data-testid="setup-banner"' in client.get(f"/plans/{plan.pk}/").content.decode()
    setup.plan_setup(
        actor=office, plan=plan, office_unit=plan.office_unit, evaluators=[], start=clock.today()
    )
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert 'data-testid="setup-banner"' not in page and 'data-testid="setup-link"' in page
    # others do not see the set-up at all
    reader = client_for(UserFactory(role=Role.LEADER)).get(f"/plans/{plan.pk}/").content.decode()
    assert "setup-link" not in reader and "setup-banner" not in reader


# --- a plan imported today ----------------------------------------------------------------------


def _synthetic(year: int, number: int) -> str:
    return f"""测试区人民政府办公室（测试）
关于印发测试区托育服务提升方案的通知
测试政办字〔{year}〕{number}号
现将《测试区托育服务提升方案》印发给你们。
测试区托育服务提升方案（测试文件，内容虚构）
一、重点任务
（一）扩大托位供给。到{year + 2}年，每千人口3岁以下婴幼儿托位数达到4.5个。（牵头单位：区卫生健康局）
（二）建设示范机构。到{year + 2}年，建成示范性托育机构不少于100家。（牵头单位：区卫生健康局）
"""


def _import_today(users) -> PolicyDocument:
    office = users["plan_office"]
    today = clock.today()
    # issued two years ago: the old default counted every quarter since then as overdue
    text = _synthetic(today.year - 2, 9000 + today.toordinal() % 997)
    plan_import = plan_services.plan_import_start(actor=office, data=text.encode(), filename="测试方案.txt")
    plan_services.plan_import_parse(plan_import=PlanImport.objects.get(pk=plan_import.pk))
    plan_import.refresh_from_db()
    document, _changes = plan_services.plan_import_confirm(actor=office, plan_import=plan_import, doc_index=0)
    return document


def test_a_plan_imported_today_is_not_overdue_or_red_on_day_one(users, data_dir):
    office = users["plan_office"]
    document = _import_today(users)
    setup.plan_setup(
        actor=office,
        plan=document,
        office_unit=document.office_unit,
        evaluators=[users["evaluator"]],
        start=setup.default_start(document),
    )
    counts = indicators_sync(actor=office, plan=document)
    assert counts["created"] == 2
    proposal = setup.first_round_proposal(document)
    round_open(actor=office, plan=document, **proposal.__dict__)

    states = monitoring.plan_status(plan=document)
    assert len(states) == 2
    for state in states:
        assert state.assessment.level not in ("red", "yellow"), state.assessment.reason
        assert "逾期" not in state.assessment.reason
        for indicator in state.indicators:
            assert indicator.level == "grey", indicator.reason
            assert "逾期" not in indicator.reason


def test_a_start_set_back_makes_the_past_quarters_owed(users, data_dir):
    """The rule cuts both ways: moving the start two years back makes those quarters overdue."""
    office = users["plan_office"]
    document = _import_today(users)
    setup.plan_setup(
        actor=office,
        plan=document,
        office_unit=document.office_unit,
        evaluators=[],
        start=clock.today() - datetime.timedelta(days=730),
    )
    indicators_sync(actor=office, plan=document)
    levels = {i.level for s in monitoring.plan_status(plan=document) for i in s.indicators}
    assert levels == {"red"}


def test_posting_the_setup_is_refused_to_others_and_nothing_changes(plan, client_for):
    for outsider in (
        UserFactory(role=Role.LIAISON, unit=plan.office_unit),
        UserFactory(role=Role.PLAN_OFFICE),
    ):
        response = client_for(outsider).post(
            _url(plan), {"op": "save", "office_unit": outsider.unit_id, "start": clock.today().isoformat()}
        )
        assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.set_up_at is None
    assert not AuditEntry.objects.filter(action="plan_set_up", object_id=str(plan.pk)).exists()


def test_the_next_steps_from_the_page(plan, office, client_for):
    task = TaskFactory(document=plan)
    ResponsibilityFactory(task=task)
    TargetFactory(task=task, deadline_year=clock.today().year + 2)
    client = client_for(office)
    client.post(
        _url(plan), {"op": "save", "office_unit": plan.office_unit_id, "start": clock.today().isoformat()}
    )
    client.post(_url(plan), {"op": "indicators"})
    assert plan.indicators.filter(active=True).count() == 1
    proposal = setup.first_round_proposal(plan)
    fields = {f"round-{k}": str(v) for k, v in proposal.__dict__.items()}
    opened = client.post(_url(plan), {"op": "round", **fields})
    assert opened.status_code == 302 and plan.rounds.count() == 1
    again = client.post(_url(plan), {"op": "round", **fields})
    assert again.status_code == 200
    assert f"“{proposal.period_label}”的报送轮次已存在" in again.content.decode()
    assert plan.rounds.count() == 1
