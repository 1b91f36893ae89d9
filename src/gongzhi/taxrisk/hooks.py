"""What apps above taxrisk give its pages (registered in their AppConfig.ready; this module
imports nothing heavy, so registering costs no start-up time).

    # credit/apps.py, in ready():
    hooks.register_credit_levels(levels)  # (usccs, *, user, purpose) -> {uscc: (eval_year, level)}
"""

from __future__ import annotations

from collections.abc import Callable

CreditLevels = Callable[..., dict[str, tuple[int, str]]]
_credit_levels: CreditLevels | None = None


def register_credit_levels(source: CreditLevels) -> None:
    """`source(usccs, *, user, purpose) -> {uscc: (eval_year, level)}`, one read for all."""
    global _credit_levels
    _credit_levels = source


def credit_levels() -> CreditLevels | None:
    return _credit_levels
