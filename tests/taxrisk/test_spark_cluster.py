"""The tax-risk rules on a real Spark cluster (issue 10): a standalone master and one worker are
started on this machine (`bin/spark-class` of the installed PySpark), the nine rules run with
`master="spark://…"` (what GONGZHI_SPARK_MASTER sets) over a small synthetic data set written to
a shared folder, and the leads equal the DuckDB engine's. The driver runs in a child process (this
file, run as a script) so that its JVM cannot meet another test's local session; the master, the
worker and its executors are stopped at the end and none is left behind.

Slow (about five minutes on two shared cores): `pytest -m slow tests/taxrisk/test_spark_cluster.py`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CATALOG = Path(__file__).resolve().parents[2] / "src/gongzhi/exchange/data/demo_catalog.yaml"
LOCAL_IP = "127.0.0.1"
START_SECONDS = 90  # the master and the worker each come up within this
DRIVER_SECONDS = 600  # the driver: data, DuckDB, the Spark session, nine rules (about 260 s on 2 busy cores)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOCAL_IP, 0))
        return sock.getsockname()[1]


def _wait_for(path: Path, text: str, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited ({process.returncode}): {path.read_text(errors='replace')[-2000:]}")
        if path.exists() and text in path.read_text(errors="replace"):
            return
        time.sleep(0.5)
    pytest.fail(f"{what} did not start within {START_SECONDS} s: {path.read_text(errors='replace')[-2000:]}")


def _processes_under(folder: Path) -> list[int]:
    """Processes whose working directory is inside `folder` (the worker's executors run in its
    work dir) or whose command line names it (the master and the worker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cwd.startswith(str(folder)) or str(folder) in cmdline:
            found.append(int(entry.name))
    return found


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the daemon's process group (spark-class execs java), then SIGKILL."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


@pytest.fixture
def cluster(tmp_path):
    """A standalone master and one worker (1 core, 1 GB) on 127.0.0.1; yields the master URL."""
    pyspark = pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip(
            "Java is not installed: the Spark cluster test needs Java 17+ (apt-get install openjdk-17-jre)"
        )
    spark_home = Path(pyspark.__file__).parent
    root = tmp_path / "cluster"
    (root / "work").mkdir(parents=True)
    env = {
        **os.environ,
        "SPARK_HOME": str(spark_home),
        "SPARK_LOCAL_IP": LOCAL_IP,
        "SPARK_LOG_DIR": str(root / "logs"),
        "SPARK_WORKER_DIR": str(root / "work"),
        "SPARK_DAEMON_JAVA_OPTS": f"-Dgongzhi.test.cluster={root}",
    }
    spark_class = str(spark_home / "bin/spark-class")
    port = _free_port()
    url = f"spark://{LOCAL_IP}:{port}"
    started: list[subprocess.Popen] = []
    try:
        master_log = root / "master.log"
        master = subprocess.Popen(
            [
                *(spark_class, "org.apache.spark.deploy.master.Master", "--host", LOCAL_IP),
                *("--port", str(port), "--webui-port", str(_free_port())),
            ],
            env=env,
            cwd=root,
            stdout=master_log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(master)
        _wait_for(master_log, "I have been elected leader", master, "Spark master")
        worker_log = root / "worker.log"
        worker = subprocess.Popen(
            [
                *(spark_class, "org.apache.spark.deploy.worker.Worker", url, "--host", LOCAL_IP),
                *("--cores", "1", "--memory", "1g", "--webui-port", str(_free_port())),
                *("--work-dir", str(root / "work")),
            ],
            env=env,
            cwd=root,
            stdout=worker_log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(worker)
        _wait_for(worker_log, "Successfully registered with master", worker, "Spark worker")
        yield url, root, env
    finally:
        for process in reversed(started):
            _stop(process)
    deadline = time.monotonic() + 30
    while _processes_under(root) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _processes_under(root) == [], "Spark processes left behind"


def test_the_rules_on_a_standalone_cluster_give_the_duckdb_leads(cluster, tmp_path):
    url, root, env = cluster
    shared = tmp_path / "shared"  # the data directory every worker sees at the same path
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, __file__, url, str(shared)],
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=DRIVER_SECONDS,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{report['rows']} rows, {report['leads']} leads; seconds: {report['seconds']}")
    assert report["master"] == url
    assert report["executors"] >= 1  # the queries ran on the worker's executor, not in the driver
    assert report["errors"] == {"duckdb": {}, "spark": {}}
    assert report["leads"] > 0 and report["rules_with_leads"] == 9
    assert report["identical"] and report["as_generated"]
    # the executor ran in the worker's work dir: the data was read through the shared path
    assert any((root / "work").iterdir())
    assert time.monotonic() - start < DRIVER_SECONDS


def _drive(url: str, shared: Path) -> dict:
    """The driver: synthetic data in `shared`, the nine rules on DuckDB and on the cluster."""
    from gongzhi.demo.taxrisk_data import SCHEMAS, generate
    from gongzhi.exchange.tables import sources_from_files, tables_from_catalog
    from gongzhi.taxrisk.engine import load_rules, run_rules
    from gongzhi.taxrisk.engine.spark_runner import spark_session

    data = generate(shared, taxpayers=300, seed=20251)
    tables = {code: t for code, t in tables_from_catalog(CATALOG).items() if code in SCHEMAS}
    rules = load_rules()
    clock = time.perf_counter()
    duck = run_rules(rules, sources_from_files(tables, data.datasets))
    seconds = {"duckdb": time.perf_counter() - clock}
    clock = time.perf_counter()
    spark = spark_session(url, conf={"spark.executor.memory": "768m", "spark.cores.max": "1"})
    seconds["spark_session"] = time.perf_counter() - clock
    try:
        clock = time.perf_counter()
        on_spark = run_rules(rules, sources_from_files(tables, data.datasets), engine="spark", master=url)
        seconds["spark"] = time.perf_counter() - clock
        executors = (
            len(spark.sparkContext._jsc.sc().statusTracker().getExecutorInfos()) - 1
        )  # minus the driver
        master = spark.sparkContext.master
    finally:
        spark.stop()
    return {
        "master": master,
        "executors": executors,
        "errors": {"duckdb": duck.errors, "spark": on_spark.errors},
        "leads": len(duck.leads),
        "rules_with_leads": len({lead.rule for lead in on_spark.leads}),
        "identical": duck.leads == on_spark.leads,
        "as_generated": on_spark.leads == data.expected,
        "rows": sum(data.rows.values()),
        "seconds": {name: round(value, 2) for name, value in seconds.items()},
    }


if __name__ == "__main__":
    print(json.dumps(_drive(sys.argv[1], Path(sys.argv[2]))))
