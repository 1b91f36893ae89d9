"""pyarrow set up for the engine, before its first use (imported first by the package).

pyarrow checks, on the first `pa.array` of a Python list, whether pandas can be imported, and
imports it if so (to recognise pandas objects). gongzhi hands pyarrow no pandas objects, and
pandas is only here for statsmodels; importing it cost every ingest 0.24 s and 35 MiB, a
fifteenth of the memory allowed for a 5,000,000-row file (docs/adr/0005). The check is made
here with pandas hidden, so pyarrow records it as absent for that implicit check; an explicit
`to_pandas()` still imports it (pyarrow tries again when asked for pandas by name).
"""

from __future__ import annotations

import sys

import pyarrow as pa


class _NoPandas:
    """An import finder that refuses pandas (`sys.modules["pandas"] = None` is not enough: the
    Cython import in pyarrow reads it back as the module)."""

    def find_spec(self, name, path=None, target=None):
        if name == "pandas":
            raise ImportError("pandas hidden from pyarrow's probe")
        return None


def skip_pandas_probe() -> None:
    if "pandas" in sys.modules:  # already imported by someone: nothing to save
        return
    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([], pa.int8())
        pa.array([0])  # type inference: the C++ side looks too
    finally:
        sys.meta_path.remove(finder)


skip_pandas_probe()
