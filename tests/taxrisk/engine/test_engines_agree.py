"""DuckDB and Spark give identical leads: the same (rule, uscc, period), the same tax at risk
to the cent, the same evidence. One SparkSession (local[2]) serves the whole session."""

from __future__ import annotations

import pytest

from gongzhi.demo.taxrisk_data import generate
from gongzhi.taxrisk.engine import load_rules, parse_rule, run_rules


def assert_identical(duck, spark):
    assert duck.errors == spark.errors == {}
    assert {lead.key for lead in duck.leads} == {lead.key for lead in spark.leads}
    for a, b in zip(duck.leads, spark.leads, strict=True):
        assert (a.key, a.tax_at_risk, a.amount) == (b.key, b.tax_at_risk, b.amount)
        assert set(a.evidence) == set(b.evidence)
    assert duck.leads == spark.leads


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("agree"), taxpayers=2500, seed=424242)


def test_every_rule_gives_identical_leads_on_both_engines(spark, data, kit):
    rules = load_rules()
    duck = run_rules(rules, kit.sources(data.datasets))
    on_spark = run_rules(rules, kit.sources(data.datasets), engine="spark", spark=spark)
    assert sorted(on_spark.seconds) == [r.code for r in rules]
    assert_identical(duck, on_spark)
    assert on_spark.leads == data.expected
    assert {lead.rule for lead in on_spark.leads} == {r.code for r in rules}


def test_window_parameters_and_failures_behave_the_same(spark, data, kit):
    broken = parse_rule(
        "SELECT 'R91' AS rule, uscc, CAST(NULL AS VARCHAR) AS person, strftime(pay_date, '%Y-%m') AS period, "
        "CAST(CAST(uscc AS INTEGER) AS DECIMAL(18, 2)) AS tax_at_risk, amount, "
        "[{'dataset': 'subsidy', 'submission': _submission_id, 'row': _source_row}] AS evidence FROM subsidy",
        {
            "code": "R91",
            "name": "运行时出错的规则",
            "datasets": ["subsidy"],
            "severity": "low",
            "legal_basis": "测试",
            "tax_estimate": "不估算",
            "edges": "测试",
        },
    )
    rules = [broken, *load_rules(codes=["R06", "R07"])]
    options = {
        "period_from": "2024-03",
        "period_to": "2024-06",
        "params_override": {"R07": {"excess_ratio": "0.2"}},
    }
    duck = run_rules(rules, kit.sources(data.datasets), **options)
    on_spark = run_rules(rules, kit.sources(data.datasets), engine="spark", spark=spark, **options)
    assert list(duck.errors) == list(on_spark.errors) == ["R91"]
    duck.errors, on_spark.errors = {}, {}
    assert_identical(duck, on_spark)
    assert all("2024-03" <= lead.period <= "2024-06" for lead in duck.leads)
