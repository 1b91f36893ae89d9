"""Check a rule's SQL before it runs, and prepare it for an engine.

Rules are written in a subset of DuckDB SQL that SQLGlot transpiles to Spark SQL. A rule is
refused (`RuleError`, in Chinese, naming the rule) unless:

- the text parses, and is exactly one statement, a query (SELECT; CTEs and set operations
  allowed, recursive CTEs not);
- no DDL, DML, ATTACH, COPY, PRAGMA, SET, INSTALL … anywhere in it;
- it is built only of the SQL a rule needs: every node is of an allowed kind (`ALLOWED_NODES`:
  SELECT, joins, CTEs, set operations, expressions, CASE, CAST, windows …) and every function is
  on the allow-list (`ALLOWED_FUNCTIONS`: aggregates, arithmetic, text, dates, lists, structs,
  window functions). Anything else is refused — table functions anywhere (in FROM, after
  LATERAL, in a subquery), functions that read files, settings or the environment
  (read_*, *_scan, glob, query, getenv, current_setting, json_execute_serialized_sql …);
- every table it reads is a declared dataset or one of its own CTEs, written bare
  (no schema, no quotes, no file path), and every declared dataset is read;
- no `list[i]` indexing (write `list_extract(list, i)`: the same 1-based meaning on Spark);
- parameters are named (`$name`; no `?` or `$1`), every one used is declared (or is one of
  the built-in `$period_from`/`$period_to`), and every declared one is used;
- the query returns exactly the standard lead columns, in order:
  rule, uscc, person, period, tax_at_risk, amount, evidence.

The output shape (one row per lead):
  rule VARCHAR (the rule's code), uscc VARCHAR, person VARCHAR (an individual's id; NULL in
  R01-R09), period VARCHAR 'YYYY-MM', tax_at_risk DECIMAL(18,2) or NULL, amount
  DECIMAL(18,2) or NULL, evidence LIST of STRUCT(dataset VARCHAR, submission BIGINT,
  row BIGINT) naming the rows behind the lead.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, OptimizeError, ParseError, SqlglotError
from sqlglot.optimizer.qualify import qualify

from gongzhi.exchange.tables import PROVENANCE, Table
from gongzhi.taxrisk.engine.rules import BUILTIN_PARAMS, Rule, RuleError

STANDARD_COLUMNS = ("rule", "uscc", "person", "period", "tax_at_risk", "amount", "evidence")
# The kinds of SQL node a rule may contain (functions are checked by name, below).
ALLOWED_NODES = frozenset(
    """Select Union Intersect Except Subquery With CTE From Join Where Group Having Qualify Order
    Ordered Limit Offset Distinct Alias TableAlias Table Column Identifier Star Literal Null Boolean
    Placeholder DataType DataTypeParam Paren Tuple Array Struct PropertyEQ Slice Bracket Interval Var
    Add Sub Mul Div IntDiv Mod Neg EQ NEQ GT GTE LT LTE NullSafeEQ NullSafeNEQ And Or Not Xor Is In
    Between Like ILike Exists Case If Cast TryCast Window WindowSpec Filter Any All Dot DPipe
    Concat""".split()
)
# Functions a rule may call, by SQLGlot's name for them (lower case).
ALLOWED_FUNCTIONS = frozenset(
    """count sum avg min max median any_value first last array_agg list bool_and bool_or string_agg
    group_concat count_if countif stddev stddev_samp stddev_pop variance var_samp var_pop quantile_cont
    quantile_disc percentile_cont percentile_disc approx_distinct
    abs round floor ceil ceiling sign sqrt power pow ln log log10 exp greatest least mod trunc
    coalesce nullif ifnull if case cast try_cast
    upper lower trim ltrim rtrim length char_length substring substr left right concat concat_ws
    replace strpos position starts_with ends_with contains lpad rpad repeat reverse split_part
    regexp_matches regexp_like regexp_extract regexp_replace regexp_full_match
    year month day quarter week dayofweek dayofyear date_trunc datetrunc timestamp_trunc date_diff
    datediff date_add dateadd date_sub time_to_str str_to_time str_to_date strftime strptime
    make_date date_from_parts ts_or_ds_to_date to_date last_day extract
    array array_sort list_sort array_size array_length len list_extract list_element array_extract
    array_contains list_contains array_distinct list_distinct array_slice list_slice element_at
    struct struct_pack row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value
    last_value nth_value""".split()
)
FORBIDDEN_NODES: tuple[tuple[type[exp.Expression], str], ...] = tuple(
    (node, label)
    for name, label in (
        ("DDL", "DDL 语句（CREATE/DROP/ALTER 等）"),
        ("DML", "DML 语句（INSERT/UPDATE/DELETE/COPY 等）"),
        ("Create", "CREATE"),
        ("Drop", "DROP"),
        ("Alter", "ALTER"),
        ("Insert", "INSERT"),
        ("Update", "UPDATE"),
        ("Delete", "DELETE"),
        ("Merge", "MERGE"),
        ("Copy", "COPY"),
        ("Attach", "ATTACH"),
        ("Detach", "DETACH"),
        ("Pragma", "PRAGMA"),
        ("Install", "INSTALL"),
        ("Set", "SET"),
        ("Use", "USE"),
        ("Command", "命令语句"),
        ("Transaction", "事务语句"),
        ("Commit", "事务语句"),
        ("Rollback", "事务语句"),
        ("Into", "SELECT INTO"),
        ("Describe", "DESCRIBE"),
        ("LoadData", "LOAD"),
        ("Summarize", "SUMMARIZE"),
        ("Export", "EXPORT"),
    )
    if (node := getattr(exp, name, None)) is not None
)


def _refuse(rule: Rule, problem: str) -> RuleError:
    return RuleError(f"{rule.title}未通过检查：{problem}", rule=rule.code)


def _function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.sql_name().lower()


def parse(rule: Rule) -> exp.Expression:
    """Parse the rule's SQL (DuckDB dialect) into exactly one statement."""
    try:
        statements = [s for s in sqlglot.parse(rule.sql, read="duckdb") if s is not None]
    except ParseError as exc:
        detail = exc.errors[0]["description"] if exc.errors else str(exc)
        raise _refuse(rule, f"SQL 无法解析（{detail}）") from None
    except SqlglotError as exc:
        raise _refuse(rule, f"SQL 无法解析（{exc}）") from None
    if not statements:
        raise _refuse(rule, "SQL 为空")
    if len(statements) > 1:
        raise _refuse(rule, f"只允许一条 SELECT 语句，实际有 {len(statements)} 条")
    return statements[0]


class _Memo:
    """Results of the checks kept by the rule's content (its SQL, datasets, parameters and
    the schema read), so that a rule is parsed and checked once per process, not once per
    run (SQLGlot's parse and qualify are most of a run's Python time). Only successes are
    kept: a failing check runs again (and raises) each time. Bounded: emptied when full."""

    def __init__(self, size: int = 512):
        self.size, self.values, self.lock = size, {}, threading.Lock()

    def get(self, key: Hashable, compute):
        try:
            return self.values[key]
        except KeyError:
            pass
        value = compute()
        with self.lock:
            if len(self.values) >= self.size:
                self.values.clear()
            self.values[key] = value
        return value


_memo = _Memo()


def _rule_key(rule: Rule) -> tuple:
    """What the checks read of a rule (its name only appears in the messages of failures)."""
    params = tuple(sorted((name, p.sql_type) for name, p in rule.params.items()))
    return (rule.code, rule.sql, tuple(rule.datasets), params)


def _checked(rule: Rule) -> exp.Query:
    """The rule's checked tree, shared between callers: copy it before changing it."""
    return _memo.get(("check", _rule_key(rule)), lambda: _check(rule))


def check_rule(rule: Rule) -> exp.Query:
    """Validate the rule's SQL; return its parsed query (the caller's own copy). Raises
    `RuleError`."""
    return _checked(rule).copy()


def _check(rule: Rule) -> exp.Query:
    tree = parse(rule)
    for node in tree.walk():
        for forbidden, label in FORBIDDEN_NODES:
            if isinstance(node, forbidden):
                raise _refuse(rule, f"不允许 {label}，规则只能是一条 SELECT 查询")
    if not isinstance(tree, exp.Query):
        raise _refuse(rule, "规则只能是一条 SELECT 查询")

    cte_names: set[str] = set()
    for with_ in tree.find_all(exp.With):
        if with_.args.get("recursive"):
            raise _refuse(rule, "不允许递归 CTE（WITH RECURSIVE）")
        cte_names.update(cte.alias_or_name.lower() for cte in with_.expressions)

    declared = {d.lower() for d in rule.datasets}
    used: set[str] = set()
    for table in tree.find_all(exp.Table):
        source = table.this
        if isinstance(source, exp.Func):
            raise _refuse(
                rule, f"不允许在 FROM 中使用表函数 {_function_name(source)}()，只能读取声明的数据集"
            )
        if not isinstance(source, exp.Identifier):
            raise _refuse(rule, f"无法识别的数据来源：{table.sql('duckdb')}")
        if table.args.get("db") or table.args.get("catalog"):
            raise _refuse(rule, f"数据集名不能带库名或模式名：{table.sql('duckdb')}")
        if source.quoted:
            raise _refuse(rule, f"数据集名须直接书写，不能加引号或写成文件路径：{table.sql('duckdb')}")
        name = source.name.lower()
        if name in cte_names:
            continue
        if name not in declared:
            raise _refuse(rule, f"读取了未声明的数据集“{source.name}”（已声明：{'、'.join(rule.datasets)}）")
        used.add(name)
    if unused := sorted(declared - used):
        raise _refuse(rule, f"声明了但未使用的数据集：{'、'.join(unused)}")

    for node in tree.walk():
        if type(node).__name__ in ALLOWED_NODES:
            continue
        if isinstance(node, exp.Lateral):
            raise _refuse(rule, "不允许 LATERAL（规则只能读取声明的数据集）")
        if not isinstance(node, exp.Func):
            raise _refuse(rule, f"不允许的 SQL 结构：{type(node).__name__}（{node.sql('duckdb')[:60]}）")
        if (name := _function_name(node)) not in ALLOWED_FUNCTIONS:
            raise _refuse(rule, f"不允许使用函数 {name}()（规则只能使用聚合、运算、文本、日期、列表等函数）")

    for bracket in tree.find_all(exp.Bracket):
        index = bracket.expressions
        if not (len(index) == 1 and isinstance(index[0], exp.Literal) and index[0].is_string):
            # SQLGlot shifts 1-based DuckDB indices to 0-based Spark ones only when it can
            # infer their type: ambiguous, so indexing is spelled out
            raise _refuse(rule, "列表取元素请写 list_extract(列表, 序号)，不要用 列表[序号]")
    if any(True for _ in tree.find_all(exp.Parameter)):
        raise _refuse(rule, "参数只能写成 $名称 的形式")
    used_params: set[str] = set()
    for placeholder in tree.find_all(exp.Placeholder):
        name = placeholder.name
        if not name or name == "?" or name.isdigit():
            raise _refuse(rule, "不允许位置参数（? 或 $1），参数须写成 $名称")
        if name not in rule.params and name not in BUILTIN_PARAMS:
            raise _refuse(rule, f"使用了未声明的参数 ${name}")
        used_params.add(name)
    if unused_params := sorted(set(rule.params) - used_params):
        raise _refuse(rule, f"声明了但未使用的参数：{'、'.join('$' + p for p in unused_params)}")

    if any(isinstance(e, exp.Star) or (isinstance(e, exp.Column) and e.is_star) for e in tree.selects):
        raise _refuse(rule, f"最外层查询不能用 *，须依次返回：{', '.join(STANDARD_COLUMNS)}")
    names = tuple(n.lower() for n in tree.named_selects)
    if names != STANDARD_COLUMNS:
        raise _refuse(
            rule, f"返回的列应依次为 {', '.join(STANDARD_COLUMNS)}，实际为 {', '.join(names) or '（无）'}"
        )
    return tree


@dataclass(frozen=True)
class PreparedQuery:
    """A checked rule as one engine's SQL text plus the names of the parameters to bind."""

    sql: str
    params: tuple[str, ...]


def param_types(rule: Rule) -> dict[str, str]:
    types = {name: "VARCHAR" for name in BUILTIN_PARAMS}
    types.update({name: p.sql_type for name, p in rule.params.items()})
    return types


def _hoist_with(query: exp.Query) -> tuple[str | None, exp.With | None]:
    for key, value in query.args.items():
        if isinstance(value, exp.With):
            return key, value.pop()
    return None, None


def prepare(rule: Rule, dialect: str = "duckdb") -> PreparedQuery:
    """Check the rule, cast each parameter to its declared type, keep only leads inside the
    period window ($period_from <= period <= $period_to, always bound), and write the SQL
    for `dialect` ("duckdb" or "spark"). Kept per rule content and dialect (`_Memo`)."""
    return _memo.get(("prepare", _rule_key(rule), dialect), lambda: _prepare(rule, dialect))


def _prepare(rule: Rule, dialect: str) -> PreparedQuery:
    tree = _checked(rule).copy()
    types = param_types(rule)
    for placeholder in list(tree.find_all(exp.Placeholder)):
        placeholder.replace(exp.cast(placeholder.copy(), types[placeholder.name], dialect="duckdb"))
    key, with_ = _hoist_with(tree)
    window = exp.and_(
        exp.GTE(
            this=exp.column("period"), expression=exp.cast(exp.Placeholder(this="period_from"), "VARCHAR")
        ),
        exp.LTE(this=exp.column("period"), expression=exp.cast(exp.Placeholder(this="period_to"), "VARCHAR")),
    )
    outer = exp.select(*STANDARD_COLUMNS).from_(tree.subquery("_leads")).where(window)
    if with_ is not None:
        outer.set(key, with_)
    params = tuple(sorted({p.name for p in outer.find_all(exp.Placeholder)}))
    if dialect == "duckdb":
        return PreparedQuery(outer.sql("duckdb", comments=False), params)
    if dialect == "spark":
        return PreparedQuery(to_spark(rule, outer), params)
    raise ValueError(dialect)


def to_spark(rule: Rule, tree: exp.Expression) -> str:
    """Transpile a DuckDB-dialect tree to Spark SQL, with these documented rewrites:

    - HUGEINT (SQLGlot: INT128), used for exact integer division, becomes DECIMAL(38, 0);
      Spark's `DIV` on decimals returns BIGINT, as DuckDB's `//` on HUGEINT cast to BIGINT.
    - `list_extract(list, i)` (1-based; rules may not write `list[i]`, see `check_rule`)
      becomes Spark's 1-based `ELEMENT_AT(list, i)`; Spark wants an INT index: cast it.
    Named parameters `$name` become Spark's `:name` markers (bound with spark.sql(args=...)).
    """
    tree = tree.copy()
    for data_type in list(tree.find_all(exp.DataType)):
        if data_type.this == exp.DataType.Type.INT128:
            data_type.replace(exp.DataType.build("DECIMAL(38, 0)"))
    for call in list(tree.find_all(exp.Anonymous)):
        if str(call.name).lower() in ("list_extract", "list_element", "array_extract"):
            call.replace(exp.Anonymous(this="ELEMENT_AT", expressions=[e.copy() for e in call.expressions]))
    try:
        return tree.sql("spark", unsupported_level=ErrorLevel.RAISE, comments=False)
    except SqlglotError as exc:
        raise RuleError(f"{rule.title}无法转写为 Spark SQL：{exc}", rule=rule.code) from None


def check_fields(rule: Rule, tables: Mapping[str, Table]) -> None:
    """Every column the rule reads must be a field of its datasets' current version (or a
    provenance column): a field removed or renamed in the demand list fails the rule here,
    naming the field, instead of reading NULL. Raises `RuleError`. A success is kept per rule
    content and schema (`_Memo`)."""
    schema = {
        code: {**{c.name: c.type for c in table.columns}, **dict(PROVENANCE)}
        for code, table in tables.items()
    }
    key = ("fields", _rule_key(rule), tuple(sorted((code, tuple(s.items())) for code, s in schema.items())))
    _memo.get(key, lambda: _check_fields(rule, tables, schema))


def _check_fields(rule: Rule, tables: Mapping[str, Table], schema: dict[str, dict[str, str]]) -> bool:
    try:
        qualify(
            _checked(rule).copy(),
            schema=schema,
            dialect="duckdb",
            validate_qualify_columns=True,
            quote_identifiers=False,
        )
    except OptimizeError as exc:
        match = re.search(r"Column '\"?([^'\"]+)\"?' could not be resolved", str(exc))
        fields = "、".join(
            f"{code}（{'、'.join(table.column_names)}）" for code, table in sorted(tables.items())
        )
        if match:
            problem = f"读取的字段“{match.group(1)}”不在需求清单当前版本中（可用字段：{fields}）"
        else:
            problem = f"字段无法与需求清单当前版本对应（{exc}）"
        raise RuleError(f"{rule.title}无法运行：{problem}", rule=rule.code) from None
    return True
