"""Amounts as people type and read them (pure: no Django).

`parse_amount` is the one reader of a typed amount: every form, query parameter and rule
parameter that takes an amount goes through it, so 1,616,772.74 is accepted wherever
1616772.74 is. The `money` template filter is the one writer (1616772.74 -> 1,616,772.74).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋　", "0123456789.,-+ ")
# Thousands separators only in groups of three (1,234,567.8): "1,23" is a typo, not 123.
_AMOUNT_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_AFFIXES = ("¥", "￥", "元", "人民币")
INVALID_AMOUNT = "应为金额数字（可带千分位逗号，如 1,234.50）"


def parse_amount(text: object) -> Decimal:
    """'1,616,772.74', '1616772.74元', '¥1,000', full-width digits -> Decimal.

    Raises ValueError (with a Chinese message) for anything else, including an empty text,
    misplaced separators and NaN/Infinity.
    """
    if isinstance(text, Decimal | int) and not isinstance(text, bool):
        number = Decimal(text)
    else:
        cleaned = str(text).translate(_FULL_WIDTH).replace(" ", "")
        for affix in _AFFIXES:
            cleaned = cleaned.removeprefix(affix).removesuffix(affix)
        if not _AMOUNT_RE.fullmatch(cleaned):
            raise ValueError(INVALID_AMOUNT)
        try:
            number = Decimal(cleaned.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(INVALID_AMOUNT) from None
    if not number.is_finite():
        raise ValueError(INVALID_AMOUNT)
    return number


def format_amount(value: object, places: int = 2) -> str:
    """1616772.74 -> '1,616,772.74'; 486422.728000000 -> '486,422.73' (half up); None or '' -> ''.

    A value that is not a number is shown as it is."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    return f"{number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,f}"
