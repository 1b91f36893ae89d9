"""One line per figure, for bench/run_all.py: `BENCH {"figure": ..., "value": ..., ...}`.

A benchmark prints its own readable output as before and, for each headline figure, calls
`emit(...)`; run_all collects the lines into one table (figure, its anchor measured in the same
run, the ratio, the target). Values are plain numbers in the unit given.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence


def spread(values: Sequence[float]) -> dict[str, float]:
    """Best, median and worst of a run's repeats (best = smallest)."""
    return {"best": min(values), "median": statistics.median(values), "worst": max(values)}


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
) -> None:
    """Print one figure. `runs` are the repeats' values (best/median/worst are derived from them)."""
    line = {"figure": figure, "value": value, "unit": unit, "anchor": anchor, "anchor_value": anchor_value}
    line.update({"target": target, "met": met})
    if runs:
        line.update(spread(list(runs)))
    print("BENCH " + json.dumps(line, ensure_ascii=False), flush=True)
