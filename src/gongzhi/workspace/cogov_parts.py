"""The parts of the co-governance operations (issue 16) as the workspace reads them.

Each part P (assistance, grid, yearly, matters, enterprise) has its own `gongzhi.cogov.selectors_P`
module with `leader_summary(*, user, today)` (figures for the leader's view of the tax-fee work),
`due_for(*, user, today)` (the user's to-dos) and, where the issue asks for overdue warnings,
`overdue(*, today)` (for the `remind` command). A part not written yet is skipped, the same
tolerant way `cogov/models.py` imports them: only a missing module of that very name is skipped,
any other import error is raised.

A part that fails when called (`call_part`) is logged and left out, so that one part's fault
never takes down the home pages, the one-pager or the daily reminders of the others; the tests of
the wiring call the real parts and fail on any such log entry.
"""

import importlib
import logging
from collections.abc import Callable
from types import ModuleType

logger = logging.getLogger(__name__)

PARTS = ("assistance", "grid", "yearly", "matters", "enterprise")

PART_LABELS = {
    "assistance": "涉税协助查验",
    "grid": "网格联动核查",
    "yearly": "年度任务",
    "matters": "重要事项报告",
    "enterprise": "企业诉求",
}


def part_selectors() -> list[tuple[str, ModuleType]]:
    """(part, its selectors module) for every part written so far, in the order of `PARTS`."""
    modules = []
    for part in PARTS:
        name = f"gongzhi.cogov.selectors_{part}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        modules.append((part, module))
    return modules


def part_functions(function: str) -> list[tuple[str, object]]:
    """(part, function) for the parts that provide `function` (e.g. `overdue`, which a part
    without overdue warnings does not define)."""
    return [
        (part, getattr(module, function))
        for part, module in part_selectors()
        if callable(getattr(module, function, None))
    ]


class PartFailed(Exception):
    """A part's function raised: the caller leaves the part out (the error is logged)."""


def call_part(part: str, function: Callable, **kwargs) -> list:
    """`function(**kwargs)` of `part` as a list; a fault in it is logged and raised as
    `PartFailed` (one part's fault never takes down the others' figures or to-dos)."""
    try:
        return list(function(**kwargs) or [])
    except Exception as exc:
        logger.exception("cogov part %s: %s failed", part, getattr(function, "__name__", function))
        raise PartFailed(part) from exc
