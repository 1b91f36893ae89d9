"""Job handlers of the plans app."""

from gongzhi.core.jobs import job_handler, job_progress
from gongzhi.plans.models import PlanImport
from gongzhi.plans.services import plan_import_parse


@job_handler("plans.parse")
def parse_import(job, *, import_id: int) -> dict:
    plan_import = PlanImport.objects.get(pk=import_id)
    plan_import = plan_import_parse(
        plan_import=plan_import, progress=lambda pct, msg: job_progress(job, pct, msg)
    )
    documents = plan_import.result["documents"]
    job_progress(
        job, 100, f"解析完成：{len(documents)}份文件，共{sum(len(d['tasks']) for d in documents)}项任务"
    )
    return {"import_id": plan_import.pk, "documents": len(documents)}
