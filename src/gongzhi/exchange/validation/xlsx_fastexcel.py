"""The fast .xlsx reader: fastexcel (calamine in Rust, straight into Arrow), same text as the
calamine path of `readers.open_xlsx`.

python-calamine hands every cell to Python (about 2 CPU s for 200,000 rows × 12 columns, plus
0.6 s to turn them back into Arrow); fastexcel parses the sheet into typed Arrow columns in
about 1.1 s. The cells are then made into the same texts as `readers._column_array` makes of
python-calamine's values, column by column in Arrow:

- text columns as they are, empty cells "" (python-calamine gives "" for an empty cell);
- number columns by `readers._numbers_as_text` (empty cells NULL), and in code columns with
  `NUMERIC_MARK` in front (empty cells "") so that the engine refuses them as today;
- date columns: python-calamine gives a `time` for a serial below 1, a `date` for a whole
  serial and a `datetime` otherwise; the same split is made on fastexcel's timestamps;
- TRUE/FALSE (true/false in a boolean field).

One parse only: the sheet is loaded with its first non-empty row as header and every column's
type guessed from all rows in "strict" mode (a column mixing texts and numbers is an error, not a
silent conversion). `open_fast` returns None — and the caller reads the file with
python-calamine, whose result is the reference — whenever it cannot promise the same result:
a column mixing kinds of cells, a header that is not the first non-empty row (a title above it),
header cells that are not plain texts or repeat a name, durations, 1904-based dates, a sheet
whose first used row cannot be read from the sheet's XML, or any error of fastexcel.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from gongzhi.exchange.validation.checks import CHECKS
from gongzhi.exchange.validation.headers import HEADER_SCAN_ROWS, _lookup, find_header_row, normalize_header
from gongzhi.exchange.validation.spec import DatasetSpec, FieldSpec

logger = logging.getLogger(__name__)

UNNAMED = "__UNNAMED__"
SHEET_PEEK_BYTES = 4 * 1024 * 1024  # read at most this much of the sheet's XML to find its first row
_ATTRS_RE = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_CELL_RE = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
_CELL_REF_RE = re.compile(rb'\br="([A-Z]+)(\d+)"')
_NOT_TEXT_HEADER_RE = re.compile(r"[\d\s.:+\-eE]+|true|false")
_MS_PER_DAY = 86_400_000
# calamine's day 1 (serial 1.0) is 1900-01-01; serials below 1 are times of day
_SERIAL_ONE_MS = int((dt.datetime(1900, 1, 1) - dt.datetime(1970, 1, 1)).total_seconds() * 1000)


class NotSame(Exception):
    """The fast path cannot promise python-calamine's result for this file."""


def _attrs(tag: str) -> dict[str, str]:
    return {k.split(":")[-1] if k != "r:id" else k: html.unescape(v) for k, v in _ATTRS_RE.findall(tag)}


def sheet_first_row(path: Path, sheet_name: str) -> int:
    """0-based index of the first row holding a value in the named worksheet (python-calamine's
    `start[0]`), read from the first cells of the sheet's XML; NotSame if it cannot be told."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        pr = re.search(r"<workbookPr\b[^>]*>", workbook)
        if pr and _attrs(pr.group(0)).get("date1904", "false").lower() in ("1", "true"):
            raise NotSame("1904 date system")
        rel_id = None
        for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
            attrs = _attrs(tag)
            if attrs.get("name") == sheet_name:
                rel_id = attrs.get("r:id") or attrs.get("id")
                break
        if rel_id is None:
            raise NotSame("sheet not found in workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        target = None
        for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
            attrs = _attrs(tag)
            if attrs.get("Id") == rel_id:
                target = attrs.get("Target")
                break
        if not target:
            raise NotSame("sheet part not found")
        part = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
        with archive.open(part) as fh:
            data = fh.read(SHEET_PEEK_BYTES)
    start = data.find(b"<sheetData")
    if start < 0:
        raise NotSame("no sheetData")
    for match in _CELL_RE.finditer(data, start):
        body = match.group(3)
        if match.group(2) == b"/>" or not body or (b"<v" not in body and b"<is" not in body):
            continue  # a cell without a value (styled only): calamine leaves it out of the range
        if re.search(rb"<v\s*/>|<v>\s*</v>", body):
            raise NotSame("empty <v> in the first cell")
        ref = _CELL_REF_RE.search(match.group(1))
        if ref is None:
            raise NotSame("cell without a reference")
        return int(ref.group(2)) - 1
    raise NotSame("no value in the first part of the sheet")


def _header_texts(columns) -> list[str]:
    """Header cells as python-calamine gives them, from fastexcel's column names."""
    texts: list[str] = []
    for column in columns:
        name = column.name
        if name.startswith(UNNAMED):
            texts.append("")
            continue
        base = re.fullmatch(r"(.*)_(\d+)", name)
        if base and base.group(1) in texts:
            raise NotSame("a repeated header name (fastexcel renames it)")
        if _NOT_TEXT_HEADER_RE.fullmatch(name):
            raise NotSame("a header cell that may be a number, a date or TRUE/FALSE")
        texts.append(name)
    return texts


def _python_values(array: pa.Array) -> list:
    """A few cells as python-calamine gives them (for the header search): empty cells ""."""
    if pa.types.is_timestamp(array.type):
        return ["" if v is None else _calamine_temporal(v) for v in array.to_pylist()]
    return ["" if v is None else v for v in array.to_pylist()]


def _calamine_temporal(value: dt.datetime) -> dt.date | dt.datetime | dt.time:
    if value < dt.datetime(1900, 1, 1):
        return value.time()
    if value.time() == dt.time(0):
        return value.date()
    return value


def _temporal_text(array: pa.Array, f: FieldSpec) -> pa.Array:
    """fastexcel's timestamps as `readers._column_array` writes python-calamine's date, datetime
    and time values."""
    ms = pc.cast(pc.cast(array, pa.timestamp("ms")), pa.int64())
    is_time = pc.less(ms, _SERIAL_ONE_MS)
    is_date = pc.and_(
        pc.invert(is_time), pc.equal(pc.subtract(ms, pc.multiply(pc.divide(ms, _MS_PER_DAY), _MS_PER_DAY)), 0)
    )
    valid = len(array) - array.null_count
    dates = pc.sum(pc.cast(is_date, pa.int64())).as_py() or 0
    times = pc.sum(pc.cast(is_time, pa.int64())).as_py() or 0
    if valid and f.type in ("date", "datetime", "text") and not times:
        if dates == valid:
            return pc.cast(pc.cast(array, pa.date32()), pa.string())
        if dates == 0:
            return pc.cast(pc.cast(array, pa.timestamp("us")), pa.string())
    # Mixed dates, datetimes and times (or another field type): cell by cell, as `convert` does.
    out = []
    for v in array.to_pylist():
        if v is None:
            out.append("")
            continue
        value = _calamine_temporal(v)
        out.append(value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat())
    return pa.array(out, pa.string())


def _check_supported(array: pa.Array) -> None:
    """NotSame for a column the conversion below would not write as the calamine path does."""
    kind = array.type
    if not (
        pa.types.is_null(kind)
        or pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_floating(kind)
        or pa.types.is_boolean(kind)
        or pa.types.is_timestamp(kind)
    ):
        raise NotSame(f"column type {kind}")
    if pa.types.is_timestamp(kind) and array.null_count < len(array):
        ms = pc.cast(pc.cast(array, pa.timestamp("ms")), pa.int64())
        if pc.min(ms).as_py() < _SERIAL_ONE_MS - _MS_PER_DAY:
            raise NotSame("a date before serial 0 (python-calamine gives a number)")


def column_text(array: pa.Array, f: FieldSpec, code_like: bool) -> pa.Array:
    """One fastexcel column as the text `readers._column_array` makes of python-calamine's cells."""
    from gongzhi.exchange.validation.readers import NUMERIC_MARK, _numbers_as_text

    kind = array.type
    if pa.types.is_null(kind) or array.null_count == len(array):
        return pa.array([""] * len(array), pa.string())  # python-calamine: all "" (texts)
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return pc.fill_null(pc.cast(array, pa.string()), "")
    if pa.types.is_floating(kind):
        array = pc.cast(array, pa.float64())
        text = _numbers_as_text(array)
        if code_like:
            return pc.fill_null(pc.binary_join_element_wise(NUMERIC_MARK, text, ""), "")
        return text
    if pa.types.is_boolean(kind):
        yes, no = ("true", "false") if f.type == "boolean" else ("TRUE", "FALSE")
        return pc.fill_null(pc.if_else(array, yes, no), "")
    if pa.types.is_timestamp(kind):
        return _temporal_text(array, f)
    raise NotSame(f"column type {kind}")


def open_fast(path: Path, filename: str, spec: DatasetSpec, sheet_name: str):
    """A `readers.Source` read by fastexcel, or None when only python-calamine's reading is sure
    to give the reference result (see the module's docstring). Header problems are raised as
    the calamine path raises them (the header found is the same)."""
    try:
        return _open_fast(path, filename, spec, sheet_name)
    except NotSame as exc:
        logger.debug("xlsx %s: read with python-calamine (%s)", filename, exc)
        return None
    except Exception as exc:  # fastexcel's own errors: python-calamine gives the message
        logger.debug("xlsx %s: read with python-calamine (fastexcel: %r)", filename, exc)
        return None


def _open_fast(path: Path, filename: str, spec: DatasetSpec, sheet_name: str):
    import fastexcel

    from gongzhi.exchange.validation import readers

    first_row = sheet_first_row(path, sheet_name)
    lookup = _lookup(spec)
    seen = {}

    def use(column) -> bool:
        # Every column passes here once with its header: kept for the header match, which needs
        # them all (`available_columns()` would cost 0.14 s more: it guesses every column's type).
        seen[column.index] = column
        return normalize_header(column.name) in lookup

    book = fastexcel.read_excel(str(path))
    sheet = book.load_sheet(
        sheet_name,
        header_row=0,  # the first non-empty row (rows before it are skipped)
        schema_sample_rows=None,
        dtype_coercion="strict",
        use_columns=use,
    )
    columns = [seen[i] for i in sorted(seen)]
    if not columns or [c.index for c in columns] != list(range(len(columns))):
        raise NotSame("no columns")
    first_column = columns[0].absolute_index - columns[0].index
    header = _header_texts(columns)
    if not any(header):
        raise NotSame("an empty first row")
    table = sheet.to_arrow()
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    selected = {c.index: c.name for c in sheet.selected_columns}
    scan_rows = table.slice(0, HEADER_SCAN_ROWS - 1)
    values = {i: _python_values(scan_rows.column(name).combine_chunks()) for i, name in selected.items()}
    first = [header] + [
        [values[j][r] if j in values else "" for j in range(len(header))] for r in range(scan_rows.num_rows)
    ]
    found = find_header_row(first, spec)
    if found is not None and found[0] != 0:
        raise NotSame("the header is not the first non-empty row")
    if found is not None and any(
        i not in selected for i in found[1].columns.values()
    ):  # never: every matched column was selected
        raise NotSame("a matched column was not loaded")
    warnings = readers._check_header(found[1] if found else None, filename, spec, first_column)
    _, match = found
    columns_by_code = {code: f"c{index}" for code, index in match.columns.items()}
    wanted = sorted(set(columns_by_code.values()), key=lambda c: int(c[1:]))
    schema = readers._schema(wanted)
    header_row = first_row + 1
    plans = {}
    for code, index in match.columns.items():
        f = spec.get_field(code)
        plans[index] = (f, f.check is not None and CHECKS[f.check].code_like)
    arrays = {index: table.column(selected[index]).combine_chunks() for index in plans}
    for array in arrays.values():
        _check_supported(array)
    height = table.num_rows
    del table

    def read() -> Iterator[pa.RecordBatch]:
        # Batch by batch, as the calamine path decides how to write a column per batch of
        # XLSX_BATCH_ROWS rows (all dates or not, all empty or not).
        for offset in range(0, height, readers.XLSX_BATCH_ROWS):
            n = min(readers.XLSX_BATCH_ROWS, height - offset)
            rows = readers._row_numbers(header_row + 1 + offset, n)
            texts = [column_text(arrays[int(c[1:])].slice(offset, n), *plans[int(c[1:])]) for c in wanted]
            yield readers._batch(schema, rows, None, None, texts)

    return readers.Source(
        kind="xlsx",
        estimated_rows=height,
        filename=filename,
        header=match,
        header_row=header_row,
        columns=columns_by_code,
        schema=schema,
        read=lambda: readers.prefetch(read()),
        warnings=warnings,
    )
