"""Pure validation and ingest engine of the exchange app (no Django, no ORM).

Public API:
- `load_specs`, `load_spec`, `DatasetSpec`, `FieldSpec`, `CrossCheck`, `SpecError`;
- `parse_period`, `Period`, `PeriodError` (from `gongzhi.core.periods`);
- `validate_file`, `validate_rows`, `ValidationResult`, `RowError`, `ErrorSummary`;
- `errors_workbook` (the Chinese .xlsx error report);
- `checks`: the single-value check functions (`check_value("uscc", "9137…")`) and their SQL twins.
"""

from gongzhi.core.periods import Period, PeriodError, parse_period
from gongzhi.exchange.validation import arrowsetup  # noqa: F401  (first: see its docstring)
from gongzhi.exchange.validation.checks import CHECKS, check_value, clean_code
from gongzhi.exchange.validation.errors import FileRejected
from gongzhi.exchange.validation.ingest import (
    ErrorSummary,
    RowError,
    ValidationResult,
    atomic_write,
    sweep_temp_files,
    validate_file,
    validate_rows,
)
from gongzhi.exchange.validation.report import errors_workbook
from gongzhi.exchange.validation.spec import (
    CATALOG_KEYS,
    CrossCheck,
    DatasetSpec,
    FieldSpec,
    SpecError,
    load_spec,
    load_specs,
)

__all__ = [
    "CATALOG_KEYS",
    "CHECKS",
    "CrossCheck",
    "DatasetSpec",
    "ErrorSummary",
    "FieldSpec",
    "FileRejected",
    "Period",
    "PeriodError",
    "RowError",
    "SpecError",
    "ValidationResult",
    "atomic_write",
    "check_value",
    "clean_code",
    "errors_workbook",
    "load_spec",
    "load_specs",
    "parse_period",
    "sweep_temp_files",
    "validate_file",
    "validate_rows",
]
