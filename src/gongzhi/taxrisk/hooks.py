"""What apps above taxrisk give its pages (registered in their AppConfig.ready; this module
imports nothing heavy, so registering costs no start-up time).

    # credit/apps.py, in ready():
    hooks.register_credit_levels(levels)  # (usccs, *, user, purpose) -> {uscc: (eval_year, level)}

    # cogov/apps.py, in ready():
    hooks.register_lead_panel(panel)  # (lead, *, user) -> {"template": ..., **context} | None
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


LeadPanel = Callable[..., dict | None]
_lead_panels: list[LeadPanel] = []


def register_lead_panel(source: LeadPanel) -> None:
    """`source(lead, *, user) -> {"template": "app/x.html", ...} | None`: a panel on the lead page
    (e.g. the grid verification tasks of the lead and a button to ask the grid), rendered with the
    template it names and the rest of the dict as `panel`. Registered once per source."""
    if source not in _lead_panels:
        _lead_panels.append(source)


def lead_panels(lead, *, user) -> list[dict]:
    return [panel for source in _lead_panels if (panel := source(lead, user=user))]
