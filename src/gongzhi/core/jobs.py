"""Background jobs: a persisted JobRun per piece of long or user-visible work.

A handler is a plain function `handler(job, **params) -> dict | None` registered with
`@job_handler("kind")`. `job_start` stores the JobRun and enqueues it after commit on
the django-tasks queue (DatabaseBackend by default: no extra server). Workers beat a
heartbeat; a job whose worker went silent is re-queued or failed by `jobs_recover`,
never left "running" for ever.
"""

import logging
import os
import socket
import traceback
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.choices import JobState
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.models import JobRun, WorkerHeartbeat
from gongzhi.core.permissions import user_or_none

logger = logging.getLogger(__name__)

JobHandler = Callable[..., dict[str, Any] | None]
FailureHandler = Callable[[JobRun, str], None]
_HANDLERS: dict[str, JobHandler] = {}
_ON_FAILURE: dict[str, FailureHandler] = {}
_MODULES_LOADED = False

# The id of the worker process this code runs in; set by `gongzhi worker`.
WORKER_ID = f"inline-{socket.gethostname()}-{os.getpid()}"


def _load_job_modules() -> None:
    """Import the modules that register job handlers, once, when a job is first started or run.

    An app names them in its AppConfig (`job_modules = ("gongzhi.exchange.tasks",)`) instead of
    importing them in `ready()`: they pull in DuckDB, PyArrow and the parsers, and importing them at
    start-up made every command (even `gongzhi --help`) take a second.
    """
    global _MODULES_LOADED
    if _MODULES_LOADED:
        return
    from importlib import import_module

    from django.apps import apps

    for config in apps.get_app_configs():
        for module in getattr(config, "job_modules", ()):
            import_module(module)
    _MODULES_LOADED = True


def job_kinds() -> dict[str, JobHandler]:
    """Every registered job kind and its handler."""
    _load_job_modules()
    return dict(_HANDLERS)


def job_handler(kind: str, *, on_failure: FailureHandler | None = None) -> Callable[[JobHandler], JobHandler]:
    """Register the handler of a job kind. `on_failure(job, error)` runs when a job of this kind
    fails for good (its handler raised, or its worker died too often), so the record the job was
    about (a submission, a run, an import) never stays "validating"/"running" for ever."""

    def register(func: JobHandler) -> JobHandler:
        _HANDLERS[kind] = func
        if on_failure is not None:
            _ON_FAILURE[kind] = on_failure
        return func

    return register


def _failed(job: JobRun, error: str) -> None:
    _load_job_modules()
    handler = _ON_FAILURE.get(job.kind)
    if handler is None:
        return
    try:
        handler(job, error)
    except Exception:  # the failure is already recorded on the job; never fail the worker too
        logger.exception("on_failure of job %s (%s) failed", job.pk, job.kind)


def enqueue_after_commit(task_obj, **kwargs: Any) -> None:
    """Enqueue a django-tasks task once the current transaction has committed."""
    transaction.on_commit(lambda: task_obj.enqueue(**kwargs))


def job_start(
    *,
    kind: str,
    title: str,
    actor: Any,
    params: dict[str, Any] | None = None,
    unit=None,
    max_attempts: int = 2,
) -> JobRun:
    _load_job_modules()
    if kind not in _HANDLERS:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("未知的后台任务种类：%(kind)s") % {"kind": kind})
    with transaction.atomic():
        job = JobRun.objects.create(
            kind=kind,
            title=title,
            params=params or {},
            max_attempts=max_attempts,
            created_by=user_or_none(actor),
            unit=unit or getattr(actor, "unit", None),
        )
        audit_record(actor=actor, action=AuditAction.JOB_STARTED, target=job, detail={"kind": kind})
        enqueue_after_commit(run_job_task, job_id=job.pk)
    return job


def job_progress(job: JobRun, percent: float, message: str = "") -> None:
    """Report progress from inside a handler; written at once, outside the handler's work."""
    percent = max(0, min(100, int(percent)))
    job.progress, job.message = percent, message[:500]
    JobRun.objects.filter(pk=job.pk).update(progress=percent, message=job.message, updated_at=clock.now())


def job_progress_reporter(job: JobRun):
    """A progress callback that may be called from other threads (e.g. inside DuckDB).

    Only the thread that made it writes to the database (connections are per thread); a
    value reported from another thread is kept and written at the owner's next report.
    """
    import threading

    owner = threading.get_ident()
    latest: dict[str, object] = {}

    def report(percent: float, message: str = "") -> None:
        if threading.get_ident() != owner:
            latest["value"] = (percent, message)
            return
        pending = latest.pop("value", None)
        if pending is not None and pending[0] > percent:
            percent, message = pending
        job_progress(job, percent, message)

    return report


def _claim(job_id: int) -> JobRun | None:
    with transaction.atomic():
        claimed = JobRun.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.RUNNING,
            worker_id=WORKER_ID,
            started_at=clock.now(),
            progress=0,
            updated_at=clock.now(),
        )
        if not claimed:
            return None
        job = JobRun.objects.get(pk=job_id)
        job.attempts += 1
        job.save(update_fields=["attempts"])
    return job


def job_execute(job_id: int) -> JobRun | None:
    """Run one queued job to its end. Returns None when it was not queued (already taken)."""
    job = _claim(job_id)
    if job is None:
        return None
    _load_job_modules()
    handler = _HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT, _("未知的后台任务种类：%(kind)s") % {"kind": job.kind}
            )
        result = handler(job, **job.params)
    except ApplicationError as exc:
        _finish(job, JobState.FAILED, error=exc.message)
    except Exception as exc:  # the job fails alone; the worker goes on
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            JobState.FAILED,
            error=f"内部错误：{type(exc).__name__}：{exc}",
            detail=traceback.format_exc(limit=5),
        )
    else:
        _finish(job, JobState.SUCCEEDED, result=result)
    job.refresh_from_db()
    return job


def _finish(job: JobRun, state: str, *, result: Any = None, error: str = "", detail: str = "") -> None:
    fields = {"state": state, "finished_at": clock.now(), "updated_at": clock.now()}
    if state == JobState.SUCCEEDED:
        fields.update(progress=100, result=result, message=job.message or "已完成")
    else:
        fields.update(error=error[:4000], message="失败：" + error[:480])
    JobRun.objects.filter(pk=job.pk).update(**fields)
    if state == JobState.FAILED:
        audit_record(
            actor=None,
            action=AuditAction.JOB_FAILED,
            target=job,
            detail={"error": error[:500], "trace": detail[-1500:]},
        )
        _failed(job, error)


@task()
def run_job_task(job_id: int) -> None:
    job_execute(job_id)


def worker_beat(worker_id: str, *, started: bool = False) -> None:
    now = clock.now()
    defaults = {"last_seen": now, "hostname": socket.gethostname(), "pid": os.getpid()}
    if started:
        defaults["started_at"] = now
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults=defaults, create_defaults={**defaults, "started_at": now}
    )


def jobs_recover(*, now=None) -> list[int]:
    """Re-queue or fail jobs left running by a worker that is gone. Returns the job ids touched."""
    now = now or clock.now()
    alive = set(
        WorkerHeartbeat.objects.filter(
            last_seen__gte=now - timedelta(seconds=settings.JOB_WORKER_STALE_SECONDS)
        ).values_list("worker_id", flat=True)
    )
    touched = []
    for job in JobRun.objects.filter(state=JobState.RUNNING).exclude(worker_id__in=alive):
        with transaction.atomic():
            if job.attempts < job.max_attempts:
                updated = JobRun.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
                    state=JobState.QUEUED,
                    worker_id="",
                    updated_at=now,
                    message="执行进程中断，已重新排队",
                )
                if updated:
                    audit_record(
                        actor=None,
                        action=AuditAction.JOB_RETRIED,
                        target=job,
                        detail={"worker": job.worker_id, "attempts": job.attempts},
                    )
                    enqueue_after_commit(run_job_task, job_id=job.pk)
            else:
                updated = JobRun.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
                    state=JobState.FAILED,
                    finished_at=now,
                    updated_at=now,
                    error="执行进程中断，已达最多尝试次数",
                    message="失败：执行进程中断，已达最多尝试次数",
                )
                if updated:
                    audit_record(
                        actor=None,
                        action=AuditAction.JOB_FAILED,
                        target=job,
                        detail={"worker": job.worker_id, "attempts": job.attempts},
                    )
                    _failed(job, "执行进程中断，已达最多尝试次数")
        if updated:
            touched.append(job.pk)
    return touched


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
