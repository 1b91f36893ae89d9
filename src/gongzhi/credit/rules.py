"""The level bands of the rating rules (pure: no Django).

《纳税信用管理办法（试行）》(国家税务总局公告2014年第40号) Art. 18 as amended by 2018年第8号 (M), and for
evaluation years from 2025 《纳税缴费信用管理办法》(2025年第12号), which keeps the bands: A ≥ 90,
70 ≤ B < 90, M (new entities or no revenue; any score), 40 ≤ C < 70, D < 40 or 直接判级 (no score).
"""

from __future__ import annotations

from decimal import Decimal

BANDS: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "A": (Decimal(90), None),
    "B": (Decimal(70), Decimal(90)),
    "C": (Decimal(40), Decimal(70)),
    "D": (None, Decimal(40)),
}


def _score(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def level_problem(level: str | None, score, d_reason: str | None = None) -> str | None:
    """Why a rating row contradicts itself (Chinese), or None when it is consistent."""
    if not level:
        return None
    number = _score(score)
    if d_reason and level != "D":
        return f"{level}级却填写了D级原因"
    if level == "M":
        return None
    if number is None:
        return None if level == "D" else f"{level}级应有评价得分（只有D级可直接判级）"
    low, high = BANDS[level]
    if (low is not None and number < low) or (high is not None and number >= high):
        band = {"A": "≥90分", "B": "70分以上不满90分", "C": "40分以上不满70分", "D": "不满40分或直接判级"}[
            level
        ]
        return f"{level}级与得分{number.normalize():f}分不符（{level}级应为{band}）"
    return None
