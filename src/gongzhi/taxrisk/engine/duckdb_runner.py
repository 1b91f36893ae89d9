"""Run rules on DuckDB: one in-memory database per run over the immutable Parquet files
(`exchange.tables.connect_duckdb`: no shared database file, no lock shared with web requests;
locked down to the run's own files)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

import duckdb

from gongzhi.exchange.tables import Lake, Source, connect_duckdb
from gongzhi.taxrisk.engine.results import RunResult
from gongzhi.taxrisk.engine.rules import Rule
from gongzhi.taxrisk.engine.runner import ParamsOverride, Progress, RuleTimeout, run_loop


class DuckDBAdapter:
    name = "duckdb"

    def __init__(self, *, threads: int | None = None, memory_limit: str | None = None):
        self.threads, self.memory_limit = threads, memory_limit
        self.lake: Lake | None = None

    def open(self, sources: list[Source]) -> dict[str, str]:
        self.lake = connect_duckdb(sources, threads=self.threads, memory_limit=self.memory_limit)
        return self.lake.broken

    def execute(self, sql: str, params: dict[str, Any], timeout: float | None) -> list[Mapping[str, Any]]:
        con = self.lake.con
        timer = threading.Timer(timeout, con.interrupt) if timeout else None
        if timer is not None:
            timer.daemon = True
            timer.start()
        try:
            cursor = con.execute(sql, params)
            columns = [d[0] for d in cursor.description]
            return [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
        except duckdb.InterruptException:
            raise RuleTimeout from None
        finally:
            if timer is not None:
                timer.cancel()

    def close(self) -> None:
        if self.lake is not None:
            self.lake.close()


def run_rules(
    rules: Iterable[Rule],
    sources: Mapping[str, Source],
    params_override: ParamsOverride | None = None,
    period_from: str | None = None,
    period_to: str | None = None,
    progress: Progress | None = None,
    *,
    threads: int | None = None,
    memory_limit: str | None = None,
    timeout: float | None = None,
) -> RunResult:
    """Run `rules` over `sources` (dataset code -> `Source`: its table and current Parquet
    files; no files is a dataset with no rows, an absent code makes the rules that read it
    fail). `timeout`: seconds per rule before it is interrupted; `memory_limit` (e.g. "4GB"):
    DuckDB spills or fails the rule past it."""
    adapter = DuckDBAdapter(threads=threads, memory_limit=memory_limit)
    return run_loop(adapter, rules, sources, params_override, period_from, period_to, progress, timeout)
