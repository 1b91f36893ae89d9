"""What a run returns: leads as plain dataclasses, per-rule timings and errors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gongzhi.core.periods import is_month_text
from gongzhi.taxrisk.engine.rules import Rule, RuleError

CENT = Decimal("0.01")


@dataclass(frozen=True, order=True)
class Evidence:
    """One row behind a lead: the dataset, the submission (Parquet file) and its source row."""

    dataset: str
    submission: int
    row: int


@dataclass(frozen=True)
class Lead:
    """One lead: one rule, one taxpayer (uscc) or person, one period (YYYY-MM)."""

    rule: str
    uscc: str | None
    person: str | None
    period: str
    tax_at_risk: Decimal | None
    amount: Decimal | None
    evidence: tuple[Evidence, ...]

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.rule, self.uscc or "", self.person or "", self.period)


@dataclass
class RunResult:
    engine: str
    leads: list[Lead] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    setup_seconds: float = 0.0  # registering the datasets (before any rule)

    def by_rule(self) -> dict[str, list[Lead]]:
        out: dict[str, list[Lead]] = {}
        for lead in self.leads:
            out.setdefault(lead.rule, []).append(lead)
        return out

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def _money(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _evidence_item(item: Any) -> Evidence | None:
    if item is None:
        return None
    if not isinstance(item, Mapping):
        item = item.asDict()  # a pyspark Row
    if item.get("dataset") is None or item.get("submission") is None or item.get("row") is None:
        return None
    return Evidence(str(item["dataset"]), int(item["submission"]), int(item["row"]))


def leads_from_rows(rule: Rule, rows: Iterable[Mapping[str, Any]]) -> list[Lead]:
    """Normalise an engine's rows (standard columns) into sorted leads.

    Evidence is de-duplicated and sorted; money is rounded half-up to cents. A rule that
    names another rule, returns no taxpayer or person, a malformed period, or two leads
    for one taxpayer and period is refused (`RuleError`).
    """
    leads: dict[tuple[str, str, str, str], Lead] = {}
    for row in rows:
        if row["rule"] != rule.code:
            raise RuleError(f"{rule.title}返回的规则编号为“{row['rule']}”，应为 {rule.code}", rule=rule.code)
        uscc, person = row["uscc"], row["person"]
        if not uscc and not person:
            raise RuleError(f"{rule.title}返回了没有纳税人识别号或人员证件号的线索", rule=rule.code)
        period = row["period"]
        if not is_month_text(period):
            raise RuleError(f"{rule.title}返回的期间“{period}”不是 YYYY-MM 格式", rule=rule.code)
        evidence = {e for e in (_evidence_item(i) for i in (row["evidence"] or ())) if e is not None}
        lead = Lead(
            rule=rule.code,
            uscc=uscc or None,
            person=person or None,
            period=period,
            tax_at_risk=_money(row["tax_at_risk"]),
            amount=_money(row["amount"]),
            evidence=tuple(sorted(evidence)),
        )
        if lead.key in leads:
            raise RuleError(
                f"{rule.title}对同一纳税人同一期间返回了多条线索（{uscc or person}，{period}），应合并为一条",
                rule=rule.code,
            )
        leads[lead.key] = lead
    return [leads[k] for k in sorted(leads)]


def failure_message(rule: Rule, exc: BaseException) -> str:
    """The Chinese text kept in `RunResult.errors` for a rule that failed."""
    if isinstance(exc, RuleError):
        return exc.message
    detail = " ".join(str(exc).split())
    if len(detail) > 500:
        detail = detail[:500] + "…"
    return f"{rule.title}运行失败：{type(exc).__name__}: {detail}"
