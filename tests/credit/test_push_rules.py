"""The policy-push rules P01-P03 on a handful of hand-made rows (DuckDB, pure engine): exactly who
is eligible and not enjoying the preference, the near-misses that are not, and the same rules with
`claimed = true` (how take-up is detected)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from gongzhi.credit.push import PUSH_RULES_DIR
from gongzhi.exchange.tables import sources_from_files, tables_from_catalog
from gongzhi.taxrisk.engine import Evidence, load_rules, run_rules

CATALOG = Path(__file__).resolve().parents[2] / "src/gongzhi/exchange/data/demo_catalog.yaml"
TABLES = tables_from_catalog(CATALOG)
DATASETS = ("cit_annual", "taxpayer", "declaration", "tax_paid")
SUBMISSION = {"cit_annual": 10, "taxpayer": 20, "declaration": 30, "tax_paid": 40}


def _arrow_type(sql_type: str) -> pa.DataType:
    if sql_type == "BIGINT":
        return pa.int64()
    if sql_type == "BOOLEAN":
        return pa.bool_()
    if sql_type == "DATE":
        return pa.date32()
    if match := re.match(r"DECIMAL\((\d+),\s*(\d+)\)", sql_type):
        return pa.decimal128(int(match.group(1)), int(match.group(2)))
    return pa.string()


def _value(value, type_: pa.DataType):
    if value is None:
        return None
    if pa.types.is_decimal(type_):
        return Decimal(str(value))
    if pa.types.is_date(type_):
        return dt.date.fromisoformat(value)
    return value


def seed(tmp_path: Path, **tables: list[dict]) -> dict:
    """Write the rows as Parquet submissions (a row may carry `_submission_id`); return sources."""
    files: dict[str, list[Path]] = {code: [] for code in DATASETS}
    for code, rows in tables.items():
        table = TABLES[code]
        schema = pa.schema([(c.name, _arrow_type(c.type)) for c in table.columns])
        by_submission: dict[int, list[dict]] = {}
        for row in rows:
            by_submission.setdefault(row.get("_submission_id", SUBMISSION[code]), []).append(row)
        (tmp_path / code).mkdir(parents=True, exist_ok=True)
        for submission, members in sorted(by_submission.items()):
            columns = {f.name: [_value(r.get(f.name), f.type) for r in members] for f in schema}
            data = pa.table(columns, schema=schema)
            data = data.append_column("_submission_id", pa.array([submission] * len(members), pa.int64()))
            data = data.append_column("_source_row", pa.array(range(2, len(members) + 2), pa.int64()))
            path = tmp_path / code / f"{submission}.parquet"
            pq.write_table(data, path)
            files[code].append(path)
    return sources_from_files(TABLES, files)


def run(code: str, sources: dict, **params) -> dict[tuple[str, str], tuple]:
    result = run_rules(load_rules(PUSH_RULES_DIR, codes=[code]), sources, {code: params} if params else None)
    assert result.errors == {}, result.errors
    return {(r.uscc, r.period): (r.tax_at_risk, r.amount, r.evidence) for r in result.leads}


def ev(dataset: str, row: int, submission: int | None = None) -> Evidence:
    return Evidence(dataset, SUBMISSION[dataset] if submission is None else submission, row)


def cit(uscc, year=2025, headcount=50, assets="1000", income="500000", claimed=False, **extra):
    return {
        "uscc": uscc,
        "tax_year": year,
        "headcount": headcount,
        "total_assets": assets,
        "taxable_income": income,
        "small_low_profit": claimed,
        **extra,
    }


def company(uscc, industry="C13", kind="一般纳税人"):
    return {
        "uscc": uscc,
        "name": f"演示企业{uscc}（虚构）",
        "industry_code": industry,
        "status": "正常",
        "kind": kind,
    }


def test_p01_small_low_profit_not_claimed(tmp_path):
    sources = seed(
        tmp_path,
        cit_annual=[
            cit("A"),  # row 2: eligible, not claimed -> pushed
            cit("B", headcount=300, assets="5000", income="3000000"),  # row 3: all limits exactly -> pushed
            cit("C", headcount=301),  # row 4: too many staff -> no
            cit("D", assets="5000.01"),  # row 5: assets over -> no
            cit("E", income="3000000.01"),  # row 6: income over -> no
            cit("F", income="0"),  # row 7: no taxable income -> no
            cit("G", claimed=True),  # row 8: already claimed -> no (take-up: yes)
            cit("H", claimed=None),  # row 9: empty = not claimed -> pushed
            cit("K", year=2024),  # row 10: another year -> pushed for 2024
            cit("L"),  # row 11 \ corrected return in a later submission claims it
            cit("L", claimed=True, _submission_id=11),  # / -> no (take-up: yes)
        ],
    )
    found = run("P01", sources)
    assert set(found) == {("A", "2025-12"), ("B", "2025-12"), ("H", "2025-12"), ("K", "2024-12")}
    assert found[("A", "2025-12")] == (Decimal("100000.00"), Decimal("500000.00"), (ev("cit_annual", 2),))
    assert found[("B", "2025-12")][0] == Decimal("600000.00")
    claimed = run("P01", sources, claimed=True)
    assert set(claimed) == {("G", "2025-12"), ("L", "2025-12")}
    assert claimed[("L", "2025-12")][2] == (ev("cit_annual", 2, submission=11),)


def test_p02_rd_expense_without_super_deduction(tmp_path):
    sources = seed(
        tmp_path,
        cit_annual=[
            cit("A", rd_expense="400000"),  # row 2: pushed
            cit("B", rd_expense="400000", rd_deduction="400000"),  # row 3: claimed -> no
            cit("C", rd_expense="0"),  # row 4: no R&D -> no
            cit("D", rd_expense=None),  # row 5: empty -> no
            cit("E", rd_expense="100000"),  # row 6: 批发业 F51 -> no
            cit("F", rd_expense="100000"),  # row 7: not in the registry -> no
            cit("G", rd_expense="0.01", rd_deduction="0"),  # row 8: deduction 0 = not claimed -> pushed
            cit("H", rd_expense="100000"),  # row 9: 住宿业 H61 -> no
        ],
        taxpayer=[
            company("A"),
            company("B"),
            company("C"),
            company("D"),
            company("E", industry="F51"),
            company("G", industry="I65"),
            company("H", industry="H61"),
        ],
    )
    found = run("P02", sources)
    assert set(found) == {("A", "2025-12"), ("G", "2025-12")}
    assert found[("A", "2025-12")] == (
        Decimal("100000.00"),
        Decimal("400000.00"),
        (ev("cit_annual", 2), ev("taxpayer", 2)),
    )
    assert found[("G", "2025-12")][0] == Decimal("0.00")
    assert set(run("P02", sources, claimed=True)) == {("B", "2025-12")}


def decl(uscc, period, revenue, **extra):
    return {"uscc": uscc, "period": period, "revenue": revenue, "zero_declared": False, **extra}


def vat(uscc, period, amount, paid_date=None, **extra):
    return {
        "uscc": uscc,
        "tax_type": "增值税",
        "period": period,
        "amount": amount,
        "paid_date": paid_date or f"{period}-15",
        **extra,
    }


def test_p03_small_scale_paid_vat_under_the_monthly_threshold(tmp_path):
    small = "小规模纳税人"
    sources = seed(
        tmp_path,
        taxpayer=[
            company("A", kind=small),
            company("B", kind=small),
            company("C", kind=small),
            company("D"),  # 一般纳税人
            company("E", kind=small),
            company("F", kind=small),
        ],
        declaration=[
            decl("A", "2025-03", "80000"),  # row 2: paid 2,400 -> pushed
            decl("B", "2025-03", "100000"),  # row 3: exactly 10万, paid -> pushed
            decl("C", "2025-03", "100000.01"),  # row 4: over -> no
            decl("D", "2025-03", "50000"),  # row 5: general taxpayer -> no
            decl("E", "2025-03", "60000"),  # row 6: paid, then refunded -> no (take-up: yes)
            decl("F", "2025-03", "60000"),  # row 7: paid nothing -> no (take-up: yes)
            decl("A", "2025-04", "70000"),  # row 8: paid only 个人所得税 -> no (take-up: yes)
        ],
        tax_paid=[
            vat("A", "2025-03", "1200.00"),  # row 2 \ two payments of one month
            vat("A", "2025-03", "1200.00", paid_date="2025-04-20"),  # row 3 /
            vat("B", "2025-03", "3000.00"),  # row 4
            vat("C", "2025-03", "3000.00"),  # row 5
            vat("D", "2025-03", "1500.00"),  # row 6
            vat("E", "2025-03", "1800.00"),  # row 7
            vat("E", "2025-03", "-1800.00", paid_date="2025-06-10", _submission_id=41),  # refund
            {**vat("A", "2025-04", "300.00"), "tax_type": "个人所得税"},  # row 8
            vat("A", "2025-02", "900.00"),  # row 9: another month, no declaration -> no
        ],
    )
    found = run("P03", sources)
    assert set(found) == {("A", "2025-03"), ("B", "2025-03")}
    assert found[("A", "2025-03")] == (
        Decimal("2400.00"),
        Decimal("80000.00"),
        tuple(sorted((ev("declaration", 2), ev("taxpayer", 2), ev("tax_paid", 2), ev("tax_paid", 3)))),
    )
    claimed = run("P03", sources, claimed=True)
    assert set(claimed) == {("E", "2025-03"), ("F", "2025-03"), ("A", "2025-04")}
    assert ev("tax_paid", 2, submission=41) in claimed[("E", "2025-03")][2]
    # the monthly threshold is a parameter
    assert set(run("P03", sources, monthly_threshold="90000")) == {("A", "2025-03")}
