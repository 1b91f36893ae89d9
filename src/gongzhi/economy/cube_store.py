"""Pre-aggregated revenue cube (预聚合数据立方), one per version of the current data.

Profile (bench/bench_economy_cube.py, 5,000,000 tax_paid rows, 100,000 taxpayers, 2 threads, a
busy 2-core machine), before this module:

- opening the warehouse ~1 s: reading the Parquet footers of 36 + 2 + 36 files, typing the views,
  and above all the current-row computation (`tables.superseded_sql`: ranking every key that
  occurs more than once, over the whole table) — paid on every request, before any query;
- the join to the registry (100,000 rows, typed and de-duplicated the same way) and the group-by
  over 5M rows: 0.3 s by tax type (no join), 0.9–1.7 s by industry / 大类 / town (join), 0.9 s
  the structure (per-taxpayer sums), 2.5 s the burden (tax_paid + declaration by taxpayer-year).

Re-measured on a quieter machine (`--direct 3`): open 0.67–0.82 s, then 0.11 s by tax type,
0.33–0.37 s by industry / town / 大类, 0.15 s the monthly series, 0.39 s the structure, 1.46 s the
burden — the open plus the join and group-by, per request.

None of this changes between two submissions, so it is computed once per version of the data:

- the version is a fingerprint of the current submissions (pk and file, in the states that
  count) of the datasets read and of their demand-list versions — one small database query, no
  DuckDB; it names a directory `settings.DATA_DIR / "economy" / "<kind>-<hash>"`;
- kind "cube" (tax_paid + taxpayer): `cells.parquet`, SUM(amount) and COUNT by (paid month,
  tax_type, 门类, 大类, town, kind), and `taxpayers.parquet`, one row per (uscc, paid year) with
  the first paid month, the running sums c01..c12 (January..month: a year-to-date window is one
  column) and the taxpayer's 门类, town and name (the structure page);
  kind "burden" (+ declaration): `per.parquet`, one row per (uscc, 所属期 year) with the tax, the
  declared revenue and the number of declarations;
- it is built when missing by the system through `open_warehouse` restricted to exactly the
  fingerprinted submissions (audited, purpose "收入数据立方预聚合"); written into a temporary
  directory and renamed into place (atomic: a reader sees all of it or none); a concurrent
  builder of the same version loses the rename and discards its copy; the directories of older
  versions of the same kind are removed right after a new one is in place;
- a request checks the capability as before, opens the warehouse without DuckDB
  (`connect=False`: the access decision, the missing-file refusal and the audit entry with the
  caller's purpose, as now) and reads the small aggregate with a fresh in-memory DuckDB. An
  aggregate that cannot be read (a partial or corrupt file) is removed and rebuilt.

After (warm: aggregate present, fresh DuckDB per request): p95 40–43 ms per revenue view, 39 ms
the monthly series, 144 ms the structure, 114 ms the burden; the cold build 4.2 s (cube, 19 MB)
+ 0.8 s (burden, 1.6 MB), paid once per version (or by the `economy.cube_warm` job).

Sums stay DECIMAL end to end (DuckDB DECIMAL(38, 2) in Parquet), exact to the cent. Taxpayer-level
queries of the revenue cube (`by="taxpayer"`) and the structure drill-down still read the
warehouse (rare, economy.view_taxpayers).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from django.conf import settings

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.jobs import job_handler, job_start
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.exchange.warehouse import open_warehouse

logger = logging.getLogger(__name__)

FORMAT = 3  # bump when the aggregate's layout changes: every fingerprint changes with it
ROW_GROUPS = {"taxpayers": 8192}
BUILD_PURPOSE = "收入数据立方预聚合"
MONTHS = [f"c{m:02d}" for m in range(1, 13)]  # running sums January..month of the taxpayers table


def _registry() -> str:
    from gongzhi.economy.cube import REGISTRY_SQL

    return REGISTRY_SQL


def _cube_sql() -> dict[str, str]:
    registry = _registry()
    # per taxpayer and paid year: the first month with a payment and the running sums c01..c12
    # (Jan..month), DECIMAL(18, 2) (a taxpayer's year stays far below 10^16 yuan; a larger sum
    # fails the cast rather than lose a cent)
    running = ", ".join(
        f"CAST(coalesce(sum(a) FILTER (WHERE month <= {n}), 0) AS DECIMAL(18, 2)) AS {name}"
        for n, name in enumerate(MONTHS, start=1)
    )
    return {
        "cells": f"""
            SELECT CAST(date_trunc('month', p.paid_date) AS DATE) AS month, p.tax_type,
                   coalesce(t.industry, '') AS industry, coalesce(t.division, '') AS division,
                   coalesce(t.town, '') AS town, coalesce(t.kind, '') AS kind,
                   sum(p.amount) AS amount, count(*) AS n
            FROM tax_paid AS p LEFT JOIN ({registry}) AS t ON t.uscc = p.uscc
            GROUP BY ALL ORDER BY 1, 2""",
        "taxpayers": f"""
            WITH m AS (SELECT uscc, year(paid_date) AS year, month(paid_date) AS month, sum(amount) AS a
                       FROM tax_paid WHERE paid_date IS NOT NULL GROUP BY ALL),
                 per AS (SELECT uscc, year, min(month) FILTER (WHERE a IS NOT NULL) AS first, {running}
                         FROM m GROUP BY ALL)
            SELECT per.*, coalesce(t.industry, '') AS industry, coalesce(t.town, '') AS town,
                   coalesce(t.name, '') AS name
            FROM per LEFT JOIN ({registry}) AS t ON t.uscc = per.uscc ORDER BY uscc, year""",
    }


def _burden_sql() -> dict[str, str]:
    return {
        "per": f"""
            WITH tax AS (SELECT uscc, substr(period, 1, 4) AS year, sum(amount) AS tax FROM tax_paid GROUP BY ALL),
                 rev AS (SELECT uscc, substr(period, 1, 4) AS year, sum(revenue) AS revenue, count(*) AS n
                         FROM declaration GROUP BY ALL)
            SELECT rev.uscc, rev.year, coalesce(t.industry, '') AS industry, coalesce(t.name, '') AS name,
                   coalesce(t.town, '') AS town, coalesce(tax.tax, 0) AS tax, rev.revenue, rev.n
            FROM rev LEFT JOIN tax USING (uscc, year) LEFT JOIN ({_registry()}) AS t ON t.uscc = rev.uscc
            ORDER BY rev.year, rev.uscc"""
    }


KINDS: dict[str, tuple[list[str], object]] = {
    "cube": (["tax_paid", "taxpayer"], _cube_sql),
    "burden": (["tax_paid", "taxpayer", "declaration"], _burden_sql),
}


def store_dir() -> Path:
    return Path(settings.DATA_DIR) / "economy"


def current_submissions(datasets: Sequence[str]) -> tuple[str, list[int], list[str]]:
    """The fingerprint of the current data of `datasets` (hex), the submissions' pks and their
    files: what `open_warehouse` would read for the system. Two small queries, no DuckDB."""
    versions = sorted(
        Dataset.objects.filter(code__in=list(datasets)).values_list("code", "current_version_id")
    )
    rows = list(
        Submission.objects.filter(dataset__code__in=list(datasets), state__in=SubmissionState.visible())
        .exclude(parquet_path="")
        .order_by("pk")
        .values_list("pk", "dataset__code", "parquet_path")
    )
    text = repr((FORMAT, sorted(datasets), versions, rows))
    return hashlib.sha256(text.encode()).hexdigest()[:20], [r[0] for r in rows], [r[2] for r in rows]


def write_aggregate(con, kind: str, target: Path) -> None:
    """Write the aggregate of `kind` from an open connection with the views (`con.execute`)
    into `target` (a new directory), through a temporary directory renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f".tmp-{target.name}-{uuid.uuid4().hex[:8]}"
    temp.mkdir()
    try:
        for name, sql in KINDS[kind][1]().items():
            path = temp / f"{name}.parquet"
            # the warehouse's connection may not write files: fetch as Arrow, write with pyarrow
            # small row groups sorted by uscc: the top taxpayers' rows are found by their min/max
            pq.write_table(
                con.sql(sql).to_arrow_table(), path, compression="zstd", row_group_size=ROW_GROUPS.get(name)
            )
        try:
            os.rename(temp, target)
        except OSError:  # another worker put the same version in place first
            logger.info("economy aggregate %s built concurrently; keeping the first", target.name)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)


def _remove_stale(kind: str, keep: str) -> None:
    for path in store_dir().glob(f"{kind}-*"):
        if path.name != keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def build(kind: str, fingerprint: str, pks: list[int], files: list[str]) -> Path:
    """Build the aggregate of exactly the submissions `pks` (as the system, audited)."""
    datasets = KINDS[kind][0]
    target = store_dir() / f"{kind}-{fingerprint}"
    with open_warehouse(
        user=None, datasets=datasets, purpose=BUILD_PURPOSE, submissions=[Submission(pk=pk) for pk in pks]
    ) as wh:
        read = sorted(str(p) for s in wh.sources.values() for p in s.paths)
        if read != sorted(files):  # the data changed between the fingerprint and the build
            raise _Changed
        wh.detail.update({"aggregate": target.name})
        write_aggregate(wh.lake.con, kind, target)
    _remove_stale(kind, target.name)
    return target


class _Changed(Exception):
    pass


def connect_aggregate(kind: str, path: Path):
    """A fresh in-memory DuckDB with one view per file of the aggregate (raises duckdb.Error
    when a file cannot be read)."""
    con = duckdb.connect(":memory:", config={"threads": 2})
    try:
        for name in KINDS[kind][1]():
            file = path / f"{name}.parquet"
            if not file.is_file():
                raise duckdb.IOException(f"missing {file}")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{file}')")
            con.execute(
                f"SELECT count(*) FROM {name}"
            ).fetchone()  # reads the footer: a partial file fails here
    except Exception:
        con.close()
        raise
    return con


class Reader:
    """`rows` / `scalar` on an aggregate connection (what the cube's SQL functions take)."""

    def __init__(self, con):
        self.con = con
        self.returned = 0

    def rows(self, sql, params=None):
        rows = self.con.execute(sql, params or []).fetchall()
        self.returned += len(rows)
        return rows

    def scalar(self, sql, params=None):
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None


def ensure(kind: str) -> tuple[Path, duckdb.DuckDBPyConnection]:
    """The aggregate of the current data (built when missing or unreadable) and a connection."""
    for _attempt in range(3):
        fingerprint, pks, files = current_submissions(KINDS[kind][0])
        path = store_dir() / f"{kind}-{fingerprint}"
        if path.is_dir():
            try:
                return path, connect_aggregate(kind, path)
            except (duckdb.Error, OSError) as exc:
                logger.warning("economy aggregate %s unreadable (%s): rebuilding", path.name, exc)
                shutil.rmtree(path, ignore_errors=True)
        try:
            build(kind, fingerprint, pks, files)
        except _Changed:
            continue
        try:
            return path, connect_aggregate(kind, path)
        except (duckdb.Error, OSError) as exc:
            logger.warning("economy aggregate %s unreadable after build (%s)", path.name, exc)
            shutil.rmtree(path, ignore_errors=True)
    raise ApplicationError(ErrorCode.DATA_MISSING, "收入数据立方预聚合失败，请稍后重试")


@contextmanager
def open_aggregate(
    *, kind: str, user, purpose: str, capability: str, detail: dict | None = None
) -> Iterator[Reader]:
    """Read the aggregate of `kind` for `user` (capability already checked by the caller): the
    warehouse's access decision and audit entry (no DuckDB over the shared files), then the
    aggregate on a fresh in-memory connection."""
    with open_warehouse(
        user=user, datasets=KINDS[kind][0], purpose=purpose, capability=capability, connect=False
    ) as wh:
        if not all(a.all_units for a in wh.access.values()):  # the aggregate covers every unit
            raise ApplicationError(ErrorCode.PERMISSION_DENIED, "没有读取全部单位数据的权限")
        path, con = ensure(kind)
        reader = Reader(con)
        try:
            yield reader
        finally:
            con.close()
            wh.returned = reader.returned
            wh.detail.update({**(detail or {}), "aggregate": path.name})


def warm(*, kinds: Sequence[str] = ("cube", "burden")) -> list[str]:
    """Build the aggregates of the current data now (a job or the command line after a
    submission is accepted, so the first page view is fast). Returns the directory names."""
    names = []
    for kind in kinds:
        try:
            path, con = ensure(kind)
        except ApplicationError as exc:  # e.g. a dataset not in the demand list
            logger.warning("economy aggregate %s not built: %s", kind, exc)
            continue
        con.close()
        names.append(path.name)
    return names


@job_handler("economy.cube_warm")
def warm_job(job, **_params) -> dict:
    """The background job that builds the aggregates of the current data (`schedule_warm`)."""
    return {"aggregates": warm()}


def schedule_warm(*, actor=None):
    """Queue `warm` as a background job (after the transaction commits), e.g. right after a
    submission of tax_paid, taxpayer or declaration is accepted: the build runs in a worker,
    never in the request, and the first page view finds the aggregate in place."""
    return job_start(kind="economy.cube_warm", title="收入数据立方预聚合", actor=actor)
