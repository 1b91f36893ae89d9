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

import datetime as dt
import os
import queue
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from gongzhi.core.periods import Period, parse_period
from gongzhi.exchange.validation import engine, fastpath, messages
from gongzhi.exchange.validation.errors import FileRejected
from gongzhi.exchange.validation.readers import Source, open_source, rows_source
from gongzhi.exchange.validation.spec import DatasetSpec
from gongzhi.exchange.validation.xlsx_safety import DEFAULT_LIMITS, XlsxLimits

ERROR_CAP = 10_000
KEY_PASS_MEMORY = "128MB"  # DuckDB's memory for the duplicate pre-pass (see `_key_pass`)
OUTPUT_BATCH_ROWS = 65_536  # rows of a checked batch handed to Python (see `_stream`)
# With the fast path only the rows it leaves reach DuckDB: small output batches, so that the clean
# rows waiting for them to be merged in order stay few (`fastpath.Stash`).
FAST_OUTPUT_BATCH_ROWS = 2_048
# How much checked output DuckDB may hold ready (10 MiB by default): on the fast path a tenth of a
# megabyte of it stands for ~3 MB of input rows whose clean rows wait in memory.
FAST_STREAMING_BUFFER = "128KB"
ROW_GROUP_ROWS = 32_768  # rows the Parquet sink gathers into one row group (see `ParquetSink`)
# The quarantine's rows are few (3 % of a file: 30,000 of 1M): in groups of 32,768 they would all
# be written when the stream ends, while the checks wait; in groups of 8,192 they are written as
# they come (sink.close 0.06 -> 0.03 s).
QUARANTINE_GROUP_ROWS = 8_192
SINK_QUEUE = 8  # batches waiting for the Parquet sink's thread
MERGE_PIECES = 64  # more places where the SQL's rows fall among the clean ones: merged by one sort
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
    fast_rows: int = 0  # rows typed by the fast path (`fastpath`); the others were checked in SQL

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
    """A temporary name in the same directory (so that the rename stays on one file system)."""
    return final.with_name(f"{TEMP_PREFIX}{final.name}.{uuid.uuid4().hex}")


def commit(tmp: Path, final: Path) -> Path:
    """fsync the finished temporary file, rename it over `final`, fsync the directory."""
    fsync_path(tmp)
    os.replace(tmp, final)
    fsync_dir(final.parent)
    return final


def atomic_write(final: Path, write: Callable[[Path], None]) -> Path:
    """Write `final` so that it is either complete or absent, whatever happens.

    `write(tmp)` writes the content to a temporary file in the same directory; it is then
    fsynced, renamed over `final` (atomic on POSIX) and the directory is fsynced so that the
    rename survives a power cut. On an exception the temporary file is removed; a crash leaves
    only a `.tmp-` file, which `sweep_temp_files` removes later.
    """
    final = Path(final)
    tmp = temp_path_for(final)
    try:
        write(tmp)
        return commit(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def sweep_temp_files(directory: Path, *, older_than_seconds: float = 3600) -> list[Path]:
    """Remove temporary files and work directories left by a crash (older than the given age)."""
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


# ----------------------------------------------------------------------------- sinks


class ParquetSink:
    """Writes accepted and quarantined batches to temporary Parquet files on a background
    thread, so that writing overlaps with DuckDB checking the next batch.

    Dictionary encoding is used for the columns likely to repeat (enums, booleans, dates,
    months, industry and area codes, the submission id): trying it on unique texts such as
    credit codes costs time and makes the file larger.

    Batches are gathered up to `ROW_GROUP_ROWS` rows before they are written: pyarrow makes
    each write its own row group, and the checks hand over batches of a few thousand rows (a
    quarantine file had row groups of 600 rows). Each row group costs a compressor, a
    dictionary and statistics per column. Written a row group at a time, the thread takes the
    CPU in longer turns, so the queue holds a few more batches (`SINK_QUEUE`): 1M rows went
    from 98 row groups to 30, the engine's CPU time fell by 7 % and its time by 7 %. Larger row
    groups held more memory (65,536 rows: +9 MiB at 5M rows) and were no faster.
    """

    def __init__(
        self,
        accepted: Path | None,
        quarantine: Path | None,
        dictionary: list[str] | None = None,
        statistics: list[str] | None = None,
    ):
        self.paths = {"a": accepted, "q": quarantine}
        self.dictionary = dictionary
        self.statistics = statistics
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.pending: dict[str, list[pa.RecordBatch]] = {"a": [], "q": []}  # the next row group
        self.pending_rows = {"a": 0, "q": 0}
        self.counts = {"a": 0, "q": 0}
        self.stop_accepting = False
        self._queue: queue.Queue = queue.Queue(maxsize=SINK_QUEUE)  # batches in flight hold memory
        self._error: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="parquet-sink", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                # the end: the last row groups, the footers and the files on disk, while the main
                # thread gathers the errors (`finish`, then `close`)
                try:
                    if self._error is None:
                        for target in self.pending:
                            self._write(target)
                    for writer in self.writers.values():
                        writer.close()
                    if self._error is None:
                        for target in self.writers:
                            fsync_path(self.paths[target])
                except BaseException as exc:  # reported by close()
                    self._error = self._error or exc
                return
            if self._error is not None:
                continue
            target, batch = item
            self.pending[target].append(batch)
            self.pending_rows[target] += batch.num_rows
            if self.pending_rows[target] >= (ROW_GROUP_ROWS if target == "a" else QUARANTINE_GROUP_ROWS):
                try:
                    self._write(target)
                except BaseException as exc:  # reported by close()
                    self._error = exc

    def _write(self, target: str) -> None:
        """Write the batches gathered for `target` as one row group."""
        batches, self.pending[target], self.pending_rows[target] = self.pending[target], [], 0
        if not batches:
            return
        writer = self.writers.get(target)
        if writer is None:
            schema = batches[0].schema
            dictionary = self.dictionary if target == "a" and self.dictionary is not None else schema.names
            statistics = self.statistics if target == "a" and self.statistics is not None else True
            # Row numbers ascend: stored as deltas, next to nothing to compress. Decimals as
            # integers (their logical type unchanged): no byte-swapping into fixed-length arrays.
            delta = {"_source_row": "DELTA_BINARY_PACKED"} if "_source_row" in schema.names else None
            writer = pq.ParquetWriter(
                self.paths[target],
                schema,
                compression="zstd",
                use_dictionary=[c for c in dictionary if c != "_source_row"],
                column_encoding=delta,
                write_statistics=statistics,
                store_decimal_as_integer=True,
            )
            self.writers[target] = writer
        writer.write_table(pa.Table.from_batches(batches), row_group_size=1 << 20)

    def accepted(self, batch: pa.RecordBatch) -> None:
        if self.stop_accepting or self.paths["a"] is None:
            return
        self.counts["a"] += batch.num_rows
        self._put(("a", batch))

    def quarantined(self, batch: pa.RecordBatch) -> None:
        if self.paths["q"] is None:
            return
        self.counts["q"] += batch.num_rows
        self._put(("q", batch))

    def _put(self, item) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(item)

    def finish(self) -> None:
        """No more batches: the thread writes the rest and closes the files on its own."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)

    def close(self) -> None:
        """Wait until the files are written and closed (`written` is known only then)."""
        self.finish()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        """Stop and delete what was written (the run is void)."""
        try:
            self.close()
        except BaseException:
            pass  # the run is void anyway
        for path in self.paths.values():
            if path is not None:
                path.unlink(missing_ok=True)

    def written(self, target: str) -> Path | None:
        return self.paths[target] if target in self.writers else None


class MemorySink:
    def __init__(self) -> None:
        self.batches: list[pa.RecordBatch] = []
        self.stop_accepting = False

    def accepted(self, batch: pa.RecordBatch) -> None:
        if not self.stop_accepting:
            self.batches.append(batch)

    def quarantined(self, batch: pa.RecordBatch) -> None:
        pass

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass

    def abort(self) -> None:
        self.batches.clear()


# ----------------------------------------------------------------------------- running the engine


class _Guard:
    """Keeps an exception raised inside the Arrow stream (DuckDB only passes on its text)."""

    def __init__(self) -> None:
        self.error: BaseException | None = None

    def wrap(self, batches: Iterator[pa.RecordBatch], progress: Callable[[int], None] | None = None):
        try:
            yield from _counted(batches, progress)
        except BaseException as exc:
            self.error = exc
            raise


@dataclass
class _Run:
    stats: engine.StreamStats
    duplicates: int
    sink: Any
    duplicates_in_stream: bool = False  # the later occurrences of a key were quarantined already
    fast_rows: int = 0  # rows typed by the fast path


class _Ragged(Exception):
    """The fast CSV reader met a row whose column count differs from the header."""


def _stream(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    query: engine.Query,
    *,
    submission_id,
    make_sink: Callable[[], Any],
    cap: int,
    reject: bool,
    progress: Callable[[int], None] | None = None,
    fast_path: bool = True,
) -> _Run:
    """Check every row of `source` and hand the results to a sink from `make_sink`.

    A CSV file of a dataset with a key is first read for its keys alone (`_key_pass`), so that
    the checking pass quarantines the later occurrences of a key as it goes; other sources keep
    the keys of the stream and find the duplicates when it ends (the caller moves them).

    A CSV with a row whose column count differs from the header stops the fast reader (it
    cannot number the rows after it); the file is then read again by the exact reader, into a
    fresh sink, and the first sink is discarded.
    """
    spec = query.plan.spec
    known = _key_pass(con, source, query.plan)
    dups = _known_duplicates(con, spec) if known else None
    params = [dups.bits()] if dups is not None else None
    order = {f.code: i for i, f in enumerate(spec.fields)}
    use_fallback = False
    while True:
        guard = _Guard()
        batches = source.fallback() if use_fallback else source.read()
        if source.kind == "csv" and not use_fallback:
            batches = _raise_when_ragged(batches, source)
        # The fast path needs the duplicates known before the pass (the pre-pass of a CSV file).
        fast = None
        if fast_path and known is not None and not use_fallback:
            fast = fastpath.FastPath.build(query.plan, dups)
        stash = fastpath.Stash()
        if fast is not None:
            batches = guard.wrap(_feed(_counted(batches, progress), fast, stash))
        else:
            batches = guard.wrap(batches, progress)
        reader = pa.RecordBatchReader.from_batches(source.schema, batches)
        con.register("src", reader)
        sink = make_sink()
        result = None
        try:
            checked = engine.relation(con, query.select)  # after `src` is there: a view is bound
            select, layout = engine.output_select(
                query, submission_id, duplicates=dups, keys=known is None, checked=checked
            )
            if fast is not None:  # DuckDB works ahead of its output only this far (see `fastpath.Stash`)
                con.execute(f"SET streaming_buffer_size = '{FAST_STREAMING_BUFFER}'")
            # Checked batches of 65,536 rows (not 122,880): less held in flight at a time.
            result = con.sql(select, params=params).to_arrow_reader(
                OUTPUT_BATCH_ROWS if fast is None else FAST_OUTPUT_BATCH_ROWS
            )
            stream, on_accepted = _stop_after_error(result, sink, reject), sink.accepted
            merger = None
            if fast is not None:
                merger = _Merger(stash, sink, result.schema, layout.accepted_width, submission_id)
                stream, on_accepted = merger.follow(stream), merger.accepted
            stats = engine.consume(
                stream,
                layout,
                cap=cap,
                keep_keys=known is None,  # the key, or the whole row when there is none
                on_accepted=on_accepted,
                on_quarantined=sink.quarantined,
                field_order=order,
            )
            if guard.error is not None:
                raise guard.error
            if merger is not None:
                merger.finish()
                stats.rows += stash.rows
        except BaseException as exc:
            sink.abort()
            error = guard.error if guard.error is not None else exc
            if isinstance(error, _Ragged) and not use_fallback:
                use_fallback = True
                if known is not None:  # the exact reader numbers rows its own way: keys from its stream
                    known, params, dups = None, None, None
                continue
            if error is not exc:
                raise error from exc
            raise
        finally:
            if result is not None:
                result.close()  # a run that failed half-way leaves it open: the connection is held
            if fast is not None:
                con.execute("RESET streaming_buffer_size")
            con.unregister("src")
        sink.finish()  # (closed by the caller once it needs the files: the end is written meanwhile)
        if known is not None:
            return _Run(
                stats=stats, duplicates=known, sink=sink, duplicates_in_stream=True, fast_rows=stash.rows
            )
        duplicates = engine.find_duplicates(con, stats)
        return _Run(stats=stats, duplicates=duplicates, sink=sink)


def _counted(batches: Iterator[pa.RecordBatch], progress: Callable[[int], None] | None):
    seen = 0
    for batch in batches:
        seen += batch.num_rows
        if progress is not None:
            progress(seen)
        yield batch


def _feed(batches: Iterator[pa.RecordBatch], fast: fastpath.FastPath, stash: fastpath.Stash):
    """Each batch's clean rows to the stash, then its other rows to DuckDB (see `fastpath`)."""
    for batch in batches:
        clean, unclean = fast.split(batch)
        if clean is not None:
            stash.put(clean)
        if unclean.num_rows:
            yield unclean


class _Merger:
    """Puts the fast path's clean rows back among the SQL's accepted rows, in row order."""

    def __init__(self, stash: fastpath.Stash, sink, schema: pa.Schema, width: int, submission_id) -> None:
        self.stash, self.sink = stash, sink
        self.schema = pa.schema([schema.field(i) for i in range(width)])
        sid_type = self.schema.field("_submission_id").type
        self.sid = pa.scalar(submission_id if pa.types.is_integer(sid_type) else str(submission_id), sid_type)
        self.limit: int | None = None
        self.called = False

    def follow(self, stream):
        """Pass the SQL's batches on, noting how far they reach; release what the sink was not
        given with an output batch that had no accepted row."""
        for batch in stream:
            if batch.num_rows:
                self.limit = batch.column("_source_row")[-1].as_py()
                self.called = False
            yield batch
            if batch.num_rows and not self.called:
                self._emit(self.stash.take_below(self.limit), None)

    def accepted(self, good: pa.RecordBatch) -> None:
        self.called = True
        self._emit(self.stash.take_below(self.limit), good)

    def finish(self) -> None:
        self._emit(self.stash.take_below(None), None)

    def _typed(self, clean: pa.RecordBatch) -> pa.RecordBatch:
        n = clean.num_rows
        arrays = []
        for i in range(clean.num_columns - 1):
            column, wanted = clean.column(i), self.schema.field(i).type
            arrays.append(column if column.type == wanted else column.cast(wanted))
        arrays += [pa.repeat(self.sid, n), clean.column(clean.num_columns - 1)]
        return pa.RecordBatch.from_arrays(arrays, schema=self.schema)

    def _emit(self, clean: list[pa.RecordBatch], good: pa.RecordBatch | None) -> None:
        parts = [self._typed(c) for c in clean if c.num_rows]
        if good is None or not good.num_rows:
            for part in parts:
                self.sink.accepted(part)
            return
        if not parts:
            self.sink.accepted(good)
            return
        good = good.cast(self.schema)
        waiting = pa.Table.from_batches(parts)
        rows = waiting.column("_source_row").to_numpy()
        at = np.searchsorted(rows, good.column("_source_row").to_numpy(zero_copy_only=False))
        cuts = np.flatnonzero(np.diff(at)) + 1  # good rows that go to the same place stay together
        if len(cuts) > MERGE_PIECES:  # interleaved all along: one copy in order
            merged = pa.Table.from_batches([*parts, good]).sort_by("_source_row")
            for batch in merged.combine_chunks().to_batches():
                self.sink.accepted(batch)
            return
        done = 0
        for first, last in zip([0, *cuts], [*cuts, good.num_rows], strict=True):
            place = int(at[first])
            if place > done:
                for batch in waiting.slice(done, place - done).to_batches():
                    self.sink.accepted(batch)
            self.sink.accepted(good.slice(first, last - first))
            done = place
        if done < waiting.num_rows:
            for batch in waiting.slice(done).to_batches():
                self.sink.accepted(batch)


def _planned(con: duckdb.DuckDBPyConnection, spec, source: Source, period, today):
    """The checking query of `spec` over `source`, with the period's values set on `con` (a reused
    connection keeps its prepared views: `engine.reusing`)."""
    plan = engine.Plan(
        spec=spec,
        sources=source.columns,
        period=period,
        today=today,
        period_variables=engine.reusing(con),
    )
    query = engine.build_query(plan)
    engine.set_period(con, plan)
    return query


def _key_pass(con: duckdb.DuckDBPyConnection, source: Source, plan: engine.Plan) -> int | None:
    """Find the later occurrences of each key of a CSV file before checking it (table `dups`),
    by reading the file once for its keys alone; returns their number.

    Moving them out of the accepted Parquet file afterwards would mean reading and writing the
    whole file again (about a third of the engine's time on a file with a few repeated keys);
    reading the keys first costs a tenth of that. Only for a source that can read its key
    columns alone (`Source.read_columns`: CSV files, and spreadsheets read by fastexcel, which
    are in memory) of a dataset with a key: a spreadsheet read by python-calamine is dearer to
    read twice, API rows are in memory, and without a key the key is the whole checked row.
    None when the pass is not made or the reader met a problem (the checking pass meets it
    again and reports it, and finds duplicates from its stream).
    """
    sql = engine.key_query(plan)
    if sql is None or source.read_columns is None:
        return None
    # Half the memory: the keys' hash table spills to the work directory rather than adding to
    # the reader's buffers (5M rows: peak 588 -> 452 MiB for this pass).
    ((limit,),) = con.execute("SELECT current_setting('memory_limit')").fetchall()
    con.execute(f"SET memory_limit = '{KEY_PASS_MEMORY}'")
    # The key columns alone: pyarrow still parses every field (and finds ragged rows) but builds
    # only these arrays (1M rows x 12 columns: 0.33 -> 0.16 CPU s).
    keys = {plan.sources[c] for c in plan.spec.key if plan.sources.get(c)}
    if source.read_columns is not None:
        schema = pa.schema(
            [f for f in source.schema if f.name in ("_row", "_bad", "_bad_msg") or f.name in keys]
        )
        batches = source.read_columns(sorted(keys))
    else:
        schema, batches = source.schema, source.read()
    con.register("src", pa.RecordBatchReader.from_batches(schema, batches))
    try:
        count = engine.duplicates_of(con, engine.relation(con, sql))
    except Exception:  # reported by the checking pass
        return None
    finally:
        con.unregister("src")
        con.execute(f"SET memory_limit = {engine.sql_str(limit)}")
    return None if source.ragged else count


def _known_duplicates(con: duckdb.DuckDBPyConnection, spec: DatasetSpec) -> engine.KnownDuplicates:
    table = con.sql("SELECT _row, first_row FROM dups ORDER BY _row").to_arrow_table()
    names = "、".join(spec.get_field(c).name for c in spec.key)
    return engine.KnownDuplicates(
        rows=table.column("_row").combine_chunks(),
        first=table.column("first_row").combine_chunks(),
        prefix=f"{names}与第",
    )


def _raise_when_ragged(batches: Iterator[pa.RecordBatch], source: Source) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        if source.ragged:
            raise _Ragged()
        yield batch
    if source.ragged:
        raise _Ragged()


def _stop_after_error(result, sink, reject: bool):
    """Under the "reject" policy nothing will be accepted once a row fails: stop writing."""
    for batch in result:
        yield batch
        if reject and not sink.stop_accepting and not pc.all(batch.column("_ok")).as_py():
            sink.stop_accepting = True


def _dup_code(spec: DatasetSpec) -> tuple[str | None, str]:
    """(field, code) of a duplicate: the first key field's "duplicate", or the whole row's
    "duplicate_row" in a dataset without a key."""
    return (spec.key[0], "duplicate") if spec.key else (None, "duplicate_row")


def _dup_sql(spec: DatasetSpec) -> str:
    """The quarantine file's reason for a duplicate row `d` (SQL; `KnownDuplicates.reasons` in
    the checking pass)."""
    if spec.key:
        names = "、".join(spec.get_field(c).name for c in spec.key)
        return f"{engine.sql_str(names + '与第')} || d.first_row || '行重复'"
    return "'第' || d._row || '行与第' || d.first_row || '行完全相同'"


def _duplicate_errors(con, spec: DatasetSpec, cap: int) -> list[engine.ErrorRow]:
    field, code = _dup_code(spec)
    query = f"SELECT _row, first_row, k FROM dups ORDER BY _row LIMIT {int(cap)}"
    if spec.key:
        return [
            engine.ErrorRow(row, field, code, (k or "").replace("\x1f", "、"), str(first))
            for row, first, k in con.execute(query).fetchall()
        ]
    return [
        engine.ErrorRow(row, None, code, None, str(first), messages.duplicate_row(row, first))
        for row, first, _ in con.execute(query).fetchall()
    ]


def _merge_errors(
    stats: engine.StreamStats, extra: list[engine.ErrorRow], spec: DatasetSpec, cap: int
) -> None:
    if not extra:
        return
    order = {f.code: i for i, f in enumerate(spec.fields)}
    merged = stats.errors + extra
    merged.sort(key=lambda e: (e.row, order.get(e.field, -1), e.code.startswith("duplicate")))
    stats.errors = merged[:cap]


def _result_errors(errors: list[engine.ErrorRow], spec: DatasetSpec, period: Period | None) -> list[RowError]:
    out = []
    for e in errors:
        f = spec.get_field(e.field) if e.field and spec.has_field(e.field) else None
        reason = e.message or messages.message(e.code, spec=spec, field=f, info=e.info, period=period)
        code = e.code.partition(":")[0] if e.code.startswith(_READER_CODES) else e.code
        out.append(
            RowError(
                row=e.row,
                field=e.field,
                value=e.value,
                reason=reason,
                code=code,
                field_name=f.name if f else None,
            )
        )
    return out


_READER_CODES = ("columns", "unknown_field", "not_scalar", "not_object", "empty_row")
_READER_REASONS = {
    "columns": "列数与表头不一致",
    "unknown_field": "含有未知字段",
    "not_scalar": "值应为单个值",
    "not_object": "行应为对象",
    "empty_row": "空行",
}


def _summary(stats: engine.StreamStats, spec: DatasetSpec, period: Period | None) -> list[ErrorSummary]:
    order = {f.code: i for i, f in enumerate(spec.fields)}
    out = []
    for (code_field, code), count in sorted(
        stats.counts.items(), key=lambda i: (order.get(i[0][0], -1), i[0][1])
    ):
        if not count:
            continue
        f = spec.get_field(code_field) if code_field and spec.has_field(code_field) else None
        if code in _READER_REASONS:
            reason = _READER_REASONS[code]
        else:
            reason = messages.message(code, spec=spec, field=f, period=period)
        out.append(ErrorSummary(code_field, f.name if f else None, code, reason, count))
    return out


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
    today: dt.date | None = None,
    settings: engine.Settings | None = None,
    xlsx_limits: XlsxLimits = DEFAULT_LIMITS,
) -> ValidationResult:
    """Validate a submitted CSV/XLSX file against `spec` and store what may be stored.

    `filename` is the name the submitter gave the file (used in messages); `path` is where it
    lies now. The format is recognised from the content. Accepted rows go to
    `<out_dir>/<submission_id>.parquet`; under the "quarantine" policy rows with errors go to
    `<out_dir>/<submission_id>.quarantine.parquet` (raw texts and the reasons in `_errors`).
    Both files appear atomically or not at all. `progress(percent, message)` is called at
    each stage. A wrong `period` raises `PeriodError`; everything wrong with the file is
    reported in the result.
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
        status="rejected",
        filename=filename,
        period=the_period.text if the_period else None,
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

    estimated = max(1, source.estimated_rows)
    last = [5.0]

    def on_rows(seen: int) -> None:
        percent = 5.0 + 75.0 * min(1.0, seen / estimated)
        if percent - last[0] >= 5.0:
            last[0] = percent
            report(percent, f"已校验约 {seen:,} 行")

    work = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}validate-", dir=out))
    chosen = settings or engine.Settings()
    final_accepted = out / f"{submission_id}.parquet"
    final_quarantine = out / f"{submission_id}.quarantine.parquet"
    reject = spec.policy == "reject"
    temps: list[Path] = []
    sinks: list[ParquetSink] = []

    def make_sink() -> ParquetSink:
        accepted, quarantine = temp_path_for(final_accepted), temp_path_for(final_quarantine)
        temps.extend([accepted, quarantine])
        sink = ParquetSink(
            accepted,
            None if reject else quarantine,
            dictionary=_dictionary_columns(spec),
            statistics=_statistics_columns(spec),
        )
        sinks.append(sink)  # (closed in `finally` whatever happens)
        return sink

    try:
        with engine.opened(
            engine.Settings(memory_limit=chosen.memory_limit, threads=chosen.threads, temp_dir=work),
            small=path.stat().st_size <= engine.SMALL_INPUT_BYTES,
        ) as con:
            query = _planned(con, spec, source, the_period, today)
            try:
                if source.decode_once is not None and (
                    engine.key_query(query.plan) is not None or source.encoding == "gb18030"
                ):
                    # Read twice (the duplicate pre-pass, then the checks): decode a GBK or UTF-16
                    # file once into a UTF-8 copy in the work directory. GBK always: the compiled
                    # transcoder costs a third of pyarrow's transcoding through the codec.
                    source.decode_once(work)
                run = _stream(
                    con,
                    source,
                    query,
                    submission_id=submission_id,
                    make_sink=make_sink,
                    cap=error_cap,
                    reject=reject,
                    progress=on_rows,
                    fast_path=chosen.fast_path,
                )
            except FileRejected as exc:
                result.file_errors.append(exc.message)
                return finish()
            stats, sink = run.stats, run.sink
            if stats.rows == 0:
                result.file_errors.append(f"文件“{filename}”只有表头，没有数据行")
                return finish()
            report(85.0, "正在检查重复、写入数据文件")
            accepted_rows = 0 if sink.stop_accepting else sink.counts["a"]
            rewritten = None  # the files written again without the duplicates (not found in the stream)
            if run.duplicates and run.duplicates_in_stream:
                stats.counts[_dup_code(spec)] += run.duplicates
                _merge_errors(stats, _duplicate_errors(con, spec, error_cap), spec, error_cap)
            elif run.duplicates:
                sink.close()  # (the files are read and written again)
                new_accepted, new_quarantine, moved = _apply_duplicates(
                    con,
                    spec,
                    sink.written("a"),
                    sink.written("q"),
                    make_temp=lambda final: _new_temp(final, temps),
                    finals=(final_accepted, final_quarantine),
                    reject=reject,
                )
                rewritten = (new_accepted, new_quarantine)
                accepted_rows -= moved
                stats.error_rows += moved
                stats.counts[_dup_code(spec)] += run.duplicates
                _merge_errors(stats, _duplicate_errors(con, spec, error_cap), spec, error_cap)
            result.rows = stats.rows
            result.fast_rows = run.fast_rows
            result.error_rows = stats.error_rows
            result.error_count = stats.error_count
            result.errors = _result_errors(stats.errors, spec, the_period)
            result.summary = _summary(stats, spec, the_period)
            sink.close()  # its thread wrote the last row groups and closed the files meanwhile
            accepted_path, quarantine_path = rewritten or (sink.written("a"), sink.written("q"))
            good = stats.rows - stats.error_rows
            if stats.error_rows == 0:
                result.status = "accepted"
            elif not reject and good > 0:
                result.status = "partial"
            if not reject and stats.error_rows and quarantine_path is not None:
                result.quarantine_path = commit(quarantine_path, final_quarantine)
            if result.status in ("accepted", "partial") and accepted_path is not None and accepted_rows > 0:
                result.parquet_path = commit(accepted_path, final_accepted)
                result.accepted = accepted_rows
            result.rejected = result.rows - result.accepted
            return finish()
    finally:
        for made in sinks:  # (its thread done before its files go: a run that failed after the stream)
            try:
                made.close()
            except BaseException:
                pass  # reported where it was raised, or the run is void anyway
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def _dictionary_columns(spec: DatasetSpec) -> list[str]:
    repeating = [
        f.code
        for f in spec.fields
        if f.type in ("enum", "boolean", "date")
        or f.code == spec.period_field
        or f.check in ("industry_code", "area_code")
    ]
    return [*repeating, "_submission_id"]


def _statistics_columns(spec: DatasetSpec) -> list[str]:
    """The columns whose min/max the accepted file records: what the warehouse filters files by
    (the period, dates and numbers, the key). The min/max of every other text column cost a tenth
    of the writer's time and skip nothing."""
    kept = [
        f.code
        for f in spec.fields
        if f.type in ("date", "datetime", "integer", "decimal")
        or f.code == spec.period_field
        or f.code in spec.key
    ]
    return [*kept, "_submission_id", "_source_row"]


def _new_temp(final: Path, temps: list[Path]) -> Path:
    tmp = temp_path_for(final)
    temps.append(tmp)
    return tmp


def _apply_duplicates(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    accepted: Path | None,
    quarantine: Path | None,
    *,
    make_temp: Callable[[Path], Path],
    finals: tuple[Path, Path],
    reject: bool,
) -> tuple[Path | None, Path | None, int]:
    """Move later occurrences of a key out of the accepted file (and into the quarantine file).

    Rare path, done by DuckDB over the temporary Parquet files. Returns the new temporary
    paths and the number of rows that were accepted and no longer are. Rows that only fail by
    their key are quarantined with their (valid, normalised) values as text.
    """
    moved = 0
    new_accepted, new_quarantine = accepted, quarantine
    if accepted is not None:
        src = engine.sql_str(str(accepted))
        ((moved,),) = con.execute(
            f"SELECT count(*) FROM read_parquet({src}) WHERE _source_row IN (SELECT _row FROM dups)"
        ).fetchall()
        if moved:
            new_accepted = make_temp(finals[0])
            # No ORDER BY: the file is in row order and DuckDB keeps it (preserve_insertion_order);
            # sorting a million rows cost as much as the copy itself.
            con.execute(
                f"COPY (SELECT * FROM read_parquet({src}) WHERE _source_row NOT IN (SELECT _row FROM dups)) "
                f"TO {engine.sql_str(str(new_accepted))} (FORMAT parquet, COMPRESSION zstd)"
            )
    if reject:
        return new_accepted, None, moved
    parts = []
    dup_text = _dup_sql(spec)
    if quarantine is not None:
        parts.append(
            f"SELECT q.* REPLACE (CASE WHEN d._row IS NULL THEN q._errors ELSE concat_ws('；', q._errors, "
            f"{dup_text}) END AS _errors) FROM read_parquet({engine.sql_str(str(quarantine))}) q "
            f"LEFT JOIN dups d ON q._source_row = d._row"
        )
    if accepted is not None and moved:
        columns = ", ".join(
            f"CAST(a.{engine.q(f.code)} AS VARCHAR) AS {engine.q(f.code)}" for f in spec.fields
        )
        parts.append(
            f"SELECT {columns}, a._submission_id, a._source_row, {dup_text} AS _errors "
            f"FROM read_parquet({engine.sql_str(str(accepted))}) a JOIN dups d ON a._source_row = d._row"
        )
    if parts:
        new_quarantine = make_temp(finals[1])
        con.execute(
            f"COPY (SELECT * FROM ({' UNION ALL BY NAME '.join(parts)}) ORDER BY _source_row) "
            f"TO {engine.sql_str(str(new_quarantine))} (FORMAT parquet, COMPRESSION zstd)"
        )
    return new_accepted, new_quarantine, moved


def validate_rows(
    rows: list[dict[str, Any]],
    spec: DatasetSpec,
    period: str | Period | None = None,
    *,
    first_row: int = 1,
    today: dt.date | None = None,
    error_cap: int = ERROR_CAP,
    settings: engine.Settings | None = None,
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Check rows pushed by API with the same engine (and the same SQL) as files.

    Rows are objects keyed by field code (or Chinese name); row numbers in errors count from
    `first_row`. Returns the accepted rows (typed values: int, Decimal, date, datetime, bool,
    str; plus `_source_row`) and the errors (at most `error_cap`). The dataset's policy
    applies: under "reject" no row is accepted when any row has an error.
    """
    the_period = parse_period(period) if period is not None else None
    if not rows:
        return [], []
    source = rows_source(rows, spec, first_row=first_row)
    chosen = settings or engine.Settings(memory_limit="256MB")
    reject = spec.policy == "reject"
    with engine.opened(
        engine.Settings(memory_limit=chosen.memory_limit, threads=chosen.threads),
        small=len(rows) <= engine.SMALL_INPUT_ROWS,
    ) as con:
        query = _planned(con, spec, source, the_period, today)
        run = _stream(con, source, query, submission_id=0, make_sink=MemorySink, cap=error_cap, reject=reject)
        stats = run.stats
        batches = run.sink.batches
        if run.duplicates:
            dup_rows = con.sql("SELECT _row FROM dups").to_arrow_table().column("_row")
            batches = [
                b.filter(pc.invert(pc.is_in(b.column("_source_row"), value_set=dup_rows))) for b in batches
            ]
            _merge_errors(stats, _duplicate_errors(con, spec, error_cap), spec, error_cap)
            stats.error_rows += run.duplicates
        errors = _result_errors(stats.errors, spec, the_period)
        if stats.error_rows and reject:
            return [], errors
        accepted: list[dict[str, Any]] = []
        for batch in batches:
            for row in batch.drop_columns(["_submission_id"]).to_pylist():
                accepted.append(row)
        accepted.sort(key=lambda r: r["_source_row"])
        return accepted, errors
