"""Co-governance operations of 周政办字〔2023〕10号: one module per part, imported here so that
Django finds their models.

- `models_assistance`: the assistance list (税费协助事项清单), versioned, and look-up outcomes;
- `models_grid`: grids (网格), grid workers, tax managers and verification tasks (信息核查);
- `models_yearly`: each responsible unit's yearly tasks (年度任务);
- `models_matters`: important-matter reports (重要事项报告);
- `models_enterprise`: enterprise requests (企业诉求), worked by one or more units.
"""

import importlib

for _part in ("assistance", "grid", "yearly", "matters", "enterprise"):
    try:
        _module = importlib.import_module(f"gongzhi.cogov.models_{_part}")
    except ModuleNotFoundError as exc:  # pragma: no cover - a part not written yet
        if exc.name != f"gongzhi.cogov.models_{_part}":
            raise
        continue
    for _name in getattr(_module, "__all__", ()):
        globals()[_name] = getattr(_module, _name)
