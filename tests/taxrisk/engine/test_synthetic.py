"""The synthetic data generator: labelled, valid codes, and its expected leads are exactly what
DuckDB finds."""

from __future__ import annotations

from collections import Counter

import pyarrow.parquet as pq
import pytest

from gongzhi.core.codes import id_check_char, org_check_char, uscc_check_char
from gongzhi.demo.taxrisk_data import generate
from gongzhi.taxrisk.engine import load_rules, run_rules


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("synthetic"), taxpayers=4000, seed=20240229)


def test_the_expected_leads_are_exactly_what_duckdb_finds(data, kit):
    result = run_rules(load_rules(), kit.sources(data.datasets))
    assert result.errors == {}
    assert result.leads == data.expected


def test_every_rule_has_injected_leads_and_the_scenarios_repeat(data):
    assert data.copies == 2
    per_rule = Counter(lead.rule for lead in data.expected)
    assert set(per_rule) == {f"R0{i}" for i in range(1, 10)}
    assert all(count >= 2 for count in per_rule.values())
    assert all(lead.evidence for lead in data.expected)


def test_the_data_is_labelled_synthetic_with_provenance(data):
    assert "合成数据（虚构）" in (data.root / "SYNTHETIC.txt").read_text("utf-8")
    assert data.total_rows == sum(
        pq.ParquetFile(p).metadata.num_rows for ps in data.datasets.values() for p in ps
    )
    table = pq.read_table(data.datasets["taxpayer"][0])
    assert table.schema.metadata[b"gongzhi.synthetic"] == b"true"
    assert {"_submission_id", "_source_row"} <= set(table.column_names)
    names = table.column("name").to_pylist()
    assert all(name.startswith("演示企业") and name.endswith("有限公司（虚构）") for name in names)
    submissions = [
        pq.read_table(p, columns=["_submission_id"]).column(0).unique().to_pylist()
        for p in data.datasets["tax_paid"]
    ]
    assert all(len(ids) == 1 for ids in submissions)  # one submission per file
    assert len({ids[0] for ids in submissions}) == len(submissions)


def test_credit_codes_and_id_numbers_have_valid_check_characters(data):
    codes = set()
    for path in data.datasets["taxpayer"]:
        codes.update(pq.read_table(path, columns=["uscc"]).column(0).to_pylist())
    assert len(codes) > 1000
    for code in codes:
        assert len(code) == 18 and code.startswith("91370306")
        assert code[17] == uscc_check_char(code[:17])
        assert code[16] == org_check_char(code[8:16])
    ids = set()
    for path in data.datasets["real_estate_tx"]:
        ids.update(x for x in pq.read_table(path, columns=["seller_id"]).column(0).to_pylist() if x)
    assert ids
    assert all(len(x) == 18 and x[17] == id_check_char(x[:17]) for x in ids)


def test_check_characters_match_published_examples():
    assert uscc_check_char("91350100M000100Y4") == "3"  # 91350100M000100Y43
    assert id_check_char("11010519491231002") == "X"  # GB 11643 example 11010519491231002X
    # and the exchange app's validator agrees
    checks = pytest.importorskip("gongzhi.exchange.validation.checks")
    assert checks.uscc_check_char("91350100M000100Y4") == "3"


def test_the_same_seed_gives_the_same_data(tmp_path):
    first = generate(tmp_path / "a", taxpayers=300, seed=5)
    second = generate(tmp_path / "b", taxpayers=300, seed=5)
    assert first.expected == second.expected
    assert first.rows == second.rows
    other = generate(tmp_path / "c", taxpayers=300, seed=6)
    assert other.expected != first.expected
