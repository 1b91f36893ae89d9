"""The rule sandbox (issue 10): a corpus of hostile SQL, each refused by the checker before it
can run; the checker is an allow-list, so what is not a rule's SQL never reaches DuckDB."""

import pytest

from gongzhi.taxrisk.engine import RuleError, parse_rule

META = {
    "code": "R90",
    "name": "沙箱测试",
    "datasets": ["subsidy", "taxpayer"],
    "severity": "low",
    "legal_basis": "测试",
    "tax_estimate": "不估算",
    "edges": "测试",
}
# A valid rule with two holes: {src} stands where a table is read, {expr} where a value is.
TEMPLATE = """
SELECT 'R90' AS rule, s.uscc, CAST(NULL AS VARCHAR) AS person, strftime(s.pay_date, '%Y-%m') AS period,
       CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk, CAST({expr} AS DECIMAL(18, 2)) AS amount,
       [{{'dataset': 'subsidy', 'submission': s._submission_id, 'row': s._source_row}}] AS evidence
FROM subsidy AS s JOIN {src} AS t ON t.uscc = s.uscc
"""


def rule(expr: str = "s.amount", src: str = "taxpayer") -> str:
    return TEMPLATE.format(expr=expr, src=src)


LATERAL = (
    "taxpayer AS t0, LATERAL json_execute_serialized_sql(json_serialize_sql("
    "'SELECT current_setting(''allowed_paths'')::VARCHAR AS v')) AS j"
)
HOSTILE_SOURCES = [
    LATERAL,
    "(SELECT * FROM taxpayer, LATERAL (SELECT * FROM read_csv('/etc/passwd')))",
    "read_parquet('/var/lib/*.parquet')",
    "read_csv_auto('/etc/passwd')",
    "read_json('x.json')",
    "read_text('/etc/hostname')",
    "read_blob('/etc/hostname')",
    "parquet_scan('x.parquet')",
    "sqlite_scan('x.db', 't')",
    "postgres_scan('host=127.0.0.1', 'public', 't')",
    "glob('/*')",
    "query('SELECT 1')",
    "query_table('taxpayer')",
    "duckdb_settings()",
    "duckdb_tables()",
    "duckdb_functions()",
    "duckdb_extensions()",
    "pragma_database_list()",
    "generate_series(1, 40000000000)",
    "range(1, 40000000000)",
    "unnest(range(1, 10))",
    "raw_taxpayer",
    "typed_taxpayer",
    "superseded_taxpayer",
    "main.taxpayer",
    "memory.main.taxpayer",
    "'taxpayer.parquet'",
    '"/etc/passwd"',
    "information_schema.tables",
    "sqlite_master",
    "(SELECT * FROM duckdb_secrets())",
    "(WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n AS uscc FROM r)",
    "iceberg_scan('s3://x')",
    "delta_scan('s3://x')",
]
HOSTILE_EXPRESSIONS = [
    "current_setting('allowed_paths')",
    "getenv('HOME')",
    "getvariable('x')",
    "length(read_text('/etc/passwd'))",
    "json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
    "(SELECT count(*) FROM duckdb_settings())",
    "(SELECT count(*) FROM read_csv('/etc/passwd'))",
    "(SELECT sum(hash(x)) FROM generate_series(1, 40000000000) AS g(x))",
    "hash(s.uscc)",
    "version()",
    "current_database()",
    "current_schema()",
    "txid_current()",
    "nextval('seq')",
    "random()",
    "uuid()",
    "now()",
    "current_date",
    "sleep_ms(100000)",
    "load_extension('httpfs')",
    "which_secret('s3://x', 's3')",
    "set_variable('x', 1)",
    "list_transform([1, 2], x -> x + 1)[1]",
    "(s.amount)::VARCHAR || system('id')",
    "s.amount + (SELECT count(*) FROM sqlite_master)",
    "s.amount + (SELECT count(*) FROM raw_subsidy)",
]


@pytest.mark.parametrize("source", HOSTILE_SOURCES)
def test_hostile_sources_are_refused(source):
    with pytest.raises(RuleError) as caught:
        parse_rule(rule(src=source), META, slug="R90_sandbox")
    assert "R90" in caught.value.message and "未通过检查" in caught.value.message


@pytest.mark.parametrize("expression", HOSTILE_EXPRESSIONS)
def test_hostile_expressions_are_refused(expression):
    with pytest.raises(RuleError) as caught:
        parse_rule(rule(expr=expression), META, slug="R90_sandbox")
    assert "未通过检查" in caught.value.message


def test_the_corpus_is_large_and_the_template_itself_passes():
    assert len(HOSTILE_SOURCES) + len(HOSTILE_EXPRESSIONS) >= 50
    assert parse_rule(rule(), META, slug="R90_sandbox").code == "R90"
