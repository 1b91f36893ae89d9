"""URLs of the co-governance operations, one module per part (see `models.py`)."""

import importlib

app_name = "cogov"

urlpatterns: list = []
for _part in ("assistance", "grid", "yearly", "matters", "enterprise", "leader"):
    try:
        _module = importlib.import_module(f"gongzhi.cogov.urls_{_part}")
    except ModuleNotFoundError as exc:  # pragma: no cover - a part not written yet
        if exc.name != f"gongzhi.cogov.urls_{_part}":
            raise
        continue
    urlpatterns += _module.urlpatterns
