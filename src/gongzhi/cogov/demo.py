"""Demo of the co-governance operations (all labelled 演示): each part's `demo_<part>.load`, in
order (the assistance list first: look-ups, grid tasks and requests refer to it)."""

import importlib


def load(*, today) -> list[str]:
    lines: list[str] = []
    for part in ("assistance", "grid", "yearly", "matters", "enterprise"):
        try:
            module = importlib.import_module(f"gongzhi.cogov.demo_{part}")
        except ModuleNotFoundError as exc:  # pragma: no cover - a part not written yet
            if exc.name != f"gongzhi.cogov.demo_{part}":
                raise
            continue
        lines.extend(module.load(today=today) or [])
    return lines
