"""Policy what-if (政策测算) services: read the base period through the warehouse, compute with the
pure core (`economy.whatif`), keep saved scenarios. Seeing and computing: economy.view; saving,
recomputing and deleting: economy.manage (audited)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import access_or_404, require_capability, user_or_none
from gongzhi.economy import whatif
from gongzhi.economy.models import Scenario
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.warehouse import open_warehouse

VIEW, MANAGE = "economy.view", "economy.manage"
PURPOSE = "政策测算"
DEFAULT_TAX_TYPES = ("增值税", "企业所得税", "个人所得税", "印花税")


def _invalid(exc: Exception) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_INPUT, str(exc))


def tax_types() -> list[str]:
    """The tax types of the demand list's `tax_paid` (its enum), for the form."""
    dataset = Dataset.objects.filter(code="tax_paid", current_version__isnull=False).first()
    if dataset is not None:
        for spec in dataset.current_version.to_spec().fields:
            if spec.code == "tax_type" and getattr(spec, "values", None):
                return list(spec.values)
    return list(DEFAULT_TAX_TYPES)


def parse_input(
    changes: Sequence[Mapping[str, Any]], period_from: str, period_to: str
) -> tuple[list[whatif.Change], str, str]:
    """Checked changes and base period; ApplicationError(invalid_input) with the Chinese reason."""
    try:
        period_from, period_to = whatif.check_period(period_from, period_to)
        return whatif.parse_changes(changes), period_from, period_to
    except whatif.WhatIfError as exc:
        raise _invalid(exc) from None


def whatif_compute(
    *,
    user,
    changes: Sequence[Mapping[str, Any]],
    period_from: str,
    period_to: str,
    purpose: str = PURPOSE,
) -> dict[str, Any]:
    """The revenue effect of `changes` on the base period's shared data (declaration, taxpayer,
    tax_paid through the warehouse; the read is audited). `user` None: the system (demo)."""
    if user is not None:
        require_capability(user, VIEW)
    parsed, period_from, period_to = parse_input(changes, period_from, period_to)
    datasets = ["taxpayer", "tax_paid"]
    needs_sales = any(c.kind == whatif.THRESHOLD for c in parsed)
    if needs_sales:
        datasets.append("declaration")
    window = {"from": period_from, "to": period_to}
    with open_warehouse(user=user, datasets=datasets, purpose=purpose, capability=VIEW) as wh:
        payers = {
            uscc: whatif.Payer.from_registry(industry, town, kind)
            for uscc, industry, town, kind in wh.rows("SELECT uscc, industry_code, town, kind FROM taxpayer")
        }
        paid = wh.rows(
            "SELECT uscc, period, tax_type, sum(amount) FROM tax_paid "
            "WHERE period BETWEEN $from AND $to GROUP BY uscc, period, tax_type",
            window,
        )
        declarations = (
            wh.rows(
                "SELECT uscc, period, revenue, zero_declared FROM declaration WHERE period BETWEEN $from AND $to",
                window,
            )
            if needs_sales
            else []
        )
        wh.detail.update({"period_from": period_from, "period_to": period_to, "changes": len(parsed)})
    known = {payer.town for payer in payers.values()}
    for number, change in enumerate(parsed, start=1):
        if unknown := [t for t in change.scope.towns if t not in known]:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("第%(n)d项政策变化：镇街“%(towns)s”不在纳税人登记信息中，请核对名称")
                % {"n": number, "towns": "、".join(unknown)},
            )
    result = whatif.compute(
        changes=parsed,
        payers=payers,
        declarations=declarations,
        paid=paid,
        period_from=period_from,
        period_to=period_to,
    )
    result["computed_at"] = clock.now().isoformat()
    return result


def scenario_list(*, user) -> QuerySet[Scenario]:
    require_capability(user, VIEW, allow_system=False)
    return Scenario.objects.select_related("created_by")


def scenario_get(*, user, pk) -> Scenario:
    require_capability(user, VIEW, allow_system=False)
    return access_or_404(Scenario.objects.select_related("created_by"), pk)


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写测算名称"))
    if len(name) > 200:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("测算名称不能超过200个字"))
    return name


@transaction.atomic
def scenario_save(
    *,
    actor,
    name: str,
    changes: Sequence[Mapping[str, Any]],
    period_from: str,
    period_to: str,
    description: str = "",
    scenario: Scenario | None = None,
) -> Scenario:
    """Save a new scenario (or edit `scenario`), computed now on the current data."""
    require_capability(actor, MANAGE)
    name = _check_name(name)
    parsed, period_from, period_to = parse_input(changes, period_from, period_to)
    result = whatif_compute(
        user=actor,
        changes=[c.as_dict() for c in parsed],
        period_from=period_from,
        period_to=period_to,
        purpose=f"{PURPOSE}：{name}",
    )
    created = scenario is None
    scenario = scenario or Scenario(created_by=user_or_none(actor))
    scenario.name, scenario.description = name, (description or "").strip()
    scenario.changes = [c.as_dict() for c in parsed]
    scenario.period_from, scenario.period_to = period_from, period_to
    scenario.result, scenario.computed_at = result, clock.now()
    scenario.full_clean()
    scenario.save()
    audit_record(
        actor=actor,
        action=AuditAction.ECONOMY_SCENARIO_SAVED,
        target=scenario,
        detail={
            "created": created,
            "changes": scenario.changes,
            "period": f"{period_from}..{period_to}",
            "effect": result["total"]["effect"],
        },
    )
    return scenario


@transaction.atomic
def scenario_recompute(*, actor, scenario: Scenario) -> Scenario:
    """重新测算: the same changes on the data as it is now."""
    require_capability(actor, MANAGE)
    before = (scenario.result or {}).get("total", {}).get("effect")
    scenario.result = whatif_compute(
        user=actor,
        changes=scenario.changes,
        period_from=scenario.period_from,
        period_to=scenario.period_to,
        purpose=f"{PURPOSE}：{scenario.name}",
    )
    scenario.computed_at = clock.now()
    scenario.save(update_fields=["result", "computed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ECONOMY_SCENARIO_RECOMPUTED,
        target=scenario,
        detail={"effect_before": before, "effect": scenario.result["total"]["effect"]},
    )
    return scenario


@transaction.atomic
def scenario_delete(*, actor, scenario: Scenario) -> None:
    require_capability(actor, MANAGE)
    audit_record(
        actor=actor,
        action=AuditAction.ECONOMY_SCENARIO_DELETED,
        target=scenario,
        detail={"changes": scenario.changes, "period": f"{scenario.period_from}..{scenario.period_to}"},
    )
    scenario.delete()
