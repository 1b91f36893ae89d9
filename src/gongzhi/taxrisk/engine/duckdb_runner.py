"""The DuckDB engine for the rule loop (`runner.run_rules`): one in-memory database per run over
the immutable Parquet files (`exchange.tables.connect_duckdb`: no shared database file, no lock
shared with web requests; locked down to the run's own files)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb

from gongzhi.exchange.tables import Lake, Source, connect_duckdb
from gongzhi.taxrisk.engine.runner import RuleTimeout, deadline


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
        with deadline(timeout, con.interrupt):
            try:
                cursor = con.execute(sql, params)
                columns = [d[0] for d in cursor.description]
                return [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
            except duckdb.InterruptException:
                raise RuleTimeout from None

    def close(self) -> None:
        if self.lake is not None:
            self.lake.close()
