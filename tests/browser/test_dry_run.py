"""The rule editor's dry run in a real browser (issue 10): the click queues a job and the page shows
its progress bar; when a worker has run it, the page reloads itself onto the result. Uses the demo
data set (the built-in rule R01 over the synthetic tax data)."""

import pytest
from playwright.sync_api import expect

from gongzhi.core.choices import JobState
from gongzhi.core.jobs import job_execute
from gongzhi.core.models import JobRun


@pytest.fixture
def queued(settings):
    """A real queue: the job waits for a worker instead of running inside the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_dry_run_shows_its_progress_then_ends_on_its_result(page, login, queued):
    login("gongzhi")
    page.goto(page.base_url + "/taxrisk/rules/R01/")
    page.get_by_test_id("dry-run").click()

    progress = page.get_by_test_id("dry-run-job")
    expect(progress).to_be_visible()
    expect(progress.get_by_role("progressbar")).to_be_visible()
    job = JobRun.objects.get(kind="taxrisk.dry_run")
    assert job.state == JobState.QUEUED  # the request ran nothing
    assert page.url.endswith(f"/taxrisk/rules/R01/?dry_run={job.pk}")

    job_execute(job.pk)  # the worker's part

    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.result["error"] is None and job.result["total"] > 0
    preview = page.get_by_test_id("preview")
    expect(preview).to_contain_text(f"共{job.result['total']}条疑点", timeout=15_000)
    expect(progress).to_have_count(0)
    expect(preview.locator("tbody tr")).to_have_count(min(job.result["total"], 50))
    expect(page.locator("#sql")).to_have_value(job.params["sql"].replace("\r\n", "\n"))  # the draft stays
