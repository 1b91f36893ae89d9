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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import emit

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
    bare = timed([sys.executable, "-c", "pass"], args.runs)
    print(row("python -c pass (anchor)", bare))
    worst, slowest = 0.0, []
    for argv in [["--help"], *[[name, "--help"] for name in commands()]]:
        times = timed([str(GONGZHI), *argv], args.runs)
        if statistics.median(times) > worst:
            worst, slowest = statistics.median(times), ["gongzhi", *argv]
        print(row("gongzhi " + " ".join(argv), times))
        if argv == ["--help"]:
            emit(
                "command start: gongzhi --help",
                statistics.median(times),
                "s",
                anchor="python -c pass",
                anchor_value=statistics.median(bare),
                target="< 0.5 s",
                met=statistics.median(times) < 0.5,
                runs=times,
            )
    print(f"slowest median {worst:.3f} s (target < 0.5 s)")
    emit(
        f"command start: slowest ({' '.join(slowest)})",
        worst,
        "s",
        anchor="python -c pass",
        anchor_value=statistics.median(bare),
        target="< 0.5 s",
        met=worst < 0.5,
    )


if __name__ == "__main__":
    main()
