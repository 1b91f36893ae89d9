"""The DuckDB runner: one in-memory database per run, views over the Parquet files, bound
parameters, a failing rule failing alone, the period window, progress."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from gongzhi.taxrisk.engine import RuleError, load_rules, parse_rule, run_rules

META = {
    "code": "R91",
    "name": "运行时出错的规则",
    "datasets": ["subsidy"],
    "severity": "low",
    "legal_basis": "测试",
    "tax_estimate": "不估算",
    "edges": "测试",
}
# passes every check, but casting the credit code to an integer fails at run time
FAILS_AT_RUN_TIME = """
SELECT 'R91' AS rule, uscc, CAST(NULL AS VARCHAR) AS person, strftime(pay_date, '%Y-%m') AS period,
       CAST(CAST(uscc AS INTEGER) AS DECIMAL(18, 2)) AS tax_at_risk, amount,
       [{'dataset': 'subsidy', 'submission': _submission_id, 'row': _source_row}] AS evidence
FROM subsidy
"""
ECHO = """
SELECT 'R92' AS rule, uscc, CAST(NULL AS VARCHAR) AS person, strftime(pay_date, '%Y-%m') AS period,
       CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk, amount,
       [{'dataset': 'subsidy', 'submission': _submission_id, 'row': _source_row}] AS evidence
FROM subsidy
WHERE program = $program
"""


def grant(uscc: str, date: str, program: str = "稳岗补贴", amount: str = "100.00"):
    return {"uscc": uscc, "program": program, "amount": amount, "pay_date": date, "paying_unit": "区财政局"}


def seeded_r01(kit):
    return kit.seed(
        real_estate_tx=[
            {
                "unit_no": "U1",
                "seller_uscc": "A",
                "price": "1000.00",
                "area": "10",
                "deal_date": "2024-01-15",
            },
            {
                "unit_no": "U2",
                "seller_uscc": "A",
                "price": "2000.00",
                "area": "10",
                "deal_date": "2024-02-15",
            },
            {
                "unit_no": "U3",
                "seller_uscc": "B",
                "price": "3000.00",
                "area": "10",
                "deal_date": "2024-03-15",
            },
        ],
        subsidy=[grant("NOT-A-NUMBER", "2024-01-05")],
    )


def test_a_rule_that_raises_at_run_time_fails_alone(kit):
    datasets = seeded_r01(kit)
    broken = parse_rule(FAILS_AT_RUN_TIME, META, slug="R91_broken")
    done = []

    result = run_rules([broken, *load_rules(codes=["R01"])], datasets, progress=lambda *a: done.append(a))

    assert list(result.errors) == ["R91"]
    assert result.errors["R91"].startswith("规则 R91（运行时出错的规则）运行失败：")
    assert [(lead.rule, lead.uscc, lead.period) for lead in result.leads] == [
        ("R01", "A", "2024-01"),
        ("R01", "A", "2024-02"),
        ("R01", "B", "2024-03"),
    ]
    assert set(result.seconds) == {"R91", "R01"}
    assert done == [(1, 2, "R91"), (2, 2, "R01")]


def test_a_rule_refused_by_the_checks_fails_alone(kit):
    datasets = seeded_r01(kit)
    unchecked = parse_rule("SELECT 1; SELECT 2", META, slug="R91_two", check=False)
    result = run_rules([unchecked, *load_rules(codes=["R01"])], datasets)
    assert "只允许一条 SELECT 语句" in result.errors["R91"]
    assert len(result.leads) == 3


def test_a_missing_dataset_fails_only_the_rules_that_read_it(kit):
    datasets = seeded_r01(kit)
    del datasets["tax_paid"]
    result = run_rules(load_rules(codes=["R01", "R09"]), datasets)
    assert result.errors == {"R01": "规则 R01（不动产转让未申报）无法运行：缺少数据集 tax_paid"}
    assert result.leads == []  # R09 ran: no taxpayer rows, no lead


def test_an_unreadable_file_fails_the_rules_that_read_it(kit, tmp_path):
    datasets = seeded_r01(kit)
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"not parquet at all")
    datasets["tax_paid"] = replace(datasets["tax_paid"], paths=(bad,))
    result = run_rules(load_rules(codes=["R01", "R09"]), datasets)
    assert list(result.errors) == ["R01"]
    assert "读取失败" in result.errors["R01"]


def test_the_period_window_drops_leads_outside_it(kit):
    datasets = seeded_r01(kit)
    rules = load_rules(codes=["R01"])
    assert [x.period for x in run_rules(rules, datasets, period_from="2024-02").leads] == [
        "2024-02",
        "2024-03",
    ]
    assert [x.period for x in run_rules(rules, datasets, period_to="2024-02").leads] == ["2024-01", "2024-02"]
    window = run_rules(rules, datasets, period_from="2024-02", period_to="2024-02")
    assert [x.period for x in window.leads] == ["2024-02"]
    with pytest.raises(ValueError, match="YYYY-MM"):
        run_rules(rules, datasets, period_from="2024-2")


def test_parameters_are_overridden_per_rule_and_checked(kit):
    datasets = seeded_r01(kit)
    rules = load_rules(codes=["R01"])
    result = run_rules(rules, datasets, params_override={"R01": {"tax_rate": "0.1"}})
    assert [x.tax_at_risk for x in result.leads] == [Decimal("100.00"), Decimal("200.00"), Decimal("300.00")]
    result = run_rules(rules, datasets, params_override={"R01": {"no_such": 1}})
    assert result.errors == {"R01": "规则 R01（不动产转让未申报）没有参数“no_such”"}
    result = run_rules(rules, datasets, params_override={"R01": {"months_after": "three"}})
    assert "参数“months_after”取值无效" in result.errors["R01"]


def test_text_parameters_are_bound_not_pasted(kit):
    meta = {**META, "code": "R92", "params": {"program": {"type": "text", "default": "稳岗补贴"}}}
    rule = parse_rule(ECHO, meta, slug="R92_echo")
    tricky = "x'; DROP TABLE subsidy; --"
    datasets = kit.seed(subsidy=[grant("A", "2024-01-05"), grant("B", "2024-01-06", program=tricky)])
    assert [x.uscc for x in run_rules([rule], datasets).leads] == ["A"]
    result = run_rules([rule], datasets, params_override={"R92": {"program": tricky}})
    assert result.errors == {}
    assert [x.uscc for x in result.leads] == ["B"]


def test_empty_text_is_null_and_the_latest_submission_wins(kit):
    datasets = kit.seed(
        real_estate_tx=[
            {
                "unit_no": "U1",
                "seller_uscc": "A",
                "price": "1000.00",
                "area": "1",
                "deal_date": "2024-01-15",
            },
            {
                "unit_no": "U2",
                "seller_uscc": "",
                "price": "1000.00",
                "area": "1",
                "deal_date": "2024-01-15",
            },
            # U1 again in a later submission, at another price: this row replaces the first
            {
                "unit_no": "U1",
                "seller_uscc": "A",
                "price": "3000.00",
                "area": "1",
                "deal_date": "2024-01-15",
                "_submission_id": 99,
            },
        ],
    )
    (only,) = run_rules(load_rules(codes=["R01"]), datasets).leads
    assert (only.uscc, only.tax_at_risk) == ("A", Decimal("150.00"))
    assert [(e.submission, e.row) for e in only.evidence] == [(99, 2)]


def test_files_with_different_columns_are_read_by_name(kit, tmp_path):
    datasets = seeded_r01(kit)
    # a later submission lacking the optional columns, in another order
    extra = pa.table(
        {
            "deal_date": pa.array([dt.date(2024, 5, 1)]),
            "price": pa.array([Decimal("500.00")], pa.decimal128(18, 2)),
            "unit_no": ["U9"],
            "seller_uscc": ["C"],
            "_source_row": pa.array([2], pa.int64()),
            "_submission_id": pa.array([77], pa.int64()),
        }
    )
    path = tmp_path / "77.parquet"
    pq.write_table(extra, path)
    datasets["real_estate_tx"] = replace(
        datasets["real_estate_tx"], paths=(*datasets["real_estate_tx"].paths, path)
    )
    result = run_rules(load_rules(codes=["R01"]), datasets)
    assert result.errors == {}
    assert ("C", "2024-05", Decimal("25.00")) in {(x.uscc, x.period, x.tax_at_risk) for x in result.leads}


def test_empty_datasets_give_no_leads_and_no_errors(kit):
    result = run_rules(load_rules(), kit.seed())
    assert result.errors == {}
    assert result.leads == []
    assert set(result.seconds) == {f"R0{i}" for i in range(1, 10)}


def test_a_rule_returning_two_leads_for_one_taxpayer_and_period_is_refused(kit):
    datasets = kit.seed(subsidy=[grant("A", "2024-01-05"), grant("A", "2024-01-06")])
    rule = parse_rule(
        ECHO.replace("R92", "R91").replace("WHERE program = $program", ""), META, slug="R91_dup"
    )
    result = run_rules([rule], datasets)
    assert "同一纳税人同一期间返回了多条线索" in result.errors["R91"]


def test_rule_errors_carry_the_rule_code():
    with pytest.raises(RuleError) as caught:
        load_rules(codes=["R99"])
    assert "R99" in caught.value.message


def test_a_field_renamed_in_the_catalog_fails_the_rule_naming_the_field(kit):
    """The demand list is the one schema: a rule reading a field the current version lacks
    fails loudly with the field's name; it never reads NULL and flags nobody."""
    datasets = kit.seed(
        real_estate_tx=[
            {"unit_no": "U1", "buyer_uscc": "B", "price": "1000.00", "area": "1", "deal_date": "2024-01-15"}
        ]
    )
    assert [x.uscc for x in kit.run("R02", datasets).leads] == ["B"]
    table = datasets["real_estate_tx"].table
    renamed = replace(
        table,
        columns=tuple(replace(c, name="buyer_code") if c.name == "buyer_uscc" else c for c in table.columns),
    )
    datasets["real_estate_tx"] = replace(datasets["real_estate_tx"], table=renamed)
    result = run_rules(load_rules(codes=["R02"]), datasets)
    assert result.leads == []
    assert "规则 R02" in result.errors["R02"] and "“buyer_uscc”不在需求清单当前版本中" in result.errors["R02"]


def test_a_rule_past_its_time_limit_is_interrupted_and_fails_alone(kit):
    """A rule that would keep a core busy for hours is stopped by the engine (issue 10)."""
    datasets = kit.seed(subsidy=[grant(f"U{i:04d}", "2024-01-05") for i in range(400)])
    heavy = parse_rule(
        "SELECT 'R91' AS rule, a.uscc, CAST(NULL AS VARCHAR) AS person, '2024-01' AS period, "
        "CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk, CAST(count(*) AS DECIMAL(18, 2)) AS amount, "
        "list({'dataset': 'subsidy', 'submission': a._submission_id, 'row': a._source_row}) AS evidence "
        "FROM subsidy AS a, subsidy AS b, subsidy AS c, subsidy AS d WHERE a.amount + b.amount + c.amount > d.amount "
        "GROUP BY a.uscc",
        META,
        slug="R91_heavy",
    )
    start = time.perf_counter()
    result = run_rules([heavy, *load_rules(codes=["R09"])], datasets, timeout=1.0)
    assert time.perf_counter() - start < 30
    assert "运行超过1秒，已中止" in result.errors["R91"]
    assert "R09" not in result.errors  # the next rule ran
