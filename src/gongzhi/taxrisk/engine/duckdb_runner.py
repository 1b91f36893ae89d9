"""Run rules on DuckDB: one in-memory database per run over the immutable Parquet files.

Each run opens its own `duckdb.connect(":memory:")` (no shared database file, no lock shared
with web requests), shows each dataset as a view over its files (`read_parquet`,
`union_by_name`; canonical types and current rows, see `datasets`: the rows a later
submission replaced are found once per run into a small temp table), then locks itself down:
only the run's own files may be read, external access is off, the configuration is locked.
Each rule is checked (`sqlcheck`), its parameters bound (never pasted), timed, and a rule that
fails fails alone: its error is kept and the other rules run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from gongzhi.taxrisk.engine.datasets import DATASETS, current_sql, superseded_sql, typed_sql
from gongzhi.taxrisk.engine.results import PERIOD_RE, RunResult, failure_message, leads_from_rows
from gongzhi.taxrisk.engine.rules import BUILTIN_PARAMS, Rule, RuleError
from gongzhi.taxrisk.engine.sqlcheck import prepare

Progress = Callable[[int, int, str], None]  # (rules done, rules in all, code of the rule just done)
ParamsOverride = Mapping[str, Mapping[str, Any]]  # rule code -> {param: value}


def period_window(period_from: str | None, period_to: str | None) -> dict[str, str]:
    """The built-in parameters $period_from/$period_to; ValueError (Chinese) if malformed."""
    window = dict(BUILTIN_PARAMS)
    for name, value in (("period_from", period_from), ("period_to", period_to)):
        if value is None:
            continue
        if not isinstance(value, str) or not PERIOD_RE.match(value):
            raise ValueError(f"期间应为 YYYY-MM 格式：{value!r}")
        window[name] = value
    return window


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def missing_datasets(rule: Rule, datasets: Mapping[str, Sequence[Path]]) -> RuleError | None:
    absent = [d for d in rule.datasets if d not in datasets]
    if not absent:
        return None
    names = "、".join(f"{DATASETS[d].label}（{d}）" for d in absent)
    return RuleError(f"{rule.title}无法运行：缺少数据集 {names}", rule=rule.code)


def _register(con: duckdb.DuckDBPyConnection, name: str, paths: Sequence[Path]) -> None:
    """raw_<name> (the files) -> typed_<name> (canonical types) -> <name> (current rows)."""
    spec = DATASETS[name]
    raw, typed, superseded = f"raw_{name}", f"typed_{name}", f"superseded_{name}"
    if paths:
        relation = con.read_parquet([str(p) for p in paths], union_by_name=True, hive_partitioning=False)
        relation.create_view(raw)
        columns: list[str] | None = relation.columns
    else:
        columns = None
    con.execute(f'CREATE TEMP VIEW "{typed}" AS {typed_sql(spec, columns, raw)}')
    replaced = None
    if spec.key and paths:
        con.execute(f'CREATE TEMP TABLE "{superseded}" AS {superseded_sql(spec, typed)}')
        if con.execute(f'SELECT count(*) FROM "{superseded}"').fetchone()[0]:
            replaced = superseded
    con.execute(f'CREATE TEMP VIEW "{name}" AS {current_sql(typed, replaced)}')


def run_rules(
    rules: Iterable[Rule],
    datasets: Mapping[str, Sequence[Path | str]],
    params_override: ParamsOverride | None = None,
    period_from: str | None = None,
    period_to: str | None = None,
    progress: Progress | None = None,
    *,
    threads: int | None = None,
    memory_limit: str | None = None,
) -> RunResult:
    """Run `rules` over `datasets` (name -> its Parquet files; an empty list is a dataset with
    no rows, an absent name makes the rules that read it fail). Leads whose period is outside
    [period_from, period_to] (YYYY-MM, inclusive) are dropped."""
    rules = list(rules)
    window = period_window(period_from, period_to)
    overrides = params_override or {}
    files = {name: [Path(p) for p in paths] for name, paths in datasets.items()}
    result = RunResult(engine="duckdb")
    config: dict[str, Any] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    con = duckdb.connect(":memory:", config=config)
    try:
        needed = sorted({d for rule in rules for d in rule.datasets if d in files})
        allowed = [str(p.resolve()) for name in needed for p in files[name]]
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET allowed_paths = [{', '.join(_sql_string(p) for p in allowed)}]")
        con.execute("SET enable_external_access = false")
        broken: dict[str, str] = {}
        start = time.perf_counter()
        for name in needed:
            try:
                _register(con, name, [Path(p).resolve() for p in files[name]])
            except duckdb.Error as exc:
                broken[name] = " ".join(str(exc).split())[:300]
        con.execute("SET lock_configuration = true")
        result.setup_seconds = time.perf_counter() - start

        for done, rule in enumerate(rules, start=1):
            start = time.perf_counter()
            try:
                if (missing := missing_datasets(rule, files)) is not None:
                    raise missing
                if bad := [d for d in rule.datasets if d in broken]:
                    raise RuleError(
                        f"{rule.title}无法运行：数据集 {'、'.join(bad)} 读取失败（{broken[bad[0]]}）",
                        rule=rule.code,
                    )
                prepared = prepare(rule, "duckdb")
                values = {**rule.bind(overrides.get(rule.code)), **window}
                cursor = con.execute(prepared.sql, {p: values[p] for p in prepared.params})
                columns = [d[0] for d in cursor.description]
                rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
                result.leads.extend(leads_from_rows(rule, rows))
            except Exception as exc:
                result.errors[rule.code] = failure_message(rule, exc)
            finally:
                result.seconds[rule.code] = time.perf_counter() - start
                if progress is not None:
                    progress(done, len(rules), rule.code)
    finally:
        con.close()
    return result
