"""Job handlers of the taxrisk app."""

from gongzhi.core.jobs import job_handler, job_progress, job_progress_reporter
from gongzhi.taxrisk.models import RiskRun
from gongzhi.taxrisk.services import run_execute


@job_handler("taxrisk.run")
def run_rules_job(job, *, run_id: int) -> dict:
    run = run_execute(run=RiskRun.objects.get(pk=run_id), progress=job_progress_reporter(job))
    job_progress(job, 100, f"完成：{run.lead_count}条疑点（新增{run.new_leads}条）")
    return {"run": run.pk, "leads": run.lead_count, "errors": run.errors}
