"""Throughput and memory of the validation engine on synthetic data (合成数据). Run by hand:

    .venv/bin/python bench/bench_validate.py [--rows 1000000] [--big-rows 5000000]
                                             [--xlsx-rows 200000] [--repeat 5] [--threads 2]
                                             [--bad-share 0.03] [--encoding utf-8 bom gbk]

Generates, in a temporary directory, a 12-column CSV (credit codes with valid check digits,
names, dates, decimals, enums, some ID numbers, phone numbers, industry codes) with a share of
bad rows (wrong USCC and ID check characters, impossible dates, values outside the enum,
repeated keys, dates outside the period), the same file in each other --encoding (GBK, UTF-8
with BOM), a larger CSV for the memory figure, and an .xlsx written with openpyxl. It prints:
- for each encoding, the engine's own time (`validate_file`: file -> checked -> accepted and
  quarantine Parquet) and, in the same round, the anchor: DuckDB reading the same file into
  Arrow (`read_csv(...).to_arrow_table()`, all columns as text) and the ratio; best / median / worst of
  --repeat, wall and CPU (user + sys) seconds;
- peak RSS of a subprocess validating the large CSV (its own high-water mark, VmHWM: ru_maxrss would carry the parent's over exec);
- rows/s for the .xlsx (archive inspection + calamine + checks + Parquet).
Targets (issue 18): >= 1,000,000 rows/s and <= 3x the plain read; < 512 MiB at 5,000,000 rows;
.xlsx >= 100,000 rows/s; GBK and BOM as fast as UTF-8. Nothing is asserted.
The machine load is printed too: other work on a 2-core machine moves these figures a lot.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from gongzhi.exchange.validation import load_spec, synthetic, validate_file  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import emit  # noqa: E402

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


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(path: Path, spec, out: Path, threads: int) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds, result) of one `validate_file`."""
    before, started = cpu(), time.perf_counter()
    result = validate_file(
        path, spec, period="2025-06", submission_id=1, out_dir=out, settings=Settings(threads=threads)
    )
    elapsed, used = time.perf_counter() - started, cpu() - before
    if result.status not in ("accepted", "partial") or result.file_errors:
        raise SystemExit(f"unexpected result: {result.status} {result.file_errors} {result.errors[:3]}")
    return elapsed, used, result


def plain_read(path: Path, threads: int, encoding: str) -> tuple[float, float, int]:
    """The anchor: DuckDB reading the same file into Arrow, every column as text (GBK, which
    DuckDB cannot read without a downloaded extension: pyarrow's CSV reader, transcoding)."""
    import duckdb
    import pyarrow as pa
    import pyarrow.csv as pacsv

    before, started = cpu(), time.perf_counter()
    if encoding == "gbk":
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(encoding="gb18030"),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(synthetic.BENCH_HEADERS, pa.string())
            ),
        )
    else:
        con = duckdb.connect(config={"threads": threads})
        table = con.sql(f"SELECT * FROM read_csv('{path}', all_varchar = true)").to_arrow_table()
        con.close()
    rows = table.num_rows
    del table
    return time.perf_counter() - started, cpu() - before, rows


def spread(values: list[float]) -> str:
    return f"best {min(values):.2f} / median {statistics.median(values):.2f} / worst {max(values):.2f}"


ENCODINGS = {"utf-8": "utf-8", "bom": "utf-8-sig", "gbk": "gbk"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--big-rows", type=int, default=5_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--bad-share", type=float, default=0.03, help="share of rows with one error each")
    parser.add_argument("--encoding", nargs="+", choices=list(ENCODINGS), default=["utf-8"])
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    spec = load_spec(synthetic.BENCH_SPEC_YAML)
    work = Path(tempfile.mkdtemp(prefix="gongzhi-bench-validate-"))
    try:
        print(load())
        for encoding in args.encoding if args.rows else []:
            csv_path = work / f"rows-{encoding}.csv"
            started = time.perf_counter()
            synthetic.write_bench_csv(
                csv_path, args.rows, encoding=ENCODINGS[encoding], bad_share=args.bad_share
            )
            print(
                f"generated {args.rows:,} rows, {encoding} ({csv_path.stat().st_size / 2**20:.0f} MiB, "
                f"{args.bad_share:.0%} bad rows) in {time.perf_counter() - started:.1f} s"
            )
            engine_wall, engine_cpu, read_wall, read_cpu = [], [], [], []
            for attempt in range(args.repeat):
                out = work / f"out{attempt}"
                seconds, used, result = timed(csv_path, spec, out, args.threads)
                read_seconds, read_used, read_rows = plain_read(csv_path, args.threads, encoding)
                engine_wall.append(seconds)
                engine_cpu.append(used)
                read_wall.append(read_seconds)
                read_cpu.append(read_used)
                print(
                    f"  run {attempt + 1}: engine {seconds:.2f} s (CPU {used:.2f} s), "
                    f"{result.rows / seconds:,.0f} rows/s, {result.accepted:,} accepted, "
                    f"{result.error_rows:,} quarantined; plain read {read_seconds:.2f} s (CPU {read_used:.2f} s), "
                    f"ratio {seconds / read_seconds:.1f}x  ({load()})"
                )
                assert read_rows == result.rows, (read_rows, result.rows)
                shutil.rmtree(out, ignore_errors=True)
            ratios = [e / r for e, r in zip(engine_wall, read_wall, strict=True)]
            print(
                f"CSV {encoding} {args.rows:,} rows x 12 columns -> Parquet: engine {spread(engine_wall)} s "
                f"(best {args.rows / min(engine_wall):,.0f}, median {args.rows / statistics.median(engine_wall):,.0f} rows/s), "
                f"CPU {spread(engine_cpu)} s"
            )
            print(
                f"  plain DuckDB read into Arrow: {spread(read_wall)} s, CPU {spread(read_cpu)} s; "
                f"ratio engine/read per round {spread(ratios)}x"
            )
            rates = [args.rows / t for t in engine_wall]
            emit(
                f"ingest {args.rows / 1e6:g}M rows × 12 columns, {encoding}, {args.bad_share:.0%} bad (rows/s)",
                statistics.median(rates),
                "rows/s",
                target="≥ 1,000,000 rows/s",
                met=statistics.median(rates) >= 1_000_000,
                runs=rates,
                higher_is_better=True,
            )
            emit(
                f"ingest {args.rows / 1e6:g}M rows, {encoding}: engine time",
                statistics.median(engine_wall),
                "s",
                anchor="DuckDB's plain read into Arrow" + (" (pyarrow for GBK)" if encoding == "gbk" else ""),
                anchor_value=statistics.median(read_wall),
                target="≤ 3× the plain read",
                met=statistics.median(ratios) <= 3,
                runs=engine_wall,
            )
            csv_path.unlink()

        if args.big_rows:
            big = work / "big.csv"
            synthetic.write_bench_csv(big, args.big_rows, bad_share=args.bad_share)
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
            emit(
                f"ingest {figures['rows'] / 1e6:g}M rows: peak memory",
                figures["peak_rss_mib"],
                "MiB",
                target="< 512 MiB",
                met=figures["peak_rss_mib"] < 512,
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
            walls, cpus = [], []
            for attempt in range(args.repeat):
                seconds, used, _ = timed(xlsx, spec, work / f"xout{attempt}", args.threads)
                walls.append(seconds)
                cpus.append(used)
                print(f"  XLSX run {attempt + 1}: {seconds:.2f} s (CPU {used:.2f} s)  ({load()})")
                shutil.rmtree(work / f"xout{attempt}", ignore_errors=True)
            print(
                f"XLSX {args.xlsx_rows:,} rows -> Parquet: {spread(walls)} s "
                f"(best {args.xlsx_rows / min(walls):,.0f}, median {args.xlsx_rows / statistics.median(walls):,.0f} rows/s), "
                f"CPU {spread(cpus)} s"
            )
            rates = [args.xlsx_rows / t for t in walls]
            emit(
                f"ingest {args.xlsx_rows:,}-row .xlsx (rows/s)",
                statistics.median(rates),
                "rows/s",
                target="≥ 100,000 rows/s",
                met=statistics.median(rates) >= 100_000,
                runs=rates,
                higher_is_better=True,
            )
    finally:
        if args.keep:
            print(f"files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
