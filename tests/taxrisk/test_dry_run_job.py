"""The rule editor's dry run is a job (issue 10): the request only checks the draft and queues it;
the worker runs it within GONGZHI_RULE_DRY_RUN_SECONDS; the page shows the job's progress, then
the draft it ran and its result; nothing is stored but the job and the audit entries."""

import time

import pytest
from factories import DatasetFactory, UserFactory, small_rows, submit_rows

from gongzhi.core.audit import AuditAction
from gongzhi.core.choices import JobState
from gongzhi.core.jobs import job_execute
from gongzhi.core.models import AuditEntry, JobRun
from gongzhi.core.roles import Role
from gongzhi.taxrisk.models import Lead, RiskRule, RiskRun

META = """code: {code}
name: 试运行测试规则（测试）
datasets: [{dataset}]
severity: low
legal_basis: 测试
tax_estimate: 不估算
edges: 测试
"""
OVER_200 = """
SELECT '{code}' AS rule, uscc, CAST(NULL AS VARCHAR) AS person, period,
       CAST(amount AS DECIMAL(18, 2)) AS tax_at_risk, amount,
       [{{'dataset': '{dataset}', 'submission': _submission_id, 'row': _source_row}}] AS evidence
FROM {dataset}
WHERE amount > 200
"""
# every quadruple of rows: hours of work, unless the engine interrupts it
HEAVY = """
SELECT '{code}' AS rule, a.uscc, CAST(NULL AS VARCHAR) AS person, a.period,
       CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk, CAST(count(*) AS DECIMAL(18, 2)) AS amount,
       list({{'dataset': '{dataset}', 'submission': a._submission_id, 'row': a._source_row}}) AS evidence
FROM {dataset} AS a, {dataset} AS b, {dataset} AS c, {dataset} AS d
WHERE a.amount + b.amount + c.amount > d.amount
GROUP BY a.uscc, a.period
"""
CODE = "R95"


@pytest.fixture
def queued(settings):
    """A real queue: enqueuing stores the task for a worker instead of running it at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def office(db):
    return UserFactory(role=Role.COGOV_OFFICE)


def _draft(sql: str, dataset) -> dict:
    return {
        "op": "dry_run",
        "sql": sql.format(code=CODE, dataset=dataset.code),
        "meta": META.format(code=CODE, dataset=dataset.code),
    }


def test_a_dry_run_is_queued_as_a_job_and_the_page_ends_on_its_result(
    data_dir, queued, office, client_for, django_capture_on_commit_callbacks
):
    dataset = DatasetFactory()
    rows = small_rows("2025-11", count=3)  # 100.50, 200.50, 300.50
    submit_rows(dataset, dataset.provider_units.first(), "2025-11", rows)
    runs, leads = RiskRun.objects.count(), Lead.objects.count()
    client = client_for(office)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/taxrisk/rules/{CODE}/", _draft(OVER_200, dataset))

    job = JobRun.objects.get(kind="taxrisk.dry_run", created_by=office)
    assert response.status_code == 302
    assert response["Location"] == f"/taxrisk/rules/{CODE}/?dry_run={job.pk}"
    # the request ran nothing: the job waits for a worker
    assert job.state == JobState.QUEUED and job.params["code"] == CODE
    assert not AuditEntry.objects.filter(action=AuditAction.RULE_DRY_RUN, user=office).exists()
    waiting = client.get(response["Location"]).content.decode()
    assert 'data-testid="dry-run-job"' in waiting and "hx-get" in waiting and "reload=1" in waiting
    assert f"FROM {dataset.code}" in waiting  # the draft stays in the editor

    job_execute(job.pk)  # what `gongzhi worker` does

    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.result["error"] is None
    assert job.result["total"] == 2
    assert {lead["uscc"] for lead in job.result["leads"]} == {rows[1]["uscc"], rows[2]["uscc"]}
    done = client.get(response["Location"]).content.decode()
    assert 'data-testid="dry-run-job"' not in done and 'data-testid="preview"' in done
    assert "共2条疑点" in done and rows[2]["uscc"] in done and rows[0]["uscc"] not in done
    assert f"FROM {dataset.code}" in done
    # a dry run stores nothing but its job and its trace
    assert (RiskRun.objects.count(), Lead.objects.count()) == (runs, leads)
    assert not RiskRule.objects.filter(code=CODE).exists()
    assert AuditEntry.objects.filter(action=AuditAction.RULE_DRY_RUN, user=office).count() == 1


def test_a_dry_run_past_its_time_limit_ends_with_a_message_naming_the_limit(
    data_dir, queued, office, client_for, settings, django_capture_on_commit_callbacks
):
    settings.RULE_DRY_RUN_SECONDS = 1
    dataset = DatasetFactory()
    submit_rows(dataset, dataset.provider_units.first(), "2025-11", small_rows("2025-11", count=300))
    client = client_for(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/taxrisk/rules/{CODE}/", _draft(HEAVY, dataset))
    job = JobRun.objects.get(kind="taxrisk.dry_run", created_by=office)

    start = time.perf_counter()
    job_execute(job.pk)
    assert time.perf_counter() - start < 30

    job.refresh_from_db()
    assert "运行超过1秒，已中止" in job.result["error"]
    page = client.get(response["Location"]).content.decode()
    assert "运行超过1秒，已中止" in page and "alert-danger" in page


def test_a_draft_that_fails_the_checks_is_refused_at_once_and_queues_nothing(
    data_dir, queued, office, client_for, django_capture_on_commit_callbacks
):
    dataset = DatasetFactory()
    client = client_for(office)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            f"/taxrisk/rules/{CODE}/",
            {
                "op": "dry_run",
                "sql": "DELETE FROM taxpayer",
                "meta": META.format(code=CODE, dataset=dataset.code),
            },
        )
    assert page.status_code == 200 and "不允许 DML 语句" in page.content.decode()
    assert not JobRun.objects.filter(kind="taxrisk.dry_run", created_by=office).exists()


def test_only_rule_managers_dry_run_and_see_only_their_own_dry_runs(
    data_dir, queued, office, client_for, django_capture_on_commit_callbacks
):
    dataset = DatasetFactory()
    draft = _draft(OVER_200, dataset)
    liaison = UserFactory(role=Role.LIAISON)
    assert client_for(liaison).post(f"/taxrisk/rules/{CODE}/", draft).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        location = client_for(office).post(f"/taxrisk/rules/{CODE}/", draft)["Location"]
    job = JobRun.objects.get(kind="taxrisk.dry_run", created_by=office)
    other_office = UserFactory(role=Role.COGOV_OFFICE)  # another unit
    assert client_for(other_office).get(location).status_code == 404
    assert client_for(office).get(f"/taxrisk/rules/R01/?dry_run={job.pk}").status_code == 404
    assert client_for(office).get(f"/taxrisk/rules/{CODE}/?dry_run=abc").status_code == 400
