"""A submission or a tax-risk run whose job fails for good is marked failed with the reason
(issue 10: a submission whose process was killed stayed "validating" for ever)."""

import csv
from datetime import timedelta

from django.utils import timezone
from factories import DatasetFactory, small_rows

from gongzhi.core import jobs
from gongzhi.core.choices import JobState
from gongzhi.core.models import JobRun, WorkerHeartbeat
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.services import submission_create
from gongzhi.taxrisk.choices import RunState
from gongzhi.taxrisk.services import run_start


def _queued_submission(data_dir, tmp_path, django_capture_on_commit_callbacks):
    dataset = DatasetFactory()
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        rows = small_rows()
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with django_capture_on_commit_callbacks(execute=False):  # the job is queued, not run
        return submission_create(
            actor=None,
            dataset=dataset,
            unit=dataset.provider_units.first(),
            period="2025-11",
            source_path=path,
            filename="rows.csv",
        )


def test_a_submission_whose_worker_died_too_often_is_failed_not_validating(
    db, data_dir, tmp_path, settings, django_capture_on_commit_callbacks
):
    submission = _queued_submission(data_dir, tmp_path, django_capture_on_commit_callbacks)
    assert submission.state == SubmissionState.QUEUED and submission.job is not None
    settings.JOB_WORKER_STALE_SECONDS = 60
    WorkerHeartbeat.objects.create(
        worker_id="dead",
        hostname="h",
        pid=1,
        started_at=timezone.now(),
        last_seen=timezone.now() - timedelta(hours=1),
    )
    JobRun.objects.filter(pk=submission.job_id).update(
        state=JobState.RUNNING, worker_id="dead", attempts=3, max_attempts=3
    )
    type(submission).objects.filter(pk=submission.pk).update(state=SubmissionState.VALIDATING)
    assert jobs.jobs_recover() == [submission.job_id]
    submission.refresh_from_db()
    assert submission.state == SubmissionState.FAILED
    assert any("处理失败，请重新报送" in e for e in submission.file_errors)


def test_a_run_whose_job_raised_is_failed_not_running(
    db, users, monkeypatch, django_capture_on_commit_callbacks
):
    from gongzhi.taxrisk import services

    def broken(**kwargs):
        raise RuntimeError("磁盘已满（测试）")

    monkeypatch.setattr(services, "loaded_rules", lambda codes=None: broken())
    with django_capture_on_commit_callbacks(execute=False):
        run = run_start(actor=users["cogov_office"], rules=["R01"])
    jobs.job_execute(run.job_id)
    run.refresh_from_db()
    assert run.state == RunState.FAILED and "磁盘已满" in run.errors["*"]
    assert JobRun.objects.get(pk=run.job_id).state == JobState.FAILED
