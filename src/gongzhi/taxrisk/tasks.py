"""Job handlers of the taxrisk app."""

from gongzhi.core.jobs import job_handler, job_progress, job_progress_reporter
from gongzhi.taxrisk.models import RiskRun
from gongzhi.taxrisk.services import run_execute, run_fail


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
