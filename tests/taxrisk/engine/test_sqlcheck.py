"""The checks a rule's SQL passes before it runs (SQLGlot, DuckDB dialect)."""

from __future__ import annotations

import pytest

from gongzhi.taxrisk.engine import RuleError, check_rule, load_rules, parse_rule, prepare

META = {
    "code": "R90",
    "name": "测试规则",
    "datasets": ["subsidy", "taxpayer"],
    "severity": "low",
    "legal_basis": "测试",
    "tax_estimate": "不估算",
    "edges": "测试",
    "params": {"min_amount": {"type": "decimal(18,2)", "default": 100}},
}
GOOD = """
WITH big AS (SELECT uscc, pay_date, amount, _submission_id, _source_row FROM subsidy WHERE amount > $min_amount)
SELECT 'R90' AS rule, b.uscc, CAST(NULL AS VARCHAR) AS person, strftime(b.pay_date, '%Y-%m') AS period,
       CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk, b.amount,
       [{'dataset': 'subsidy', 'submission': b._submission_id, 'row': b._source_row}] AS evidence
FROM big AS b JOIN taxpayer AS t ON t.uscc = b.uscc
"""


def refused(sql: str, **meta_changes) -> str:
    with pytest.raises(RuleError) as caught:
        parse_rule(sql, {**META, **meta_changes}, slug="R90_test")
    assert caught.value.rule == "R90"
    assert "R90" in caught.value.message
    return caught.value.message


def test_a_good_rule_passes_and_every_shipped_rule_too():
    rule = parse_rule(GOOD, META, slug="R90_test")
    assert check_rule(rule) is not None
    rules = load_rules()
    assert [r.code for r in rules] == [f"R0{i}" for i in range(1, 10)]
    for rule in rules:
        assert prepare(rule, "duckdb").sql
        assert ":period_from" in prepare(rule, "spark").sql


def test_sql_that_does_not_parse_is_refused():
    assert "无法解析" in refused("SELECT FROM WHERE (")


def test_two_statements_are_refused():
    assert "只允许一条" in refused(GOOD + ";\n" + GOOD)


def test_a_dataset_not_declared_is_refused():
    message = refused(GOOD.replace("JOIN taxpayer AS t", "JOIN tax_paid AS t"))
    assert "未声明的数据集" in message and "tax_paid" in message


def test_a_declared_dataset_left_unused_is_refused():
    assert "未使用的数据集" in refused(GOOD, datasets=["subsidy", "taxpayer", "lodging"])


def test_an_undeclared_parameter_is_refused():
    message = refused(GOOD.replace("$min_amount", "$max_amount"))
    assert "未声明的参数 $max_amount" in message


def test_a_declared_parameter_left_unused_is_refused():
    params = {**META["params"], "spare": {"type": "integer", "default": 1}}
    assert "$spare" in refused(GOOD, params=params)


def test_positional_parameters_are_refused():
    assert "位置参数" in refused(GOOD.replace("$min_amount", "?"))
    assert "位置参数" in refused(GOOD.replace("$min_amount", "$1"))


def test_the_period_window_parameters_are_built_in():
    sql = GOOD.replace(
        "WHERE amount > $min_amount", "WHERE amount > $min_amount AND pay_date >= $period_from"
    )
    parse_rule(sql, META)
    with pytest.raises(RuleError, match="保留参数"):
        parse_rule(
            GOOD, {**META, "params": {**META["params"], "period_to": {"type": "text", "default": "x"}}}
        )


@pytest.mark.parametrize(
    "source",
    [
        "read_parquet('/etc/data.parquet')",
        "read_csv_auto('/etc/passwd')",
        "read_json('x.json')",
        "glob('/etc/*')",
        "sqlite_scan('x.db', 't')",
        "query('SELECT 1')",
    ],
)
def test_file_reading_table_functions_are_refused(source):
    message = refused(GOOD.replace("JOIN taxpayer AS t", f"JOIN {source} AS t"))
    assert "表函数" in message


def test_file_reading_functions_anywhere_are_refused():
    sql = GOOD.replace("b.amount,", "CAST(length(read_text('/etc/passwd')) AS DECIMAL(18, 2)) AS amount,")
    assert "read_text" in refused(sql)
    assert "getenv" in refused(
        GOOD.replace("'subsidy' AS", "getenv('HOME') AS").replace(
            "'dataset': 'subsidy'", "'dataset': getenv('HOME')"
        )
    )


def test_a_file_path_or_a_qualified_name_is_not_a_dataset():
    assert "不能加引号" in refused(GOOD.replace("JOIN taxpayer AS t", "JOIN 'taxpayer.parquet' AS t"))
    assert "库名或模式名" in refused(GOOD.replace("JOIN taxpayer AS t", "JOIN main.taxpayer AS t"))


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE x AS SELECT 1",
        "DROP TABLE taxpayer",
        "INSERT INTO taxpayer (uscc) VALUES ('x')",
        "UPDATE taxpayer SET status = '正常'",
        "DELETE FROM taxpayer",
        "ATTACH 'other.db' AS other",
        "COPY taxpayer TO '/tmp/out.csv'",
        "PRAGMA version",
        "SET threads = 1",
        "INSTALL httpfs",
    ],
)
def test_ddl_dml_and_commands_are_refused(statement):
    message = refused(statement)
    assert "不允许" in message or "只能是一条 SELECT" in message


def test_ddl_hidden_after_a_select_is_refused():
    assert "只允许一条" in refused(GOOD + "; DROP TABLE taxpayer")


def test_the_lead_columns_are_standard():
    message = refused(GOOD.replace("b.amount,", ""))
    assert "返回的列应依次为 rule, uscc, person, period, tax_at_risk, amount, evidence" in message
    assert "不能用 *" in refused(
        "SELECT * FROM subsidy JOIN taxpayer USING (uscc) WHERE amount > $min_amount"
    )


def test_recursive_ctes_are_refused():
    assert "递归" in refused(GOOD.replace("WITH big", "WITH RECURSIVE big"))


def test_metadata_is_checked():
    with pytest.raises(RuleError, match="需求清单中没有的数据集：nonsense"):
        parse_rule(
            GOOD, {**META, "datasets": ["subsidy", "nonsense"]}, known_datasets={"subsidy", "taxpayer"}
        )
    with pytest.raises(RuleError, match="风险等级"):
        parse_rule(GOOD, {**META, "severity": "urgent"})
    with pytest.raises(RuleError, match="默认值无效"):
        parse_rule(GOOD, {**META, "params": {"min_amount": {"type": "decimal(18,2)", "default": "1.234"}}})
    with pytest.raises(RuleError, match="缺少"):
        parse_rule(GOOD, {k: v for k, v in META.items() if k != "legal_basis"})


def test_parameters_are_cast_to_their_declared_type_and_never_pasted():
    rule = parse_rule(GOOD, META)
    duck, spark = prepare(rule, "duckdb"), prepare(rule, "spark")
    assert "CAST($min_amount AS DECIMAL(18, 2))" in duck.sql
    assert "CAST(:min_amount AS DECIMAL(18, 2))" in spark.sql
    assert duck.params == spark.params == ("min_amount", "period_from", "period_to")
    assert "100" not in duck.sql


def test_list_indexing_must_be_spelled_out():
    # DuckDB lists are 1-based, Spark arrays 0-based; SQLGlot shifts an index only when it can
    # infer its type, so rules write list_extract (1-based on both engines)
    indexed = "CAST([1, 2][1 + 0] AS DECIMAL(18, 2)) AS tax_at_risk"
    spelled = "CAST(list_extract([1, 2], CAST(2 AS INTEGER)) AS DECIMAL(18, 2)) AS tax_at_risk"
    assert "list_extract" in refused(GOOD.replace("CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk", indexed))
    rule = parse_rule(GOOD.replace("CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk", spelled), META)
    assert "ELEMENT_AT(ARRAY(1, 2), CAST(2 AS INT))" in prepare(rule, "spark").sql


def test_checks_are_kept_per_rule_content_and_a_refused_rule_is_refused_every_time():
    """A rule is parsed and checked once per process (runs reuse the result); the tree handed
    out is the caller's own copy; a changed SQL text is checked afresh; a refusal is never kept."""
    from gongzhi.exchange.tables import tables_from_catalog
    from gongzhi.taxrisk.engine import RULES_DIR, check_fields

    rule = parse_rule(GOOD, META, slug="R90_test")
    again = parse_rule(GOOD, META, slug="R90_test")  # another object, same content
    assert prepare(rule) is prepare(again)
    tree = check_rule(rule)
    tree.set("where", None)  # the caller's copy: the kept tree is unchanged
    assert check_rule(again).sql("duckdb") == check_rule(rule).sql("duckdb")
    assert prepare(rule, "duckdb").sql != prepare(rule, "spark").sql

    changed = parse_rule(GOOD.replace("amount > $min_amount", "amount >= $min_amount"), META, slug="R90_test")
    assert "amount >= " in prepare(changed).sql and "amount >= " not in prepare(rule).sql

    tables = tables_from_catalog(RULES_DIR.parents[1] / "exchange/data/demo_catalog.yaml")
    check_fields(rule, {d: tables[d] for d in rule.datasets})
    renamed = tables["subsidy"].__class__(
        code="subsidy",
        label=tables["subsidy"].label,
        columns=tuple(c for c in tables["subsidy"].columns if c.name != "pay_date"),
    )
    for _ in range(2):  # refused each time, naming the field
        with pytest.raises(RuleError, match="pay_date"):
            check_fields(rule, {"subsidy": renamed, "taxpayer": tables["taxpayer"]})
