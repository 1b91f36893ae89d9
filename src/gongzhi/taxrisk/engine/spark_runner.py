"""The Spark engine for the rule loop (`runner.run_rules(..., engine="spark")`): the same rule files on Apache Spark (PySpark; local mode `local[2]` by default).

Where it runs is the `master` engine option (the project passes `settings.SPARK_MASTER`,
`GONGZHI_SPARK_MASTER`): `local[N]`/`local[*]` runs inside this process's JVM; `spark://host:7077`
sends the queries to a standalone cluster. This process is then the driver: the executors read
the Parquet files themselves, by the same absolute paths, so the data directory must be a path
every worker machine sees (the same mount point, e.g. NFS), and they must reach the driver back
(`SPARK_LOCAL_IP`/`spark.driver.host`). Only SQL is sent: the executors need Java, not Python.
Other Spark properties (executor memory, cores) go in `$SPARK_CONF_DIR/spark-defaults.conf`.

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
    """A SparkSession for rule runs on `master` (reused if one is running there). Starting one
    takes seconds: start it once per process. A session already running on another cluster is
    never silently reused: ValueError (local sessions of any size are taken as the same)."""
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    running = SparkContext._active_spark_context
    both_local = master.startswith("local") and running is not None and running.master.startswith("local")
    if running is not None and running.master != master and not both_local:
        raise ValueError(f"Spark 已连接 {running.master}，不能再连接 {master}")

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

    def __init__(self, spark: SparkSession | None = None, master: str | None = None):
        """`spark`: a running session to use; else one on `master` (default `local[2]`)."""
        self.session = (spark or spark_session(master or "local[2]")).newSession()
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
