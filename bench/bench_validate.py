"""Throughput and memory of the validation engine on synthetic data (合成数据). Run by hand:

    .venv/bin/python bench/bench_validate.py [--rows 1000000] [--big-rows 5000000]
                                             [--xlsx-rows 200000] [--repeat 3] [--threads 2]

Generates, in a temporary directory, a 12-column CSV (credit codes with valid check digits,
names, dates, decimals, enums, some ID numbers, phone numbers, industry codes), a larger CSV
for the memory figure, and an .xlsx written with openpyxl. It then prints:
- rows/s for the CSV, end to end (file -> checked -> accepted Parquet), best of --repeat;
- peak RSS of a subprocess validating the large CSV (its own high-water mark, VmHWM: ru_maxrss would carry the parent's over exec);
- seconds for the .xlsx (archive inspection + calamine + checks + Parquet).
Targets: >= 500,000 rows/s; < 1 GiB; < 5 s. Figures go in the issue note; nothing is asserted.
The machine load is printed too: other work on a 2-core machine moves these figures a lot.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from gongzhi.exchange.validation import load_spec, synthetic, validate_file  # noqa: E402
from gongzhi.exchange.validation.engine import Settings  # noqa: E402

CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[4])
from gongzhi.exchange.validation import load_spec, synthetic, validate_file
from gongzhi.exchange.validation.engine import Settings
spec = load_spec(synthetic.BENCH_SPEC_YAML)
started = time.perf_counter()
result = validate_file(sys.argv[1], spec, period="2025-06", submission_id=1, out_dir=sys.argv[2],
                       settings=Settings(threads=int(sys.argv[3])))
usage = resource.getrusage(resource.RUSAGE_SELF)
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"status": result.status, "rows": result.rows, "seconds": time.perf_counter() - started,
                  "peak_rss_mib": hwm / 1024, "cpu": usage.ru_utime + usage.ru_stime}))
"""


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def timed(path: Path, spec, out: Path, threads: int) -> tuple[float, object]:
    started = time.perf_counter()
    result = validate_file(
        path, spec, period="2025-06", submission_id=1, out_dir=out, settings=Settings(threads=threads)
    )
    elapsed = time.perf_counter() - started
    if result.status != "accepted":
        raise SystemExit(f"unexpected result: {result.status} {result.file_errors} {result.errors[:3]}")
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--big-rows", type=int, default=5_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    spec = load_spec(synthetic.BENCH_SPEC_YAML)
    work = Path(tempfile.mkdtemp(prefix="gongzhi-bench-validate-"))
    try:
        print(load())
        csv_path = work / "rows.csv"
        started = time.perf_counter()
        synthetic.write_bench_csv(csv_path, args.rows)
        print(
            f"generated {args.rows:,} rows ({csv_path.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - started:.1f} s"
        )
        best = None
        for attempt in range(args.repeat):
            out = work / f"out{attempt}"
            cpu = resource.getrusage(resource.RUSAGE_SELF)
            seconds, result = timed(csv_path, spec, out, args.threads)
            after = resource.getrusage(resource.RUSAGE_SELF)
            used = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
            print(
                f"  CSV run {attempt + 1}: {seconds:.2f} s, {result.rows / seconds:,.0f} rows/s, CPU {used:.2f} s  ({load()})"
            )
            best = seconds if best is None else min(best, seconds)
            shutil.rmtree(out, ignore_errors=True)
        print(
            f"CSV {args.rows:,} rows x 12 columns -> Parquet: best {best:.2f} s = {args.rows / best:,.0f} rows/s"
        )

        if args.big_rows:
            big = work / "big.csv"
            synthetic.write_bench_csv(big, args.big_rows)
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(big), str(work / "big-out"), str(args.threads), str(SRC)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"CSV {figures['rows']:,} rows in a subprocess: peak RSS {figures['peak_rss_mib']:.0f} MiB, "
                f"{figures['seconds']:.1f} s ({figures['rows'] / figures['seconds']:,.0f} rows/s), CPU {figures['cpu']:.1f} s"
            )
            big.unlink()
            shutil.rmtree(work / "big-out", ignore_errors=True)

        if args.xlsx_rows:
            xlsx = work / "rows.xlsx"
            started = time.perf_counter()
            synthetic.write_bench_xlsx(xlsx, args.xlsx_rows)
            print(
                f"generated {args.xlsx_rows:,}-row .xlsx ({xlsx.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - started:.1f} s"
            )
            best = None
            for attempt in range(args.repeat):
                seconds, _ = timed(xlsx, spec, work / f"xout{attempt}", args.threads)
                print(f"  XLSX run {attempt + 1}: {seconds:.2f} s  ({load()})")
                best = seconds if best is None else min(best, seconds)
            print(f"XLSX {args.xlsx_rows:,} rows -> Parquet: best {best:.2f} s")
    finally:
        if args.keep:
            print(f"files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
