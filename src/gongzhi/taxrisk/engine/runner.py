"""The one rule loop, shared by the engines: each engine is an adapter that shows the sources
as views and runs one prepared query.

For each rule, in order: the datasets it reads must be there and readable; the fields it
reads must exist in the demand list's current version (`sqlcheck.check_fields`: a field
removed or renamed in the catalog fails the rule, naming the field, instead of reading NULL);
the SQL is checked and prepared for the engine (`sqlcheck.prepare`); parameters are bound,
never pasted; a rule that fails fails alone: its error is kept and the other rules run.
Leads outside the period window [period_from, period_to] (YYYY-MM, inclusive) are dropped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from gongzhi.core.periods import is_month_text
from gongzhi.exchange.tables import Source
from gongzhi.taxrisk.engine.results import RunResult, failure_message, leads_from_rows
from gongzhi.taxrisk.engine.rules import BUILTIN_PARAMS, Rule, RuleError
from gongzhi.taxrisk.engine.sqlcheck import check_fields, prepare

Progress = Callable[[int, int, str], None]  # (rules done, rules in all, code of the rule just done)
ParamsOverride = Mapping[str, Mapping[str, Any]]  # rule code -> {param: value}


class Adapter(Protocol):
    """What an engine does for the loop."""

    name: str  # "duckdb" | "spark": the SQL dialect too

    def open(self, sources: list[Source]) -> dict[str, str]:
        """Show each source as its views; return the datasets that could not be read."""

    def execute(self, sql: str, params: dict[str, Any], timeout: float | None) -> list[Mapping[str, Any]]:
        """Run one prepared query with bound parameters; rows as mappings. Past `timeout`
        seconds the engine interrupts the query and raises `RuleTimeout`."""

    def close(self) -> None: ...


class RuleTimeout(Exception):
    """A rule ran past its time limit and was interrupted."""


@contextmanager
def deadline(timeout: float | None, cancel: Callable[[], None]) -> Iterator[threading.Event]:
    """Call `cancel` (the engine's interrupt) if the block runs past `timeout` seconds; the
    event says whether it fired."""
    fired = threading.Event()
    if not timeout:
        yield fired
        return

    def fire() -> None:
        fired.set()
        cancel()

    timer = threading.Timer(timeout, fire)
    timer.daemon = True
    timer.start()
    try:
        yield fired
    finally:
        timer.cancel()


def period_window(period_from: str | None, period_to: str | None) -> dict[str, str]:
    """The built-in parameters $period_from/$period_to; ValueError (Chinese) if malformed."""
    window = dict(BUILTIN_PARAMS)
    for name, value in (("period_from", period_from), ("period_to", period_to)):
        if value is None:
            continue
        if not is_month_text(value):
            raise ValueError(f"期间应为 YYYY-MM 格式：{value!r}")
        window[name] = value
    return window


def _ready(rule: Rule, sources: Mapping[str, Source], broken: Mapping[str, str]) -> None:
    if absent := [d for d in rule.datasets if d not in sources]:
        raise RuleError(f"{rule.title}无法运行：缺少数据集 {'、'.join(absent)}", rule=rule.code)
    if bad := [d for d in rule.datasets if d in broken]:
        raise RuleError(
            f"{rule.title}无法运行：数据集 {'、'.join(bad)} 读取失败（{broken[bad[0]]}）", rule=rule.code
        )
    check_fields(rule, {d: sources[d].table for d in rule.datasets})


def run_rules(
    rules: Iterable[Rule],
    sources: Mapping[str, Source],
    params_override: ParamsOverride | None = None,
    period_from: str | None = None,
    period_to: str | None = None,
    progress: Progress | None = None,
    *,
    engine: str = "duckdb",
    timeout: float | None = None,
    **engine_options: Any,
) -> RunResult:
    """Run `rules` over `sources` (dataset code -> `Source`: its table and current Parquet
    files; no files is a dataset with no rows, an absent code makes the rules that read it
    fail) on `engine` ("duckdb", or "spark" with the optional extra). `timeout`: seconds one rule
    may run before the engine interrupts it (None: no limit). `engine_options`: DuckDB's
    `threads` and `memory_limit` (e.g. "4GB"); Spark's `spark` (a running session) or `master`
    (`local[2]` by default, `spark://host:7077` for a standalone cluster)."""
    if engine == "spark":
        # pyspark is an optional extra: imported only when a Spark run is asked for
        from gongzhi.taxrisk.engine.spark_runner import SparkAdapter

        adapter: Adapter = SparkAdapter(**engine_options)
    else:
        from gongzhi.taxrisk.engine.duckdb_runner import DuckDBAdapter  # the adapters import this module

        adapter = DuckDBAdapter(**engine_options)
    rules = list(rules)
    window = period_window(period_from, period_to)
    overrides = params_override or {}
    result = RunResult(engine=adapter.name)
    needed = sorted({d for rule in rules for d in rule.datasets if d in sources})
    start = time.perf_counter()
    try:
        broken = adapter.open([sources[name] for name in needed])
        result.setup_seconds = time.perf_counter() - start
        for done, rule in enumerate(rules, start=1):
            start = time.perf_counter()
            try:
                _ready(rule, sources, broken)
                prepared = prepare(rule, adapter.name)
                values = {**rule.bind(overrides.get(rule.code)), **window}
                rows = adapter.execute(prepared.sql, {p: values[p] for p in prepared.params}, timeout)
                result.leads.extend(leads_from_rows(rule, rows))
            except RuleTimeout:
                result.errors[rule.code] = (
                    f"{rule.title}运行超过{timeout:g}秒，已中止（可缩小期间范围，或简化规则后再试）"
                )
            except Exception as exc:
                result.errors[rule.code] = failure_message(rule, exc)
            finally:
                result.seconds[rule.code] = time.perf_counter() - start
                if progress is not None:
                    progress(done, len(rules), rule.code)
    finally:
        adapter.close()
    return result
