"""Time the revenue cube's views on 5,000,000 tax_paid rows (run by hand; figures go in the issue
note, nothing is asserted but the totals).

Generates synthetic data (合成数据，虚构) in DuckDB straight into the warehouse's layout (one
Parquet file per submission with `_submission_id` and `_source_row`, as bench_taxrisk.py does):

- taxpayer: 100,000 taxpayers (GB/T 4754 codes, 9 towns, two kinds) in a full snapshot, and a
  later file that replaces 2,000 of them (so the current-row logic has work to do);
- tax_paid: 5,000,000 payments over 36 paid months (2023-01..2025-12), one file per month,
  amounts skewed (a few large taxpayers), DECIMAL(18, 2);
- declaration: the 40,000 general taxpayers' monthly declared revenue (1,440,000 rows).

Then opens the views exactly as the warehouse does (`exchange.tables.connect_duckdb` over the
demand list's tables, 2 threads, 512 MB — the warehouse's defaults), builds the pre-aggregated
cube from it once (`economy.cube_store.write_aggregate`: the cold build, timed) and times each
view `--runs` times on the warm path as a request runs it: a fresh in-memory DuckDB on the
aggregate plus the page's SQL (`cube._agg_*`, `structure.agg_structure`, `burden.sql_burden` on
the aggregate); a request adds the fingerprint/access queries and one audit entry (a few ms).
`--direct N` also times the old SQL on the whole warehouse and opening it (N runs). Prints p50/p95
per view; target p95 < 200 ms (warm). Checks that the totals, revenue by town and the structure
equal the warehouse's (and an independent DuckDB sum of the files) to the cent.

    .venv/bin/python bench/bench_economy_cube.py [--rows 5000000] [--taxpayers 100000] [--runs 20] [--direct 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TOWNS = [
    "丝绸路街道",
    "大街街道",
    "青年路街道",
    "永安街街道",
    "城北路街道",
    "北郊镇",
    "南郊镇",
    "王村镇",
    "萌水镇",
]
INDUSTRIES = [
    "A01", "C13", "C14", "C17", "C18", "C26", "C29", "C30", "C33", "C34", "C38", "D44", "E47", "E48", "E50",
    "F51", "F52", "G54", "H61", "H62", "I65", "J66", "K70", "L72", "M74", "O80", "P83", "Q84", "R88",
]  # fmt: skip
TAX_TYPES = [
    "增值税",
    "企业所得税",
    "个人所得税",
    "契税",
    "土地增值税",
    "房产税",
    "城镇土地使用税",
    "印花税",
    "城市维护建设税",
]
MONTHS = 36  # 2023-01 .. 2025-12


def _list(items: list[str]) -> str:
    return "[" + ", ".join(f"'{i}'" for i in items) + "]"


def generate(out: Path, rows: int, taxpayers: int) -> dict[str, list[Path]]:
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")
    con.execute("SELECT setseed(0.2023)")
    files: dict[str, list[Path]] = {"taxpayer": [], "tax_paid": [], "declaration": []}
    for name in files:
        (out / name).mkdir(parents=True, exist_ok=True)
    con.execute(
        f"""CREATE TABLE tp AS SELECT n,
              '91370306' || lpad(CAST(n AS VARCHAR), 10, '0') AS uscc,
              '合成企业' || lpad(CAST(n AS VARCHAR), 6, '0') || '有限公司（虚构）' AS name,
              list_extract({_list(INDUSTRIES)}, 1 + CAST(hash(n, 'i') % {len(INDUSTRIES)} AS INTEGER)) AS industry_code,
              list_extract({_list(TOWNS)}, 1 + CAST(hash(n, 't') % {len(TOWNS)} AS INTEGER)) AS town,
              CASE WHEN n % 5 < 2 THEN '一般纳税人' ELSE '小规模纳税人' END AS kind
            FROM range({taxpayers}) AS r(n)"""
    )
    snapshot = out / "taxpayer" / "1.parquet"
    con.execute(
        f"""COPY (SELECT uscc, name, industry_code, town, DATE '2015-01-01' AS reg_date, '正常' AS status, kind,
                   'B' AS credit_level, 2024 AS credit_year, 1 AS _submission_id, n + 2 AS _source_row
                 FROM tp ORDER BY n) TO '{snapshot}' (FORMAT parquet)"""
    )
    update = out / "taxpayer" / "2.parquet"  # a later file replaces 2,000 rows (town moved)
    con.execute(
        f"""COPY (SELECT uscc, name, industry_code, '萌水镇' AS town, DATE '2015-01-01' AS reg_date, '正常' AS status,
                   kind, 'A' AS credit_level, 2025 AS credit_year, 2 AS _submission_id,
                   row_number() OVER (ORDER BY n) + 1 AS _source_row
                 FROM tp WHERE n % 50 = 7) TO '{update}' (FORMAT parquet)"""
    )
    files["taxpayer"] = [snapshot, update]
    per_month = rows // MONTHS
    for m in range(MONTHS):
        path = out / "tax_paid" / f"{100 + m}.parquet"
        count = per_month + (rows - per_month * MONTHS if m == MONTHS - 1 else 0)
        # taxpayer skew: the square of a uniform number favours low numbers (large taxpayers)
        con.execute(
            f"""COPY (SELECT uscc, tax_type, period, amount, paid_date, {100 + m} AS _submission_id, i + 2 AS _source_row
                FROM (SELECT i,
                        '91370306' || lpad(CAST(CAST(floor(pow(random(), 2) * {taxpayers}) AS BIGINT) AS VARCHAR), 10, '0') AS uscc,
                        list_extract({_list(TAX_TYPES)}, 1 + CAST(floor(random() * {len(TAX_TYPES)}) AS INTEGER)) AS tax_type,
                        strftime(DATE '2023-01-01' + INTERVAL ({m} - 1) MONTH, '%Y-%m') AS period,
                        CAST(round(exp(random() * 9) + random() * 100, 2) AS DECIMAL(18, 2)) AS amount,
                        CAST(DATE '2023-01-01' + INTERVAL ({m}) MONTH + INTERVAL (CAST(floor(random() * 28) AS INTEGER)) DAY AS DATE) AS paid_date
                      FROM range({count}) AS r(i))) TO '{path}' (FORMAT parquet)"""
        )
        files["tax_paid"].append(path)
    general = con.execute("SELECT count(*) FROM tp WHERE kind = '一般纳税人'").fetchone()[0]
    for m in range(MONTHS):
        path = out / "declaration" / f"{200 + m}.parquet"
        con.execute(
            f"""COPY (SELECT uscc, strftime(DATE '2023-01-01' + INTERVAL ({m}) MONTH, '%Y-%m') AS period,
                       CAST(round(50000 + random() * 2000000, 2) AS DECIMAL(18, 2)) AS revenue, false AS zero_declared,
                       {200 + m} AS _submission_id, row_number() OVER (ORDER BY n) + 1 AS _source_row
                     FROM tp WHERE kind = '一般纳税人') TO '{path}' (FORMAT parquet)"""
        )
        files["declaration"].append(path)
    con.close()
    print(
        f"synthetic data (虚构): {taxpayers:,} taxpayers, {rows:,} tax_paid rows in {MONTHS} files, "
        f"{general * MONTHS:,} declaration rows"
    )
    return files


class _Reader:
    """What the cube's SQL functions need of a warehouse: `rows` and `scalar` on one connection."""

    def __init__(self, con):
        self.con = con

    def rows(self, sql, params=None):
        return self.con.execute(sql, params or []).fetchall()

    def scalar(self, sql, params=None):
        rows = self.con.execute(sql, params or []).fetchall()  # no unfinished result left behind
        return rows[0][0] if rows else None


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--taxpayers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--direct", type=int, default=0, help="also time the warehouse SQL this many runs")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    import django

    django.setup()
    import duckdb

    from gongzhi.economy import burden, cube, cube_store, structure
    from gongzhi.exchange.tables import connect_duckdb, sources_from_files, tables_from_catalog
    from gongzhi.exchange.warehouse import DEFAULT_MEMORY, DEFAULT_THREADS

    with tempfile.TemporaryDirectory(prefix="bench-economy-") as tmp:
        start = time.perf_counter()
        files = generate(Path(tmp), args.rows, args.taxpayers)
        print(f"generated in {time.perf_counter() - start:.1f} s")
        tables = tables_from_catalog(ROOT / "src/gongzhi/exchange/data/demo_catalog.yaml")
        sources = sources_from_files({k: tables[k] for k in files}, files)

        def open_lake():
            return connect_duckdb(sources.values(), threads=DEFAULT_THREADS, memory_limit=DEFAULT_MEMORY)

        period = "2025-06"
        first, last = cube.month_start("2024-01"), cube.month_last_day(period)

        def revenue_view(by):
            return lambda wh: cube.build_view(by, period, cube._sql_revenue(wh, by=by, start=first, end=last))

        def series(wh):
            cells = cube._sql_months(wh)
            return cube.months_between(cells[0].period, cells[-1].period)

        views = {
            "revenue by tax_type": revenue_view("tax_type"),
            "revenue by industry": revenue_view("industry"),
            "revenue by town": revenue_view("town"),
            "revenue by division": revenue_view("division"),
            "monthly_series (total)": series,
            "monthly_series (增值税)": lambda wh: cube._sql_months(wh, tax_type="增值税"),
            "structure (YTD, top-20 trend)": lambda wh: structure.sql_structure(
                wh, structure.Window(period), with_taxpayers=True
            ),
            "burden (3 years, outliers)": lambda wh: burden.sql_burden(wh, 2025, with_taxpayers=True),
        }
        lake = open_lake()
        reader = _Reader(lake.con)
        assert not lake.broken, lake.broken
        # exactness: the cube's total equals an independent sum of the files (the 2,000 replaced
        # registry rows do not touch tax_paid: every payment counts once)
        cube_total = sum(c.amount for c in cube._sql_months(reader))
        paths = ", ".join(f"'{p}'" for p in files["tax_paid"])
        direct = duckdb.connect().execute(f"SELECT sum(amount) FROM read_parquet([{paths}])").fetchone()[0]
        print(f"cube total {cube_total} = files {direct}: {cube_total == direct}")
        replaced = reader.scalar("SELECT count(*) FROM superseded_taxpayer")
        current = reader.scalar("SELECT count(*) FROM taxpayer")
        print(f"registry: {current:,} current rows, {replaced:,} replaced by the later file")

        results = {}
        if args.direct:  # the SQL on the whole warehouse (before the pre-aggregate)
            for name, view in views.items():
                view(reader)  # warm-up (file metadata, the registry's replaced rows)
                samples = []
                for _ in range(args.direct):
                    begin = time.perf_counter()
                    view(reader)
                    samples.append(time.perf_counter() - begin)
                results[f"direct: {name}"] = _ms(samples)
            opens = []
            for _ in range(args.direct):
                begin = time.perf_counter()
                open_lake().close()
                opens.append(time.perf_counter() - begin)
            results["direct: open warehouse"] = _ms(opens)

        # cold: build the aggregates once from the open warehouse (what cube_store.build does)
        store = Path(tmp) / "economy"
        built = {}
        for kind in ("cube", "burden"):
            begin = time.perf_counter()
            cube_store.write_aggregate(lake.con, kind, store / f"{kind}-bench")
            built[kind] = time.perf_counter() - begin
            size = sum(f.stat().st_size for f in (store / f"{kind}-bench").iterdir())
            print(f"cold build of the {kind} aggregate: {built[kind]:.2f} s, {size / 1e6:.1f} MB")
        lake.close()

        # warm: every run opens a fresh in-memory DuckDB on the aggregate, as a request does
        # (a request adds the fingerprint and access queries and one audit entry: a few ms)
        def warm(kind, view):
            def run():
                con = cube_store.connect_aggregate(kind, store / f"{kind}-bench")
                try:
                    return view(cube_store.Reader(con))
                finally:
                    con.close()

            return run

        def agg_view(by):
            return lambda agg: cube.build_view(
                by, period, cube._agg_revenue(agg, by=by, start=first, end=last)
            )

        warm_views = {
            "revenue by tax_type": warm("cube", agg_view("tax_type")),
            "revenue by industry": warm("cube", agg_view("industry")),
            "revenue by town": warm("cube", agg_view("town")),
            "revenue by division": warm("cube", agg_view("division")),
            "monthly_series (total)": warm("cube", lambda agg: cube._agg_months(agg)),
            "monthly_series (增值税)": warm("cube", lambda agg: cube._agg_months(agg, tax_type="增值税")),
            "latest month": warm("cube", lambda agg: agg.scalar("SELECT max(month) FROM cells")),
            "structure (YTD, top-20 trend)": warm(
                "cube",
                lambda agg: structure.agg_structure(agg, structure.Window(period), with_taxpayers=True),
            ),
            "burden (3 years, outliers)": warm(
                "burden",
                lambda agg: burden.sql_burden(
                    agg, 2025, with_taxpayers=True, per_sql=burden.AGG_PER_TAXPAYER
                ),
            ),
        }
        agg_total = sum(c.amount for c in warm_views["monthly_series (total)"]())
        print(f"aggregate total {agg_total} = files {direct}: {agg_total == direct}")
        check = cube_store.Reader(cube_store.connect_aggregate("cube", store / "cube-bench"))
        fresh = open_lake()
        same = cube._agg_revenue(check, by="town", start=first, end=last) == cube._sql_revenue(
            _Reader(fresh.con), by="town", start=first, end=last
        )
        same_structure = structure.agg_structure(
            check, structure.Window(period), with_taxpayers=True
        ) == structure.sql_structure(_Reader(fresh.con), structure.Window(period), with_taxpayers=True)
        fresh.close()
        check.con.close()
        print(f"revenue by town, structure: aggregate = warehouse: {same}, {same_structure}")
        for name, run in warm_views.items():
            run()
            samples = []
            for _ in range(args.runs):
                begin = time.perf_counter()
                run()
                samples.append(time.perf_counter() - begin)
            results[f"warm: {name}"] = _ms(samples)

    print(f"\n{'view':<44}{'p50 ms':>9}{'p95 ms':>9}   ({args.runs} runs each, {DEFAULT_THREADS} threads)")
    for name, (p50, p95) in results.items():
        flag = "" if p95 < 200 else "  over 200 ms"
        print(f"{name:<44}{p50:>9.1f}{p95:>9.1f}{flag}")
    worst = max(p95 for name, (_p50, p95) in results.items() if name.startswith("warm"))
    print(f"\ntarget p95 < 200 ms per view, warm: {'PASS' if worst < 200 else 'FAIL'} (worst {worst:.1f} ms)")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _report import emit

    on_warehouse = [
        p95 for name, (_p50, p95) in results.items() if name.startswith("direct: ") and "open" not in name
    ]
    emit(
        f"revenue cube, slowest warm view p95 ({args.rows:,} rows)",
        worst,
        "ms",
        anchor="the same views as SQL on the warehouse, slowest p95" if on_warehouse else "",
        anchor_value=max(on_warehouse) if on_warehouse else None,
        target="p95 < 200 ms",
        met=worst < 200,
    )
    return 0 if cube_total == direct == agg_total and same and same_structure else 1


if __name__ == "__main__":
    raise SystemExit(main())
