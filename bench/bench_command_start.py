"""Start time of the `gongzhi` command: `gongzhi --help` and each command's own `--help`
(the command is found, Django is set up, its arguments are parsed), best / median / worst of
--runs fresh processes. Target: < 0.5 s each. Run by hand:

    .venv/bin/python bench/bench_command_start.py [--runs 5]

The anchor is the bare interpreter (`python -c pass`) measured in the same run. What is loaded
at start is tested in tests/test_command_start.py (no data engine); this script only times it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GONGZHI = ROOT / ".venv" / "bin" / "gongzhi"


def commands() -> list[str]:
    return sorted(
        p.stem
        for p in (ROOT / "src" / "gongzhi").glob("**/management/commands/*.py")
        if not p.stem.startswith("_")
    )


def timed(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return times


def row(label: str, times: list[float]) -> str:
    return f"{label:<28} {min(times):6.3f} {statistics.median(times):6.3f} {max(times):6.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    one, five, _ = os.getloadavg()
    print(f"load average {one:.2f} {five:.2f} on {os.cpu_count()} CPUs; seconds, {args.runs} runs each")
    print(f"{'command':<28} {'best':>6} {'median':>6} {'worst':>6}")
    print(row("python -c pass (anchor)", timed([sys.executable, "-c", "pass"], args.runs)))
    worst = 0.0
    for argv in [["--help"], *[[name, "--help"] for name in commands()]]:
        times = timed([str(GONGZHI), *argv], args.runs)
        worst = max(worst, statistics.median(times))
        print(row("gongzhi " + " ".join(argv), times))
    print(f"slowest median {worst:.3f} s (target < 0.5 s)")


if __name__ == "__main__":
    main()
