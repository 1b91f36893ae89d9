"""The vectorised validation engine: one DuckDB query checks every row of a dataset.

Input: an Arrow stream whose columns are the raw cell texts (VARCHAR) of the matched source
columns, plus `_row` (source row number, header = 1), `_bad` (a row-level problem found by
the reader: wrong column count, unknown API key … or NULL) and `_bad_msg` (its Chinese text).

The query is built in levels, each a projection over the previous one (columns per field i):
  r<i>  the raw text as read (a leading \\x01 marks a spreadsheet number in a code column,
        \\x02 an API value that was a list or an object)
  a<i>  TRUE when the raw text is empty or already canonical: the fast path (see below)
  s<i>  the normalised text: trimmed, NULL when empty, folded to half-width where the type
        allows it (numbers, dates, codes), upper-cased for codes
  v<i>  the typed value (BIGINT, DECIMAL(18, scale), DATE, TIMESTAMP, BOOLEAN, VARCHAR)
  e<i>  the first error code of the field, or NULL
  x_c<n>, x_o<n>  the row rules (cross-field checks, required_one_of), or NULL
  k     the key (fields joined by \\x1f) for the duplicate check; without a key, a hash of the
        whole row (exact duplicate rows)
The result is streamed to Python as Arrow batches (`output_select`, `consume`): good rows go
to the accepted Parquet writer as they come, bad rows (raw texts and reasons, packed in one
struct column that is NULL on good rows) to the quarantine writer. Repeated keys: a CSV file
of a dataset with a key is first read once for its keys alone (`key_query`, `duplicates_of`),
so that the checking pass already knows the later occurrences and sends them to quarantine
(`output_select(duplicate_reason=…)`); other sources keep the keys of the stream and find
duplicates once it ends (`find_duplicates`). Nothing is materialised, so memory stays bounded
whatever the size of the file, and no Python code runs per good row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from gongzhi.core.periods import Period
from gongzhi.exchange.validation import messages
from gongzhi.exchange.validation.checks import (
    CHECKS,
    TRIM_CHARS,
    CheckOptions,
    fold_width,
    sql_fold,
    sql_formula,
    sql_str,
    sql_trim,
)
from gongzhi.exchange.validation.spec import DatasetSpec, FieldSpec, parse_bound

NUMERIC_MARK = "\x01"  # prefix of a code cell that a spreadsheet stored as a number
NOT_SCALAR_MARK = "\x02"  # an API value that was a list or an object

INT_FAST_RE = "[+-]?[0-9]{1,18}"
INT_RE = "[+-]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:[.]0+)?"
NUM_RE = "[+-]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:[.][0-9]+)?"
SCI_RE = "[+-]?[0-9]+(?:[.][0-9]+)?[Ee][+-]?[0-9]+"
# How a spreadsheet displays a long number it stores: 1.10105E+17 (a code column exported so).
CODE_SCI_RE = "[0-9](?:[.][0-9]+)?E[+][0-9]{1,2}"
DATE_ISO_RE = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
DATE_RE = "([0-9]{4})(?:-|/|[.]|年)([0-9]{1,2})(?:-|/|[.]|月)([0-9]{1,2})日?"
MIDNIGHT_RE = "(?:[ T]+0{1,2}:0{1,2}(?::0{1,2}(?:[.]0+)?)?)?"
COMPACT_DATE_RE = "[0-9]{8}"
SERIAL_RE = "[0-9]{5}(?:[.]0+)?"
SERIAL_TIME_RE = "[0-9]{5}(?:[.][0-9]+)?"
_TIME_SEP = "(?:[ T]+|日?)"
DATETIME_SEC_RE = (
    DATE_RE + _TIME_SEP + "([0-9]{1,2})(?::|时)([0-9]{1,2})(?::|分)([0-9]{1,2}(?:[.][0-9]{1,6})?)秒?"
)
DATETIME_MIN_RE = DATE_RE + _TIME_SEP + "([0-9]{1,2})(?::|时)([0-9]{1,2})分?"
MONTH_RE = "([0-9]{4})(?:(?:-|/|[.]|年)([0-9]{1,2})月?|([0-9]{2}))"
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
BOOL_TRUE = ("是", "true", "t", "y", "yes", "1", "√", "✓", "对")
BOOL_FALSE = ("否", "false", "f", "n", "no", "0", "×", "✗", "错")
SQL_TYPES = {
    "text": "VARCHAR",
    "enum": "VARCHAR",
    "month": "VARCHAR",
    "integer": "BIGINT",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "boolean": "BOOLEAN",
}


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass
class Settings:
    memory_limit: str = "256MB"
    threads: int = 2
    temp_dir: Path | None = None
    fast_path: bool = True  # clean rows of a CSV file typed without the SQL (`fastpath`)


@dataclass
class Plan:
    """What the query needs to know about each field."""

    spec: DatasetSpec
    sources: dict[str, str | None]  # field code -> input column (None: column missing)
    period: Period | None = None
    today: dt.date | None = None  # the services pass the project clock's day; see CheckOptions
    # The period's bounds read from DuckDB variables (`set_period`) rather than written in the
    # SELECT: one view of it then serves every period (see `relation`).
    period_variables: bool = False

    def kind(self, f: FieldSpec) -> str:
        if f.code == self.spec.period_field and f.type == "text":
            return "month"
        return f.type

    def sql_type(self, f: FieldSpec) -> str:
        if f.type == "decimal":
            return f"DECIMAL(18, {f.decimal_scale})"
        return SQL_TYPES[self.kind(f)]

    def code_like(self, f: FieldSpec) -> bool:
        return f.check is not None and CHECKS[f.check].code_like


class Columns:
    """Column names used in the generated SQL for one field."""

    def __init__(self, index: int, f: FieldSpec):
        self.index = index
        self.r, self.a, self.s, self.v, self.e = (q(f"{p}{index}") for p in ("r", "a", "s", "v", "e"))


# ----------------------------------------------------------------------------- SQL building
#
# Every field has a fast path: `a` is TRUE when the raw text already has the canonical shape of
# its type (2025-06-30, 1234.50, an 18-character credit code, a text with no surrounding space
# and no formula-like first character …). Such values need no trimming, folding or formula
# check, and their typed value is one cast. Other values (NULL, empty, padded, full-width,
# 2025年6月30日, 1,234.50, formulas, spreadsheet numbers …) take the slow path, which normalises
# them and explains what is wrong. Both paths end in the same typed value and error code.

TEXT_EDGE_FIRST = (*TRIM_CHARS, "=", "+", "-", "@", "＝", "＋", "－", "＠", "\x01", "\x02")
TEXT_EDGE_LAST = tuple(TRIM_CHARS)
DATETIME_FAST_RE = "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?"
MONTH_FAST_RE = "[0-9]{4}-(?:0[1-9]|1[0-2])"
BOOL_FAST = ("是", "否", "true", "false", "TRUE", "FALSE", "1", "0")


def _in(values) -> str:
    return "(" + ", ".join(sql_str(v) for v in values) + ")"


def _options(plan: Plan, f: FieldSpec) -> CheckOptions:
    return CheckOptions(accept_major_code=f.accept_major_code, today=plan.today)


def _fast_flag(plan: Plan, f: FieldSpec, r: str) -> str:
    """TRUE when the raw text is empty or already canonical (see above)."""
    return f"({r} = '' OR {_canonical(plan, f, r)})"


def _canonical(plan: Plan, f: FieldSpec, r: str) -> str:
    kind = plan.kind(f)
    if f.check:
        return f"regexp_full_match({r}, {sql_str(CHECKS[f.check].fast_re(_options(plan, f)))})"
    if kind == "text":
        return (
            f"NOT (substr({r}, 1, 1) IN {_in(TEXT_EDGE_FIRST)} OR substr({r}, -1) IN {_in(TEXT_EDGE_LAST)})"
        )
    if kind == "enum":
        return f"{r} IN {_in(f.values)}"
    if kind == "integer":
        return f"regexp_full_match({r}, '{INT_FAST_RE}')"
    if kind == "decimal":
        return f"regexp_full_match({r}, '{_decimal_fast_re(f.decimal_scale)}')"
    if kind == "date":
        return f"regexp_full_match({r}, '{DATE_ISO_RE}')"
    if kind == "datetime":
        return f"regexp_full_match({r}, '{DATETIME_FAST_RE}')"
    if kind == "boolean":
        return f"{r} IN {_in(BOOL_FAST)}"
    if kind == "month":
        return f"regexp_full_match({r}, '{MONTH_FAST_RE}')"
    raise ValueError(kind)


def _fast_value(plan: Plan, f: FieldSpec, r: str) -> str:
    kind = plan.kind(f)
    if kind in ("text", "enum", "month"):
        return f"NULLIF({r}, '')"
    if kind == "integer":
        return f"TRY_CAST({r} AS BIGINT)"
    if kind == "decimal":
        return f"TRY_CAST({r} AS {plan.sql_type(f)})"
    if kind == "date":
        return f"TRY_CAST({r} AS DATE)"
    if kind == "datetime":
        return f"TRY_CAST({r} AS TIMESTAMP)"
    if kind == "boolean":  # an empty cell is NULL (unknown), as on the slow path, not FALSE
        return f"NULLIF({r}, '') IN ('是', 'true', 'TRUE', '1')"
    raise ValueError(kind)


def _normalised(plan: Plan, f: FieldSpec, col: Columns) -> str:
    """Slow path normalisation of the raw text: trim, fold, upper-case codes."""
    kind = plan.kind(f)
    value = sql_trim(col.r)
    if kind not in ("text", "enum") or f.check:
        value = sql_fold(value)
        if kind in ("integer", "decimal"):
            value = f"replace({value}, '。', '.')"
    if kind == "boolean":
        value = f"lower({value})"
    elif f.check:
        value = f"upper({value})"
    return f"CASE WHEN {col.a} THEN NULLIF({col.r}, '') ELSE {value} END"


def _decimal_fast_re(scale: int) -> str:
    return f"[+-]?[0-9]{{1,{18 - scale}}}" + (f"(?:[.][0-9]{{1,{scale}}})?" if scale else "")


def _scale_of(s: str) -> str:
    return f"length(regexp_extract({s}, '[.]([0-9]*?)0*$', 1))"


def _slow_value(plan: Plan, f: FieldSpec, s: str) -> str:
    kind = plan.kind(f)
    if kind == "text":
        return s
    if kind == "integer":
        return (
            f"CASE WHEN regexp_full_match({s}, '{INT_RE}') "
            f"THEN TRY_CAST(regexp_replace(replace({s}, ',', ''), '[.]0+$', '') AS BIGINT) END"
        )
    if kind == "decimal":
        return (
            f"CASE WHEN regexp_full_match({s}, '{NUM_RE}') AND {_scale_of(s)} <= {f.decimal_scale} "
            f"THEN TRY_CAST(replace({s}, ',', '') AS {plan.sql_type(f)}) END"
        )
    if kind == "date":
        return (
            f"CASE WHEN regexp_full_match({s}, {sql_str(DATE_RE + MIDNIGHT_RE)}) THEN TRY_CAST(regexp_replace("
            f"{s}, {sql_str('^' + DATE_RE + MIDNIGHT_RE + '$')}, '\\1-\\2-\\3') AS DATE) "
            f"WHEN regexp_full_match({s}, '{COMPACT_DATE_RE}') THEN TRY_CAST(substr({s}, 1, 4) || '-' || "
            f"substr({s}, 5, 2) || '-' || substr({s}, 7, 2) AS DATE) "
            f"WHEN regexp_full_match({s}, '{SERIAL_RE}') "
            f"THEN DATE '1899-12-30' + TRY_CAST(split_part({s}, '.', 1) AS INTEGER) END"
        )
    if kind == "datetime":
        arms = []
        for pattern, replacement in (
            (DATETIME_SEC_RE, "\\1-\\2-\\3 \\4:\\5:\\6"),
            (DATETIME_MIN_RE, "\\1-\\2-\\3 \\4:\\5:00"),
            (DATE_RE + MIDNIGHT_RE, "\\1-\\2-\\3"),
        ):
            arms.append(
                f"WHEN regexp_full_match({s}, {sql_str(pattern)}) THEN TRY_CAST(regexp_replace("
                f"{s}, {sql_str('^' + pattern + '$')}, {sql_str(replacement)}) AS TIMESTAMP)"
            )
        return (
            f"CASE {' '.join(arms)} "
            f"WHEN regexp_full_match({s}, '{COMPACT_DATE_RE}') THEN TRY_CAST(substr({s}, 1, 4) || '-' || "
            f"substr({s}, 5, 2) || '-' || substr({s}, 7, 2) AS TIMESTAMP) "
            f"WHEN regexp_full_match({s}, '{SERIAL_TIME_RE}') THEN TIMESTAMP '1899-12-30 00:00:00' + "
            f"to_microseconds(TRY_CAST(round(TRY_CAST({s} AS DOUBLE) * 86400000000) AS BIGINT)) END"
        )
    if kind == "boolean":
        return f"CASE WHEN {s} IN {_in(BOOL_TRUE)} THEN TRUE WHEN {s} IN {_in(BOOL_FALSE)} THEN FALSE END"
    if kind == "enum":
        arms = " ".join(f"WHEN {sql_str(fold_width(v).lower())} THEN {sql_str(v)}" for v in f.values)
        return f"CASE lower({sql_fold(s)}) {arms} END"
    if kind == "month":
        full = sql_str("^" + MONTH_RE + "$")
        year = f"TRY_CAST(regexp_extract({s}, {full}, 1) AS INTEGER)"
        month = (
            f"TRY_CAST(coalesce(NULLIF(regexp_extract({s}, {full}, 2), ''), "
            f"regexp_extract({s}, {full}, 3)) AS INTEGER)"
        )
        return (
            f"CASE WHEN regexp_full_match({s}, {sql_str(MONTH_RE)}) AND {month} BETWEEN 1 AND 12 "
            f"THEN printf('%04d-%02d', {year}, {month}) END"
        )
    raise ValueError(kind)


def _typed(plan: Plan, f: FieldSpec, col: Columns) -> str:
    if plan.kind(f) == "text":
        return col.s  # the normalised text is the value
    fast = _fast_value(plan, f, col.r)
    return f"CASE WHEN {col.a} THEN {fast} ELSE {_slow_value(plan, f, col.s)} END"


def _literal(f: FieldSpec, value) -> str:
    bound = parse_bound(f.type, value)
    if f.type == "integer":
        return str(int(bound))
    if f.type == "decimal":
        # The column's own type when the bound fits it (no widening of every value to compare).
        exponent = bound.normalize().as_tuple().exponent
        if -exponent <= f.decimal_scale and abs(bound) < Decimal(10) ** (18 - f.decimal_scale):
            return f"CAST({sql_str(str(bound))} AS DECIMAL(18, {f.decimal_scale}))"
        return f"CAST({sql_str(str(bound))} AS DECIMAL(38, {max(f.decimal_scale, 10)}))"
    if f.type == "date":
        return f"DATE {sql_str(bound.isoformat())}"
    return f"TIMESTAMP {sql_str(bound.isoformat(sep=' '))}"


_NO_ERROR = "CAST(NULL AS VARCHAR)"


def _tail(plan: Plan, f: FieldSpec, col: Columns, *, fast: bool) -> str:
    """Checks of a value whose type is right: check digits, pattern, length, range, period."""
    kind, s, v = plan.kind(f), col.s, col.v
    rest: list[str] = []
    if kind in ("date", "datetime"):
        rest.append(
            f"WHEN CAST({v} AS DATE) NOT BETWEEN DATE '{DATE_MIN}' AND DATE '{DATE_MAX}' THEN 'date_range'"
        )
    if f.pattern:
        rest.append(f"WHEN NOT regexp_full_match({s}, {sql_str(f.pattern)}) THEN 'pattern'")
    if f.max_length:
        rest.append(f"WHEN length({s}) > {int(f.max_length)} THEN 'max_length'")
    if f.min is not None:
        rest.append(f"WHEN {v} < {_literal(f, f.min)} THEN 'min'")
    if f.max is not None:
        rest.append(f"WHEN {v} > {_literal(f, f.max)} THEN 'max'")
    if plan.period is not None and f.code == plan.spec.period_field:
        start, end = plan.period.start, plan.period.end
        if kind == "month":
            low, high = f"'{start:%Y-%m}'", f"'{end:%Y-%m}'"
            if plan.period_variables:
                low, high = "getvariable('gz_period_first_month')", "getvariable('gz_period_last_month')"
            rest.append(f"WHEN {v} NOT BETWEEN {low} AND {high} THEN 'period'")
        else:
            low, high = f"DATE '{start}'", f"DATE '{end}'"
            if plan.period_variables:
                low, high = "getvariable('gz_period_start')", "getvariable('gz_period_end')"
            rest.append(f"WHEN CAST({v} AS DATE) NOT BETWEEN {low} AND {high} THEN 'period'")
    tail = f"CASE {' '.join(rest)} END" if rest else _NO_ERROR
    if f.check:
        helpers = {name: q(f"h{col.index}_{name}") for name in CHECKS[f.check].helpers(s, _options(plan, f))}
        check = CHECKS[f.check].sql(s, _options(plan, f), fast, helpers)
        tail = f"coalesce({check}, {tail})" if rest else check
    return tail


def _error(plan: Plan, f: FieldSpec, col: Columns) -> str:
    """First error of a field: the fast path only runs the tail; the slow path explains."""
    kind, r, s, v = plan.kind(f), col.r, col.s, col.v
    required = plan.spec.is_required(f)
    slow: list[str] = [f"WHEN starts_with({r}, chr(2)) THEN 'not_scalar'"]
    if plan.code_like(f):
        slow.append(f"WHEN starts_with({r}, chr(1)) THEN 'numeric_storage'")
    slow.append(f"WHEN {s} IS NULL THEN {sql_str('required') if required else 'NULL'}")
    if plan.code_like(f):
        slow.append(
            f"WHEN contains({s}, 'E+') AND regexp_full_match({s}, '{CODE_SCI_RE}') THEN 'numeric_storage'"
        )
    if kind in ("text", "enum", "month"):
        slow.append(f"WHEN {sql_formula(s)} THEN 'formula'")
    else:
        slow.append(f"WHEN {v} IS NULL AND {sql_formula(s)} THEN 'formula'")
    if kind in ("integer", "decimal"):
        slow.append(f"WHEN {v} IS NULL AND regexp_full_match({s}, '{SCI_RE}') THEN 'sci_notation'")
    if kind == "decimal":
        slow.append(
            f"WHEN {v} IS NULL AND regexp_full_match({s}, '{NUM_RE}') AND {_scale_of(s)} > {f.decimal_scale} "
            f"THEN 'decimal_scale'"
        )
        slow.append(f"WHEN {v} IS NULL AND regexp_full_match({s}, '{NUM_RE}') THEN 'decimal_range'")
    type_codes = {
        "integer": "type_integer",
        "decimal": "type_decimal",
        "date": "type_date",
        "datetime": "type_datetime",
        "boolean": "type_boolean",
        "enum": "enum",
        "month": "period_format",
    }
    if kind in type_codes:
        slow.append(f"WHEN {v} IS NULL THEN '{type_codes[kind]}'")
    slow_sql = f"CASE {' '.join(slow)} ELSE {_tail(plan, f, col, fast=False)} END"
    fast_tail = _tail(plan, f, col, fast=True)
    if fast_tail == _NO_ERROR:
        return f"CASE WHEN NOT ({col.a} AND {v} IS NOT NULL) THEN {slow_sql} END"
    return f"CASE WHEN {col.a} AND {v} IS NOT NULL THEN {fast_tail} ELSE {slow_sql} END"


def _cross(plan: Plan, index: int, cols: dict[str, Columns]) -> str:
    check = plan.spec.cross_checks[index]
    spec = plan.spec
    names = check.fields
    ready = " AND ".join(f"{cols[n].e} IS NULL AND {cols[n].v} IS NOT NULL" for n in names)
    target = cols[check.field].v
    if check.other:
        other = cols[check.other].v
        kinds = {spec.get_field(n).type for n in names}
        if kinds == {"date", "datetime"}:
            target, other = f"CAST({target} AS TIMESTAMP)", f"CAST({other} AS TIMESTAMP)"
        op = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "="}[check.rule]
        failed = f"NOT ({target} {op} {other})"
    else:
        values = [f"CAST({cols[n].v} AS DOUBLE)" for n in check.factors]
        combined = (" * " if check.rule == "product" else " + ").join(values)
        t = f"CAST({target} AS DOUBLE)"
        failed = f"abs({t} - ({combined})) > {check.tolerance!r} * abs({t}) + 1e-9 * greatest(1.0, abs({t}))"
    return f"CASE WHEN {ready} AND {failed} THEN 'cross:{index}' END"


def _one_of(plan: Plan, index: int, cols: dict[str, Columns]) -> str:
    group = plan.spec.required_one_of[index]
    empty = " AND ".join(f"{cols[n].s} IS NULL" for n in group)
    return f"CASE WHEN {empty} THEN 'one_of:{index}' END"


def _key(plan: Plan, cols: dict[str, Columns]) -> str:
    if not plan.spec.key:
        # No key: the whole row (every value as checked, empty as '') is its own key, so an
        # exact copy of an earlier row is found like a repeated key. Hashed: a row can be long.
        values = ", ".join(f"coalesce(CAST({c.v} AS VARCHAR), {c.s}, '')" for c in cols.values())
        return f"CASE WHEN _bad IS NULL THEN md5(concat_ws(chr(31), {values})) END"
    parts = [cols[c] for c in plan.spec.key]
    if len(parts) == 1:
        f = plan.spec.get_field(plan.spec.key[0])
        return (
            parts[0].s if plan.kind(f) == "text" else f"coalesce(CAST({parts[0].v} AS VARCHAR), {parts[0].s})"
        )
    present = " AND ".join(f"{c.s} IS NOT NULL" for c in parts)
    joined = ", ".join(f"coalesce(CAST({c.v} AS VARCHAR), {c.s})" for c in parts)
    return f"CASE WHEN {present} THEN concat_ws(chr(31), {joined}) END"


@dataclass
class Query:
    plan: Plan
    cols: dict[str, Columns]
    select: str  # the SELECT that checks every row of relation `src`

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        return self.plan.spec.fields

    def row_rules(self) -> list[tuple[str, str, str]]:
        """(column, code prefix, target field code) of each row rule."""
        spec = self.plan.spec
        rules = [(q(f"x_c{i}"), f"cross:{i}", c.field) for i, c in enumerate(spec.cross_checks)]
        rules += [(q(f"x_o{i}"), f"one_of:{i}", g[0]) for i, g in enumerate(spec.required_one_of)]
        return rules

    def ok(self) -> str:
        """Every rule of the row holds (duplicates are found after the stream, from the keys)."""
        parts = ["_bad IS NULL"]
        parts += [f"{c.e} IS NULL" for c in self.cols.values()]
        parts += [f"{col} IS NULL" for col, _, _ in self.row_rules()]
        return "(" + " AND ".join(parts) + ")"

    def display(self, f: FieldSpec) -> str:
        """The raw text as the submitter wrote it (the numeric mark removed)."""
        return f"NULLIF(replace({self.cols[f.code].r}, chr(1), ''), '')"


def build_query(plan: Plan) -> Query:
    spec = plan.spec
    cols = {f.code: Columns(i, f) for i, f in enumerate(spec.fields)}
    raw = [
        f"CAST({q(plan.sources[f.code]) if plan.sources.get(f.code) else 'NULL'} AS VARCHAR) AS {cols[f.code].r}"
        for f in spec.fields
    ]
    flags = [f"{_fast_flag(plan, f, cols[f.code].r)} AS {cols[f.code].a}" for f in spec.fields]
    # A row the reader could not split into fields (wrong column count) or an empty/non-object
    # API row: its fields are not checked, the row's own problem is reported.
    skip = "coalesce(regexp_matches(_bad, '^(?:columns|empty_row|not_object)'), FALSE) AS _skip"
    level1 = (
        f"SELECT *, {', '.join(flags)} FROM "
        f"(SELECT CAST(_row AS BIGINT) AS _row, _bad, _bad_msg, {skip}, {', '.join(raw)} FROM src)"
    )
    norm = [f"{_normalised(plan, f, cols[f.code])} AS {cols[f.code].s}" for f in spec.fields]
    level2 = f"SELECT *, {', '.join(norm)} FROM ({level1})"
    not_blank = " OR ".join([f"{c.s} IS NOT NULL" for c in cols.values()] + ["_bad IS NOT NULL"])
    typed = [
        f"CAST({_typed(plan, f, cols[f.code])} AS {plan.sql_type(f)}) AS {cols[f.code].v}"
        for f in spec.fields
    ]
    for f in spec.fields:
        if f.check:
            c = cols[f.code]
            for name, expr in CHECKS[f.check].helpers(c.s, _options(plan, f)).items():
                typed.append(f"{expr} AS {q(f'h{c.index}_{name}')}")
    level3 = f"SELECT *, {', '.join(typed)} FROM ({level2}) WHERE {not_blank}"
    errors = [
        f"CASE WHEN NOT _skip THEN {_error(plan, f, cols[f.code])} END AS {cols[f.code].e}"
        for f in spec.fields
    ]
    level4 = f"SELECT *, {', '.join(errors)}, {_key(plan, cols)} AS k FROM ({level3})"
    rules = [
        f"CASE WHEN NOT _skip THEN {_cross(plan, i, cols)} END AS {q(f'x_c{i}')}"
        for i in range(len(spec.cross_checks))
    ]
    rules += [
        f"CASE WHEN NOT _skip THEN {_one_of(plan, i, cols)} END AS {q(f'x_o{i}')}"
        for i in range(len(spec.required_one_of))
    ]
    keep = ["_row", "_bad", "_bad_msg"]
    for c in cols.values():
        keep += [c.r, c.v, c.e]
    keep += ["k", *rules]
    select = f"SELECT {', '.join(keep)} FROM ({level4})"
    return Query(plan=plan, cols=cols, select=select)


def key_query(plan: Plan) -> str | None:
    """The SELECT giving (`_row`, `k`) of every row of `src` that has a key, with the key
    computed exactly as in `build_query` but from the key fields alone (no other field is
    looked at): the duplicate pre-pass of a CSV file. None for a dataset without a key (its
    key is the whole checked row)."""
    spec = plan.spec
    if not spec.key:
        return None
    fields = [f for f in spec.fields if f.code in spec.key]
    cols = {f.code: Columns(spec.fields.index(f), f) for f in fields}
    raw = [
        f"CAST({q(plan.sources[f.code]) if plan.sources.get(f.code) else 'NULL'} AS VARCHAR) AS {cols[f.code].r}"
        for f in fields
    ]
    flags = [f"{_fast_flag(plan, f, cols[f.code].r)} AS {cols[f.code].a}" for f in fields]
    norm = [f"{_normalised(plan, f, cols[f.code])} AS {cols[f.code].s}" for f in fields]
    typed = [
        f"CAST({_typed(plan, f, cols[f.code])} AS {plan.sql_type(f)}) AS {cols[f.code].v}" for f in fields
    ]
    level1 = (
        f"SELECT *, {', '.join(flags)} FROM (SELECT CAST(_row AS BIGINT) AS _row, {', '.join(raw)} FROM src)"
    )
    level3 = f"SELECT *, {', '.join(typed)} FROM (SELECT *, {', '.join(norm)} FROM ({level1}))"
    return f"SELECT _row, k FROM (SELECT _row, {_key(plan, cols)} AS k FROM ({level3})) WHERE k IS NOT NULL"


# ----------------------------------------------------------------------------- running


def connect(settings: Settings) -> duckdb.DuckDBPyConnection:
    config = {
        "threads": settings.threads,
        "memory_limit": settings.memory_limit,
        "preserve_insertion_order": True,
    }
    if settings.temp_dir is not None:
        config["temp_directory"] = str(settings.temp_dir)
    con = duckdb.connect(":memory:", config=config)
    con.execute("SET enable_progress_bar = false")
    return con


# ----------------------------------------------------------------------------- small inputs
#
# A small file costs little to check but much to set up: opening a DuckDB connection (~20 ms)
# and handing DuckDB the 30-40 kB checking SELECT (parsed and tokenised by the Python layer,
# then parsed again to run: ~35 ms) weigh more than checking a few thousand rows. A small input
# therefore reuses its thread's connection, on which each checking SELECT is kept as a view:
# a second file of the same dataset, columns and period sends only the short outer SELECT.
# The view holds the same text, so DuckDB binds and runs the same query (same results). A
# large input keeps a connection of its own (its temporary directory beside the output).

SMALL_INPUT_BYTES = 4 << 20  # a file up to this size uses its thread's connection (`opened`)
SMALL_INPUT_ROWS = 50_000  # the same for rows pushed by API
VIEWS_KEPT = 32  # checking SELECTs kept as views on a reused connection


class _Reused:
    """One thread's connection for small inputs, with its views (checking SELECT -> name)."""

    def __init__(self, settings: Settings) -> None:
        self.pid = os.getpid()
        self.settings = (settings.memory_limit, settings.threads)
        # Never used by a small input (nothing spills), but better than DuckDB's default, `.tmp`
        # in the working directory, should it ever be.
        temp = Path(tempfile.gettempdir()) / f"gongzhi-duckdb-{self.pid}"
        self.con = connect(
            Settings(memory_limit=settings.memory_limit, threads=settings.threads, temp_dir=temp)
        )
        self.views: OrderedDict[str, str] = OrderedDict()
        self.busy = False


_local = threading.local()


@contextmanager
def opened(settings: Settings, *, small: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one validation: this thread's reused one for a small input (see above),
    else a new one, closed at the end. The reused connection is closed and forgotten when the
    validation fails (no state of a failed run outlives it) and after a fork (DuckDB does not
    survive one); it never serves two validations at once (a nested call gets a new one)."""
    reused: _Reused | None = getattr(_local, "reused", None)
    if not small or (reused is not None and reused.busy):
        con = connect(settings)
        try:
            yield con
        finally:
            con.close()
        return
    if reused is None or reused.pid != os.getpid():
        reused = _local.reused = _Reused(settings)
    wanted = (settings.memory_limit, settings.threads)
    if reused.settings != wanted:
        reused.con.execute(f"SET memory_limit = {sql_str(settings.memory_limit)}")
        reused.con.execute(f"SET threads = {int(settings.threads)}")
        reused.settings = wanted
    reused.busy = True
    try:
        yield reused.con
        reused.con.execute("DROP TABLE IF EXISTS dups")
    except BaseException:
        _local.reused = None
        reused.con.close()
        raise
    finally:
        reused.busy = False


def reusing(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether `con` is this thread's reused connection (where checking SELECTs become views)."""
    reused: _Reused | None = getattr(_local, "reused", None)
    return reused is not None and reused.con is con


def set_period(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """Set the variables a plan with `period_variables` reads its period's bounds from."""
    if not plan.period_variables or plan.period is None:
        return
    start, end = plan.period.start, plan.period.end
    con.execute(
        f"SET VARIABLE gz_period_start = DATE '{start}'; SET VARIABLE gz_period_end = DATE '{end}'; "
        f"SET VARIABLE gz_period_first_month = '{start:%Y-%m}'; "
        f"SET VARIABLE gz_period_last_month = '{end:%Y-%m}'"
    )


def relation(con: duckdb.DuckDBPyConnection, select: str) -> str:
    """`select` as a relation to read from: on a reused connection a view kept for the next
    input of the same shape (created the first time), else the parenthesised SELECT itself."""
    reused: _Reused | None = getattr(_local, "reused", None)
    if reused is None or reused.con is not con:
        return f"({select})"
    name = reused.views.get(select)
    if name is None:
        name = "chk_" + hashlib.sha1(select.encode()).hexdigest()[:20]
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {select}")
        reused.views[select] = name
        if len(reused.views) > VIEWS_KEPT:
            _, dropped = reused.views.popitem(last=False)
            con.execute(f"DROP VIEW IF EXISTS {dropped}")
    else:
        reused.views.move_to_end(select)
    return name


def sid_sql(submission_id) -> str:
    if isinstance(submission_id, int):
        return f"CAST({int(submission_id)} AS BIGINT)"
    return sql_str(str(submission_id))


@dataclass
class Layout:
    """Where things are in the batches that `output_select` produces."""

    fields: list[str]  # field codes; columns 0..n-1 hold the typed values
    errors: list[tuple[str, str | None, dict[str, str]]]  # (error column, target field, code -> message)
    raw: list[str]  # the raw-text columns, one per field
    duplicates: KnownDuplicates | None = None  # the struct holds `_dup`, a later occurrence of a key

    @property
    def accepted_width(self) -> int:
        return len(self.fields) + 2  # + _submission_id, _source_row


@dataclass
class KnownDuplicates:
    """The later occurrences of keys, found before the checking pass (`duplicates_of`)."""

    rows: pa.Array  # their row numbers, ascending
    first: pa.Array  # the row of each one's first occurrence
    prefix: str  # the reason's start: "交易编号与第" (then the first row, then "行重复")

    def bits(self) -> str:
        """'0'/'1' by row number (0 to the last duplicate): the query's parameter, a BIT value
        that `get_bit` reads in constant time (a join would not keep the rows' order)."""
        flags = bytearray(b"0" * (self.rows[-1].as_py() + 1))
        for row in self.rows.to_pylist():
            flags[row] = ord("1")
        return flags.decode()

    def reasons(self, rows: pa.Array, flagged: pa.Array) -> pa.Array:
        """The reason of each flagged row of `rows` (null elsewhere)."""
        first = pc.take(self.first, pc.index_in(rows, value_set=self.rows))
        text = pc.binary_join_element_wise(self.prefix, pc.cast(first, pa.string()), "行重复", "")
        return pc.if_else(flagged, text, pa.scalar(None, pa.string()))


def output_select(
    query: Query,
    submission_id,
    *,
    duplicates: KnownDuplicates | None = None,
    keys: bool = True,
    checked: str | None = None,
) -> tuple[str, Layout]:
    """The streamed SELECT: typed values, provenance, the ok flag, error codes, key, raw texts.

    Raw texts are passed through as read (no work in SQL); the Chinese reasons of bad rows are
    assembled from the error codes by Arrow compute in `consume`, only for bad rows.

    With `duplicates` (known before the pass), the SELECT takes one parameter, `bits()`: a
    later occurrence of a key is not ok, its reason comes last, and a row that fails by its
    key alone is quarantined with its checked values as text (as `ingest` does when it moves a
    duplicate out of the accepted file afterwards). `checked` is where the rows of
    `query.select` are read from (a view of it, see `relation`); by default the SELECT itself.
    """
    source = checked or f"({query.select})"
    spec, plan = query.plan.spec, query.plan
    cols = query.cols
    out = [f"{cols[f.code].v} AS {q(f.code)}" for f in spec.fields]
    out += [f"{sid_sql(submission_id)} AS _submission_id", "_row AS _source_row", "_ok"]
    if keys:  # not needed when the pre-pass found the duplicates (nor computed, then)
        out.append("k AS _key")
    # Everything about a bad row in one struct column, NULL on good rows: one CASE, and next to
    # nothing to hand over for the good rows.
    packed: list[str] = []
    errors: list[tuple[str, str | None, dict[str, str]]] = []
    for f in spec.fields:
        name = f"_e_{f.code}"
        packed.append(f"{q(name)} := {cols[f.code].e}")
        codes = messages.field_codes(f, spec, period_field=f.code == spec.period_field)
        table = {c: f"{f.name}：{messages.message(c, spec=spec, field=f, period=plan.period)}" for c in codes}
        errors.append((name, f.code, table))
    for col, code, target in query.row_rules():
        name = "_" + col.strip('"')
        packed.append(f"{q(name)} := {col}")
        target_field = spec.get_field(target)
        errors.append(
            (
                name,
                target,
                {code: f"{target_field.name}：{messages.message(code, spec=spec, field=target_field)}"},
            )
        )
    packed += ["_bad := _bad", "_bad_msg := _bad_msg"]
    raw = []
    for f in spec.fields:
        name = f"_raw_{f.code}"
        value = cols[f.code].r
        if duplicates is not None:
            value = f"CASE WHEN _checked_ok THEN CAST({cols[f.code].v} AS VARCHAR) ELSE {value} END"
        packed.append(f"{q(name)} := {value}")
        raw.append(name)
    layout = Layout(fields=[f.code for f in spec.fields], errors=errors, raw=raw, duplicates=duplicates)
    if duplicates is None:
        out.append(f"CASE WHEN NOT _ok THEN struct_pack({', '.join(packed)}) END AS _err")
        select = (
            f"SELECT {', '.join(out)} FROM (SELECT *, coalesce({query.ok()}, FALSE) AS _ok FROM {source})"
        )
        return select, layout
    packed.append("_dup := _dup")
    out.append(f"CASE WHEN NOT _ok THEN struct_pack({', '.join(packed)}) END AS _err")
    last = duplicates.rows[-1].as_py()
    flag = f"CASE WHEN _row BETWEEN 0 AND {int(last)} THEN get_bit(?::BIT, CAST(_row AS INTEGER)) = 1 ELSE FALSE END"
    checked = f"SELECT *, coalesce({query.ok()}, FALSE) AS _checked_ok, {flag} AS _dup FROM {source}"
    select = f"SELECT {', '.join(out)} FROM (SELECT *, _checked_ok AND NOT _dup AS _ok FROM ({checked}))"
    return select, layout


def _reasons(bad: pa.RecordBatch, layout: Layout) -> pa.Array:
    """The Chinese reasons of each bad row, joined with '；' (vectorised)."""
    parts = [bad.column("_bad_msg")]
    for name, _, table in layout.errors:
        codes = bad.column(name)
        if codes.null_count == len(codes):
            continue
        keys = pa.array(list(table), pa.string())
        texts = pa.array(list(table.values()), pa.string())
        parts.append(pc.coalesce(pc.take(texts, pc.index_in(codes, value_set=keys)), codes))
    if layout.duplicates is not None:
        parts.append(layout.duplicates.reasons(bad.column("_source_row"), bad.column("_dup")))
    if len(parts) == 1:
        return parts[0]
    return pc.binary_join_element_wise(*parts, "；", null_handling="skip")


def _display(column: pa.Array) -> pa.Array:
    """Raw text as the submitter wrote it: the numeric mark removed, '' as null."""
    text = pc.replace_substring(column, "\x01", "")
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


@dataclass
class ErrorRow:
    row: int
    field: str | None
    code: str
    value: str | None
    info: str | None = None
    message: str | None = None  # given by the reader (row-level problems)


@dataclass
class StreamStats:
    rows: int = 0
    error_rows: int = 0
    counts: Counter = field(default_factory=Counter)  # (field code or None, code) -> count
    errors: list[ErrorRow] = field(default_factory=list)
    keys: list[tuple[pa.Array, pa.Array]] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return sum(self.counts.values())


def _bad_field(code: str) -> str | None:
    base, _, detail = code.partition(":")
    return detail if base in ("unknown_field", "not_scalar") else None


def consume(
    batches,
    layout: Layout,
    *,
    cap: int,
    keep_keys: bool,
    on_accepted,
    on_quarantined,
    field_order: dict[str, int],
) -> StreamStats:
    """Split the checked batches: good rows to `on_accepted`, bad rows (raw texts and reasons)
    to `on_quarantined`; count every error, keep the first `cap` in detail, keep the keys.

    All work is vectorised per batch (Arrow compute); Python touches single rows only for the
    errors kept in detail, at most `cap` of them.
    """
    stats = StreamStats()
    width = layout.accepted_width
    quarantine_names = [*layout.fields, "_submission_id", "_source_row", "_errors"]
    for batch in batches:
        n = batch.num_rows
        if not n:
            continue
        stats.rows += n
        ok = batch.column("_ok")
        good = pc.sum(ok).as_py() or 0
        if keep_keys:
            key = batch.column("_key")
            present = pc.is_valid(key)
            stats.keys.append((key.filter(present), batch.column("_source_row").filter(present)))
        if good == n:
            on_accepted(_select(batch, range(width)))
            continue
        if good:
            on_accepted(_select(batch, range(width)).filter(ok))
        rejected = batch.filter(pc.invert(ok))
        bad = pa.RecordBatch.from_struct_array(rejected.column("_err"))
        bad = bad.append_column("_source_row", rejected.column("_source_row"))
        bad = bad.append_column("_submission_id", rejected.column("_submission_id"))
        stats.error_rows += bad.num_rows
        columns = [_display(bad.column(c)) for c in layout.raw]
        columns += [bad.column("_submission_id"), bad.column("_source_row"), _reasons(bad, layout)]
        on_quarantined(pa.RecordBatch.from_arrays(columns, names=quarantine_names))
        _count_and_keep(bad, layout, stats, cap, field_order)
    return stats


def _select(batch: pa.RecordBatch, indexes) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays(
        [batch.column(i) for i in indexes], schema=pa.schema([batch.schema.field(i) for i in indexes])
    )


def _count_and_keep(bad: pa.RecordBatch, layout: Layout, stats: StreamStats, cap: int, order: dict) -> None:
    room = cap - len(stats.errors)
    rows = bad.column("_source_row")
    found: list[ErrorRow] = []
    raw_of = dict(zip(layout.fields, layout.raw, strict=True))
    for name, target, _ in layout.errors:
        column = bad.column(name)
        if column.null_count == len(column):
            continue
        for item in pc.value_counts(column.drop_null()).to_pylist():
            stats.counts[(target, item["values"])] += item["counts"]
        if room > 0:
            present = pc.is_valid(column)
            take = lambda array, present=present: array.filter(present).slice(0, room).to_pylist()  # noqa: E731
            for row, code, value in zip(
                take(rows), take(column), take(_display(bad.column(raw_of[target]))), strict=True
            ):
                found.append(ErrorRow(row, target, code, value))
    column = bad.column("_bad")
    if column.null_count != len(column):
        present = pc.is_valid(column)
        for code in column.filter(present).to_pylist():
            stats.counts[(_bad_field(code), code.partition(":")[0])] += 1
        if room > 0:
            take = lambda array: array.filter(present).slice(0, room).to_pylist()  # noqa: E731
            for row, code, message in zip(
                take(rows), take(column), take(bad.column("_bad_msg")), strict=True
            ):
                found.append(ErrorRow(row, _bad_field(code), code, None, None, message))
    if found:
        found.sort(key=lambda e: (e.row, order.get(e.field, -1)))
        stats.errors.extend(found[: max(room, 0)])


def find_duplicates(con: duckdb.DuckDBPyConnection, stats: StreamStats) -> int:
    """Create table `dups(_row, first_row, k)`: every later occurrence of a key. Returns the count."""
    if not stats.keys:
        con.execute("CREATE OR REPLACE TEMP TABLE dups (_row BIGINT, first_row BIGINT, k VARCHAR)")
        return 0
    keys = pa.table(
        {
            "k": pa.chunked_array([k for k, _ in stats.keys], type=pa.string()),
            "_row": pa.chunked_array([r for _, r in stats.keys], type=pa.int64()),
        }
    )
    stats.keys.clear()
    con.register("keys_in", keys)
    try:
        count = duplicates_of(con, "keys_in")
    finally:
        con.unregister("keys_in")
    del keys
    return count


def duplicates_of(con: duckdb.DuckDBPyConnection, keys: str) -> int:
    """Create table `dups(_row, first_row, k)` from relation `keys(_row, k)` (a name or a
    parenthesised SELECT): every later occurrence of a key. Returns the count."""
    # The keys that occur more than once are found among the rows whose key's 64-bit hash does:
    # grouping a million hashes costs two thirds of grouping the keys themselves, and only the few
    # rows whose hash repeats are grouped by their key (exact: a collision only adds candidates).
    con.execute(
        "CREATE OR REPLACE TEMP TABLE dups AS "
        # (the relation may be a stream: read once)
        f"WITH ks AS MATERIALIZED (SELECT _row, k, hash(k) AS h FROM {keys}), "
        "repeated AS (SELECT h FROM ks GROUP BY h HAVING count(*) > 1), "
        "candidates AS (SELECT _row, k FROM ks SEMI JOIN repeated USING (h)), "
        "d AS (SELECT k, min(_row) AS first_row FROM candidates GROUP BY k HAVING count(*) > 1) "
        "SELECT c._row, d.first_row, c.k FROM candidates AS c JOIN d USING (k) WHERE c._row > d.first_row"
    )
    ((count,),) = con.execute("SELECT count(*) FROM dups").fetchall()
    return count
