"""The bulk path: a submitted file in, typed Parquet (and a quarantine file) out.

`validate_file` reads a CSV or XLSX file, checks every row in DuckDB and writes the accepted
rows as one Parquet file with the provenance columns `_submission_id` and `_source_row`,
atomically (temporary file in the same directory, fsync, rename, fsync of the directory).
`validate_rows` applies the same engine to rows pushed by API.

Decisions (see also the package README):
- extra columns are warnings, not errors: they are listed in `warnings` and not stored;
  missing required columns are file-level errors; missing optional columns are warnings;
- decimals are DECIMAL(18, scale) with scale 2 unless the field says otherwise; a value with
  more decimals than the scale is a row error (never rounded);
- the error list kept in memory is capped (`error_cap`, 10,000 by default); `error_count`
  and `summary` count every error.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from gongzhi.exchange.validation import engine, messages
from gongzhi.exchange.validation.errors import FileRejected
from gongzhi.exchange.validation.readers import Source, open_source, rows_source
from gongzhi.exchange.validation.spec import DatasetSpec, Period, parse_period
from gongzhi.exchange.validation.xlsx_safety import DEFAULT_LIMITS, XlsxLimits

ERROR_CAP = 10_000
TEMP_PREFIX = ".tmp-"
STATUS_LABELS = {"accepted": "已接收", "partial": "部分接收（错误行已隔离）", "rejected": "已退回"}
_SAFE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,100}")

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class RowError:
    """One problem in one row: `row` is the source row number (header = 1)."""

    row: int
    field: str | None  # field code, None for a problem of the whole row
    value: str | None  # the value as submitted
    reason: str  # Chinese message
    code: str = ""  # machine-readable error code (see messages.py)
    field_name: str | None = None  # the field's Chinese name


@dataclass(frozen=True)
class ErrorSummary:
    field: str | None
    field_name: str | None
    code: str
    reason: str
    count: int


@dataclass
class ValidationResult:
    status: str  # accepted | partial | rejected
    rows: int = 0  # data rows read (blank rows not counted)
    accepted: int = 0  # rows written to the accepted Parquet file
    rejected: int = 0  # rows not accepted
    errors: list[RowError] = field(default_factory=list)  # the first `error_cap` errors, by row
    file_errors: list[str] = field(default_factory=list)
    parquet_path: Path | None = None
    quarantine_path: Path | None = None
    seconds: float = 0.0
    error_count: int = 0  # every row error, also those beyond the cap
    error_rows: int = 0  # rows with at least one error
    warnings: list[str] = field(default_factory=list)
    summary: list[ErrorSummary] = field(default_factory=list)
    filename: str = ""
    header_row: int | None = None
    period: str | None = None
    fingerprint: str = ""

    @property
    def errors_truncated(self) -> bool:
        return self.error_count > len(self.errors)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


# ----------------------------------------------------------------------------- atomic files


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path_for(final: Path) -> Path:
    return final.with_name(f"{TEMP_PREFIX}{final.name}.{uuid.uuid4().hex}")


def atomic_write(final: Path, write: Callable[[Path], None]) -> Path:
    """Write `final` so that it is either complete or absent, whatever happens.

    `write(tmp)` writes the content to a temporary file in the same directory; it is then
    fsynced, renamed over `final` (atomic on POSIX) and the directory is fsynced so the
    rename survives a power cut. On an exception the temporary file is removed; a crash
    leaves only a `.tmp-` file that `sweep_temp_files` removes.
    """
    final = Path(final)
    tmp = temp_path_for(final)
    try:
        write(tmp)
        fsync_path(tmp)
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return final


def sweep_temp_files(directory: Path, *, older_than_seconds: float = 3600) -> list[Path]:
    """Remove temporary files left by a crash (older than the given age)."""
    removed = []
    limit = time.time() - older_than_seconds
    for path in Path(directory).glob(f"{TEMP_PREFIX}*"):
        try:
            if path.stat().st_mtime < limit:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink()
                removed.append(path)
        except FileNotFoundError:
            continue
    return removed


def _copy_to_parquet(con: duckdb.DuckDBPyConnection, select: str, final: Path) -> Path:
    def write(tmp: Path) -> None:
        con.execute(
            f"COPY ({select}) TO {engine.sql_str(str(tmp))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)"
        )

    return atomic_write(final, write)


# ----------------------------------------------------------------------------- running the engine


class _Guard:
    """Keeps an exception raised inside the Arrow stream (DuckDB only sees its text)."""

    def __init__(self) -> None:
        self.error: BaseException | None = None

    def wrap(self, batches, progress: Callable[[int], None] | None = None):
        try:
            seen = 0
            for batch in batches:
                seen += batch.num_rows
                if progress is not None:
                    progress(seen)
                yield batch
        except BaseException as exc:
            self.error = exc
            raise


def _run(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    query: engine.Query,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    for use_fallback in (False, True):
        if use_fallback and not source.ragged:
            return
        guard = _Guard()
        batches = source.fallback() if use_fallback else source.read()
        import pyarrow as pa

        reader = pa.RecordBatchReader.from_batches(source.schema, guard.wrap(batches, progress))
        con.register("src", reader)
        try:
            engine.build_checked(con, query)
        except duckdb.Error as exc:
            if isinstance(guard.error, FileRejected):
                raise guard.error from exc
            if guard.error is not None:
                raise guard.error from exc
            raise
        finally:
            con.unregister("src")
        if guard.error is not None:
            raise guard.error


def _result_errors(outcome: engine.Outcome, spec: DatasetSpec, period: Period | None) -> list[RowError]:
    out = []
    for e in outcome.errors:
        f = spec.get_field(e.field) if e.field and spec.has_field(e.field) else None
        reason = e.message or messages.message(e.code, spec=spec, field=f, info=e.info, period=period)
        out.append(
            RowError(
                row=e.row,
                field=e.field,
                value=e.value,
                reason=reason,
                code=e.code.partition(":")[0] if e.code.startswith(("columns", "unknown_field", "not_scalar")) else e.code,
                field_name=f.name if f else None,
            )
        )
    return out


def _summary(outcome: engine.Outcome, spec: DatasetSpec, period: Period | None) -> list[ErrorSummary]:
    out = []
    for code_field, code, count in outcome.summary:
        f = spec.get_field(code_field) if code_field and spec.has_field(code_field) else None
        if f is None and code in ("columns", "unknown_field", "not_scalar", "not_object", "empty_row"):
            reason = {
                "columns": "列数与表头不一致",
                "unknown_field": "含有未知字段",
                "not_scalar": "值应为单个值",
                "not_object": "行应为对象",
                "empty_row": "空行",
            }[code]
        else:
            reason = messages.message(code, spec=spec, field=f, period=period)
        out.append(ErrorSummary(code_field, f.name if f else None, code, reason, count))
    return out


def _settings(out_dir: Path, settings: engine.Settings | None) -> tuple[engine.Settings, Path]:
    work = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}validate-", dir=out_dir))
    chosen = settings or engine.Settings()
    return engine.Settings(memory_limit=chosen.memory_limit, threads=chosen.threads, temp_dir=work), work


def validate_file(
    path: str | os.PathLike,
    spec: DatasetSpec,
    *,
    period: str | Period | None = None,
    submission_id: int | str,
    out_dir: str | os.PathLike,
    filename: str | None = None,
    progress: Progress | None = None,
    error_cap: int = ERROR_CAP,
    today=None,
    settings: engine.Settings | None = None,
    xlsx_limits: XlsxLimits = DEFAULT_LIMITS,
) -> ValidationResult:
    """Validate a submitted CSV/XLSX file against `spec` and store what may be stored.

    `filename` is the name the submitter gave the file (used in messages and, with the
    content, to recognise the format); `path` is where it lies now. The accepted rows go
    to `<out_dir>/<submission_id>.parquet`, quarantined rows (policy "quarantine") to
    `<out_dir>/<submission_id>.quarantine.parquet`.
    """
    started = time.perf_counter()
    path = Path(path)
    filename = filename or path.name
    if not _SAFE_ID_RE.fullmatch(str(submission_id)):
        raise ValueError("submission_id may only hold letters, digits, '_', '.', '-'")
    the_period = parse_period(period) if period is not None else None
    report = progress or (lambda percent, message: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = ValidationResult(
        status="rejected", filename=filename, period=the_period.text if the_period else None,
        fingerprint=spec.fingerprint(),
    )

    def finish() -> ValidationResult:
        result.seconds = round(time.perf_counter() - started, 3)
        report(100.0, f"校验完成：{result.status_label}")
        return result

    report(0.0, "正在读取文件")
    try:
        source = open_source(path, filename, spec, xlsx_limits=xlsx_limits)
    except FileRejected as exc:
        result.file_errors.append(exc.message)
        return finish()
    result.warnings = list(source.warnings)
    result.header_row = source.header_row
    report(5.0, "已识别表头，正在逐行校验")

    size = max(path.stat().st_size, 1)
    estimated_rows = max(1, size // 100) if source.kind == "csv" else 1_000_000
    last = [0.0]

    def on_rows(seen: int) -> None:
        percent = 5.0 + 60.0 * min(1.0, seen / estimated_rows)
        if percent - last[0] >= 5.0:
            last[0] = percent
            report(percent, f"已读取 {seen:,} 行")

    settings_used, work = _settings(out, settings)
    plan = engine.Plan(spec=spec, sources=source.columns, period=the_period, today=today or _today())
    query = engine.build_query(plan)
    con = engine.connect(settings_used)
    try:
        try:
            _run(con, source, query, progress=on_rows)
        except FileRejected as exc:
            result.file_errors.append(exc.message)
            return finish()
        report(70.0, "正在统计错误")
        outcome = engine.collect(con, query, cap=error_cap)
        if outcome.rows == 0:
            result.file_errors.append(f"文件“{filename}”只有表头，没有数据行")
            return finish()
        result.rows = outcome.rows
        result.error_rows = outcome.error_rows
        result.error_count = outcome.error_count
        result.errors = _result_errors(outcome, spec, the_period)
        result.summary = _summary(outcome, spec, the_period)
        good = outcome.rows - outcome.error_rows
        if outcome.error_rows == 0:
            result.status = "accepted"
        elif spec.policy == "quarantine" and good > 0:
            result.status = "partial"
        else:
            result.status = "rejected"
        report(80.0, "正在写入数据文件")
        if spec.policy == "quarantine" and outcome.error_rows:
            result.quarantine_path = _copy_to_parquet(
                con, engine.quarantine_select(query, submission_id), out / f"{submission_id}.quarantine.parquet"
            )
        if result.status in ("accepted", "partial"):
            result.parquet_path = _copy_to_parquet(
                con, engine.accepted_select(query, submission_id), out / f"{submission_id}.parquet"
            )
            result.accepted = good
        result.rejected = result.rows - result.accepted
        return finish()
    finally:
        con.close()
        shutil.rmtree(work, ignore_errors=True)


def _today():
    import datetime as dt

    return dt.date.today()


def validate_rows(
    rows: list[dict[str, Any]],
    spec: DatasetSpec,
    period: str | Period | None = None,
    *,
    first_row: int = 1,
    today=None,
    error_cap: int = ERROR_CAP,
    settings: engine.Settings | None = None,
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Check rows pushed by API with the same engine as files.

    Rows are objects keyed by field code (or Chinese name); row numbers in errors count from
    `first_row`. Returns the accepted rows (typed values: int, Decimal, date, datetime, bool,
    str; plus `_source_row`) and the errors. The dataset's policy applies: under "reject" no
    row is accepted when any row has an error.
    """
    the_period = parse_period(period) if period is not None else None
    if not rows:
        return [], []
    source = rows_source(rows, spec, first_row=first_row)
    chosen = settings or engine.Settings(memory_limit="256MB")
    plan = engine.Plan(spec=spec, sources=source.columns, period=the_period, today=today or _today())
    query = engine.build_query(plan)
    con = engine.connect(engine.Settings(memory_limit=chosen.memory_limit, threads=chosen.threads))
    try:
        _run(con, source, query)
        outcome = engine.collect(con, query, cap=error_cap)
        errors = _result_errors(outcome, spec, the_period)
        if outcome.error_rows and spec.policy == "reject":
            return [], errors
        cursor = con.execute(engine.accepted_select(query, 0) + " ORDER BY _source_row")
        names = [d[0] for d in cursor.description]
        accepted = [
            {k: v for k, v in zip(names, values, strict=True) if k != "_submission_id"} for values in cursor.fetchall()
        ]
        return accepted, errors
    finally:
        con.close()
