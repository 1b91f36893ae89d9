"""The `gongzhi assess` contract checked from outside, through the real console script on a fresh
database: JSON and nothing else on stdout; a bad scheme or period is one Chinese line on stderr
and a non-zero exit."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _gongzhi(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "gongzhi.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.own_sqlite
def test_the_console_script_prints_json_only_and_refuses_in_chinese(tmp_path, install_migrated):
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
        "GONGZHI_AUDIT_CHECKPOINT_COPY": "",
    }
    install_migrated(tmp_path / "data")
    done = _gongzhi(env, "assess", "schemes", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)  # nothing but the JSON document
    assert {s["code"] for s in out["schemes"]} == {"cogov", "child_friendly"}
    assert all(s["periods"] == [] for s in out["schemes"])  # a fresh platform has no data yet
    for args, message in [
        (["--scheme", "nope", "--period", "2025H1"], "考核办法“nope”不存在"),
        (["--scheme", "cogov", "--period", "2025Q1"], "考核期间“2025Q1”无法识别"),
        (["--scheme", "cogov", "--period", "2025H1"], "没有税费协同共治考核的数据"),
    ]:
        done = _gongzhi(env, "assess", "score", *args, "--json")
        lines = done.stderr.strip().splitlines()
        assert done.returncode != 0, args
        assert done.stdout == ""
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in done.stderr, done.stderr
