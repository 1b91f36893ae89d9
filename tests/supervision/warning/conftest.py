"""The warning engine's tests need no Django. The helper module beside this file (``zhoucun_targets``)
is imported as a plain module: pytest runs with --import-mode=importlib, so put this folder on
sys.path once here (as tests/plans/parsing does)."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
