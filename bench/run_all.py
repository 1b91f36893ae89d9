"""Run every benchmark of the project and print one table: each figure, its anchor measured in
the same run, the ratio, and the target. Run by hand (it takes a while; --quick for smaller sizes):

    .venv/bin/python bench/run_all.py [--quick] [--only ingest,rules,...] [--markdown FILE]

Each benchmark is a script of bench/ run in its own process; it prints its own report (kept in
the log folder printed at the end) and one `BENCH {...}` line per headline figure
(bench/_report.py), which this script collects. The demo data dir is built once and shared by the
benchmarks that read the demo; the load benchmark gets a `gongzhi serve` of it on a loopback port.
The machine (CPUs, load average) and the date are printed with the table, since figures on a
small shared machine move a lot.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PYTHON = sys.executable
PORT = 8019


@dataclass
class Bench:
    name: str  # what --only picks
    script: str
    full: list[str]
    quick: list[str]
    demo: str = ""  # the option that takes the demo data dir ("--data-dir", "--data"), if any
    server: bool = False  # needs `gongzhi serve` of the demo
    extra: list[list[str]] = field(default_factory=list)  # further runs of the same script (load mixes)


BENCHES = [
    Bench("start", "bench_command_start.py", ["--runs", "5"], ["--runs", "3"]),
    Bench(
        "ingest",
        "bench_validate.py",
        ["--repeat", "5", "--encoding", "utf-8", "bom", "gbk"],
        ["--rows", "200000", "--big-rows", "1000000", "--xlsx-rows", "50000", "--repeat", "3"],
    ),
    Bench("rules", "bench_taxrisk.py", ["--repeat", "5"], ["--taxpayers", "20000", "--repeat", "3"]),
    Bench(
        "spark",
        "bench_taxrisk.py",
        ["--taxpayers", "20000", "--repeat", "2", "--spark"],
        ["--taxpayers", "5000", "--repeat", "1", "--spark"],
    ),
    Bench("parse", "bench_parse.py", ["--repeat", "5"], ["--pages", "50", "--repeat", "3"]),
    Bench("corpus", "score_corpus.py", [], []),  # parser accuracy on tests/corpus (issue 12)
    Bench("pages", "bench_dashboard.py", ["--runs", "30"], ["--runs", "10"]),
    Bench(
        "load",
        "bench_load.py",
        ["--users", "1", "--pause", "0", "--seconds", "20"],
        ["--users", "1", "--pause", "0", "--seconds", "5"],
        server=True,
        extra=[
            ["--users", "8", "--pause", "0", "--seconds", "20"],
            ["--users", "50", "--pause", "1", "--seconds", "30"],
            ["--users", "200", "--pause", "5", "--seconds", "60"],
        ],
    ),
    Bench("credit", "bench_credit_check.py", [], ["--taxpayers", "2000", "--runs", "100"]),
    Bench("lookup", "bench_lookup.py", [], ["--taxpayers", "10000", "--runs", "100"]),
    Bench("credit-lists", "bench_credit_lists.py", [], ["--taxpayers", "2000", "--runs", "5"]),
    Bench("push", "bench_push.py", [], ["--taxpayers", "5000", "--repeat", "2"]),
    Bench("quality", "bench_quality.py", ["--runs", "5"], ["--runs", "3"], demo="--data-dir"),
    Bench("assess", "bench_assess.py", ["--runs", "5"], ["--runs", "3"], demo="--data-dir"),
    Bench("meetings", "bench_meetings.py", ["--runs", "5"], ["--runs", "3"], demo="--data-dir"),
    Bench(
        "cube",
        "bench_economy_cube.py",
        ["--direct", "5"],
        ["--rows", "500000", "--taxpayers", "20000", "--runs", "5", "--direct", "3"],
    ),
    Bench("forecast", "bench_forecast.py", [], ["--runs", "1"]),
    Bench("bundle", "bench_bundle.py", [], ["--runs", "1"], demo="--data"),
    Bench("public", "bench_public_pages.py", [], ["--runs", "10"], demo="--data"),
    Bench(
        "children",
        "bench_public_children.py",
        [],
        ["--runs", "10", "--suggestions", "200"],
        demo="--data-dir",
    ),
]


def _env(data: str | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    if data:
        env["GONGZHI_DATA_DIR"] = data
    return env


def _demo(data: str, log: Path) -> None:
    with open(log / "demo.log", "w") as out:
        for command in (["migrate", "--noinput", "-v0"], ["demo"]):
            subprocess.run(
                [PYTHON, "-m", "gongzhi.cli", *command],
                env=_env(data),
                check=True,
                stdout=out,
                stderr=subprocess.STDOUT,
            )


def _serve(data: str, log: Path) -> subprocess.Popen:
    out = open(log / "serve.log", "w")  # closed with the process
    server = subprocess.Popen(
        [PYTHON, "-m", "gongzhi.cli", "serve", "--port", str(PORT), "--no-worker"],
        env=_env(data),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gongzhi serve did not answer on port {PORT}; see {log / 'serve.log'}")


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def _run(bench: Bench, argv: list[str], log: Path, data: str | None, index: int) -> list[dict]:
    name = f"{bench.name}-{index}" if index else bench.name
    started = time.perf_counter()
    with open(log / f"{name}.log", "w") as out:
        done = subprocess.run(
            [PYTHON, str(BENCH / bench.script), *argv],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        out.write(done.stdout)
    figures = [json.loads(line[6:]) for line in done.stdout.splitlines() if line.startswith("BENCH ")]
    seconds = time.perf_counter() - started
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
    print(
        f"  {name:<14} {status:<8} {seconds:7.1f} s  {len(figures)} figure(s)   log {log / (name + '.log')}",
        flush=True,
    )
    if done.returncode != 0 or not figures:
        tail = done.stdout.strip().splitlines()[-1:] or ["(no output)"]
        figures.append(
            {
                "figure": f"{bench.script} {' '.join(argv)}",
                "value": None,
                "unit": "",
                "anchor": "",
                "anchor_value": None,
                "target": "",
                "met": None,
                "note": f"{status}, no figure line: {tail[0][:80]}",
            }
        )
    return figures


def _number(value) -> str:
    if value is None:
        return "—"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"


def table(figures: list[dict]) -> list[str]:
    rows = ["| figure | value | anchor (same run) | ratio | target | met |", "|---|---:|---|---:|---|---|"]
    for f in figures:
        value = f"{_number(f['value'])} {f['unit']}".strip()
        if "best" in f:
            value += f" (best {_number(f['best'])}, worst {_number(f['worst'])})"
        anchor = f"{f['anchor']}: {_number(f['anchor_value'])}" if f.get("anchor") else "—"
        ratio = (
            f"{f['value'] / f['anchor_value']:.2f}×"
            if f.get("value") is not None and f.get("anchor_value")
            else "—"
        )
        met = {True: "yes", False: "NO", None: "—"}[f.get("met")]
        rows.append(
            f"| {f['figure']} | {value} | {anchor} | {ratio} | {f.get('target') or f.get('note', '')} | {met} |"
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer runs (a smoke run)")
    parser.add_argument("--only", default="", help="comma-separated: " + ", ".join(b.name for b in BENCHES))
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if unknown := only - {b.name for b in BENCHES}:
        print(f"unknown benchmark: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    chosen = [b for b in BENCHES if not only or b.name in only]
    log = Path(tempfile.mkdtemp(prefix="gongzhi-bench-all-"))
    data = None
    server = None
    figures: list[dict] = []
    started = time.perf_counter()
    try:
        if any(b.demo or b.server for b in chosen):
            data = str(log / "demo-data")
            print("building the demo data dir …", flush=True)
            _demo(data, log)
        for bench in chosen:
            argv = bench.quick if args.quick else bench.full
            if bench.demo:
                argv = [*argv, bench.demo, data]
            if bench.server:
                server = server or _serve(data, log)
                argv = [*argv, "--url", f"http://127.0.0.1:{PORT}"]
            runs = [argv] + [
                [*(extra if not args.quick else [*extra[:-1], "10"]), "--url", f"http://127.0.0.1:{PORT}"]
                for extra in bench.extra
            ]
            for index, run_argv in enumerate(runs):
                figures += _run(bench, run_argv, log, data, index)
    finally:
        if server is not None:
            _stop(server)
        if data:
            shutil.rmtree(data, ignore_errors=True)
    one, five, _ = os.getloadavg()
    head = (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: {os.cpu_count()} CPUs, {platform.python_implementation()} "
        f"{platform.python_version()}, load average at the end {one:.2f} / {five:.2f}; "
        f"{'quick sizes' if args.quick else 'full sizes'}; {time.perf_counter() - started:.0f} s in all"
    )
    lines = [head, "", *table(figures)]
    print("\n" + "\n".join(lines))
    print(f"\nlogs in {log}")
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if any(f.get("met") is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
