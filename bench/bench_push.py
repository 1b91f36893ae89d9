"""Time the policy-push rules P01-P03 through the engine (DuckDB), as campaigns and take-up checks
run them, on the tax-risk synthetic data plus a synthetic `cit_annual` (one 2025 return per
taxpayer). Both directions: `claimed = false` (a campaign's candidates) and `claimed = true` (the
take-up check). Run by hand:

    PYTHONPATH=src .venv/bin/python bench/bench_push.py [--taxpayers 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
from _report import emit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taxpayers", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import duckdb

    from gongzhi.demo.taxrisk_data import generate
    from gongzhi.exchange.tables import sources_from_files, tables_from_catalog
    from gongzhi.taxrisk.engine import load_rules, run_rules

    catalog = ROOT / "src/gongzhi/exchange/data/demo_catalog.yaml"
    tables = tables_from_catalog(catalog)
    with tempfile.TemporaryDirectory() as tmp:
        data = generate(Path(tmp) / "data", taxpayers=args.taxpayers, seed=2023)
        cit = Path(tmp) / "cit_annual.parquet"
        registry = ", ".join(f"'{p}'" for p in data.datasets["taxpayer"])
        duckdb.sql(
            f"""COPY (
                SELECT uscc, 2025::BIGINT AS tax_year,
                    (hash(uscc || 'h') % 600)::BIGINT AS headcount,
                    ((hash(uscc || 'a') % 900000) / 100.0)::DECIMAL(18, 2) AS total_assets,
                    ((hash(uscc || 'i') % 500000000) / 100.0)::DECIMAL(18, 2) AS taxable_income,
                    hash(uscc || 'c') % 3 = 0 AS small_low_profit,
                    CASE WHEN hash(uscc || 'r') % 4 = 0 THEN ((hash(uscc || 'x') % 100000000) / 100.0) END
                        ::DECIMAL(18, 2) AS rd_expense,
                    CASE WHEN hash(uscc || 'd') % 2 = 0 THEN 1000 END::DECIMAL(18, 2) AS rd_deduction,
                    1::BIGINT AS _submission_id, (row_number() OVER ())::BIGINT + 1 AS _source_row
                FROM (SELECT DISTINCT uscc FROM read_parquet([{registry}]))
            ) TO '{cit}' (FORMAT PARQUET)"""
        )
        files = {**data.datasets, "cit_annual": [cit]}
        sources = sources_from_files(tables, {k: v for k, v in files.items() if k in tables})
        rules = load_rules(ROOT / "src/gongzhi/credit/push_rules")
        print(f"{args.taxpayers} taxpayers, {data.total_rows + args.taxpayers} rows")
        for claimed in (False, True):
            override = {r.code: {"claimed": claimed} for r in rules}
            best: dict[str, float] = {}
            counts: dict[str, int] = {}
            for _ in range(args.repeat):
                start = time.perf_counter()
                result = run_rules(rules, sources, override)
                total = time.perf_counter() - start
                assert not result.errors, result.errors
                for code, seconds in result.seconds.items():
                    best[code] = min(best.get(code, seconds), seconds)
                best["total"] = min(best.get("total", total), total)
                counts = {code: len(leads) for code, leads in result.by_rule().items()}
            label = "take-up (claimed = true)" if claimed else "campaign (claimed = false)"
            print(label)
            for code in sorted(c for c in best if c != "total"):
                print(f"  {code}: {best[code]:.3f} s, {counts.get(code, 0)} rows")
            print(f"  all three incl. setup: {best['total']:.3f} s (best of {args.repeat})")
            emit(f"push rules, {label.strip(':')}", best["total"], "s")


if __name__ == "__main__":
    main()
