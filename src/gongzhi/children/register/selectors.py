"""Reads of impact assessments, the spaces register and the per-village reports."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from gongzhi.children.register.choices import SpaceKind, SpaceStatus
from gongzhi.children.register.models import CountingTarget, ImpactAssessment, Space
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import access_or_404, has_capability
from gongzhi.org.choices import BASE_UNIT_KINDS, UnitKind
from gongzhi.org.models import Unit
from gongzhi.supervision.choices import IndicatorKind, ReportState
from gongzhi.supervision.models import Indicator, IndicatorValue


def require_view(user) -> None:
    if not has_capability(user, "children.view"):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, "没有权限查看儿童友好工作")


def assessment_list(
    *, user, state: str = "", subject_kind: str = "", conclusion: str = "", unit_id: int | None = None
) -> QuerySet[ImpactAssessment]:
    rows = ImpactAssessment.objects.visible_to(user).select_related(
        "owner_unit", "task", "policy", "project", "checklist"
    )
    if state:
        rows = rows.filter(state=state)
    if subject_kind:
        rows = rows.filter(subject_kind=subject_kind)
    if conclusion:
        rows = rows.filter(conclusion=conclusion)
    if unit_id:
        rows = rows.filter(owner_unit_id=unit_id)
    return rows.order_by("-updated_at")


def assessment_get(*, user, pk) -> ImpactAssessment:
    """One assessment the user may read (404 whether missing or not theirs)."""
    return access_or_404(assessment_list(user=user), pk)


def assessment_outcomes(rows) -> dict[str, int]:
    counts = Counter(a.conclusion or a.state for a in rows)
    return dict(counts)


def space_list(*, user, kind: str = "", status: str = "", town_id: int | None = None) -> QuerySet[Space]:
    require_view(user)
    rows = Space.objects.select_related("location_unit__parent", "responsible_unit")
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if town_id:
        rows = rows.filter(Q(location_unit_id=town_id) | Q(location_unit__parent_id=town_id))
    return rows


def space_get(*, user, pk) -> Space:
    return access_or_404(space_list(user=user), pk)


def space_counts(spaces) -> list[dict]:
    """Per kind: how many spaces in each status (the register's summary table)."""
    counts = Counter((s.kind, s.status) for s in spaces)
    return [
        {
            "kind": kind.label,
            "cells": [counts.get((kind.value, status.value), 0) for status in SpaceStatus],
            "total": sum(counts.get((kind.value, status.value), 0) for status in SpaceStatus),
        }
        for kind in SpaceKind
    ]


def counting_target_list() -> QuerySet[CountingTarget]:
    return CountingTarget.objects.select_related("indicator__task", "indicator__plan").order_by(
        "indicator__order"
    )


def countable_indicators(*, user) -> QuerySet[Indicator]:
    from gongzhi.plans.selectors import plan_list

    return (
        Indicator.objects.filter(
            active=True,
            kind__in=(IndicatorKind.CUMULATIVE, IndicatorKind.LEVEL),
            plan__in=plan_list(user=user).values("pk"),
        )
        .select_related("task")
        .order_by("plan", "order")
    )


# --- per-village indicators ---------------------------------------------------------------


def village_indicators(*, user) -> QuerySet[Indicator]:
    """Per-unit indicators reported by villages and communities (e.g. 村（社区）配备1名儿童主任)."""
    from gongzhi.plans.selectors import plan_list

    require_view(user)
    return (
        Indicator.objects.filter(
            active=True,
            kind=IndicatorKind.PER_UNIT,
            per_units__kind__in=BASE_UNIT_KINDS,
            plan__in=plan_list(user=user).values("pk"),
        )
        .select_related("task", "plan")
        .distinct()
        .order_by("plan", "order")
    )


@dataclass
class UnitRow:
    unit: Unit
    value: Decimal | None
    period_end: datetime.date | None
    meets: bool


@dataclass
class TownRollup:
    town: Unit | None
    rows: list[UnitRow] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return sum(1 for r in self.rows if r.value is not None)

    @property
    def meeting(self) -> int:
        return sum(1 for r in self.rows if r.meets)

    @property
    def share(self) -> float:
        return round(100 * self.meeting / len(self.rows), 1) if self.rows else 0.0


def _meets(indicator: Indicator, value: Decimal | None) -> bool:
    if value is None or indicator.target_value is None:
        return False
    if indicator.comparator in ("<=", "<"):
        return value <= indicator.target_value
    if indicator.comparator == "range" and indicator.target_value_max is not None:
        return indicator.target_value <= value <= indicator.target_value_max
    return value >= indicator.target_value


def village_report(
    *, user, indicator: Indicator, as_of: datetime.date | None = None
) -> tuple[list[TownRollup], TownRollup]:
    """Each village and community's latest counted value of a per-unit indicator, whether it
    meets the target, rolled up by town and for the district (share of units meeting it)."""
    as_of = as_of or clock.today()
    units = list(
        indicator.per_units.filter(kind__in=BASE_UNIT_KINDS)
        .select_related("parent")
        .order_by("parent__sort_order", "parent__name", "sort_order", "name")
    )
    latest: dict[int, IndicatorValue] = {}
    for value in IndicatorValue.objects.filter(
        indicator=indicator,
        unit__in=units,
        state__in=(ReportState.SUBMITTED, ReportState.ACCEPTED),
        period_end__lte=as_of,
    ).order_by("period_end", "reported_at", "pk"):
        latest[value.unit_id] = value
    towns: dict[int | None, TownRollup] = {}
    district = TownRollup(town=None)
    for unit in units:
        value = latest.get(unit.pk)
        row = UnitRow(
            unit=unit,
            value=value.value if value else None,
            period_end=value.period_end if value else None,
            meets=_meets(indicator, value.value if value else None),
        )
        towns.setdefault(unit.parent_id, TownRollup(town=unit.parent)).rows.append(row)
        district.rows.append(row)
    return list(towns.values()), district


def base_units(town: Unit | None = None) -> QuerySet[Unit]:
    units = Unit.objects.active().filter(kind__in=(*BASE_UNIT_KINDS, UnitKind.SCHOOL, UnitKind.KINDERGARTEN))
    return units.filter(parent=town) if town else units
