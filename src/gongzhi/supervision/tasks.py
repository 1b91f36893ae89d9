"""Job handlers of the supervision app: the plan status recomputed in the background after a
change and for each new day (rounds and reports themselves are quick writes)."""

from django_tasks import task

from gongzhi.core.jobs import job_handler


@task()
def plan_status_refresh_task(plan_id: int) -> None:
    """Recompute and store a plan's status for today unless the stored one is still current."""
    from gongzhi.plans.models import PolicyDocument
    from gongzhi.supervision.monitoring import plan_status

    plan = PolicyDocument.objects.filter(pk=plan_id).first()
    if plan is not None:  # the plan may have been deleted since
        plan_status(plan=plan)


@job_handler("supervision.bundle")
def bundle_job(job, *, plan_id: int) -> dict:
    """Build the evaluator's evidence bundle of a plan for the user who asked; the zip is the
    job's result file (downloaded through supervision:bundle_download, which audits it)."""
    from gongzhi.core.jobs import job_progress
    from gongzhi.core.models import JobRun
    from gongzhi.plans.models import PolicyDocument
    from gongzhi.supervision.bundle import bundle_build, bundle_path

    plan = PolicyDocument.objects.get(pk=plan_id)
    out = bundle_path(job.pk)
    summary = bundle_build(
        actor=job.created_by, plan=plan, out=out, progress=lambda p, m: job_progress(job, p, m)
    )
    JobRun.objects.filter(pk=job.pk).update(result_file=str(out))
    return {"plan_id": plan.pk, **summary}
