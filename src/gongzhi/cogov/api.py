"""/api/v1/cogov/: every co-governance workflow, one router per part (see `models.py`)."""

import importlib

from ninja import Router

router = Router()
for _part in ("assistance", "grid", "yearly", "matters", "enterprise"):
    try:
        _module = importlib.import_module(f"gongzhi.cogov.api_{_part}")
    except ModuleNotFoundError as exc:  # pragma: no cover - a part not written yet
        if exc.name != f"gongzhi.cogov.api_{_part}":
            raise
        continue
    router.add_router("", _module.router)
