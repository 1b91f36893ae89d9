"""The nine tax-risk rules: the engine against the fair hand-written DuckDB SQL, in one process.

The anchor is what a careful person would write by hand in plain DuckDB SQL over the SAME
Parquet files, returning what the engine returns:

- fair: the lead keys (rule, taxpayer, period), the tax at risk (or amount) as exact
  decimals and the evidence rows (dataset, submission, source row) of each lead, with the
  same current rows (per dataset with a key, the row of the latest submission replaces the
  earlier ones: the replaced rows are found once per run, in a small table, then left out
  with an anti-join) and the same '' = NULL reading of the text fields the rules test;
- keys-only: the same queries returning only (rule, taxpayer, period): DuckDB then drops
  the sums and the evidence lists.

Each of --runs rounds runs the engine (`run_rules(load_rules(), sources)`, everything a run
does: checks, views, current rows, the nine rules, leads as Python objects) twice — finding
the replaced rows itself, as the anchors do, and with them stored (`Source.store`, as the
warehouse runs it: the first run stores them, the others read them) — then the fair anchor
and the keys-only anchor, interleaved (the order rotates each round), each on a fresh
in-memory DuckDB; it reports wall and CPU seconds (the process's, DuckDB's threads
included: on a shared, noisy machine the CPU figure is the steadier one), best / median /
worst, and the ratios engine / fair and engine / keys-only. The anchor's leads must equal
the engine's (asserted), and both the generator's expected leads.

    PYTHONPATH=src .venv/bin/python bench/bench_rules_anchor.py [--taxpayers 100000] [--runs 5]
        [--work DIR: keep the synthetic data there and reuse it] [--threads N]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

# The rules with their parameters' default values as literals. Current rows come from the
# views made by `_open` (same names as the datasets).
ANCHOR_SQL = {
    "R01": """
        WITH deals AS (
            SELECT seller_uscc AS uscc, strftime(deal_date, '%Y-%m') AS period,
                   year(deal_date) * 12 + month(deal_date) AS m, price, _submission_id, _source_row
            FROM real_estate_tx WHERE nullif(seller_uscc, '') IS NOT NULL AND deal_date IS NOT NULL
        ), paid AS (
            SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS m FROM tax_paid
            WHERE tax_type IN ('增值税', '土地增值税') AND uscc IN (SELECT uscc FROM deals)
        )
        SELECT 'R01' AS rule, uscc, period,
               round(sum(price) * 0.05, 2)::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'real_estate_tx', 'submission': _submission_id, 'row': _source_row}) AS evidence
        FROM deals AS d
        WHERE NOT EXISTS (SELECT 1 FROM paid AS p WHERE p.uscc = d.uscc AND p.m BETWEEN d.m AND d.m + 3)
        GROUP BY uscc, period""",
    "R02": """
        WITH deals AS (
            SELECT buyer_uscc AS uscc, strftime(deal_date, '%Y-%m') AS period,
                   year(deal_date) * 12 + month(deal_date) AS m, price, _submission_id, _source_row
            FROM real_estate_tx WHERE nullif(buyer_uscc, '') IS NOT NULL AND deal_date IS NOT NULL
        ), paid AS (
            SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS m FROM tax_paid
            WHERE tax_type = '契税' AND uscc IN (SELECT uscc FROM deals)
        )
        SELECT 'R02' AS rule, uscc, period,
               round(sum(price) * 0.03, 2)::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'real_estate_tx', 'submission': _submission_id, 'row': _source_row}) AS evidence
        FROM deals AS d
        WHERE NOT EXISTS (SELECT 1 FROM paid AS p WHERE p.uscc = d.uscc AND p.m BETWEEN d.m AND d.m + 3)
        GROUP BY uscc, period""",
    "R03": """
        SELECT 'R03' AS rule, p.builder_uscc AS uscc, strftime(p.issue_date, '%Y-%m') AS period,
               round(sum(p.contract_amount) * 0.01, 2)::DECIMAL(18, 2) AS tax_at_risk,
               NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'construction_permit', 'submission': p._submission_id, 'row': p._source_row})
               || coalesce(list({'dataset': 'taxpayer', 'submission': t._submission_id, 'row': t._source_row})
                           FILTER (WHERE t._submission_id IS NOT NULL), []) AS evidence
        FROM construction_permit AS p LEFT JOIN taxpayer AS t ON t.uscc = p.builder_uscc
        WHERE nullif(p.builder_uscc, '') IS NOT NULL AND p.issue_date IS NOT NULL
            AND (t.uscc IS NULL OR t.status = '注销')
        GROUP BY 2, 3""",
    "R04": """
        WITH permits AS (
            SELECT p.builder_uscc AS uscc, strftime(p.issue_date, '%Y-%m') AS period,
                   year(p.issue_date) * 12 + month(p.issue_date) AS m, p.contract_amount,
                   p._submission_id, p._source_row
            FROM construction_permit AS p JOIN taxpayer AS t ON t.uscc = p.builder_uscc
            WHERE p.issue_date IS NOT NULL AND coalesce(t.status, '') <> '注销'
        ), paid AS (
            SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS m FROM tax_paid
            WHERE tax_type = '增值税' AND uscc IN (SELECT uscc FROM permits)
        )
        SELECT 'R04' AS rule, uscc, period,
               round(sum(contract_amount) * 0.03, 2)::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'construction_permit', 'submission': _submission_id, 'row': _source_row}) AS evidence
        FROM permits AS d
        WHERE NOT EXISTS (SELECT 1 FROM paid AS p WHERE p.uscc = d.uscc AND p.m BETWEEN d.m AND d.m + 11)
        GROUP BY uscc, period""",
    "R05": """
        WITH land AS (
            SELECT buyer_uscc AS uscc, strftime(contract_date, '%Y-%m') AS period,
                   year(contract_date) * 12 + month(contract_date) AS m, price, _submission_id, _source_row
            FROM land_supply WHERE nullif(buyer_uscc, '') IS NOT NULL AND contract_date IS NOT NULL
        ), paid AS (
            SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS m FROM tax_paid
            WHERE tax_type = '契税' AND uscc IN (SELECT uscc FROM land)
        )
        SELECT 'R05' AS rule, uscc, period,
               round(sum(price) * 0.03, 2)::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               list({'dataset': 'land_supply', 'submission': _submission_id, 'row': _source_row}) AS evidence
        FROM land AS d
        WHERE NOT EXISTS (SELECT 1 FROM paid AS p WHERE p.uscc = d.uscc AND p.m BETWEEN d.m AND d.m + 3)
        GROUP BY uscc, period""",
    # exact: revenue per kWh x 10^12 as an integer, the median doubled (sum of the two middle
    # values of the sorted ratios), industries with fewer than 5 companies that month skipped
    "R06": """
        WITH pairs AS (
            SELECT d.uscc, d.period, t.industry_code, d.revenue, e.kwh,
                   d._submission_id AS ds, d._source_row AS dr, e._submission_id AS es, e._source_row AS er,
                   CASE WHEN (d.revenue * 100)::HUGEINT >= (e.kwh * 10000)::HUGEINT * 40000
                        THEN 4000000000000000000
                        ELSE (d.revenue * 100)::HUGEINT * 100000000000000 // (e.kwh * 10000)::HUGEINT
                   END::BIGINT AS q
            FROM declaration AS d
            JOIN electricity AS e ON e.uscc = d.uscc AND e.period = d.period
            JOIN taxpayer AS t ON t.uscc = d.uscc
            WHERE d.revenue IS NOT NULL AND e.kwh > 0 AND nullif(t.industry_code, '') IS NOT NULL
        ), medians AS (
            SELECT industry_code, period, list_extract(s, ((n + 1) // 2)::INTEGER)
                   + list_extract(s, ((n + 2) // 2)::INTEGER) AS m2
            FROM (SELECT industry_code, period, count(*) AS n, list_sort(list(q)) AS s
                  FROM pairs GROUP BY ALL HAVING count(*) >= 5)
        )
        SELECT 'R06' AS rule, uscc, period,
               round((m2::DECIMAL(20, 0) * kwh * '0.0000000000005'::DECIMAL(13, 13) - revenue) * 0.13, 2)
                   ::DECIMAL(18, 2) AS tax_at_risk,
               NULL::DECIMAL(18, 2) AS amount,
               [{'dataset': 'declaration', 'submission': ds, 'row': dr},
                {'dataset': 'electricity', 'submission': es, 'row': er}] AS evidence
        FROM pairs JOIN medians USING (industry_code, period)
        WHERE kwh > 10000 AND q::DECIMAL(20, 0) * 2 < 0.30 * m2::DECIMAL(20, 0)""",
    "R07": """
        SELECT 'R07' AS rule, l.uscc, l.period,
               round((l.room_nights * l.avg_price - coalesce(d.revenue, 0)) * 0.06, 2)::DECIMAL(18, 2) AS tax_at_risk,
               NULL::DECIMAL(18, 2) AS amount,
               CASE WHEN d._submission_id IS NULL
                    THEN [{'dataset': 'lodging', 'submission': l._submission_id, 'row': l._source_row}]
                    ELSE [{'dataset': 'lodging', 'submission': l._submission_id, 'row': l._source_row},
                          {'dataset': 'declaration', 'submission': d._submission_id, 'row': d._source_row}]
               END AS evidence
        FROM lodging AS l LEFT JOIN declaration AS d ON d.uscc = l.uscc AND d.period = l.period
        WHERE nullif(l.uscc, '') IS NOT NULL AND nullif(l.period, '') IS NOT NULL
            AND l.room_nights * l.avg_price > coalesce(d.revenue, 0) * 1.5""",
    "R08": """
        SELECT 'R08' AS rule, d.uscc, d.period,
               NULL::DECIMAL(18, 2) AS tax_at_risk, NULL::DECIMAL(18, 2) AS amount,
               [{'dataset': 'declaration', 'submission': d._submission_id, 'row': d._source_row}]
               || CASE WHEN e._submission_id IS NULL THEN [] ELSE
                      [{'dataset': 'electricity', 'submission': e._submission_id, 'row': e._source_row}] END
               || CASE WHEN l._submission_id IS NULL THEN [] ELSE
                      [{'dataset': 'lodging', 'submission': l._submission_id, 'row': l._source_row}] END AS evidence
        FROM declaration AS d
        LEFT JOIN electricity AS e ON e.uscc = d.uscc AND e.period = d.period AND e.kwh > 5000
        LEFT JOIN lodging AS l ON l.uscc = d.uscc AND l.period = d.period AND l.room_nights > 0
        WHERE d.zero_declared AND nullif(d.uscc, '') IS NOT NULL AND nullif(d.period, '') IS NOT NULL
            AND (e.uscc IS NOT NULL OR l.uscc IS NOT NULL)""",
    "R09": """
        SELECT 'R09' AS rule, s.uscc, strftime(s.pay_date, '%Y-%m') AS period,
               NULL::DECIMAL(18, 2) AS tax_at_risk, sum(s.amount)::DECIMAL(18, 2) AS amount,
               list({'dataset': 'subsidy', 'submission': s._submission_id, 'row': s._source_row})
               || [{'dataset': 'taxpayer', 'submission': any_value(t._submission_id),
                    'row': any_value(t._source_row)}] AS evidence
        FROM subsidy AS s JOIN taxpayer AS t ON t.uscc = s.uscc
        WHERE nullif(s.uscc, '') IS NOT NULL AND s.pay_date IS NOT NULL
            AND ((upper(t.credit_level) = 'D' AND t.credit_year = year(s.pay_date)) OR t.status = '非正常')
        GROUP BY 2, 3""",
}
KEYS_SQL = {code: f"SELECT rule, uscc, period FROM ({sql}) AS fair" for code, sql in ANCHOR_SQL.items()}


def _open(datasets: dict[str, list[str]], keys: dict[str, tuple[str, ...]], threads: int | None):
    """One in-memory DuckDB with a view of the current rows of each dataset."""
    import duckdb

    con = duckdb.connect(":memory:", config={"threads": threads} if threads else {})
    con.execute("SET enable_progress_bar = false")
    for name, paths in datasets.items():
        files = f"read_parquet([{', '.join(repr(p) for p in paths)}])"
        key = keys.get(name)
        if not key:
            con.execute(f"CREATE TEMP VIEW {name} AS SELECT * FROM {files}")
            continue
        cols = ", ".join(key)
        complete = " AND ".join(f"nullif({k}::VARCHAR, '') IS NOT NULL" for k in key)
        con.execute(
            f"CREATE TEMP TABLE old_{name} AS SELECT _submission_id, _source_row FROM ("
            f"SELECT _submission_id, _source_row, row_number() OVER (PARTITION BY {cols} "
            f"ORDER BY _submission_id DESC, _source_row DESC) AS r FROM {files} "
            f"WHERE {complete} AND ({cols}) IN (SELECT ({cols}) FROM {files} GROUP BY ALL HAVING count(*) > 1)"
            f") WHERE r > 1"
        )
        con.execute(
            f"CREATE TEMP VIEW {name} AS SELECT * FROM {files} ANTI JOIN old_{name} USING (_submission_id, _source_row)"
        )
    return con


def run_anchor(datasets, keys, queries: dict[str, str], threads: int | None) -> list[tuple]:
    """The anchor's whole run: open, current rows, the queries; rows as DuckDB returns them."""
    con = _open(datasets, keys, threads)
    try:
        return [row for sql in queries.values() for row in con.execute(sql).fetchall()]
    finally:
        con.close()


def _money(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def canonical_anchor(rows: list[tuple]) -> list[tuple]:
    return sorted(
        (
            rule,
            uscc,
            period,
            _money(tax),
            _money(amount),
            tuple(sorted({(e["dataset"], e["submission"], e["row"]) for e in evidence})),
        )
        for rule, uscc, period, tax, amount, evidence in rows
    )


def canonical_leads(leads) -> list[tuple]:
    return sorted(
        (
            x.rule,
            x.uscc,
            x.period,
            _money(x.tax_at_risk),
            _money(x.amount),
            tuple((e.dataset, e.submission, e.row) for e in x.evidence),
        )
        for x in leads
    )


def _stats(values: list[float]) -> str:
    return f"{min(values):6.2f} {statistics.median(values):6.2f} {max(values):6.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--taxpayers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20230810)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: DuckDB's)")
    parser.add_argument("--work", type=Path, default=None, help="keep the synthetic data here (reused)")
    args = parser.parse_args()

    from bench_taxrisk import _dump, _tables, child_generate

    with tempfile.TemporaryDirectory(prefix="bench-rules-anchor-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if not (work / "manifest.json").exists():
            child_generate(work, args.taxpayers, args.seed)
        manifest = json.loads((work / "manifest.json").read_text("utf-8"))
        return _bench(args, manifest, _tables(), _dump)


def _bench(args, manifest: dict, tables: dict, dump) -> int:
    from _report import emit

    from gongzhi.exchange.tables import sources_from_files
    from gongzhi.taxrisk.engine import load_rules, run_rules

    datasets = manifest["datasets"]
    keys = {name: tables[name].key for name in datasets if tables[name].key}
    sources = sources_from_files(tables, datasets)
    store = Path(tempfile.mkdtemp(prefix="bench-rules-current-"))
    stored = {code: dataclasses.replace(s, store=store) for code, s in sources.items()}
    rules = load_rules()
    options = {"threads": args.threads} if args.threads else {}

    def engine(sources):
        result = run_rules(rules, sources, **options)
        assert not result.errors, result.errors
        return result.leads

    steps = {
        "engine": lambda: engine(sources),
        "stored": lambda: engine(stored),
        "fair": lambda: run_anchor(datasets, keys, ANCHOR_SQL, args.threads),
        "keys": lambda: run_anchor(datasets, keys, KEYS_SQL, args.threads),
    }
    wall: dict[str, list[float]] = {name: [] for name in steps}
    cpu: dict[str, list[float]] = {name: [] for name in steps}
    answers: dict[str, object] = {}
    order = list(steps)
    for run in range(args.runs):
        for name in order[run % len(order) :] + order[: run % len(order)]:
            start, cpu_start = time.perf_counter(), time.process_time()
            answers[name] = steps[name]()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - cpu_start)

    shutil.rmtree(store, ignore_errors=True)
    engine_leads = canonical_leads(answers["engine"])
    assert canonical_leads(answers["stored"]) == engine_leads, "stored current rows changed the leads"
    fair_leads = canonical_anchor(answers["fair"])
    keys = sorted(answers["keys"])
    expected = canonical_leads_from_dump(manifest["expected"])
    assert fair_leads == engine_leads, "the anchor's leads differ from the engine's"
    assert keys == [lead[:3] for lead in engine_leads], "the keys-only anchor's keys differ from the engine's"
    assert engine_leads == expected, "the engine's leads differ from the generator's expected leads"

    rows = sum(manifest["rows"].values())
    print(
        f"{rows:,} rows, {len(engine_leads)} leads (engine = fair anchor = keys-only keys = expected); "
        f"{args.runs} interleaved runs; DuckDB threads: {args.threads or 'default'}"
    )
    print(f"{'':<22}{'wall s: best median worst':>27}   {'CPU s: best median worst':>26}")
    labels = {
        "engine": "engine",
        "stored": "engine, stored rows",
        "fair": "fair anchor",
        "keys": "keys-only anchor",
    }
    for name, label in labels.items():
        print(f"{label:<22}{_stats(wall[name]):>27}   {_stats(cpu[name]):>26}")
    for engine_run in ("engine", "stored"):
        for anchor in ("fair", "keys"):
            w = [e / a for e, a in zip(wall[engine_run], wall[anchor], strict=True)]
            c = [e / a for e, a in zip(cpu[engine_run], cpu[anchor], strict=True)]
            label = f"{'stored' if engine_run == 'stored' else 'engine'} / {anchor}"
            print(f"{label:<22}{_stats(w):>27}   {_stats(c):>26}   (per run, x)")
    print(
        "engine: current rows found in every run, as the anchors do; stored rows: as the warehouse "
        "runs it, the replaced rows stored by the first run (included) and read by the others"
    )
    worst = max(
        statistics.median(clock[engine_run]) / statistics.median(clock["fair"])
        for engine_run in ("engine", "stored")
        for clock in (wall, cpu)
    )
    median = statistics.median
    for engine_run, how in (
        ("stored", "stored current rows, as the warehouse runs it"),
        ("engine", "current rows found each run"),
    ):
        emit(
            f"rules: engine, {how} (CPU)",
            median(cpu[engine_run]),
            "s",
            anchor="fair hand-written DuckDB SQL, same run (CPU)",
            anchor_value=median(cpu["fair"]),
            target="≤ 1.5× anchor",
            met=median(cpu[engine_run]) <= 1.5 * median(cpu["fair"]),
            runs=cpu[engine_run],
        )
    emit(
        "rules: engine, current rows found each run (wall)",
        median(wall["engine"]),
        "s",
        anchor="fair hand-written DuckDB SQL, same run (wall)",
        anchor_value=median(wall["fair"]),
        target="≤ 1.5× anchor",
        met=median(wall["engine"]) <= 1.5 * median(wall["fair"]),
        runs=wall["engine"],
    )
    emit(
        "rules: engine, stored current rows, against the keys-only SQL (CPU)",
        median(cpu["stored"]),
        "s",
        anchor="keys-only hand-written DuckDB SQL, same run (CPU)",
        anchor_value=median(cpu["keys"]),
        runs=cpu["stored"],
    )
    verdict = "PASS" if worst <= 1.5 else "FAIL"
    print(f"target engine <= 1.5x fair anchor (medians, wall and CPU): {verdict} ({worst:.2f}x at most)")
    return 0 if worst <= 1.5 else 1


def canonical_leads_from_dump(dumped: list) -> list[tuple]:
    return sorted(
        (rule, uscc, period, tax, amount, tuple(tuple(e) for e in evidence))
        for rule, uscc, person, period, tax, amount, evidence in dumped
    )


if __name__ == "__main__":
    raise SystemExit(main())
