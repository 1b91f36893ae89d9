"""Issue 11, point 10: an evaluator reads only the plans assigned to it — their rounds, reports and
evidence — and gets the same 404 as for a missing page on every other plan.

Failed before the fix: `TaskReport.objects.visible_to` let every `supervision.view_all` role read
every report, and `evidence_get` let it download every evidence file, so the evaluator had a 404
on a plan and its round but a 200 on a report of that plan and on the report's evidence.
"""

import pytest
from factories import PolicyDocumentFactory, ReportingRoundFactory, TaskReportFactory, UserFactory

from gongzhi.core.roles import Role
from gongzhi.supervision.evidence import evidence_store

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def _plan_with_a_report():
    report = TaskReportFactory(round=ReportingRoundFactory(plan=PolicyDocumentFactory()))
    evidence = evidence_store(actor=None, unit=report.unit, filename="照片.png", data=PNG, report=report)
    return report, evidence


def _pages(report, evidence) -> list[str]:
    plan = report.round.plan
    return [
        f"/plans/{plan.pk}/",
        f"/supervision/plans/{plan.pk}/",
        f"/supervision/rounds/{report.round_id}/",
        f"/supervision/reports/{report.pk}/",
        f"/supervision/evidence/{evidence.pk}/",
        f"/supervision/tasks/{report.task_id}/",
    ]


def test_an_evaluator_reads_its_assigned_plan_and_nothing_of_another(client_for):
    evaluator = UserFactory(role=Role.EVALUATOR)
    mine, mine_evidence = _plan_with_a_report()
    mine.round.plan.evaluators.add(evaluator)
    other, other_evidence = _plan_with_a_report()
    client = client_for(evaluator)

    assert {url: client.get(url).status_code for url in _pages(mine, mine_evidence)} == dict.fromkeys(
        _pages(mine, mine_evidence), 200
    )
    got = {url: client.get(url).status_code for url in _pages(other, other_evidence)}
    assert got == dict.fromkeys(_pages(other, other_evidence), 404)


def test_an_evaluator_of_the_reporting_unit_still_cannot_read_another_plans_evidence(client_for):
    """The evidence's unit is the evaluator's own unit: the plan scope still comes first."""
    other, _ = _plan_with_a_report()
    evaluator = UserFactory(role=Role.EVALUATOR, unit=other.unit)
    evidence = evidence_store(actor=None, unit=other.unit, filename="a.png", data=PNG, report=other)
    client = client_for(evaluator)
    assert client.get(f"/supervision/evidence/{evidence.pk}/").status_code == 404
    assert client.get(f"/supervision/reports/{other.pk}/").status_code == 404


def test_offices_still_read_every_plans_reports_and_evidence(users, client_for):
    report, evidence = _plan_with_a_report()
    for role in ("admin", "plan_office", "cogov_office", "leader"):
        client = client_for(users[role])
        assert client.get(f"/supervision/reports/{report.pk}/").status_code == 200, role
        assert client.get(f"/supervision/evidence/{evidence.pk}/").status_code == 200, role
