"""Batch review of submitted reports (`report_review_batch` and the home page's inbox form):
all or nothing, the plan office checked for each report, one audit entry per report."""

import pytest
from factories import PolicyDocumentFactory, ReportingRoundFactory, TaskReportFactory, UserFactory

from gongzhi.core.audit import AuditAction
from gongzhi.core.clock import now
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.supervision.choices import ReportState
from gongzhi.supervision.models import TaskReport
from gongzhi.supervision.services import report_review_batch

pytestmark = pytest.mark.django_db


def submitted(round_, n=2):
    return [
        TaskReportFactory(round=round_, state=ReportState.SUBMITTED, submitted_at=now()) for _ in range(n)
    ]


@pytest.fixture
def office_and_reports():
    plan = PolicyDocumentFactory()
    office = UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)
    return office, submitted(ReportingRoundFactory(plan=plan))


def states(reports) -> list[str]:
    return list(
        TaskReport.objects.filter(pk__in=[r.pk for r in reports])
        .order_by("pk")
        .values_list("state", flat=True)
    )


def audit_count(reports, action=None) -> int:
    entries = AuditEntry.objects.filter(
        object_id__in=[str(r.pk) for r in reports], object_type="supervision.taskreport"
    )
    return entries.filter(action=action).count() if action else entries.count()


def test_a_batch_accept_accepts_every_report_and_audits_each(office_and_reports):
    office, reports = office_and_reports
    count = report_review_batch(actor=office, report_ids=[r.pk for r in reports], accept=True)
    assert count == 2
    assert states(reports) == [ReportState.ACCEPTED] * 2
    assert audit_count(reports, AuditAction.REPORT_ACCEPTED) == 2
    assert all(
        r.reviewed_by_id == office.pk for r in TaskReport.objects.filter(pk__in=[r.pk for r in reports])
    )


def test_a_batch_return_needs_a_reason_and_records_it(office_and_reports):
    office, reports = office_and_reports
    ids = [r.pk for r in reports]
    with pytest.raises(ApplicationError) as refused:
        report_review_batch(actor=office, report_ids=ids, accept=False, comment="  ")
    assert refused.value.code == ErrorCode.INVALID_INPUT and "退回时请填写意见" in refused.value.message
    assert states(reports) == [ReportState.SUBMITTED] * 2 and audit_count(reports) == 0
    report_review_batch(actor=office, report_ids=ids, accept=False, comment="请补充佐证（测试）")
    assert states(reports) == [ReportState.RETURNED] * 2
    assert set(TaskReport.objects.filter(pk__in=ids).values_list("review_comment", flat=True)) == {
        "请补充佐证（测试）"
    }
    assert audit_count(reports, AuditAction.REPORT_RETURNED) == 2


def test_one_report_that_cannot_be_reviewed_undoes_the_whole_batch(office_and_reports):
    office, reports = office_and_reports
    draft = TaskReportFactory(round=reports[0].round, state=ReportState.DRAFT)
    with pytest.raises(ApplicationError) as refused:
        report_review_batch(actor=office, report_ids=[r.pk for r in [*reports, draft]], accept=True)
    # the message names the report that failed and says nothing was reviewed
    assert refused.value.code == ErrorCode.CONFLICT
    assert draft.task.number in refused.value.message and draft.unit.name in refused.value.message
    assert "本次未审核任何报告" in refused.value.message
    assert states(reports) == [ReportState.SUBMITTED] * 2
    assert audit_count([*reports, draft]) == 0


def test_a_report_of_another_offices_plan_is_refused_and_nothing_changes(office_and_reports):
    office, reports = office_and_reports
    foreign = submitted(ReportingRoundFactory(), n=1)
    with pytest.raises(ApplicationError) as refused:
        report_review_batch(actor=office, report_ids=[r.pk for r in [*reports, *foreign]], accept=True)
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    assert states([*reports, *foreign]) == [ReportState.SUBMITTED] * 3
    assert audit_count([*reports, *foreign]) == 0


def test_a_liaison_or_a_leader_cannot_review(office_and_reports):
    _office, reports = office_and_reports
    for role in (Role.LIAISON, Role.LEADER):
        with pytest.raises(ApplicationError) as refused:
            report_review_batch(actor=UserFactory(role=role), report_ids=[r.pk for r in reports], accept=True)
        assert refused.value.code == ErrorCode.PERMISSION_DENIED
    assert states(reports) == [ReportState.SUBMITTED] * 2


def test_an_empty_or_unknown_selection_is_explained(office_and_reports):
    office, reports = office_and_reports
    with pytest.raises(ApplicationError, match="请先勾选要审核的报告"):
        report_review_batch(actor=office, report_ids=[], accept=True)
    missing = max(TaskReport.objects.values_list("pk", flat=True)) + 1000
    with pytest.raises(ApplicationError) as refused:
        report_review_batch(actor=office, report_ids=[reports[0].pk, missing], accept=True)
    assert refused.value.code == ErrorCode.NOT_FOUND
    assert states(reports) == [ReportState.SUBMITTED] * 2


def test_the_inbox_form_accepts_the_ticked_reports(client_for, office_and_reports):
    office, reports = office_and_reports
    client = client_for(office)
    response = client.post(
        "/reviews/batch/", {"report": [r.pk for r in reports], "op": "accept"}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith("/")
    assert "已批量审核通过2份报告" in response.content.decode()
    assert states(reports) == [ReportState.ACCEPTED] * 2


def test_the_inbox_form_explains_a_refusal_in_chinese(client_for, office_and_reports):
    office, reports = office_and_reports
    client = client_for(office)
    response = client.post(
        "/reviews/batch/", {"report": [r.pk for r in reports], "op": "return"}, follow=True
    )
    assert "退回时请填写意见" in response.content.decode()
    response = client.post("/reviews/batch/", {"report": ["1x"], "op": "accept"}, follow=True)
    assert "所选报告有误" in response.content.decode()
    assert states(reports) == [ReportState.SUBMITTED] * 2


def test_a_liaison_posting_to_the_inbox_gets_403(client_for, office_and_reports):
    _office, reports = office_and_reports
    response = client_for(UserFactory(role=Role.LIAISON)).post(
        "/reviews/batch/", {"report": [r.pk for r in reports], "op": "accept"}
    )
    assert response.status_code == 403
    assert states(reports) == [ReportState.SUBMITTED] * 2
