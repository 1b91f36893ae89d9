"""One line per figure, for bench/run_all.py: `BENCH {"figure": ..., "value": ..., ...}`.

A benchmark prints its own readable output as before and, for each headline figure, calls
`emit(...)`; run_all collects the lines into one table (figure, its anchor measured in the same
run, the ratio, the target). Values are plain numbers in the unit given.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence


def spread(values: Sequence[float], *, higher_is_better: bool = False) -> dict[str, float]:
    """Best, median and worst of a run's repeats (best = smallest, or largest for rates)."""
    best, worst = (max(values), min(values)) if higher_is_better else (min(values), max(values))
    return {"best": best, "median": statistics.median(values), "worst": worst}


def emit(
    figure: str,
    value: float,
    unit: str,
    *,
    anchor: str = "",
    anchor_value: float | None = None,
    target: str = "",
    met: bool | None = None,
    runs: Sequence[float] | None = None,
    higher_is_better: bool = False,
) -> None:
    """Print one figure. `runs` are the repeats' values (best/median/worst are derived from them)."""
    line = {"figure": figure, "value": value, "unit": unit, "anchor": anchor, "anchor_value": anchor_value}
    line.update({"target": target, "met": met})
    if runs:
        line.update(spread(list(runs), higher_is_better=higher_is_better))
    print("BENCH " + json.dumps(line, ensure_ascii=False), flush=True)
