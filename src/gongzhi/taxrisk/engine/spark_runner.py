"""Run the same rule files on Apache Spark (PySpark; local mode `local[2]` by default).

The rule SQL (DuckDB dialect) is checked (`sqlcheck`) and transpiled with SQLGlot to Spark
SQL; parameters become Spark named parameter markers (`:name`) bound with
`spark.sql(query, args=...)` as typed literals, each cast to its declared type — never pasted.

To give the same leads as DuckDB, to the cent:
- each run works in its own `SparkSession.newSession()` (own temp views and SQL conf);
- the dataset views are the same SELECTs as on DuckDB (`datasets.view_sql`, transpiled):
  canonical types, '' as NULL, current row per key;
- `spark.sql.decimalOperations.allowPrecisionLoss=false`: decimal products keep their full
  scale (as DuckDB's do) instead of being rounded to 6 places when precision exceeds 38;
- ANSI mode on (the Spark 4 default): overflow raises instead of giving NULL.
Spark ignores files whose names start with "_" or "."; name submissions otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongzhi.taxrisk.engine.datasets import DATASETS, current_sql, superseded_sql, typed_sql
from gongzhi.taxrisk.engine.duckdb_runner import ParamsOverride, Progress, missing_datasets, period_window
from gongzhi.taxrisk.engine.results import RunResult, failure_message, leads_from_rows
from gongzhi.taxrisk.engine.rules import Rule, RuleError
from gongzhi.taxrisk.engine.sqlcheck import prepare, view_to_spark

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

SESSION_CONF = {
    "spark.sql.decimalOperations.allowPrecisionLoss": "false",
    "spark.sql.ansi.enabled": "true",
    "spark.sql.session.timeZone": "UTC",
}


def spark_session(
    master: str = "local[2]", *, app_name: str = "gongzhi-taxrisk", conf: Mapping[str, str] | None = None
) -> SparkSession:
    """A SparkSession for rule runs (reused if one is running). Starting one takes seconds:
    start it once per process."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.sql.adaptive.enabled", "true")
    )
    for key, value in {**SESSION_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _register(session: SparkSession, name: str, paths: Sequence[Path]) -> None:
    """raw_<name> (the files) -> typed_<name> (canonical types) -> <name> (current rows)."""
    spec = DATASETS[name]
    raw, typed, superseded = f"raw_{name}", f"typed_{name}", f"superseded_{name}"
    columns = None
    if paths:
        frame = session.read.option("mergeSchema", "true").parquet(*[str(p) for p in paths])
        frame.createOrReplaceTempView(raw)
        columns = frame.columns
    session.sql(view_to_spark(typed_sql(spec, columns, raw))).createOrReplaceTempView(typed)
    replaced = None
    if spec.key and paths:
        frame = session.sql(view_to_spark(superseded_sql(spec, typed))).cache()
        frame.createOrReplaceTempView(superseded)
        if frame.count():
            replaced = superseded
    session.sql(view_to_spark(current_sql(typed, replaced))).createOrReplaceTempView(name)


def run_rules(
    rules: Iterable[Rule],
    datasets: Mapping[str, Sequence[Path | str]],
    params_override: ParamsOverride | None = None,
    period_from: str | None = None,
    period_to: str | None = None,
    progress: Progress | None = None,
    *,
    spark: SparkSession | None = None,
) -> RunResult:
    """As `duckdb_runner.run_rules`, on Spark. `spark`: a running session to use (the default
    starts or reuses a local one)."""
    rules = list(rules)
    window = period_window(period_from, period_to)
    overrides = params_override or {}
    files = {name: [Path(p) for p in paths] for name, paths in datasets.items()}
    result = RunResult(engine="spark")
    session = (spark or spark_session()).newSession()
    for key, value in SESSION_CONF.items():
        session.conf.set(key, value)

    needed = sorted({d for rule in rules for d in rule.datasets if d in files})
    broken: dict[str, str] = {}
    start = time.perf_counter()
    for name in needed:
        try:
            _register(session, name, [p.resolve() for p in files[name]])
        except Exception as exc:
            broken[name] = " ".join(str(exc).split())[:300]
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
            prepared = prepare(rule, "spark")
            values: dict[str, Any] = {**rule.bind(overrides.get(rule.code)), **window}
            frame = session.sql(prepared.sql, args={p: values[p] for p in prepared.params})
            rows = [row.asDict(recursive=False) for row in frame.collect()]
            result.leads.extend(leads_from_rows(rule, rows))
        except Exception as exc:
            result.errors[rule.code] = failure_message(rule, exc)
        finally:
            result.seconds[rule.code] = time.perf_counter() - start
            if progress is not None:
                progress(done, len(rules), rule.code)
    for name in needed:
        for view in (name, f"typed_{name}", f"superseded_{name}", f"raw_{name}"):
            session.catalog.dropTempView(view)
    return result
