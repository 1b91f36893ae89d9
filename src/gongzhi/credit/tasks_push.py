"""Job handlers of the policy push: a campaign's screening run, the take-up check."""

from gongzhi.core.jobs import job_handler, job_progress
from gongzhi.credit.models_push import PushCampaign
from gongzhi.credit.push import campaign_execute, campaign_fail, takeup_refresh


def campaign_failed(job, error: str) -> None:
    campaign_fail(campaign_id=job.params["campaign_id"], error=error)


@job_handler("credit.push_campaign", on_failure=campaign_failed)
def push_campaign_job(job, *, campaign_id: int) -> dict:
    job_progress(job, 10, "正在筛选符合条件未享受优惠的纳税人")
    campaign = campaign_execute(campaign=PushCampaign.objects.get(pk=campaign_id))
    if campaign.error:
        job_progress(job, 100, f"筛选未完成：{campaign.error[:200]}")
    else:
        job_progress(job, 100, f"完成：{campaign.candidate_count}户次符合条件未享受")
    return {"campaign": campaign.pk, "candidates": campaign.candidate_count, "error": campaign.error}


@job_handler("credit.push_takeup")
def push_takeup_job(job) -> dict:
    job_progress(job, 10, "正在监测享受情况")
    summary = takeup_refresh(actor=job.created_by)
    job_progress(job, 100, f"完成：监测{summary['checked']}户次，新发现已享受{summary['taken_up']}户次")
    return summary
