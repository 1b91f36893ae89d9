"""Fixtures for the tax-risk engine tests (pure: no Django, no database).

`kit` gathers the helpers (tests run with --import-mode=importlib, so they come as a fixture):
- `kit.seed(dataset=[rows…], …)` writes a handful of rows as Parquet submissions and returns
  the `datasets` mapping the runners take (every dataset present; empty when not given). A
  row may carry `_submission_id` to go into another submission (file); rows are numbered
  `_source_row` 2, 3, … within their submission, in the order given;
- `kit.ev(dataset, row)`, `kit.lead(rule, uscc, period, tax, *evidence, amount=)` build the
  expected values; `kit.run(code, datasets, **kwargs)` runs one rule on DuckDB and asserts
  it did not fail; `kit.company(uscc, …)` is a taxpayer row.
`spark` is one local SparkSession for the whole session.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable
from decimal import Decimal
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from gongzhi.demo.taxrisk_data import SCHEMAS
from gongzhi.exchange.tables import Source, Table, sources_from_files, tables_from_catalog
from gongzhi.taxrisk.engine import Evidence, Lead, RunResult, load_rules, run_rules

CATALOG = Path(__file__).resolve().parents[3] / "src/gongzhi/exchange/data/demo_catalog.yaml"
# the datasets the nine rules read, typed by the demo demand list (the one schema)
TABLES: dict[str, Table] = {code: t for code, t in tables_from_catalog(CATALOG).items() if code in SCHEMAS}
# default submission ids: one per dataset, so that evidence can be asserted exactly
SUBMISSION = {name: 10 * (i + 1) for i, name in enumerate(SCHEMAS)}


def _value(value: Any, type_: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_decimal(type_):
        return Decimal(str(value))
    if pa.types.is_date(type_) and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def sources(files: dict[str, list[Path]]) -> dict[str, Source]:
    """The runners' input for dataset -> Parquet files (e.g. the synthetic generator's)."""
    return sources_from_files(TABLES, files)


def seed(tmp_path: Path, **tables: Iterable[dict[str, Any]]) -> dict[str, Source]:
    """Write the given rows; return dataset -> Source (all nine datasets)."""
    root = tmp_path / "data"
    shutil.rmtree(root, ignore_errors=True)
    datasets: dict[str, list[Path]] = {name: [] for name in SCHEMAS}
    for name, rows in tables.items():
        schema = SCHEMAS[name]
        by_submission: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            unknown = set(row) - {*schema.names, "_submission_id"}
            assert not unknown, f"{name}: unknown columns {unknown}"
            by_submission.setdefault(row.get("_submission_id", SUBMISSION[name]), []).append(row)
        (root / name).mkdir(parents=True)
        for submission, members in sorted(by_submission.items()):
            columns = {f.name: [_value(r.get(f.name), f.type) for r in members] for f in schema}
            table = pa.table(columns, schema=schema)
            table = table.append_column("_submission_id", pa.array([submission] * len(members), pa.int64()))
            table = table.append_column("_source_row", pa.array(range(2, len(members) + 2), pa.int64()))
            path = root / name / f"{submission}.parquet"
            pq.write_table(table, path)
            datasets[name].append(path)
    return sources(datasets)


def ev(dataset: str, row: int, submission: int | None = None) -> Evidence:
    """Evidence of the `row`-th seeded row (first = 2) of a dataset's default submission."""
    return Evidence(dataset, SUBMISSION[dataset] if submission is None else submission, row)


def lead(
    rule: str, uscc: str, period: str, tax: str | None, *evidence: Evidence, amount: str | None = None
) -> Lead:
    return Lead(
        rule=rule,
        uscc=uscc,
        person=None,
        period=period,
        tax_at_risk=None if tax is None else Decimal(tax),
        amount=None if amount is None else Decimal(amount),
        evidence=tuple(sorted(evidence)),
    )


def run_one(code: str, datasets: dict[str, Source], **kwargs: Any) -> RunResult:
    result = run_rules(load_rules(codes=[code]), datasets, **kwargs)
    assert result.errors == {}, result.errors
    return result


def company(
    uscc: str, *, status: str = "正常", industry: str = "C13", credit: str = "B", year: int = 2024, **extra
):
    """A taxpayer row."""
    return {
        "uscc": uscc,
        "name": f"演示企业{uscc[-4:]}有限公司（虚构）",
        "industry_code": industry,
        "status": status,
        "credit_level": credit,
        "credit_year": year,
        **extra,
    }


@pytest.fixture
def kit(tmp_path) -> SimpleNamespace:
    return SimpleNamespace(
        seed=partial(seed, tmp_path), sources=sources, ev=ev, lead=lead, run=run_one, company=company
    )


@pytest.fixture(scope="session")
def spark():
    """One local SparkSession (local[2]) for the whole test session; skipped without PySpark/Java."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Java is not installed")
    from gongzhi.taxrisk.engine.spark_runner import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()
