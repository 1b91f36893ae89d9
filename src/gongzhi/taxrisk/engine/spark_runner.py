"""The Spark engine for the rule loop (`runner.run_rules(..., engine="spark")`): the same rule files on Apache Spark (PySpark; local mode `local[2]` by default).

The rule SQL (DuckDB dialect) is checked (`sqlcheck`) and transpiled with SQLGlot to Spark
SQL; parameters become Spark named parameter markers (`:name`) bound with
`spark.sql(query, args=...)` as typed literals, each cast to its declared type — never pasted.

To give the same leads as DuckDB, to the cent:
- each run works in its own `SparkSession.newSession()` (own temp views and SQL conf);
- the dataset views are the same SELECTs as on DuckDB (`exchange.tables`, transpiled):
  the version's types, '' as NULL, current row per key;
- `spark.sql.decimalOperations.allowPrecisionLoss=false`: decimal products keep their full
  scale (as DuckDB's do) instead of being rounded to 6 places when precision exceeds 38;
- ANSI mode on (the Spark 4 default): overflow raises instead of giving NULL.
Spark ignores files whose names start with "_" or "."; name submissions otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gongzhi.exchange.tables import Source, drop_spark, register_spark
from gongzhi.taxrisk.engine.runner import RuleTimeout, deadline

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


class SparkAdapter:
    name = "spark"

    def __init__(self, spark: SparkSession | None = None):
        self.session = (spark or spark_session()).newSession()
        for key, value in SESSION_CONF.items():
            self.session.conf.set(key, value)
        self.names: list[str] = []

    def open(self, sources: list[Source]) -> dict[str, str]:
        self.names = [s.table.code for s in sources]
        return register_spark(self.session, sources)

    def execute(self, sql: str, params: dict[str, Any], timeout: float | None) -> list[Mapping[str, Any]]:
        context = self.session.sparkContext
        group = f"gongzhi-rule-{uuid.uuid4().hex}"
        context.setJobGroup(group, "gongzhi rule", interruptOnCancel=True)
        with deadline(timeout, lambda: context.cancelJobGroup(group)) as fired:
            try:
                return [row.asDict(recursive=False) for row in self.session.sql(sql, args=params).collect()]
            except Exception:
                if fired.is_set():
                    raise RuleTimeout from None
                raise

    def close(self) -> None:
        drop_spark(self.session, self.names)
