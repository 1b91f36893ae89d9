"""The set-up step after a plan is imported (设置方案): who leads it (牵头办公室), who evaluates it
(第三方评估人员), and the day its monitoring begins (监测起算日期) -- nothing is overdue before
that day. Then the next steps: generate the indicators, open the first reporting round.

The plan's own fields are the plans app's (`plans.services.plan_assign`); the monitoring start
is this app's (`MonitoringSettings.start`); one audit entry records the whole set-up.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.periods import period_of
from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.plans.selectors import is_plan_office
from gongzhi.plans.services import plan_assign
from gongzhi.supervision.monitoring import thresholds_for
from gongzhi.supervision.services import MANAGE, monitoring_settings

EARLIEST_START = datetime.date(2000, 1, 1)
# a plan is set up by its office: the role that imports plans (plans.import)
SET_UP = "plans.import"


def can_set_up(user, plan: PolicyDocument) -> bool:
    return is_plan_office(user, plan, capability=SET_UP)


def can_run_monitoring(user, plan: PolicyDocument) -> bool:
    return is_plan_office(user, plan, capability=MANAGE)


def default_start(plan: PolicyDocument) -> datetime.date:
    """Before the plan is set up: the day it was imported (confirmed); afterwards the start set."""
    if plan.set_up_at is None:
        return timezone.localdate(plan.created_at) if plan.created_at else clock.today()
    return monitoring_settings(plan).start


@transaction.atomic
def plan_setup(
    *, actor, plan: PolicyDocument, office_unit: Unit, evaluators, start: datetime.date | None
) -> PolicyDocument:
    """设置方案：牵头办公室、第三方评估人员、监测起算日期（此前的期间不计逾期）。"""
    if not can_set_up(actor, plan):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("只有“%(plan)s”的牵头办公室（%(office_unit)s）可以设置方案")
            % {"plan": plan.title, "office_unit": plan.office_unit},
        )
    if start is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写监测起算日期"))
    latest = clock.today() + datetime.timedelta(days=366)
    if not EARLIEST_START <= start <= latest:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("监测起算日期应在2000年1月1日至%(latest)s之间")
            % {"latest": f"{latest.year}年{latest.month}月{latest.day}日"},
        )
    settings_row = monitoring_settings(plan)
    previous = settings_row.start
    plan_assign(
        actor=actor,
        document=plan,
        office_unit=office_unit,
        evaluators=evaluators,
        detail={"monitoring_start": str(start), "previous_start": str(previous)},
    )
    if settings_row.start != start:
        settings_row.start = start
        settings_row.full_clean()
        settings_row.save(update_fields=["start", "updated_at"])
    return plan


@dataclass(frozen=True)
class RoundProposal:
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date


def first_round_proposal(plan: PolicyDocument) -> RoundProposal:
    """The first round offered after set-up: the quarter the monitoring start falls in, due
    the plan's ``report_due_days`` (15) after it ends, as the warning rules expect."""
    quarter = period_of(monitoring_settings(plan).start, "quarterly")
    return RoundProposal(
        period_label=quarter.label,
        period_start=quarter.start,
        period_end=quarter.end,
        due_date=quarter.end + datetime.timedelta(days=thresholds_for(plan).report_due_days),
    )
