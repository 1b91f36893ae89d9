"""Job handlers of the taxrisk app."""

from gongzhi.core.jobs import job_handler, job_progress, job_progress_reporter
from gongzhi.taxrisk.models import RiskRun
from gongzhi.taxrisk.services import rule_dry_run, run_execute, run_fail


def run_failed(job, error: str) -> None:
    run_fail(run_id=job.params["run_id"], error=error)


@job_handler("taxrisk.run", on_failure=run_failed)
def run_rules_job(job, *, run_id: int) -> dict:
    report = job_progress_reporter(job)

    def progress(done: int, total: int, code: str) -> None:  # the engine reports after each rule
        report(done * 100 / max(total, 1), f"已完成规则{code}（{done}/{total}）")

    run = run_execute(run=RiskRun.objects.get(pk=run_id), progress=progress)
    job_progress(job, 100, f"完成：{run.lead_count}条疑点（新增{run.new_leads}条）")
    return {"run": run.pk, "leads": run.lead_count, "errors": run.errors}


@job_handler("taxrisk.dry_run")
def rule_dry_run_job(job, *, code: str, sql: str, meta: str) -> dict:
    """A dry run from the rule editor, in the worker: the preview is the job's result."""
    job_progress(job, 10, f"正在试运行规则{code}")
    preview = rule_dry_run(actor=job.created_by, sql=sql, meta=meta, code=code)
    if preview["error"]:
        job_progress(job, 100, f"试运行未完成：{preview['error']}")
    else:
        job_progress(job, 100, f"试运行完成：{preview['total']}条疑点（未保存）")
    return preview
