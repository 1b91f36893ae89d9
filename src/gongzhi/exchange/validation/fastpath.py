"""The clean-row fast path of the bulk engine (issue 18, docs/adr/0005).

Most rows of a real file are already canonical and valid in every field (2025-06-30, 1234.50,
a correct credit code, a name with no stray space). The checking SELECT costs about 2 CPU s per
million rows whatever the rows hold; `FastPath.split` decides instead, per batch and in compiled
code (`_fastpath.c`), which rows are clean, and types them without DuckDB. Only the other rows
(and the last row of each batch, see `Stash`) go through the engine's unchanged SELECT, which
explains every error. The two streams are merged back in row order, so the accepted Parquet
file is the one the SELECT alone would write.

A row is clean only when the SQL would accept it with exactly the values computed here; where
that is not certain the row goes to the SQL (a value with a '+', a product near its
tolerance, a bound that does not fit the scale …). A dataset with anything the fast path does
not know (a check without a compiled form, a bound of another type …) is checked entirely in
SQL, as is every source other than a CSV read by the fast reader with its duplicate pre-pass.
`tests/exchange/validation/test_fastpath.py` runs both paths over generated edge cases and
compares the files.
"""

from __future__ import annotations

import collections
import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gongzhi.core.codes import USCC_CHARSET
from gongzhi.exchange.validation import engine
from gongzhi.exchange.validation.checks import (
    ID_CARD_PREFIXES,
    PROVINCES,
    SECTION_OF_MAJOR,
    CheckOptions,
)
from gongzhi.exchange.validation.spec import DatasetSpec, FieldSpec, parse_bound

try:  # built by `pip install` (setup.py); without a C compiler every row goes through SQL
    from gongzhi.exchange.validation import _fastpath as _c
except ImportError:  # pragma: no cover - depends on the machine
    _c = None

EPOCH = dt.date(1970, 1, 1)
_CHECKS = ("uscc", "id_card", "industry_code", "unit_no", "area_code", "phone")
_FIRST_BAD = np.array([ord(c) for c in engine.TEXT_EDGE_FIRST], dtype=np.uint32).tobytes()
_LAST_BAD = np.array([ord(c) for c in engine.TEXT_EDGE_LAST], dtype=np.uint32).tobytes()
_ID_PREFIXES = bytes(1 if f"{k:02d}" in ID_CARD_PREFIXES else 0 for k in range(100))
_PROVINCES = bytes(1 if f"{k:02d}" in PROVINCES else 0 for k in range(100))
_BOOL_FAST = pa.array(engine.BOOL_FAST, pa.string())
_BOOL_TRUE = pa.array(["是", "true", "TRUE", "1"], pa.string())
_INT64_MAX = (1 << 63) - 1


def available() -> bool:
    return _c is not None


def _days(day: dt.date) -> int:
    return (day - EPOCH).days


@dataclass
class _Field:
    spec: FieldSpec
    kind: str
    column: str | None
    required: bool
    low: int | None = None  # bounds on the typed value (unscaled decimal, days, microseconds)
    high: int | None = None
    day_low: int = _days(engine.DATE_MIN)  # date and date-time fields: days
    day_high: int = _days(engine.DATE_MAX)
    month_low: int = 0
    month_high: int = 999999
    members: pa.Array | None = None  # an enumeration's values, made once


class _Unsupported(Exception):
    pass


def _bound(f: FieldSpec, kind: str, value, *, upper: bool) -> int:
    """A `min`/`max` bound as an integer comparable with the typed values computed here."""
    bound = parse_bound(f.type, value)
    if bound is None:
        raise _Unsupported
    if kind == "integer":
        return int(bound)
    if kind == "decimal":
        scaled = Decimal(bound).scaleb(f.decimal_scale)
        # an integer below a fractional bound is below its ceiling (above: its floor)
        edge = math.floor(scaled) if upper else math.ceil(scaled)
        return max(-_INT64_MAX, min(_INT64_MAX, edge))
    if kind == "date":
        return _days(bound)
    if kind == "datetime":
        return (
            _days(bound.date()) * 86_400_000_000
            + (bound.hour * 3600 + bound.minute * 60 + bound.second) * 1_000_000
            + bound.microsecond
        )
    raise _Unsupported


def _plan_field(plan: engine.Plan, f: FieldSpec) -> _Field:
    kind = plan.kind(f)
    spec = plan.spec
    out = _Field(spec=f, kind=kind, column=plan.sources.get(f.code), required=spec.is_required(f))
    if kind == "enum":
        out.members = pa.array(list(f.values), pa.string())
    if f.check and (kind != "text" or f.check not in _CHECKS):
        raise _Unsupported
    if kind not in ("text", "enum", "month", "integer", "decimal", "date", "datetime", "boolean"):
        raise _Unsupported
    if f.min is not None:
        out.low = _bound(f, kind, f.min, upper=False)
    if f.max is not None:
        out.high = _bound(f, kind, f.max, upper=True)
    if kind == "decimal" and not 0 <= f.decimal_scale <= 17:
        raise _Unsupported
    if plan.period is not None and f.code == spec.period_field:
        start, end = plan.period.start, plan.period.end
        if kind == "month":
            out.month_low, out.month_high = start.year * 100 + start.month, end.year * 100 + end.month
        elif kind in ("date", "datetime"):
            out.day_low, out.day_high = max(out.day_low, _days(start)), min(out.day_high, _days(end))
        else:
            raise _Unsupported
    return out


def _validity(ok: np.ndarray, offset: int = 0) -> pa.Buffer:
    if offset:
        ok = np.concatenate([np.zeros(offset, dtype=bool), ok])
    return pa.py_buffer(np.packbits(ok, bitorder="little"))


def _buffers(col: pa.Array) -> tuple:
    _, offsets, data = col.buffers()
    return offsets, (data if data is not None else b"")


class FastPath:
    """Decides which rows of a batch are clean and types them (see the module's docstring)."""

    def __init__(self, plan: engine.Plan, fields: list[_Field], repeated: np.ndarray | None, options) -> None:
        self.plan = plan
        self.fields = fields
        self.repeated = repeated
        self.options = options
        self.by_code = {f.spec.code: f for f in fields}

    @classmethod
    def build(cls, plan: engine.Plan, duplicates: engine.KnownDuplicates | None) -> FastPath | None:
        """The fast path for this plan, or None when the SQL must check every row."""
        if _c is None:
            return None
        spec: DatasetSpec = plan.spec
        try:
            fields = [_plan_field(plan, f) for f in spec.fields]
        except _Unsupported:
            return None
        kinds = {f.spec.code: f.kind for f in fields}
        for check in spec.cross_checks:
            if check.other:
                pair = {kinds[check.field], kinds[check.other]}
                scales = {spec.get_field(c).decimal_scale for c in (check.field, check.other)}
                if not (
                    pair <= {"date", "datetime"}
                    or pair == {"integer"}
                    or (pair == {"decimal"} and len(scales) == 1)
                ):
                    return None
            elif any(kinds[c] not in ("integer", "decimal") for c in (check.field, *check.factors)):
                return None
        repeated = None
        if duplicates is not None:  # by row number: TRUE at each later occurrence of a key
            rows = np.asarray(duplicates.rows.to_numpy(zero_copy_only=False), dtype=np.int64)
            repeated = np.zeros(int(rows.max()) + 1 if len(rows) else 0, dtype=bool)
            repeated[rows] = True
        return cls(plan, fields, repeated, CheckOptions(today=plan.today))

    # ------------------------------------------------------------------------- one field

    def _field(
        self, fld: _Field, col: pa.Array | None, n: int
    ) -> tuple[np.ndarray, pa.Array, np.ndarray | None]:
        """(codes, typed values, numbers for the rules or None) of one column."""
        kind, f = fld.kind, fld.spec
        pa_type = _ARROW_TYPES.get(kind) or pa.decimal128(18, f.decimal_scale)
        if col is None:  # the column is missing: every value empty
            return np.full(n, 2, np.uint8), pa.nulls(n, pa_type), np.zeros(n, np.int64)
        if col.type != pa.string():
            raise TypeError(col.type)
        codes = np.empty(n, np.uint8)
        offsets, data = _buffers(col)
        start = col.offset
        numbers = None
        if kind == "text" and not f.check:
            _c.text(offsets, data, start, n, codes, _FIRST_BAD, _LAST_BAD, f.max_length or -1)
        elif kind == "text":
            if f.check == "uscc":
                _c.uscc(offsets, data, start, n, codes, USCC_CHARSET.encode())
            elif f.check == "id_card":
                latest = self.options.latest_birth()
                _c.id_card(offsets, data, start, n, codes, _ID_PREFIXES, int(latest.strftime("%Y%m%d")))
            elif f.check == "industry_code":
                _c.industry(
                    offsets, data, start, n, codes, SECTION_OF_MAJOR.encode(), bool(f.accept_major_code)
                )
            elif f.check == "unit_no":
                _c.unit_no(offsets, data, start, n, codes, _PROVINCES)
            elif f.check == "area_code":
                _c.area_code(offsets, data, start, n, codes, _PROVINCES)
            else:
                _c.phone(offsets, data, start, n, codes)
        elif kind == "month":
            _c.month(offsets, data, start, n, codes, fld.month_low, fld.month_high)
        elif kind == "enum":
            self._member(col, codes, fld.members)
        elif kind == "boolean":
            self._member(col, codes, _BOOL_FAST)
        elif kind == "integer":
            numbers = np.empty(n, np.int64)
            _c.integer(offsets, data, start, n, codes, numbers)
        elif kind == "decimal":
            wide = np.empty(2 * n, np.int64)
            _c.decimal(offsets, data, start, n, codes, wide, f.decimal_scale)
            numbers = wide[0::2]
        elif kind == "date":
            numbers = np.empty(n, np.int32)
            _c.date(offsets, data, start, n, codes, numbers, fld.day_low, fld.day_high)
        elif kind == "datetime":
            numbers = np.empty(n, np.int64)
            _c.datetime(offsets, data, start, n, codes, numbers, fld.day_low, fld.day_high)
        # The SQL tests a value's pattern and length on its text, whatever its type (the plain
        # text's length was counted above).
        if f.max_length and (kind != "text" or f.check):
            too_long = pc.greater(pc.utf8_length(col), f.max_length).to_numpy(zero_copy_only=False)
            codes[too_long & (codes == 1)] = 0
        if f.pattern:
            self._pattern(col, codes, f.pattern)
        if col.null_count:
            codes[~col.is_valid().to_numpy(zero_copy_only=False)] = 0
        if numbers is not None and (fld.low is not None or fld.high is not None):
            value = numbers.astype(np.int64)
            if fld.low is not None:
                codes[(codes == 1) & (value < fld.low)] = 0
            if fld.high is not None:
                codes[(codes == 1) & (value > fld.high)] = 0
        valid = codes == 1
        if kind in ("text", "enum", "month"):
            values = pa.Array.from_buffers(
                pa.string(), n, [_validity(valid, start), col.buffers()[1], col.buffers()[2]], offset=start
            )
        elif kind == "boolean":
            values = pa.array(pc.is_in(col, value_set=_BOOL_TRUE).to_numpy(zero_copy_only=False), mask=~valid)
        elif kind == "decimal":
            values = pa.Array.from_buffers(pa_type, n, [_validity(valid), pa.py_buffer(wide)])
        else:
            values = pa.Array.from_buffers(pa_type, n, [_validity(valid), pa.py_buffer(numbers)])
        return codes, values, numbers

    @staticmethod
    def _pattern(col: pa.Array, codes: np.ndarray, pattern: str) -> None:
        """The field's own pattern (RE2, as in the SQL) on the values found canonical."""
        matched = pc.match_substring_regex(col, f"^(?:{pattern})$").to_numpy(zero_copy_only=False)
        # how '.' and '$' treat a line break may differ between the two RE2 set-ups: the SQL decides
        matched &= ~pc.match_substring(col, "\n").to_numpy(zero_copy_only=False)
        codes[(codes == 1) & ~matched] = 0

    @staticmethod
    def _member(col: pa.Array, codes: np.ndarray, values: pa.Array) -> None:
        found = pc.is_in(col, value_set=values).to_numpy(zero_copy_only=False)
        lengths = pc.binary_length(col).to_numpy(zero_copy_only=False)
        codes[:] = np.where(lengths == 0, 2, found.astype(np.uint8))

    # ------------------------------------------------------------------------- one batch

    def split(self, batch: pa.RecordBatch) -> tuple[pa.RecordBatch | None, pa.RecordBatch]:
        """(clean rows typed: the fields, then `_source_row`; the other rows as read)."""
        n = batch.num_rows
        ok = np.ones(n, dtype=bool)
        filled = np.zeros(n, dtype=bool)
        values: list[pa.Array] = []
        numbers: dict[str, np.ndarray | None] = {}
        present: dict[str, np.ndarray] = {}
        names = set(batch.schema.names)
        for fld in self.fields:
            col = batch.column(fld.column) if fld.column and fld.column in names else None
            codes, typed, number = self._field(fld, col, n)
            ok &= (codes == 1) if fld.required else (codes != 0)
            filled |= codes == 1
            values.append(typed)
            numbers[fld.spec.code] = number
            present[fld.spec.code] = codes == 1
        ok &= filled  # a blank row is the SQL's to drop
        if "_bad" in names and batch.column("_bad").null_count != n:
            ok &= ~batch.column("_bad").is_valid().to_numpy(zero_copy_only=False)
        rows = batch.column("_row").to_numpy(zero_copy_only=False).astype(np.int64)
        if self.repeated is not None and len(self.repeated):
            inside = (rows >= 0) & (rows < len(self.repeated))
            ok[inside] &= ~self.repeated[rows[inside]]
        spec = self.plan.spec
        for check in spec.cross_checks:
            ok &= ~self._cross_may_fail(check, numbers, present)
        for group in spec.required_one_of:
            ok &= np.logical_or.reduce([present[c] for c in group])
        if n:
            ok[-1] = False  # see `Stash`
        unclean = batch.filter(pa.array(~ok))
        if not ok.any():
            return None, unclean
        mask = pa.array(ok)
        columns = [v.filter(mask) for v in values]
        columns.append(pa.array(rows[ok]))
        names_out = [f.spec.code for f in self.fields] + ["_source_row"]
        return pa.RecordBatch.from_arrays(columns, names=names_out), unclean

    def _cross_may_fail(self, check, numbers: dict, present: dict) -> np.ndarray:
        """TRUE where the SQL might find the row rule broken (those rows go to the SQL)."""
        ready = np.logical_and.reduce([present[c] for c in check.fields])
        if check.other:
            a, b = (self._comparable(c, numbers[c]) for c in (check.field, check.other))
            holds = {
                "gte": a >= b,
                "gt": a > b,
                "lte": a <= b,
                "lt": a < b,
                "eq": a == b,
            }[check.rule]
            return ready & ~holds
        with np.errstate(all="ignore"):
            as_float = {c: self._as_double(c, numbers[c]) for c in (check.field, *check.factors)}
            t = as_float[check.field]
            combined = as_float[check.factors[0]].copy()
            for c in check.factors[1:]:
                combined = combined * as_float[c] if check.rule == "product" else combined + as_float[c]
            allowed = check.tolerance * np.abs(t) + 1e-9 * np.maximum(1.0, np.abs(t))
            # well inside the tolerance: the SQL's doubles cannot differ by that much
            safe = np.abs(t - combined) <= 0.5 * allowed
        return ready & ~safe

    def _comparable(self, code: str, number: np.ndarray) -> np.ndarray:
        kind = self.by_code[code].kind
        if kind == "date":
            return number.astype(np.int64) * 86_400_000_000
        return number.astype(np.int64)

    def _as_double(self, code: str, number: np.ndarray) -> np.ndarray:
        fld = self.by_code[code]
        if fld.kind == "decimal":
            return number.astype(np.float64) / (10.0**fld.spec.decimal_scale)
        return number.astype(np.float64)


_ARROW_TYPES = {
    "text": pa.string(),
    "enum": pa.string(),
    "month": pa.string(),
    "integer": pa.int64(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us"),
    "boolean": pa.bool_(),
}


class Stash:
    """Clean rows waiting for the SQL's output to pass them, so that the accepted file keeps the
    rows' order.

    The producer (`feed`, on DuckDB's scan thread) puts each batch's clean rows here before it
    hands the batch's other rows to DuckDB; the last row of every batch always goes to DuckDB.
    When DuckDB's output reaches row R, every clean row below R is here, and is merged in order
    with the accepted rows of that output (`release`). What waits is bounded by how far DuckDB
    reads ahead of its output (its output batches are small on this path).
    """

    def __init__(self) -> None:
        self.entries: collections.deque = collections.deque()
        self.rows = 0  # every clean row put here
        self.waiting = 0  # rows here now
        self.most = 0  # the most rows that waited at once

    def put(self, clean: pa.RecordBatch) -> None:
        self.entries.append(clean)
        self.rows += clean.num_rows
        self.waiting += clean.num_rows
        self.most = max(self.most, self.waiting)

    def take_below(self, limit: int | None) -> list[pa.RecordBatch]:
        """Every waiting row whose number is below `limit` (None: all), in order."""
        out = []
        while self.entries:
            head = self.entries[0]
            rows = head.column(head.num_columns - 1)
            if limit is None or rows[-1].as_py() < limit:
                out.append(self.entries.popleft())
                self.waiting -= head.num_rows
                continue
            cut = int(np.searchsorted(rows.to_numpy(zero_copy_only=False), limit, side="left"))
            if cut:
                out.append(head.slice(0, cut))
                self.entries[0] = head.slice(cut)
                self.waiting -= cut
            break
        return out
