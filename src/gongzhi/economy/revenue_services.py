"""The yearly revenue plan (预算收入计划) the finance bureau enters, and plan completion
(预算收入完成进度) against the elapsed share of the year (序时进度)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.economy import cube
from gongzhi.economy.models import TOTAL, RevenuePlan
from gongzhi.economy.periods import parse_period

MANAGE = "economy.manage"


@transaction.atomic
def revenue_plan_save(
    *, actor, year: int, amount: Decimal, tax_type: str = TOTAL, note: str = ""
) -> RevenuePlan:
    """财政局录入或修改某年度（某税种）的预算收入计划。"""
    require_capability(actor, MANAGE)
    if amount is None or amount <= 0:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("预算收入应大于零"))
    if not 2000 <= year <= 2100:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("年度应在2000年至2100年之间"))
    plan = RevenuePlan.objects.select_for_update().filter(year=year, tax_type=tax_type).first()
    before = str(plan.amount) if plan else None
    if plan is None:
        plan = RevenuePlan(year=year, tax_type=tax_type)
    plan.amount, plan.note, plan.entered_by = amount, note.strip(), user_or_none(actor)
    plan.full_clean()
    plan.save()
    audit_record(
        actor=actor,
        action=AuditAction.ECONOMY_PLAN_SAVED,
        target=plan,
        detail={"year": year, "tax_type": tax_type, "before": before, "after": str(plan.amount)},
    )
    return plan


def time_progress(period: str, today: dt.date | None = None) -> Decimal:
    """序时进度: the share of the year elapsed by the end of `period` (or by today, when that is
    earlier), in percent with 2 decimals."""
    today = today or clock.today()
    year, month = parse_period(period)
    end = min(dt.date(year, month, calendar.monthrange(year, month)[1]), today)
    if end.year < year:
        return Decimal("0.00")
    days = 366 if calendar.isleap(year) else 365
    return (Decimal(end.timetuple().tm_yday) / days * 100).quantize(Decimal("0.01"))


@dataclass
class PlanProgress:
    year: int
    plan: RevenuePlan | None
    actual: Decimal  # year-to-date through `period`
    period: str
    time_progress: Decimal

    @property
    def completion(self) -> Decimal | None:
        """预算收入完成进度 in percent."""
        return cube.share(self.actual, self.plan.amount) if self.plan else None

    @property
    def gap(self) -> Decimal | None:
        """Completion less the elapsed share of the year (percentage points; below 0: behind)."""
        return None if self.completion is None else self.completion - self.time_progress

    @property
    def remaining(self) -> Decimal | None:
        return None if self.plan is None else self.plan.amount - self.actual


def plan_progress(*, period: str, actual_ytd: Decimal, tax_type: str = TOTAL, today=None) -> PlanProgress:
    year, _month = parse_period(period)
    plan = RevenuePlan.objects.filter(year=year, tax_type=tax_type).first()
    return PlanProgress(year, plan, actual_ytd, period, time_progress(period, today))
