"""Policy what-if (政策测算): the revenue effect of a policy change on the base period's data.

Pure Python (no Django): the service (`whatif_services`) reads the rows through the warehouse
and stores the result; tests call `compute` on hand-made rows.

Inputs, all for the base period (所属期 from–to, the tax period of the declaration and of the
payment, not the month the tax was paid in as the revenue cube counts it):
- `payers`: the registry, uscc -> `Payer` (门类 of GB/T 4754 from `industry_code`, town, kind
  一般纳税人/小规模纳税人); a taxpayer missing from the registry counts as 未登记 in every scope
  that names no industry, town or kind;
- `declarations`: (uscc, period, revenue, zero_declared) — the monthly declared sales;
- `paid`: (uscc, period, tax_type, amount) — tax paid for that period (refunds negative).

Changes (each a `Change`; the effects of several changes are computed each on the base data and
added up: they are not chained, so a rate cut and a threshold rise on the same VAT both count the
VAT as it was paid — an overlap the analyst should avoid or read as an upper bound):

- `rate` 税率调整 (a tax type's rate from old% to new%): the tax paid of that type by the
  taxpayers in scope scales with the rate, effect = paid × (new / old − 1). Assumes the tax base
  does not move with the rate (no behavioural response) and that everything paid of that type
  was taxed at the old rate.
- `threshold` 小规模纳税人起征点调整 (monthly sales exemption threshold from old to new yuan,
  含本数): only 小规模纳税人 are concerned, month by month. If the threshold rises, a month whose
  declared sales are above the old and at most the new threshold becomes exempt: effect = − the
  VAT (增值税) paid for that month (nothing if none was paid). If it falls, a month whose sales
  are above the new and at most the old threshold becomes taxable: effect = + sales × the levy
  rate (征收率, e.g. 1%), taking the declared sales as the tax base (excluding tax). A zero
  declaration counts as sales 0. Quarterly filers are not modelled (declarations are monthly).
- `preference` 优惠政策适用范围 (a reduced rate or an exemption given to a scope, e.g. one 门类
  or 小规模纳税人 only): the same arithmetic as a rate change, but the scope must name at least
  one industry, town or kind, and the new rate may be 0 (免征: effect = − paid). Withdrawing a
  preference from taxpayers who now pay nothing cannot be read from what they paid and is not
  modelled.

Scope filters (for every kind): industry 门类 letters, towns, taxpayer kinds; empty = all.
Money is exact: each taxpayer-month's effect is rounded half up to the cent, and every total is
the sum of those, so the industries, the towns and the total agree to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gongzhi.core.industries import SECTIONS
from gongzhi.core.periods import is_month_text

RATE, THRESHOLD, PREFERENCE = "rate", "threshold", "preference"
KINDS = {RATE: "税率调整", THRESHOLD: "小规模纳税人起征点调整", PREFERENCE: "优惠政策适用范围"}
SMALL_SCALE, GENERAL = "小规模纳税人", "一般纳税人"
TAXPAYER_KINDS = (GENERAL, SMALL_SCALE)
VAT = "增值税"
UNKNOWN_SECTION, UNKNOWN_TOWN = "", "未登记"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class WhatIfError(ValueError):
    """Bad input for a what-if, with a Chinese message."""


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _decimal(value: object, label: str) -> Decimal:
    if value in (None, ""):
        raise WhatIfError(f"请填写{label}")
    try:
        number = Decimal(str(value).strip().replace(",", "").removesuffix("%"))
    except InvalidOperation:
        raise WhatIfError(f"{label}应为数字") from None
    if not number.is_finite():
        raise WhatIfError(f"{label}应为数字")
    return number


def section_name(code: str) -> str:
    return SECTIONS.get(code, "") or "未登记行业"


@dataclass(frozen=True)
class Payer:
    section: str  # 门类 letter ("" unknown)
    town: str
    kind: str

    @classmethod
    def from_registry(cls, industry_code: str | None, town: str | None, kind: str | None) -> Payer:
        letter = (industry_code or "").strip()[:1].upper()
        return cls(
            letter if letter in SECTIONS else UNKNOWN_SECTION,
            (town or "").strip() or UNKNOWN_TOWN,
            kind or "",
        )


UNREGISTERED = Payer(UNKNOWN_SECTION, UNKNOWN_TOWN, "")


@dataclass(frozen=True)
class Scope:
    sections: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sections or self.towns or self.kinds)

    def matches(self, payer: Payer) -> bool:
        return (
            (not self.sections or payer.section in self.sections)
            and (not self.towns or payer.town in self.towns)
            and (not self.kinds or payer.kind in self.kinds)
        )

    def words(self) -> str:
        parts = []
        if self.sections:
            parts.append("、".join(section_name(s) for s in self.sections))
        if self.towns:
            parts.append("、".join(self.towns))
        if self.kinds:
            parts.append("、".join(self.kinds))
        return "；".join(parts) if parts else "全部纳税人"


def _clean_list(values: object) -> tuple[str, ...]:
    if values in (None, ""):
        return ()
    if isinstance(values, str):
        values = values.replace("，", ",").replace("、", ",").split(",")
    return tuple(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))


@dataclass(frozen=True)
class Change:
    """One policy change. Rates in percent (13 = 13%), thresholds in yuan."""

    kind: str
    tax_type: str = ""
    old: Decimal = Decimal(0)
    new: Decimal = Decimal(0)
    levy_rate: Decimal = Decimal(0)  # threshold lowered: percent of sales newly taxed
    scope: Scope = field(default_factory=Scope)

    @classmethod
    def parse(cls, data: Mapping[str, object]) -> Change:
        """A change from a form or stored JSON, checked; WhatIfError (Chinese) when wrong."""
        kind = str(data.get("kind") or "").strip()
        if kind not in KINDS:
            raise WhatIfError("请选择政策变化类型（税率调整、起征点调整或优惠政策适用范围）")
        scope = Scope(
            sections=_clean_list(data.get("sections")),
            towns=_clean_list(data.get("towns")),
            kinds=_clean_list(data.get("kinds")),
        )
        if bad := [s for s in scope.sections if s not in SECTIONS]:
            raise WhatIfError(f"行业门类“{'、'.join(bad)}”不在国民经济行业分类（A–T）中")
        if bad := [k for k in scope.kinds if k not in TAXPAYER_KINDS]:
            raise WhatIfError(f"纳税人类型“{'、'.join(bad)}”应为一般纳税人或小规模纳税人")
        label = KINDS[kind]
        if kind == THRESHOLD:
            old = _decimal(data.get("old"), "原起征点（元）")
            new = _decimal(data.get("new"), "新起征点（元）")
            if old <= 0 or new <= 0:
                raise WhatIfError("起征点应为正数（元）")
            if old == new:
                raise WhatIfError("新起征点与原起征点相同，没有变化可测算")
            levy = Decimal(0)
            if new < old:
                levy = _decimal(data.get("levy_rate"), "征收率（%）")
                if not 0 < levy <= 100:
                    raise WhatIfError("征收率应大于0%且不超过100%")
            if scope.kinds and scope.kinds != (SMALL_SCALE,):
                raise WhatIfError("起征点只适用于小规模纳税人，适用范围不能选择一般纳税人")
            return cls(THRESHOLD, VAT, old, new, levy, Scope(scope.sections, scope.towns, (SMALL_SCALE,)))
        tax_type = str(data.get("tax_type") or "").strip()
        if not tax_type:
            raise WhatIfError(f"{label}：请选择税种")
        old = _decimal(data.get("old"), "原税率（%）")
        new = _decimal(data.get("new"), "新税率（%）")
        if not 0 < old <= 100:
            raise WhatIfError("原税率应大于0%且不超过100%")
        if not 0 <= new <= 100:
            raise WhatIfError("新税率应在0%到100%之间")
        if old == new:
            raise WhatIfError("新税率与原税率相同，没有变化可测算")
        if kind == PREFERENCE and not scope:
            raise WhatIfError("优惠政策须说明适用范围（行业门类、镇街或纳税人类型至少选一项）")
        return cls(kind, tax_type, old, new, Decimal(0), scope)

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "tax_type": self.tax_type,
            "old": str(self.old),
            "new": str(self.new),
            "levy_rate": str(self.levy_rate) if self.levy_rate else "",
            "sections": list(self.scope.sections),
            "towns": list(self.scope.towns),
            "kinds": list(self.scope.kinds),
        }

    def words(self) -> str:
        """In words, e.g. 增值税税率由13%调整为12%（制造业）."""
        scope = self.scope.words()
        if self.kind == THRESHOLD:
            text = f"小规模纳税人增值税月销售额起征点由{_plain(self.old)}元调整为{_plain(self.new)}元"
            if self.levy_rate:
                text += f"（新增征税部分按征收率{_plain(self.levy_rate)}%）"
            others = Scope(self.scope.sections, self.scope.towns)
            return text + (f"，适用范围：{others.words()}" if others else "")
        if self.kind == PREFERENCE:
            relief = "免征" if self.new == 0 else f"由{_plain(self.old)}%减按{_plain(self.new)}%征收"
            return f"{scope}的{self.tax_type}{relief}"
        return f"{self.tax_type}税率由{_plain(self.old)}%调整为{_plain(self.new)}%，适用范围：{scope}"


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def parse_changes(items: Sequence[Mapping[str, object]]) -> list[Change]:
    if not items:
        raise WhatIfError("请至少设置一项政策变化")
    changes = []
    for number, item in enumerate(items, start=1):
        try:
            changes.append(Change.parse(item))
        except WhatIfError as exc:
            raise WhatIfError(f"第{number}项政策变化：{exc}") from None
    return changes


def check_period(period_from: str, period_to: str) -> tuple[str, str]:
    period_from, period_to = (period_from or "").strip(), (period_to or "").strip()
    if not period_from or not period_to:
        raise WhatIfError("请填写基期的起止月份（YYYY-MM）")
    for text in (period_from, period_to):
        if not is_month_text(text):
            raise WhatIfError(f"基期月份“{text}”应为 YYYY-MM，如 2024-01")
    if period_from > period_to:
        raise WhatIfError("基期的起始月份不能晚于截止月份")
    return period_from, period_to


@dataclass
class Cell:
    base: Decimal = Decimal(0)  # all tax paid in the base period
    effect: Decimal = Decimal(0)
    taxpayers: set[str] = field(default_factory=set)  # those with a non-zero effect

    def as_dict(self) -> dict[str, object]:
        return {
            "base": str(cents(self.base)),
            "effect": str(cents(self.effect)),
            "after": str(cents(self.base) + self.effect),
            "taxpayers": len(self.taxpayers),
            "ratio": _ratio(self.effect, self.base),
        }


def _ratio(effect: Decimal, base: Decimal) -> str:
    """Effect as a percent of the base, two places ("" when the base is 0)."""
    if not base:
        return ""
    return str((effect / base * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP))


def compute(
    *,
    changes: Sequence[Change],
    payers: Mapping[str, Payer],
    declarations: Iterable[tuple[str, str, Decimal | None, bool | None]],
    paid: Iterable[tuple[str, str, str, Decimal | None]],
    period_from: str,
    period_to: str,
) -> dict[str, object]:
    """The revenue effect of `changes` on the base period, by industry 门类, by town, by change and
    in total (amounts as strings of exact decimals, JSON-ready)."""
    period_from, period_to = check_period(period_from, period_to)

    def within(period: str) -> bool:
        return period_from <= (period or "") <= period_to

    by_type: dict[tuple[str, str], Decimal] = defaultdict(Decimal)  # (uscc, tax_type) -> paid
    vat: dict[tuple[str, str], Decimal] = defaultdict(Decimal)  # (uscc, period) -> VAT paid
    base: dict[str, Decimal] = defaultdict(Decimal)  # uscc -> all tax paid
    for uscc, period, tax_type, amount in paid:
        if not within(period) or amount is None:
            continue
        by_type[(uscc, tax_type)] += amount
        base[uscc] += amount
        if tax_type == VAT:
            vat[(uscc, period)] += amount
    sales: dict[tuple[str, str], Decimal] = {}
    for uscc, period, revenue, zero in declarations:
        if within(period):
            sales[(uscc, period)] = Decimal(0) if zero or revenue is None else revenue

    # effects per (change number, uscc), each row rounded to the cent
    effects: list[tuple[int, str, Decimal]] = []
    for number, change in enumerate(changes):
        if change.kind == THRESHOLD:
            low, high = min(change.old, change.new), max(change.old, change.new)
            for (uscc, period), amount in sorted(sales.items()):
                payer = payers.get(uscc, UNREGISTERED)
                if not (low < amount <= high and change.scope.matches(payer)):
                    continue
                if change.new > change.old:
                    lost = vat.get((uscc, period), Decimal(0))
                    if lost > 0:
                        effects.append((number, uscc, -cents(lost)))
                else:
                    effects.append((number, uscc, cents(amount * change.levy_rate / HUNDRED)))
        else:
            factor = change.new / change.old - 1
            for (uscc, tax_type), amount in sorted(by_type.items()):
                if (
                    tax_type == change.tax_type
                    and amount
                    and change.scope.matches(payers.get(uscc, UNREGISTERED))
                ):
                    effects.append((number, uscc, cents(amount * factor)))

    industries: dict[str, Cell] = defaultdict(Cell)
    towns: dict[str, Cell] = defaultdict(Cell)
    total = Cell()
    for uscc, amount in base.items():
        payer = payers.get(uscc, UNREGISTERED)
        for cell in (industries[payer.section], towns[payer.town], total):
            cell.base += amount
    per_change = [Cell() for _ in changes]
    months: list[int] = [0 for _ in changes]
    for number, uscc, effect in effects:
        if not effect:
            continue
        payer = payers.get(uscc, UNREGISTERED)
        for cell in (industries[payer.section], towns[payer.town], total, per_change[number]):
            cell.effect += effect
            cell.taxpayers.add(uscc)
        months[number] += 1
    # the base rounded per cell: sums of bases can differ by a cent from the total's; effects do not
    return {
        "period_from": period_from,
        "period_to": period_to,
        "changes": [c.as_dict() for c in changes],
        "total": total.as_dict(),
        "by_industry": [
            {"code": code, "name": section_name(code), **cell.as_dict()}
            for code, cell in sorted(industries.items(), key=lambda i: (i[0] == UNKNOWN_SECTION, i[0]))
        ],
        "by_town": [
            {"name": name, **cell.as_dict()}
            for name, cell in sorted(towns.items(), key=lambda i: (i[0] == UNKNOWN_TOWN, i[0]))
        ],
        "by_change": [
            {
                "words": change.words(),
                "effect": str(cents(cell.effect)),
                "taxpayers": len(cell.taxpayers),
                "rows": rows,
            }
            for change, cell, rows in zip(changes, per_change, months, strict=True)
        ],
    }
