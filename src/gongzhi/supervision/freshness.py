"""When a plan's stored status goes stale: every write that can change a level bumps the plan's
data version (PlanDataVersion) in the same transaction and, after commit, queues a recomputation.

What counts: task reports, indicator values, indicators (and their per-unit lists), reporting
rounds, monitoring settings, the plan itself, its tasks, their lead units (responsibilities),
targets and milestones, task funding (money spent is a warning reason); a unit's name (it appears in reasons) touches every plan. Saves and
deletes are caught by model signals -- this is cache invalidation, not business flow, and a
signal also catches the admin and the demo. Bulk writes send no signal: code that writes with
``bulk_create`` or ``QuerySet.update`` on these models calls ``plan_data_changed`` itself.
"""

import time

from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from gongzhi.org.models import Unit
from gongzhi.plans.models import Milestone, PlanNode, PolicyDocument, Responsibility, Target
from gongzhi.supervision.models import (
    Indicator,
    IndicatorValue,
    MonitoringSettings,
    PlanDataVersion,
    ReportingRound,
    TaskFunding,
    TaskReport,
)

_LAST_QUEUED: dict[int, float] = {}
_QUIET_SECONDS = 1.0


class _Refresh:
    """The after-commit callback that queues one plan's recomputation (one per transaction, and
    at most one a second per process: a burst of autocommitted writes, as in the demo, queues one;
    a refresh that runs before the burst ends only leaves the page to recompute by itself)."""

    def __init__(self, plan_id: int):
        self.plan_id = plan_id

    def __call__(self) -> None:
        from gongzhi.supervision.tasks import plan_status_refresh_task

        now = time.monotonic()
        if now - _LAST_QUEUED.get(self.plan_id, -_QUIET_SECONDS) < _QUIET_SECONDS:
            return
        _LAST_QUEUED[self.plan_id] = now
        try:
            plan_status_refresh_task.enqueue(plan_id=self.plan_id)
        except Exception:  # the queue being unavailable must never fail the write; pages recompute
            import logging

            logging.getLogger(__name__).exception("could not queue the refresh of plan %s", self.plan_id)


def _queued(plan_id: int) -> bool:
    return any(
        isinstance(func, _Refresh) and func.plan_id == plan_id
        for _sids, func, *_rest in getattr(connection, "run_on_commit", [])
    )


def plan_data_changed(plan_id: int | None) -> None:
    """Mark the plan's stored status stale (now, in the caller's transaction) and queue its
    recomputation after commit."""
    if plan_id is None:
        return
    PlanDataVersion.objects.filter(plan_id=plan_id).update(version=F("version") + 1)
    if not (connection.in_atomic_block and _queued(plan_id)):
        transaction.on_commit(_Refresh(plan_id))


def all_plans_changed() -> None:
    PlanDataVersion.objects.update(version=F("version") + 1)


def _plan_of(instance) -> int | None:
    if isinstance(instance, PolicyDocument):
        return instance.pk
    if isinstance(instance, (Indicator, ReportingRound, MonitoringSettings, TaskFunding)):
        return instance.plan_id
    if isinstance(instance, PlanNode):
        return instance.document_id
    if isinstance(instance, (Responsibility, Target, Milestone)):
        return PlanNode.objects.filter(pk=instance.task_id).values_list("document_id", flat=True).first()
    if isinstance(instance, TaskReport):
        return ReportingRound.objects.filter(pk=instance.round_id).values_list("plan_id", flat=True).first()
    if isinstance(instance, IndicatorValue):
        return Indicator.objects.filter(pk=instance.indicator_id).values_list("plan_id", flat=True).first()
    return None


WATCHED = (
    PolicyDocument,
    PlanNode,
    Responsibility,
    Target,
    Milestone,
    MonitoringSettings,
    Indicator,
    IndicatorValue,
    ReportingRound,
    TaskReport,
    TaskFunding,
)


def _changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata
        return
    if sender is PolicyDocument and kwargs.get("created"):
        PlanDataVersion.objects.get_or_create(plan_id=instance.pk)
        return
    plan_data_changed(_plan_of(instance))


def _unit_changed(sender, instance, raw=False, created=False, **kwargs) -> None:
    if not raw and not created:
        all_plans_changed()


def _per_units_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        plan_data_changed(instance.plan_id)
        return
    for plan_id in set(Indicator.objects.filter(pk__in=pk_set or ()).values_list("plan_id", flat=True)):
        plan_data_changed(plan_id)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"freshness-delete-{model.__name__}")
    post_save.connect(_unit_changed, sender=Unit, dispatch_uid="freshness-save-unit")
    m2m_changed.connect(
        _per_units_changed, sender=Indicator.per_units.through, dispatch_uid="freshness-per-units"
    )
