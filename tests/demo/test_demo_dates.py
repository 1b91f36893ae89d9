"""The demo is honest about time: loaded as of a reference day (`gongzhi demo --today`), nothing
in it is dated after that day, no order is due before it was issued, no report is submitted
before its round opened (`gongzhi.demo.checks.date_problems` walks every dated field of every
model). Uses the demo data set: the session's demo (the clock's day, or --clock) in-process, and
fresh databases loaded by the console script as of other days."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongzhi.demo.checks import date_problems
from gongzhi.supervision.models import SupervisionOrder

ROOT = Path(__file__).resolve().parents[2]
CHECK = (
    "import datetime, json, django; django.setup(); from gongzhi.demo.checks import date_problems; "
    "print(json.dumps(date_problems(datetime.date.fromisoformat({day!r})), ensure_ascii=False))"
)


def test_the_sessions_demo_is_dated_no_later_than_its_day(demo):
    assert date_problems(demo) == []
    order = SupervisionOrder.objects.get(number__startswith="督办〔", issue__startswith="（演示数据）")
    assert order.created_at.date() <= order.deadline and order.answered_at >= order.created_at


def _run(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    "day",
    [
        "2025-06-30",  # before the end of the synthetic tax data: that part is not loaded
        "2026-03-31",  # a quarter end: the round of Q1 is not open yet, Q4's is
    ],
)
def test_a_demo_loaded_as_of_another_day_is_dated_no_later_than_that_day(tmp_path, day, install_migrated):
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
        "GONGZHI_AUDIT_CHECKPOINT_COPY": "",
    }
    env.pop("GONGZHI_TASK_BACKEND", None)
    install_migrated(tmp_path, "demo.sqlite3")
    lines = _run(env, "-m", "gongzhi.cli", "demo", "--today", day)
    problems = json.loads(_run(env, "-c", CHECK.format(day=day)).strip().splitlines()[-1])
    assert problems == []
    if datetime.date.fromisoformat(day) <= datetime.date(2025, 12, 31):
        assert "未载入演示数据" in lines
