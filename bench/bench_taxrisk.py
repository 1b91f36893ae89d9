"""Time the nine tax-risk rules on about 5 million rows: through the engine, and by hand.

Generates synthetic data for 100,000 taxpayers (about 5,000,000 rows, one Parquet file per
submission) in a temporary directory, then runs, each in a fresh process started from this
light parent (so that each peak memory figure is that process's own):

- the engine: `run_rules(load_rules(), datasets)` on DuckDB — one in-memory database, views
  over the Parquet files, checked rules, bound parameters;
- the same nine rules written by hand as plain DuckDB SQL over the same Parquet files
  (literals instead of parameters, no checks; the current row of each key is materialised
  once into a temp table, then the nine queries run).

Both must return the same leads, equal to the generator's expected leads. Reports seconds
per rule, totals (best of --repeat), peak memory (resource.getrusage ru_maxrss) and the
targets: the engine under 5 s, and within 2x of the hand-written SQL. Run by hand:

    PYTHONPATH=src .venv/bin/python bench/bench_taxrisk.py [--taxpayers 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

HAND_SQL = {
    "R01": """
        WITH deals AS (
            SELECT seller_uscc AS uscc, strftime(deal_date, '%Y-%m') AS period,
                   year(deal_date) * 12 + month(deal_date) AS m, price, _submission_id, _source_row
            FROM real_estate_tx WHERE nullif(seller_uscc, '') IS NOT NULL
        ), paid AS (
            SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS m FROM tax_paid
            WHERE tax_type IN ('增值税', '土地增值税') AND uscc IN (SELECT uscc FROM deals)
        )
        SELECT 'R01' AS rule, uscc, NULL::VARCHAR AS person, period,
               round(sum(price) * 0.05, 2)::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'real_estate_tx', 'submission': _submission_id, 'row': _source_row}) AS evidence
        FROM deals AS d
        WHERE NOT EXISTS (SELECT 1 FROM paid AS p WHERE p.uscc = d.uscc AND p.m BETWEEN d.m AND d.m + 3)
        GROUP BY uscc, period""",
    "R02": """
        WITH deals AS (
            SELECT buyer_uscc AS uscc, strftime(deal_date, '%Y-%m') AS period,
                   year(deal_date) * 12 + month(deal_date) AS m, price, _submission_id, _source_row
            FROM real_estate_tx WHERE nullif(buyer_uscc, '') IS NOT NULL
        ), paid AS (
            SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS m FROM tax_paid
            WHERE tax_type = '契税' AND uscc IN (SELECT uscc FROM deals)
        )
        SELECT 'R02' AS rule, uscc, NULL::VARCHAR AS person, period,
               round(sum(price) * 0.03, 2)::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'real_estate_tx', 'submission': _submission_id, 'row': _source_row}) AS evidence
        FROM deals AS d
        WHERE NOT EXISTS (SELECT 1 FROM paid AS p WHERE p.uscc = d.uscc AND p.m BETWEEN d.m AND d.m + 3)
        GROUP BY uscc, period""",
    "R03": """
        SELECT 'R03' AS rule, p.builder_uscc AS uscc, NULL::VARCHAR AS person,
               strftime(p.issue_date, '%Y-%m') AS period,
               round(sum(p.contract_amount) * 0.01, 2)::DECIMAL(18, 2) AS tax_at_risk,
               NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'construction_permit', 'submission': p._submission_id, 'row': p._source_row})
               || coalesce(list({'dataset': 'taxpayer', 'submission': t._submission_id, 'row': t._source_row})
                           FILTER (WHERE t._submission_id IS NOT NULL), []) AS evidence
        FROM construction_permit AS p LEFT JOIN taxpayer AS t ON t.uscc = p.builder_uscc
        WHERE nullif(p.builder_uscc, '') IS NOT NULL AND (t.uscc IS NULL OR t.status = '注销')
        GROUP BY 2, 4""",
    "R04": """
        WITH permits AS (
            SELECT p.builder_uscc AS uscc, strftime(p.issue_date, '%Y-%m') AS period,
                   year(p.issue_date) * 12 + month(p.issue_date) AS m, p.contract_amount,
                   p._submission_id, p._source_row
            FROM construction_permit AS p JOIN taxpayer AS t ON t.uscc = p.builder_uscc
            WHERE coalesce(t.status, '') <> '注销'
        ), paid AS (
            SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS m FROM tax_paid
            WHERE tax_type = '增值税' AND uscc IN (SELECT uscc FROM permits)
        )
        SELECT 'R04' AS rule, uscc, NULL::VARCHAR AS person, period,
               round(sum(contract_amount) * 0.03, 2)::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'construction_permit', 'submission': _submission_id, 'row': _source_row}) AS evidence
        FROM permits AS d
        WHERE NOT EXISTS (SELECT 1 FROM paid AS p WHERE p.uscc = d.uscc AND p.m BETWEEN d.m AND d.m + 11)
        GROUP BY uscc, period""",
    "R05": """
        WITH land AS (
            SELECT buyer_uscc AS uscc, strftime(contract_date, '%Y-%m') AS period,
                   year(contract_date) * 12 + month(contract_date) AS m, price, _submission_id, _source_row
            FROM land_supply WHERE nullif(buyer_uscc, '') IS NOT NULL
        ), paid AS (
            SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS m FROM tax_paid
            WHERE tax_type = '契税' AND uscc IN (SELECT uscc FROM land)
        )
        SELECT 'R05' AS rule, uscc, NULL::VARCHAR AS person, period,
               round(sum(price) * 0.03, 2)::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'land_supply', 'submission': _submission_id, 'row': _source_row}) AS evidence
        FROM land AS d
        WHERE NOT EXISTS (SELECT 1 FROM paid AS p WHERE p.uscc = d.uscc AND p.m BETWEEN d.m AND d.m + 3)
        GROUP BY uscc, period""",
    "R06": """
        WITH base AS (
            SELECT d.uscc, d.period, t.industry_code, d.revenue, e.kwh,
                   d._submission_id AS ds, d._source_row AS dr, e._submission_id AS es, e._source_row AS er,
                   (d.revenue * 100)::HUGEINT AS rc, (e.kwh * 10000)::HUGEINT AS ku
            FROM declaration AS d
            JOIN electricity AS e USING (uscc, period)
            JOIN taxpayer AS t USING (uscc)
            WHERE d.revenue IS NOT NULL AND e.kwh > 0 AND t.industry_code IS NOT NULL
        ), pairs AS (
            SELECT *, CASE WHEN rc >= ku * 40000 THEN 4000000000000000000
                           ELSE rc * 100000000000000 // ku END::BIGINT AS q
            FROM base
        ), ranked AS (
            SELECT industry_code, period, q, count(*) OVER w AS n, row_number() OVER (w ORDER BY q, uscc) AS pos
            FROM pairs WINDOW w AS (PARTITION BY industry_code, period)
        ), medians AS (
            SELECT industry_code, period, min(q) + max(q) AS m2 FROM ranked
            WHERE n >= 5 AND pos IN ((n + 1) // 2, (n + 2) // 2) GROUP BY ALL
        )
        SELECT 'R06' AS rule, uscc, NULL::VARCHAR AS person, period,
               round((m2::DECIMAL(20, 0) * kwh * '0.0000000000005'::DECIMAL(13, 13) - revenue) * 0.13, 2)
                   ::DECIMAL(18, 2) AS tax_at_risk,
               NULL::DECIMAL(18, 2) AS amount,
               [{'dataset': 'declaration', 'submission': ds, 'row': dr},
                {'dataset': 'electricity', 'submission': es, 'row': er}] AS evidence
        FROM pairs JOIN medians USING (industry_code, period)
        WHERE kwh > 10000 AND q::DECIMAL(20, 0) * 2 < 0.30 * m2::DECIMAL(20, 0)""",
    "R07": """
        SELECT 'R07' AS rule, l.uscc, NULL::VARCHAR AS person, l.period,
               round((l.room_nights * l.avg_price - coalesce(d.revenue, 0)) * 0.06, 2)::DECIMAL(18, 2) AS tax_at_risk,
               NULL::DECIMAL(18, 2) AS amount,
               CASE WHEN d._submission_id IS NULL
                    THEN [{'dataset': 'lodging', 'submission': l._submission_id, 'row': l._source_row}]
                    ELSE [{'dataset': 'lodging', 'submission': l._submission_id, 'row': l._source_row},
                          {'dataset': 'declaration', 'submission': d._submission_id, 'row': d._source_row}]
               END AS evidence
        FROM lodging AS l LEFT JOIN declaration AS d USING (uscc, period)
        WHERE l.room_nights * l.avg_price > coalesce(d.revenue, 0) * 1.5""",
    "R08": """
        SELECT 'R08' AS rule, d.uscc, NULL::VARCHAR AS person, d.period,
               NULL::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               [{'dataset': 'declaration', 'submission': d._submission_id, 'row': d._source_row}]
               || CASE WHEN e._submission_id IS NULL THEN [] ELSE
                      [{'dataset': 'electricity', 'submission': e._submission_id, 'row': e._source_row}] END
               || CASE WHEN l._submission_id IS NULL THEN [] ELSE
                      [{'dataset': 'lodging', 'submission': l._submission_id, 'row': l._source_row}] END AS evidence
        FROM declaration AS d
        LEFT JOIN electricity AS e ON e.uscc = d.uscc AND e.period = d.period AND e.kwh > 5000
        LEFT JOIN lodging AS l ON l.uscc = d.uscc AND l.period = d.period AND l.room_nights > 0
        WHERE d.zero_declared AND (e.uscc IS NOT NULL OR l.uscc IS NOT NULL)""",
    "R09": """
        SELECT 'R09' AS rule, s.uscc, NULL::VARCHAR AS person, strftime(s.pay_date, '%Y-%m') AS period,
               NULL::DECIMAL(18, 2) AS tax_at_risk, sum(s.amount)::DECIMAL(18, 2) AS amount,
               list({'dataset': 'subsidy', 'submission': s._submission_id, 'row': s._source_row})
               || [{'dataset': 'taxpayer', 'submission': any_value(t._submission_id),
                    'row': any_value(t._source_row)}] AS evidence
        FROM subsidy AS s JOIN taxpayer AS t USING (uscc)
        WHERE (t.credit_level = 'D' AND t.credit_year = year(s.pay_date)) OR t.status = '非正常'
        GROUP BY 2, 4""",
}


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


def child_hand(work: Path, repeat: int) -> dict:
    import duckdb

    from gongzhi.taxrisk.engine import load_rules
    from gongzhi.taxrisk.engine.results import leads_from_rows

    datasets = _manifest(work)["datasets"]
    rules = {r.code: r for r in load_rules()}
    tables = _tables()
    runs = []
    for _ in range(repeat):
        con = duckdb.connect(":memory:")
        con.execute("SET enable_progress_bar = false")
        start = time.perf_counter()
        for name, paths in datasets.items():
            files = "[" + ", ".join(f"'{p}'" for p in paths) + "]"
            source = f"SELECT * FROM read_parquet({files}, union_by_name = true)"
            if tables[name].key:
                key = ", ".join(tables[name].key)
                con.execute(
                    f"CREATE TEMP TABLE {name} AS {source} QUALIFY row_number() OVER "
                    f"(PARTITION BY {key} ORDER BY _submission_id DESC, _source_row DESC) = 1"
                )
            else:
                con.execute(f"CREATE TEMP VIEW {name} AS {source}")
        setup = time.perf_counter() - start
        seconds, leads = {}, []
        for code, sql in HAND_SQL.items():
            begin = time.perf_counter()
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description]
            rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
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
    parser.add_argument("--child", choices=["generate", "engine", "hand"], help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("values", nargs="*", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        steps = {"generate": child_generate, "engine": child_engine, "hand": child_hand}
        print(json.dumps(steps[args.child](args.work, *args.values)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-taxrisk-") as tmp:
        work = Path(tmp)
        generated = _child("generate", work, args.taxpayers, args.seed)
        manifest = _manifest(work)
        engine = _child("engine", work, args.repeat)
        hand = _child("hand", work, args.repeat)

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
    for code in HAND_SQL:
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
    return 0 if same and expected and engine["total"] < 5 and ratio <= 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
