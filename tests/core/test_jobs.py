import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from factories import UserFactory

from gongzhi.core import jobs
from gongzhi.core.choices import JobState
from gongzhi.core.models import AuditEntry, JobRun, WorkerHeartbeat
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db


@jobs.job_handler("tests.add")
def _add(job, *, a: int, b: int) -> dict:
    jobs.job_progress(job, 50, "算了一半")
    return {"sum": a + b}


@jobs.job_handler("tests.boom")
def _boom(job) -> None:
    raise ValueError("坏数据")


def test_a_job_runs_after_commit_and_records_its_result(django_capture_on_commit_callbacks):
    liaison = UserFactory(role=Role.LIAISON)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(kind="tests.add", title="加法", actor=liaison, params={"a": 2, "b": 3})
        assert JobRun.objects.get(pk=job.pk).state == JobState.QUEUED  # nothing runs before commit
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.progress == 100 and job.result == {"sum": 5}
    assert job.unit == liaison.unit and job.attempts == 1
    assert AuditEntry.objects.filter(action="job_started", object_id=str(job.pk)).exists()


def test_a_failing_job_fails_alone_with_its_error(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(kind="tests.boom", title="必败", actor=UserFactory(role=Role.ADMIN))
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "坏数据" in job.error
    assert AuditEntry.objects.filter(action="job_failed", object_id=str(job.pk)).exists()


def test_unknown_kind_is_refused():
    before = JobRun.objects.count()
    with pytest.raises(jobs.ApplicationError, match="未知的后台任务种类"):
        jobs.job_start(kind="nope", title="x", actor=UserFactory(role=Role.ADMIN))
    assert JobRun.objects.count() == before


def _running(job: JobRun, worker: str, attempts: int) -> None:
    JobRun.objects.filter(pk=job.pk).update(state=JobState.RUNNING, worker_id=worker, attempts=attempts)


def test_a_job_of_a_dead_worker_is_requeued_then_failed(settings, django_capture_on_commit_callbacks):
    settings.JOB_WORKER_STALE_SECONDS = 60
    job = JobRun.objects.create(kind="tests.add", title="被中断", params={"a": 1, "b": 1}, max_attempts=2)
    WorkerHeartbeat.objects.create(
        worker_id="dead",
        hostname="h",
        pid=1,
        started_at=timezone.now(),
        last_seen=timezone.now() - timedelta(minutes=5),
    )
    WorkerHeartbeat.objects.create(
        worker_id="alive", hostname="h", pid=2, started_at=timezone.now(), last_seen=timezone.now()
    )
    alive_job = JobRun.objects.create(kind="tests.add", title="正常", params={"a": 1, "b": 1})
    _running(alive_job, "alive", 1)
    # first interruption: retried, and it runs to the end
    _running(job, "dead", 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.jobs_recover() == [job.pk]
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 2
    # a job of a live worker is left alone
    alive_job.refresh_from_db()
    assert alive_job.state == JobState.RUNNING
    # interrupted again at its last attempt: failed, not running for ever
    _running(job, "dead", 2)
    assert jobs.jobs_recover() == [job.pk]
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "中断" in job.error


def test_progress_fragment_polls_until_done(client_for):
    liaison = UserFactory(role=Role.LIAISON)
    job = JobRun.objects.create(
        kind="tests.add",
        title="进行中",
        params={},
        unit=liaison.unit,
        state=JobState.RUNNING,
        progress=40,
    )
    client = client_for(liaison)
    fragment = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "40%" in fragment
    JobRun.objects.filter(pk=job.pk).update(state=JobState.SUCCEEDED, progress=100)
    fragment = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "hx-trigger" not in fragment and "100%" in fragment
    # another unit's liaison cannot see it
    other = client_for(UserFactory(role=Role.LIAISON))
    assert other.get(f"/jobs/{job.pk}/progress/").status_code == 404


def test_a_page_about_a_job_reloads_itself_when_the_job_ends(client_for):
    """Issue 11: an upload's page stayed at "排队中 0%" after the job finished. The bar of a page
    whose content is the job's result polls with ?reload=1, targets only itself, and the
    finished job answers HX-Refresh so that the page ends on the verdict."""
    liaison = UserFactory(role=Role.LIAISON)
    job = JobRun.objects.create(
        kind="tests.add", title="校验", params={}, unit=liaison.unit, state=JobState.QUEUED
    )
    client = client_for(liaison)
    running = client.get(f"/jobs/{job.pk}/progress/?reload=1")
    assert "HX-Refresh" not in running.headers
    assert f'hx-get="/jobs/{job.pk}/progress/?reload=1"' in running.content.decode()
    assert 'hx-target="this"' in running.content.decode()
    JobRun.objects.filter(pk=job.pk).update(state=JobState.SUCCEEDED, progress=100)
    assert client.get(f"/jobs/{job.pk}/progress/?reload=1").headers["HX-Refresh"] == "true"
    assert "HX-Refresh" not in client.get(f"/jobs/{job.pk}/progress/").headers  # the job page itself


ROOT = Path(__file__).resolve().parents[2]


def _gongzhi(env, *args, **kwargs):
    args = (*args, "-v", "0") if args[0] == "shell" else args
    return subprocess.run(
        [sys.executable, "-m", "gongzhi.cli", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


@pytest.mark.slow
def test_kill_9_of_a_worker_mid_job_then_restart_finishes_it(tmp_path, install_migrated):
    """A real worker process killed with SIGKILL: its job is retried by the next worker."""
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "GONGZHI_WORKER_STALE_SECONDS": "2",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    env.pop("GONGZHI_TASK_BACKEND", None)
    install_migrated(tmp_path)
    start = (
        "from gongzhi.core.jobs import job_start; "
        "j = job_start(kind='core.selfcheck', title='自检', actor=None, params={'seconds': 12, 'steps': 60}); "
        "print(j.pk)"
    )
    job_id = int(_gongzhi(env, "shell", "-c", start).stdout.strip())

    def state() -> tuple[str, str, str]:
        # Read straight from the database file: a `gongzhi shell` per poll costs seconds on a
        # loaded machine, long enough for the job to finish between the read and the kill.
        db = sqlite3.connect(tmp_path / "gongzhi.sqlite3", timeout=10)
        try:
            st, progress, attempts = db.execute(
                "SELECT state, progress, attempts FROM core_jobrun WHERE id = ?", (job_id,)
            ).fetchone()
        finally:
            db.close()
        return st, str(int(progress)), str(attempts)

    worker = subprocess.Popen(
        [sys.executable, "-m", "gongzhi.cli", "worker", "--beat-seconds", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            st, progress, _ = state()
            if st == "running" and int(progress) > 0:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the worker never started the job")
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        assert state()[0] == "running"
        time.sleep(2.5)  # the dead worker's heartbeat goes stale
        worker = subprocess.Popen(
            [sys.executable, "-m", "gongzhi.cli", "worker", "--beat-seconds", "1"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            st, progress, attempts = state()
            if st in {"succeeded", "failed"}:
                break
            time.sleep(0.5)
        assert (st, progress, attempts) == ("succeeded", "100", "2")
    finally:
        worker.kill()
        worker.wait(10)


@pytest.mark.slow
def test_gongzhi_serve_serves_pages_and_runs_the_worker_and_stops_cleanly(tmp_path, install_migrated):
    """`gongzhi serve` (what `make demo` runs): gunicorn answers, a job worker runs beside it, and
    both stop on SIGTERM."""
    import signal
    import socket
    import urllib.request

    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    env.pop("GONGZHI_TASK_BACKEND", None)
    install_migrated(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gongzhi.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
            "--threads",
            "2",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        body, deadline = "", time.time() + 60
        while time.time() < deadline and not body:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/accounts/login/", timeout=5
                ) as response:
                    assert response.headers["Server"] == "gunicorn"
                    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
                    body = response.read().decode()
            except OSError:
                time.sleep(0.5)
        assert "登录" in body
        beat = "from gongzhi.core.models import WorkerHeartbeat; print(WorkerHeartbeat.objects.count())"
        deadline = time.time() + 30
        while time.time() < deadline and _gongzhi(env, "shell", "-c", beat).stdout.strip() == "0":
            time.sleep(0.5)
        assert _gongzhi(env, "shell", "-c", beat).stdout.strip() != "0"  # the worker beside it beats
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert server.returncode is not None
