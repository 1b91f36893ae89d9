"""Shared data as tables (pure: no Django): the one schema is the demand list's dataset version.

Every accepted submission is one immutable Parquet file with the provenance columns
`_submission_id` and `_source_row` beside the fields. A reader (the warehouse, the tax-risk
engines) shows each dataset as one view, built the same way on DuckDB and Spark:

- `raw_<code>`: the files, `union_by_name` (old files of an earlier version may lack a column);
- `typed_<code>`: every field of the current dataset version cast to its type (text and enum
  VARCHAR, integer BIGINT, decimal DECIMAL(18, scale), date DATE, datetime TIMESTAMP,
  boolean BOOLEAN), an empty text as NULL, a field missing from every file NULL; a personal
  field masked when the reader may not see personal data. Only the fields of the version
  exist: a rule that reads a removed or renamed field fails, naming it; it never reads NULL;
- `<code>`: the current rows. A dataset with a key shows only the current row of each
  complete key: the one of the latest submission (highest `_submission_id`, then highest
  `_source_row`). The replaced rows are found once (a small table); the view leaves them out.
  With a `store` (`Source.store`), they are kept in a small Parquet file named by the files
  they come from, and later connections over the same files read it instead of finding them
  again (`superseded_path`).

`connect_duckdb` opens one in-memory DuckDB over the given sources and locks it down (only
these files may be read, no external access, configuration locked); `register_spark` makes
the same views in a Spark session. No other module opens DuckDB over shared data.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import sqlglot
from sqlglot.errors import ErrorLevel

from gongzhi.exchange.validation.spec import CATALOG_KEYS, DatasetSpec, FieldSpec, load_specs

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

logger = logging.getLogger(__name__)

TEXT = "VARCHAR"
PROVENANCE: tuple[tuple[str, str], ...] = (("_submission_id", "BIGINT"), ("_source_row", "BIGINT"))
_NAME_WORDS = ("姓名", "名称", "代表人")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # the DuckDB type every engine casts to
    label: str = ""
    personal: bool = False
    check: str | None = None  # id_card, phone … (how a personal value is masked)


@dataclass(frozen=True)
class Table:
    """One dataset of the demand list as readers see it."""

    code: str
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def personal(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.personal)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


@dataclass(frozen=True)
class Source:
    """A table and the Parquet files of its current submissions; `masked`: show personal
    fields masked; `store`: a directory where the replaced rows of these files are kept
    (`superseded_path`), so that they are found once, not in every run (None: found in every
    connection)."""

    table: Table
    paths: tuple[Path, ...] = ()
    masked: bool = False
    store: Path | None = None


def sql_type(f: FieldSpec) -> str:
    if f.type in ("text", "enum"):
        return TEXT
    if f.type == "integer":
        return "BIGINT"
    if f.type == "decimal":
        return f"DECIMAL(18, {f.decimal_scale})"
    if f.type == "date":
        return "DATE"
    if f.type == "datetime":
        return "TIMESTAMP"
    if f.type == "boolean":
        return "BOOLEAN"
    raise ValueError(f"字段{f.label}的类型“{f.type}”无法映射")


def table_from_spec(spec: DatasetSpec) -> Table:
    return Table(
        code=spec.code,
        label=spec.name,
        columns=tuple(
            Column(f.code, sql_type(f), f.name, personal=f.personal, check=f.check) for f in spec.fields
        ),
        key=tuple(spec.key),
    )


def tables_from_catalog(source: str | bytes | Path) -> dict[str, Table]:
    """Tables of a demand-list YAML (a path or its text): for pure callers such as the rule
    engine's tests and benchmarks."""
    import yaml

    text = source.read_bytes() if isinstance(source, Path) else source
    raw = yaml.safe_load(text.decode("utf-8-sig") if isinstance(text, bytes) else text)
    items = [
        {k: v for k, v in item.items() if k not in CATALOG_KEYS} if isinstance(item, dict) else item
        for item in (raw if isinstance(raw, list) else [raw])
    ]
    return {spec.code: table_from_spec(spec) for spec in load_specs(items)}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def mask_sql(column: Column, expression: str) -> str:
    """SQL that masks a personal value as `core.masking` does (ID numbers keep 6 + 4
    characters, phones 3 + 4, names their first character)."""
    x, n = expression, f"length({expression})"
    if column.check == "id_card":
        return f"CASE WHEN {n} < 8 THEN repeat('*', {n}) ELSE left({x}, 6) || repeat('*', {n} - 10) || right({x}, 4) END"
    if column.check == "phone":
        keep = f"(CASE WHEN {n} >= 11 THEN 3 ELSE 2 END)"
        return (
            f"CASE WHEN {n} <= 4 THEN repeat('*', {n}) "
            f"ELSE left({x}, {keep}) || repeat('*', {n} - {keep} - 4) || right({x}, 4) END"
        )
    if any(word in column.label for word in _NAME_WORDS):
        return f"CASE WHEN {n} <= 1 THEN {x} ELSE left({x}, 1) || repeat('*', {n} - 1) END"
    return f"left({x}, 1) || repeat('*', greatest({n} - 1, 1))"


def _column_sql(column: Column, available: Collection[str], masked: bool) -> str:
    name = _quote(column.name)
    if column.name.lower() not in available:
        return f"CAST(NULL AS {column.type}) AS {name}"
    if column.type == TEXT:
        value = f"NULLIF(CAST({name} AS VARCHAR), '')"
        if masked and column.personal:
            value = mask_sql(column, value)
        return f"{value} AS {name}"
    return f"CAST({name} AS {column.type}) AS {name}"


def typed_sql(table: Table, available: Collection[str] | None, source: str, *, masked: bool = False) -> str:
    """SELECT: the rows of `source` (the raw files) with the version's types, '' as NULL.
    `available` names the columns the files have (None: no files; no rows)."""
    if available is None:
        nulls = ", ".join(
            f"CAST(NULL AS {t}) AS {_quote(c)}"
            for c, t in (*((c.name, c.type) for c in table.columns), *PROVENANCE)
        )
        return f"SELECT {nulls} WHERE 1 = 0"
    have = {c.lower() for c in available}
    columns = [_column_sql(c, have, masked) for c in table.columns]
    columns += [f"CAST({_quote(c)} AS {t}) AS {_quote(c)}" for c, t in PROVENANCE]
    return f"SELECT {', '.join(columns)} FROM {_quote(source)}"


def superseded_sql(table: Table, typed: str) -> str:
    """SELECT of (_submission_id, _source_row) of the rows of `typed` that a later row with the
    same (complete) key replaces. Only keys that occur more than once are ranked, so this is
    cheap when there are few duplicates. Requires `table.key`."""
    key = ", ".join(_quote(c) for c in table.key)
    complete = " AND ".join(f"{_quote(c)} IS NOT NULL" for c in table.key)
    on = " AND ".join(f"t.{_quote(c)} = d.{_quote(c)}" for c in table.key)
    return (
        f"WITH _dup AS (SELECT {key} FROM {_quote(typed)} WHERE {complete} GROUP BY {key} HAVING COUNT(*) > 1) "
        f"SELECT _submission_id, _source_row FROM ("
        f"SELECT t._submission_id, t._source_row, ROW_NUMBER() OVER (PARTITION BY "
        f"{', '.join(f't.{_quote(c)}' for c in table.key)} "
        f"ORDER BY t._submission_id DESC, t._source_row DESC) AS _rank "
        f"FROM {_quote(typed)} AS t JOIN _dup AS d ON {on}"
        f") AS _ranked WHERE _rank > 1 AND _submission_id IS NOT NULL AND _source_row IS NOT NULL"
    )


SUPERSEDED_FORMAT = "superseded-1"  # change when superseded_sql or the typing of a key changes
SUPERSEDED_KEEP = 8  # stored resolutions kept per dataset (other readers may see other files)


def superseded_path(source: Source) -> Path | None:
    """Where the replaced rows of `source`'s files are stored: a file named by what they depend
    on (the key and its types, masking, and each Parquet file's path, size and modification
    time), so a new, withdrawn or rewritten file gives another name and a stored resolution
    is never stale. None: no store, no key or no files."""
    table = source.table
    if source.store is None or not table.key or not source.paths:
        return None
    identity = [SUPERSEDED_FORMAT, table.code, source.masked, [[c, table.column(c).type] for c in table.key]]
    for path in source.paths:
        try:
            stat = path.stat()
        except OSError:
            return None  # a file gone: reading it fails, and nothing is stored
        identity.append([str(path), stat.st_size, stat.st_mtime_ns])
    digest = hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()[:40]
    return source.store / f"{table.code}-{digest}.parquet"


def _store_superseded(con: duckdb.DuckDBPyConnection, name: str, target: Path) -> None:
    """Write the replaced rows found (table `name`) to `target`, atomically; keep only the
    latest few resolutions of the dataset. Best effort: a store that cannot be written only
    costs the next run the same work."""
    import pyarrow.parquet as pq

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        rows = con.sql(f"SELECT _submission_id, _source_row FROM {_quote(name)}").to_arrow_table()
        partial = target.with_name(f".{target.name}.{os.getpid()}-{threading.get_ident()}.part")
        pq.write_table(rows, partial)
        os.replace(partial, target)
        code = target.name.rsplit("-", 1)[0]
        older = sorted(target.parent.glob(f"{code}-*.parquet"), key=lambda p: p.stat().st_mtime_ns)
        for stale in older[:-SUPERSEDED_KEEP]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        logger.warning("could not store the replaced rows of %s in %s: %s", name, target, exc)


def current_sql(typed: str, superseded: str | None) -> str:
    """SELECT of the dataset view: the typed rows less the superseded ones."""
    if superseded is None:
        return f"SELECT * FROM {_quote(typed)}"
    return (
        f"SELECT * FROM {_quote(typed)} WHERE _submission_id IS NULL OR _source_row IS NULL "
        f"OR (_submission_id, _source_row) NOT IN (SELECT _submission_id, _source_row FROM {_quote(superseded)})"
    )


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass
class Lake:
    """An open DuckDB connection with the views of its sources; `broken` names the datasets
    whose files could not be read (with the reason)."""

    con: duckdb.DuckDBPyConnection
    sources: Mapping[str, Source]
    broken: dict[str, str] = field(default_factory=dict)

    def close(self) -> None:
        self.con.close()


def _register_duckdb(con: duckdb.DuckDBPyConnection, source: Source, stored: Path | None = None) -> None:
    table, name = source.table, source.table.code
    raw, typed, superseded = f"raw_{name}", f"typed_{name}", f"superseded_{name}"
    columns: list[str] | None = None
    if source.paths:
        relation = con.read_parquet(
            [str(p) for p in source.paths], union_by_name=True, hive_partitioning=False
        )
        relation.create_view(raw)
        columns = relation.columns
    con.execute(f"CREATE TEMP VIEW {_quote(typed)} AS {typed_sql(table, columns, raw, masked=source.masked)}")
    replaced = None
    if table.key and source.paths:
        kept = False
        if stored is not None and stored.is_file():
            try:
                con.execute(
                    f"CREATE TEMP TABLE {_quote(superseded)} AS "
                    f"SELECT _submission_id, _source_row FROM read_parquet({_sql_string(str(stored))})"
                )
                kept = True
            except duckdb.Error as exc:  # unreadable: found again, and stored again
                logger.warning("stored replaced rows unreadable, found again: %s: %s", stored, exc)
        if not kept:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {_quote(superseded)} AS {superseded_sql(table, typed)}"
            )
            if stored is not None:
                _store_superseded(con, superseded, stored)
        if con.execute(f"SELECT count(*) FROM {_quote(superseded)}").fetchone()[0]:
            replaced = superseded
    con.execute(f"CREATE TEMP VIEW {_quote(name)} AS {current_sql(typed, replaced)}")


def connect_duckdb(
    sources: Iterable[Source], *, threads: int | None = None, memory_limit: str | None = None
) -> Lake:
    """One in-memory DuckDB with a view per source, locked down to the sources' files."""
    sources = {
        s.table.code: Source(
            s.table,
            tuple(Path(p).resolve() for p in s.paths),
            s.masked,
            None if s.store is None else Path(s.store).resolve(),
        )
        for s in sources
    }
    config: dict[str, Any] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    con = duckdb.connect(":memory:", config=config)
    lake = Lake(con, sources)
    try:
        stored = {code: superseded_path(s) for code, s in sources.items()}
        allowed = [str(p) for s in sources.values() for p in s.paths]
        allowed += [str(p) for p in stored.values() if p is not None]
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET allowed_paths = [{', '.join(_sql_string(p) for p in allowed)}]")
        con.execute("SET enable_external_access = false")
        for name, source in sources.items():
            try:
                _register_duckdb(con, source, stored[name])
            except duckdb.Error as exc:
                lake.broken[name] = " ".join(str(exc).split())[:300]
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return lake


def _to_spark(sql: str) -> str:
    """A view's DuckDB SELECT as Spark SQL."""
    return sqlglot.transpile(sql, read="duckdb", write="spark", unsupported_level=ErrorLevel.RAISE)[0]


def register_spark(session: SparkSession, sources: Iterable[Source]) -> dict[str, str]:
    """The same views in a Spark session (temp views). Returns the broken datasets."""
    broken: dict[str, str] = {}
    for source in sources:
        table, name = source.table, source.table.code
        raw, typed, superseded = f"raw_{name}", f"typed_{name}", f"superseded_{name}"
        try:
            columns = None
            if source.paths:
                frame = session.read.option("mergeSchema", "true").parquet(*[str(p) for p in source.paths])
                frame.createOrReplaceTempView(raw)
                columns = frame.columns
            session.sql(
                _to_spark(typed_sql(table, columns, raw, masked=source.masked))
            ).createOrReplaceTempView(typed)
            replaced = None
            if table.key and source.paths:
                frame = session.sql(_to_spark(superseded_sql(table, typed))).cache()
                frame.createOrReplaceTempView(superseded)
                if frame.count():
                    replaced = superseded
            session.sql(_to_spark(current_sql(typed, replaced))).createOrReplaceTempView(name)
        except Exception as exc:
            broken[name] = " ".join(str(exc).split())[:300]
    return broken


def drop_spark(session: SparkSession, names: Sequence[str]) -> None:
    for name in names:
        for view in (name, f"typed_{name}", f"superseded_{name}", f"raw_{name}"):
            session.catalog.dropTempView(view)


def sources_from_files(
    tables: Mapping[str, Table], files: Mapping[str, Sequence[Path | str]]
) -> dict[str, Source]:
    """Sources for the datasets in `files` (code -> Parquet files), typed by `tables`."""
    return {code: Source(tables[code], tuple(Path(p) for p in paths)) for code, paths in files.items()}
