"""Time the nine tax-risk rules on about 5 million rows: through the engine, and by hand.

Generates synthetic data for 100,000 taxpayers (about 5,000,000 rows, one Parquet file per
submission) in a temporary directory, then runs, each in a fresh process started from this
light parent (so that each peak memory figure is that process's own):

- the engine: `run_rules(load_rules(), datasets)` on DuckDB — one in-memory database, views
  over the Parquet files, checked rules, bound parameters;
- the same nine rules written by hand as plain DuckDB SQL over the same Parquet files: the
  fair anchor of `bench_rules_anchor.py` (literals instead of parameters, no checks; the
  replaced rows of each dataset with a key found once into a small table and left out with an
  anti-join, then the nine queries run). `bench_rules_anchor.py` runs the two interleaved in
  one process and reports CPU seconds too; this one gives each its own process (peak memory).

Both must return the same leads, equal to the generator's expected leads. Reports seconds
per rule, totals (best of --repeat), peak memory (resource.getrusage ru_maxrss) and the
targets: the engine under 5 s, and within 2x of the hand-written SQL. Run by hand:

    PYTHONPATH=src .venv/bin/python bench/bench_taxrisk.py [--taxpayers 100000] [--repeat 3] [--spark]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from _report import emit  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _dump(leads) -> list:
    return [
        [
            x.rule,
            x.uscc,
            x.person,
            x.period,
            None if x.tax_at_risk is None else str(x.tax_at_risk),
            None if x.amount is None else str(x.amount),
            [[e.dataset, e.submission, e.row] for e in x.evidence],
        ]
        for x in leads
    ]


def _manifest(work: Path) -> dict:
    return json.loads((work / "manifest.json").read_text("utf-8"))


def child_generate(work: Path, taxpayers: int, seed: int) -> dict:
    from gongzhi.demo.taxrisk_data import generate

    start = time.perf_counter()
    data = generate(work / "data", taxpayers=taxpayers, seed=seed)
    seconds = time.perf_counter() - start
    manifest = {
        "datasets": {k: [str(p) for p in v] for k, v in data.datasets.items()},
        "rows": data.rows,
        "copies": data.copies,
        "expected": _dump(data.expected),
    }
    (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return {"seconds": seconds, "peak_mb": _peak_mb()}


def _tables() -> dict:
    """The datasets' tables from the demo demand list (the one schema)."""
    from gongzhi.exchange.tables import tables_from_catalog

    return tables_from_catalog(ROOT / "src/gongzhi/exchange/data/demo_catalog.yaml")


def child_engine(work: Path, repeat: int) -> dict:
    from gongzhi.exchange.tables import sources_from_files
    from gongzhi.taxrisk.engine import load_rules, run_rules

    datasets = sources_from_files(_tables(), _manifest(work)["datasets"])
    rules = load_rules()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run_rules(rules, datasets)
        runs.append((time.perf_counter() - start, result))
    total, best = min(runs, key=lambda r: r[0])
    return {
        "total": total,
        "totals": [t for t, _ in runs],
        "setup": best.setup_seconds,
        "seconds": best.seconds,
        "errors": best.errors,
        "leads": _dump(best.leads),
        "peak_mb": _peak_mb(),
    }


def child_spark(work: Path, repeat: int) -> dict:
    """The same rules on Spark (local, one session for all runs; its start is timed apart)."""
    from gongzhi.exchange.tables import sources_from_files
    from gongzhi.taxrisk.engine import load_rules, run_rules

    datasets = sources_from_files(_tables(), _manifest(work)["datasets"])
    rules = load_rules()
    start = time.perf_counter()
    from gongzhi.taxrisk.engine.spark_runner import spark_session

    spark_session()  # the JVM and the session, once
    started = time.perf_counter() - start
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run_rules(rules, datasets, engine="spark")
        runs.append((time.perf_counter() - start, result))
    total, best = min(runs, key=lambda r: r[0])
    return {
        "total": total,
        "totals": [t for t, _ in runs],
        "start": started,
        "leads": _dump(best.leads),
        "errors": best.errors,
    }


def child_hand(work: Path, repeat: int) -> dict:
    from bench_rules_anchor import ANCHOR_SQL, _open

    from gongzhi.taxrisk.engine import load_rules
    from gongzhi.taxrisk.engine.results import leads_from_rows

    datasets = _manifest(work)["datasets"]
    rules = {r.code: r for r in load_rules()}
    tables = _tables()
    keys = {name: tables[name].key for name in datasets if tables[name].key}
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        con = _open(datasets, keys, None)
        setup = time.perf_counter() - start
        seconds, leads = {}, []
        for code, sql in ANCHOR_SQL.items():
            begin = time.perf_counter()
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description]
            rows = [{"person": None, **dict(zip(columns, r, strict=True))} for r in cursor.fetchall()]
            seconds[code] = time.perf_counter() - begin
            leads.extend(leads_from_rows(rules[code], rows))
        runs.append((time.perf_counter() - start, setup, seconds, leads))
        con.close()
    total, setup, seconds, leads = min(runs, key=lambda r: r[0])
    return {
        "total": total,
        "totals": [r[0] for r in runs],
        "setup": setup,
        "seconds": seconds,
        "leads": _dump(leads),
        "peak_mb": _peak_mb(),
    }


def _child(step: str, work: Path, *args: object) -> dict:
    """Run one step in a fresh Python process; its JSON answer is the last line it prints."""
    command = [sys.executable, __file__, "--child", step, "--work", str(work), *[str(a) for a in args]]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--taxpayers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20230810)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spark", action="store_true", help="also run the rules on Spark (local)")
    parser.add_argument("--child", choices=["generate", "engine", "hand", "spark"], help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("values", nargs="*", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        steps = {"generate": child_generate, "engine": child_engine, "hand": child_hand, "spark": child_spark}
        print(json.dumps(steps[args.child](args.work, *args.values)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-taxrisk-") as tmp:
        work = Path(tmp)
        generated = _child("generate", work, args.taxpayers, args.seed)
        manifest = _manifest(work)
        engine = _child("engine", work, args.repeat)
        hand = _child("hand", work, args.repeat)
        spark = _child("spark", work, args.repeat) if args.spark else None
        # the same data, engine and anchors interleaved in one process (CPU seconds too)
        runs = str(max(args.repeat, 3))
        anchored = subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "bench_rules_anchor.py"),
                "--work",
                str(work),
                "--runs",
                runs,
            ],
            capture_output=True,
            text=True,
        )

    rows = manifest["rows"]
    files = sum(len(p) for p in manifest["datasets"].values())
    print(
        f"synthetic data: {sum(rows.values()):,} rows in {files} Parquet files, {generated['seconds']:.1f} s, "
        f"peak {generated['peak_mb']:.0f} MB ({args.taxpayers:,} taxpayers, {manifest['copies']} scenario "
        f"copies, {len(manifest['expected'])} expected leads)"
    )
    for name, count in rows.items():
        print(f"  {name:<20} {count:>10,}")
    print(f"\n{'rule':<8}{'engine s':>10}{'hand s':>10}")
    print(f"{'setup':<8}{engine['setup']:>10.3f}{hand['setup']:>10.3f}")
    for code in sorted(engine["seconds"]):
        print(f"{code:<8}{engine['seconds'][code]:>10.3f}{hand['seconds'][code]:>10.3f}")
    print(f"{'total':<8}{engine['total']:>10.3f}{hand['total']:>10.3f}   (best of {args.repeat}, wall clock)")
    print(
        f"runs: engine {', '.join(f'{t:.2f}' for t in engine['totals'])}; "
        f"hand {', '.join(f'{t:.2f}' for t in hand['totals'])}"
    )
    print(
        f"peak memory (ru_maxrss): engine {engine['peak_mb']:.0f} MB, hand-written {hand['peak_mb']:.0f} MB"
    )

    same = engine["leads"] == hand["leads"]
    expected = engine["leads"] == manifest["expected"]
    ratio = engine["total"] / hand["total"]
    print(
        f"\nleads: {len(engine['leads'])}; engine = hand-written: {same}; engine = expected: {expected}; "
        f"errors: {engine['errors'] or 'none'}"
    )
    print(f"target engine < 5 s: {'PASS' if engine['total'] < 5 else 'FAIL'} ({engine['total']:.2f} s)")
    print(f"target engine within 2x of hand-written: {'PASS' if ratio <= 2 else 'FAIL'} ({ratio:.2f}x)")
    emit(
        f"rules: nine rules over {sum(rows.values()) / 1e6:.1f}M rows, engine in its own process (wall)",
        engine["total"],
        "s",
        anchor="hand-written DuckDB SQL, own process (wall)",
        anchor_value=hand["total"],
        target="< 5 s",
        met=engine["total"] < 5,
        runs=engine["totals"],
    )
    spark_same = True
    if spark is not None:
        spark_same = spark["leads"] == engine["leads"]
        print(
            f"Spark (local): start {spark['start']:.1f} s, runs {', '.join(f'{t:.2f}' for t in spark['totals'])}; "
            f"leads = DuckDB engine: {spark_same}; errors: {spark['errors'] or 'none'}"
        )
        emit(
            f"rules on Spark (local, {os.cpu_count()} cores), session started (wall)",
            spark["total"],
            "s",
            anchor="the engine on DuckDB (wall)",
            anchor_value=engine["total"],
            target="same leads as DuckDB",
            met=spark_same,
            runs=spark["totals"],
        )
    print("\n--- bench_rules_anchor.py on the same data ---")
    print(anchored.stdout, end="")
    if anchored.returncode:
        print(anchored.stderr, end="")
    return (
        0
        if same and spark_same and expected and engine["total"] < 5 and ratio <= 2 and not anchored.returncode
        else 1
    )


if __name__ == "__main__":
    raise SystemExit(main())
