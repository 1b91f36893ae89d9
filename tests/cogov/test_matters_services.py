"""Important-matter reports: filing, acknowledgement due by urgency, assignment, closing, who sees
which, attachments, the to-dos, overdue warnings and the leader's figures."""

import datetime

import pytest
from factories import UnitFactory, UserFactory

from gongzhi.cogov import selectors_matters as selectors
from gongzhi.cogov import services_matters as services
from gongzhi.cogov.models_matters import ImportantMatter, MatterState
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FRIDAY = datetime.date(2026, 12, 4)


@pytest.fixture
def office():
    return UserFactory(role=Role.COGOV_OFFICE)


@pytest.fixture
def liaison():
    return UserFactory(role=Role.LIAISON)


def _file(actor, urgency="normal", **kw):
    return services.matter_file(
        actor=actor,
        title=kw.pop("title", "某企业拟整体迁出"),
        kind=kw.pop("kind", "tax_source"),
        urgency=urgency,
        facts=kw.pop("facts", "（测试）企业拟于下月迁出本区。"),
        **kw,
    )


@pytest.mark.parametrize(("urgency", "due"), [("critical", 7), ("urgent", 8), ("normal", 11)])
def test_acknowledgement_is_due_in_working_days_by_urgency(liaison, monkeypatch, urgency, due):
    monkeypatch.setattr(clock, "today", lambda: FRIDAY)
    matter = _file(liaison, urgency)
    assert matter.filed_on == FRIDAY and matter.due_date == datetime.date(2026, 12, due)
    assert matter.unit == liaison.unit and matter.state == MatterState.FILED
    assert AuditEntry.objects.filter(action="matter_filed", object_id=str(matter.pk)).exists()


def test_file_acknowledge_assign_close(liaison, office, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    matter = _file(liaison, attachments=[("情况说明.pdf", PDF)])
    attachment = matter.attachments.get()
    assert attachment.filename == "情况说明.pdf" and attachment.size == len(PDF)
    assert str(tmp_path) in attachment.file_path
    with pytest.raises(ApplicationError, match="请先签收"):
        services.matter_close(actor=office, matter=matter, result="已处理")
    services.matter_acknowledge(actor=office, matter=matter)
    other = UnitFactory()
    today = clock.today()
    matter = services.matter_assign(
        actor=office, matter=matter, unit=other, deadline=today + datetime.timedelta(days=10), note="请核实"
    )
    assert matter.state == MatterState.ASSIGNED and matter.assigned_unit == other
    matter = services.matter_close(actor=office, matter=matter, result="已约谈企业，暂缓迁出")
    assert matter.state == MatterState.CLOSED and matter.closed_on == today
    actions = set(
        AuditEntry.objects.filter(object_id=str(matter.pk), object_type="cogov.importantmatter").values_list(
            "action", flat=True
        )
    )
    assert {"matter_filed", "matter_acknowledged", "matter_assigned", "matter_closed"} <= actions


def test_bad_input_names_the_field_and_stores_nothing(liaison):
    before = ImportantMatter.objects.count()
    with pytest.raises(ApplicationError, match="事实情况"):
        _file(liaison, facts="  ")
    with pytest.raises(ApplicationError, match="紧急程度"):
        _file(liaison, urgency="very")
    with pytest.raises(ApplicationError, match=r"附件“a\.exe”"):
        _file(liaison, attachments=[("a.exe", b"MZ")])
    assert ImportantMatter.objects.count() == before


@pytest.mark.parametrize("role", [Role.LIAISON, Role.TAX_OFFICER, Role.LEADER, Role.PLAN_OFFICE])
def test_only_the_office_handles(liaison, role):
    matter = _file(liaison)
    user = UserFactory(role=role)
    with pytest.raises(ApplicationError):
        services.matter_acknowledge(actor=user, matter=matter)
    matter.refresh_from_db()
    assert matter.state == MatterState.FILED


def test_leader_and_evaluator_cannot_file():
    for role in (Role.LEADER, Role.EVALUATOR):
        with pytest.raises(ApplicationError):
            _file(UserFactory(role=role))


def test_who_sees_which(liaison, office):
    matter = _file(liaison)
    stranger = UserFactory(role=Role.LIAISON)
    assigned = UserFactory(role=Role.LIAISON)
    leader = UserFactory(role=Role.LEADER)
    assert matter in selectors.matter_list(user=liaison)
    assert matter not in selectors.matter_list(user=stranger)
    assert matter in selectors.matter_list(user=office) and matter in selectors.matter_list(user=leader)
    assert matter not in selectors.matter_list(user=assigned)
    services.matter_acknowledge(actor=office, matter=matter)
    services.matter_assign(actor=office, matter=matter, unit=assigned.unit)
    assert matter in selectors.matter_list(user=assigned)
    assert [d["kind"] for d in selectors.due_for(user=assigned, today=clock.today())] == ["matter_assigned"]


def test_overdue_acknowledgement_is_warned_to_the_office(liaison, office, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: FRIDAY)
    matter = _file(liaison, "critical")
    day_after = datetime.date(2026, 12, 8)  # due Monday 7th
    rows = [r for r in selectors.overdue(today=day_after) if r["url"].endswith(f"/{matter.pk}/")]
    assert {r["unit_id"] for r in rows} >= {office.unit_id} and rows[0]["days_over"] == 1
    assert not [
        r for r in selectors.overdue(today=datetime.date(2026, 12, 7)) if r["url"].endswith(f"/{matter.pk}/")
    ]
    due = [d for d in selectors.due_for(user=office, today=day_after) if d["url"].endswith(f"/{matter.pk}/")]
    assert due[0]["days_left"] == -1 and due[0]["kind"] == "matter_acknowledge"
    services.matter_acknowledge(actor=office, matter=matter)
    assert not [r for r in selectors.overdue(today=day_after) if r["url"].endswith(f"/{matter.pk}/")]


def test_leader_summary(liaison, office):
    leader = UserFactory(role=Role.LEADER)
    before = {r["label"]: r["value"] for r in selectors.leader_summary(user=leader, today=clock.today())}
    _file(liaison)
    after = {r["label"]: r["value"] for r in selectors.leader_summary(user=leader, today=clock.today())}
    assert after["重要事项未办结"] == before["重要事项未办结"] + 1
    assert selectors.leader_summary(user=liaison, today=clock.today()) == []
