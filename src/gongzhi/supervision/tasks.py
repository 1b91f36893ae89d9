"""Job handlers of the supervision app: the plan status recomputed in the background after a
change and for each new day (rounds and reports themselves are quick writes)."""

from django_tasks import task


@task()
def plan_status_refresh_task(plan_id: int) -> None:
    """Recompute and store a plan's status for today unless the stored one is still current."""
    from gongzhi.plans.models import PolicyDocument
    from gongzhi.supervision.monitoring import plan_status

    plan = PolicyDocument.objects.filter(pk=plan_id).first()
    if plan is not None:  # the plan may have been deleted since
        plan_status(plan=plan)
