"""kill -9 of a worker in the middle of a large submission: nothing of it becomes visible;
the next worker finishes it, and submitting again works."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # (the session migrates only for db tests)


def _gongzhi(env, *args):
    args = (*args, "-v", "0") if args[0] == "shell" else args
    done = subprocess.run(
        [sys.executable, "-m", "gongzhi.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _state(env, submission_id):
    # Read straight from the database file: a `gongzhi shell` per poll costs seconds on a loaded
    # machine, long enough for the validation to finish between the read and the kill.
    db = sqlite3.connect(Path(env["GONGZHI_DATA_DIR"]) / "gongzhi.sqlite3", timeout=10)
    try:
        row = db.execute(
            "SELECT s.state, COALESCE(j.state, '-'), COALESCE(j.progress, 0), s.accepted,"
            " COALESCE(NULLIF(s.parquet_path, ''), '-')"
            " FROM exchange_submission s LEFT JOIN core_jobrun j ON j.id = s.job_id WHERE s.id = ?",
            (submission_id,),
        ).fetchone()
    finally:
        db.close()
    return [str(v) for v in row]


def _worker(env):
    return subprocess.Popen(
        [sys.executable, "-m", "gongzhi.cli", "worker", "--beat-seconds", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_killed_worker_leaves_no_rows_and_the_retry_completes(tmp_path, install_migrated):
    from gongzhi.exchange.validation import synthetic

    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": "",
        "GONGZHI_WORKER_STALE_SECONDS": "2",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    install_migrated(tmp_path / "data")
    _gongzhi(env, "units", "load", str(ROOT / "src/gongzhi/org/data/zhoucun_units.csv"))
    spec = tmp_path / "bench.yaml"
    spec.write_text(synthetic.BENCH_SPEC_YAML, encoding="utf-8")
    _gongzhi(env, "exchange", "catalog", "load", str(spec))
    big = synthetic.write_bench_csv(tmp_path / "big.csv", 1_500_000)
    start = (
        f"from pathlib import Path; from gongzhi.exchange.models import Dataset; from gongzhi.org.models import Unit; "
        f"from gongzhi.exchange.services import submission_create; "
        f"s = submission_create(actor=None, dataset=Dataset.objects.get(code='property_tx_bench'), "
        f"unit=Unit.objects.get(name='区自然资源局'), period='2025', source_path=Path('{big}'), "
        f"filename='big.csv', move=False); print(s.pk)"
    )
    submission_id = int(_gongzhi(env, "shell", "-c", start).stdout.strip())
    out_dir = tmp_path / "data" / "exchange" / "data" / "property_tx_bench"
    worker = _worker(env)
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            state = _state(env, submission_id)
            if state[0] == "validating":
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"validation never started: {state}")
        time.sleep(0.5)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        state = _state(env, submission_id)
        assert state[0] == "validating" and state[3] == "0" and state[4] == "-"  # nothing accepted
        assert not (out_dir / f"{submission_id}.parquet").exists()  # only temporary files, if any
        time.sleep(2.5)  # the dead worker's heartbeat goes stale
        worker = _worker(env)
        deadline = time.time() + 240
        while time.time() < deadline:
            state = _state(env, submission_id)
            if state[1] in {"succeeded", "failed"}:
                break
            time.sleep(1)
        assert state[0] == "accepted" and state[1] == "succeeded" and int(state[3]) > 1_000_000
        assert (out_dir / f"{submission_id}.parquet").exists()
        # and submitting again works: the new submission supersedes the old
        again = int(
            _gongzhi(
                env, "shell", "-c", start.replace("move=False", "move=False, background=False")
            ).stdout.strip()
        )
        assert _state(env, again)[0] == "accepted"
        assert _state(env, submission_id)[0] == "superseded"
    finally:
        worker.kill()
        worker.wait(10)
