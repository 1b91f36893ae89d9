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

One parse only (every `load_sheet` parses the whole sheet again): the header row is found
first, as the calamine path finds it, from the texts of the first rows read out of the sheet's
XML (`sheet_head`: inline and shared strings; a title above the header is skipped as there);
then the sheet is loaded from that header with every column's type guessed from all rows in
"strict" mode (a column mixing texts and numbers is an error, not a silent conversion), and
fastexcel's header names must equal the texts read from the XML. `open_fast` returns None — and
the caller reads the file with python-calamine, whose result is the reference — whenever it
cannot promise the same result: a column mixing kinds of cells, header cells that are numbers,
dates or TRUE/FALSE (python-calamine writes 2025.0) or repeat a name (fastexcel renames them),
no header found (python-calamine gives the message), durations, 1904-based dates, XML the peek
does not read plainly (a row or cell without a reference, an empty <v>, _xHHHH_ escapes, the
first rows beyond the first 4 MB), or any error of fastexcel.

Known limit of the header search: a cell that is not a text (a number, a date) counts as empty
when rows are compared with the fields' names — it never matches a name or a code anyway.
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
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc

from gongzhi.exchange.validation.checks import CHECKS
from gongzhi.exchange.validation.headers import (
    HEADER_SCAN_ROWS,
    _lookup,
    find_header_row,
    match_headers,
    normalize_header,
)
from gongzhi.exchange.validation.spec import DatasetSpec, FieldSpec

logger = logging.getLogger(__name__)

UNNAMED = "__UNNAMED__"
SHEET_PEEK_BYTES = 4 * 1024 * 1024  # read at most this much of the sheet's XML to find its first row
_ATTRS_RE = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_CELL_RE = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
_CELL_REF_RE = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ROW_RE = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_ROW_REF_RE = re.compile(rb'\br="(\d+)"')
_TYPE_RE = re.compile(rb'\bt="(\w+)"')
_VALUE_CELL_RE = re.compile(rb'<c r="([A-Z]+)\d+"([^>]*?)>\s*<(?:v|is)\b')
_V_RE = re.compile(rb"<v[^>]*>(.*?)</v>", re.S)
_EMPTY_V_RE = re.compile(rb"<v\s*/>|<v[^>]*>\s*</v>")
_SI_RE = re.compile(rb"<si\b[^>]*?(?:/>|>(.*?)</si>)", re.S)
_T_RE = re.compile(rb"<t\b[^>]*?(?:/>|>(.*?)</t>)", re.S)
_PHONETIC_RE = re.compile(rb"<rPh\b.*?</rPh>", re.S)
_OOXML_ESCAPE_RE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_MS_PER_DAY = 86_400_000
# calamine's day 1 (serial 1.0) is 1900-01-01; serials below 1 are times of day
_SERIAL_ONE_MS = int((dt.datetime(1900, 1, 1) - dt.datetime(1970, 1, 1)).total_seconds() * 1000)


class NotSame(Exception):
    """The fast path cannot promise python-calamine's result for this file."""


def _attrs(tag: str) -> dict[str, str]:
    return {k.split(":")[-1] if k != "r:id" else k: html.unescape(v) for k, v in _ATTRS_RE.findall(tag)}


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str:
    """The archive member holding the named worksheet (workbook.xml and its relationships)."""
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
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number - 1


def _text_of(body: bytes) -> str:
    """The text of an <si> or <is> element: its <t> runs, without phonetic runs (<rPh>)."""
    body = _PHONETIC_RE.sub(b"", body)
    text = html.unescape(b"".join(_T_RE.findall(body)).decode("utf-8"))
    if _OOXML_ESCAPE_RE.search(text):
        raise NotSame("an _xHHHH_ escape in a header-area text")
    return text


def _shared_strings(archive: zipfile.ZipFile, wanted: set[int]) -> dict[int, str]:
    """The shared strings of the given indexes, read from the start of sharedStrings.xml as far
    as the largest index."""
    if not wanted:
        return {}
    found: dict[int, str] = {}
    last = max(wanted)
    index = -1
    pending = b""
    with archive.open("xl/sharedStrings.xml") as fh:
        while index < last:
            chunk = fh.read(1024 * 1024)
            if not chunk:
                break
            pending += chunk
            position = 0
            for match in _SI_RE.finditer(pending):
                index += 1
                if index in wanted:
                    found[index] = _text_of(match.group(1) or b"")
                position = match.end()
                if index >= last:
                    break
            pending = pending[position:]
    if set(found) != wanted:
        raise NotSame("a shared string index past the end")
    return found


_KINDS = {b"s": "text", b"inlineStr": "text", b"str": "text", b"n": "number", b"b": "boolean", b"e": "error"}


class SheetHead(NamedTuple):
    first_row: int  # 0-based index of the first row holding a value (python-calamine's start[0])
    rows: list[dict[int, str | None]]  # the HEADER_SCAN_ROWS rows from there (see `sheet_head`)
    data: bytes  # the first SHEET_PEEK_BYTES of the sheet's XML
    row_end: dict[int, int]  # where each row read ends in `data`


def column_kinds(data: bytes, start: int) -> dict[int, set[str]]:
    """{absolute column: kinds of its value cells} in `data` from `start` (a hint only: a column
    already mixing texts and numbers there makes fastexcel's strict load fail). One regex over
    the bytes: 0.035 CPU s for 4 MB; cells whose reference is not their first attribute or whose
    value follows a formula are not looked at."""
    kinds: dict[int, set[str]] = {}
    for letters, attrs in set(_VALUE_CELL_RE.findall(data, start)):
        kind = _TYPE_RE.search(attrs)
        kinds.setdefault(_column_number(letters), set()).add(
            _KINDS.get(kind.group(1) if kind else b"n", "other")
        )
    return kinds


def sheet_head(path: Path, sheet_name: str) -> SheetHead:
    """The first used row and the texts of the HEADER_SCAN_ROWS rows from there, read from the
    sheet's XML: {absolute column: text}, None for a cell that is not a text (number, date,
    TRUE/FALSE); error cells and cells without a value are left out, as python-calamine makes
    them "". NotSame wherever the
    reading could differ from python-calamine's."""
    with zipfile.ZipFile(path) as archive:
        with archive.open(_sheet_part(archive, sheet_name)) as fh:
            data = fh.read(SHEET_PEEK_BYTES)
        start = data.find(b"<sheetData")
        if start < 0:
            raise NotSame("no sheetData")
        first_row = None
        cells: list[tuple[int, int, bytes, bytes]] = []  # (row, column, type, body)
        row_end: dict[int, int] = {}
        complete = False
        for row_match in _ROW_RE.finditer(data, start):
            ref = _ROW_REF_RE.search(row_match.group(1))
            if ref is None:
                raise NotSame("a row without a reference")
            row = int(ref.group(1)) - 1
            row_end[row] = row_match.end()
            if first_row is not None and row >= first_row + HEADER_SCAN_ROWS:
                complete = True
                break
            for match in _CELL_RE.finditer(row_match.group(2) or b""):
                body = match.group(3)
                if match.group(2) == b"/>" or not body or (b"<v" not in body and b"<is" not in body):
                    continue  # a cell without a value (styled only): calamine leaves it out
                if _EMPTY_V_RE.search(body):
                    raise NotSame("an empty <v>")
                cell_ref = _CELL_REF_RE.search(match.group(1))
                if cell_ref is None:
                    raise NotSame("a cell without a reference")
                if int(cell_ref.group(2)) - 1 != row:
                    raise NotSame("a cell outside its row")
                kind = _TYPE_RE.search(match.group(1))
                cells.append((row, _column_number(cell_ref.group(1)), kind.group(1) if kind else b"n", body))
                if first_row is None:
                    first_row = row
        else:
            complete = b"</sheetData>" in data
        if first_row is None or not complete:
            raise NotSame("the first rows are not within the first part of the sheet")
        shared_indexes = set()
        for _, _, kind, body in cells:
            if kind == b"s":
                shared_indexes.add(int(_V_RE.search(body).group(1)))
        shared = _shared_strings(archive, shared_indexes)
    rows: list[dict[int, str | None]] = [{} for _ in range(HEADER_SCAN_ROWS)]
    for row, column, kind, body in cells:
        if kind == b"s":
            value: str | None = shared[int(_V_RE.search(body).group(1))]
        elif kind == b"inlineStr":
            value = _text_of(body)
        elif kind == b"str":
            value = _text_of(b"<t>" + _V_RE.search(body).group(1) + b"</t>")
        elif kind == b"e":
            continue
        elif kind in (b"n", b"b"):
            value = None
        else:
            raise NotSame(f"a cell of type {kind!r}")
        rows[row - first_row][column] = value
    return SheetHead(first_row, rows, data, row_end)


def _header_list(row: dict[int, str | None]) -> list[str]:
    """A row of `sheet_head` as a list for the header search, from column A (the columns'
    positions do not change which row matches best)."""
    values = [""] * (max(row) + 1 if row else 0)
    for column, value in row.items():
        values[column] = "" if value is None else value
    return values


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

    first_row, head, peek, row_end = sheet_head(path, sheet_name)
    if all(v == "" for v in head[0].values()):
        raise NotSame("a first row of empty texts (python-calamine skips it as empty)")
    lookup = _lookup(spec)
    seen = {}

    def use(column) -> bool:
        # Every column passes here once with its header: kept to check the header against the
        # sheet's XML (`available_columns()` would cost 0.14 s more: it guesses every type again).
        seen[column.index] = column
        return normalize_header(column.name) in lookup

    # The header row as python-calamine's reader finds it, from the texts of the first rows
    # (numbers, dates and TRUE/FALSE never match a field's name or code).
    found = find_header_row([_header_list(row) for row in head], spec)
    if found is None:
        raise NotSame("no header (python-calamine gives the message)")
    header_index, match = found
    if any(v is None for v in head[header_index].values()):
        raise NotSame("a header cell that is a number, a date or TRUE/FALSE")
    # A column whose first rows already mix texts and numbers would make fastexcel's strict load
    # fail after parsing the whole sheet: go to python-calamine at once.
    kinds = column_kinds(peek, row_end[first_row + header_index])
    mixed = [c for c in match.columns.values() if len(kinds.get(c, set()) - {"error"}) > 1]
    if mixed:
        raise NotSame(f"columns {mixed} mix kinds of cells in their first rows")
    book = fastexcel.read_excel(str(path))
    sheet = book.load_sheet(
        sheet_name,
        # 0: the first non-empty row; from 1 on, fastexcel counts rows from the sheet's first row
        header_row=0 if header_index == 0 else first_row + header_index,
        schema_sample_rows=None,
        dtype_coercion="strict",
        use_columns=use,
    )
    columns = [seen[i] for i in sorted(seen)]
    if not columns or [c.index for c in columns] != list(range(len(columns))):
        raise NotSame("no columns")
    first_column = columns[0].absolute_index - columns[0].index
    header = [head[header_index].get(first_column + i) or "" for i in range(len(columns))]
    if head[header_index] and (
        min(head[header_index]) < first_column or max(head[header_index]) >= first_column + len(columns)
    ):
        raise NotSame("header cells outside fastexcel's columns")
    for column, text in zip(columns, header, strict=True):
        if column.name != text and not (column.name.startswith(UNNAMED) and not text):
            raise NotSame(f"header “{column.name}” read as “{text}” from the XML")
    match = match_headers(header, spec)  # the same match, with the columns counted from the range
    table = sheet.to_arrow()
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    selected = {c.index: c.name for c in sheet.selected_columns}
    if any(i not in selected for i in match.columns.values()):  # never: matched columns are selected
        raise NotSame("a matched column was not loaded")
    warnings = readers._check_header(match, filename, spec, first_column)
    columns_by_code = {code: f"c{index}" for code, index in match.columns.items()}
    wanted = sorted(set(columns_by_code.values()), key=lambda c: int(c[1:]))
    schema = readers._schema(wanted)
    header_row = first_row + header_index + 1
    plans = {}
    for code, index in match.columns.items():
        f = spec.get_field(code)
        plans[index] = (f, f.check is not None and CHECKS[f.check].code_like)
    arrays = {index: table.column(selected[index]).combine_chunks() for index in plans}
    for array in arrays.values():
        _check_supported(array)
    height = table.num_rows
    del table

    def read(columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        # Batch by batch, as the calamine path decides how to write a column per batch of
        # XLSX_BATCH_ROWS rows (all dates or not, all empty or not).
        chosen = wanted if columns is None else [c for c in wanted if c in columns]
        out_schema = schema if columns is None else readers._schema(chosen)
        for offset in range(0, height, readers.XLSX_BATCH_ROWS):
            n = min(readers.XLSX_BATCH_ROWS, height - offset)
            rows = readers._row_numbers(header_row + 1 + offset, n)
            texts = [column_text(arrays[int(c[1:])].slice(offset, n), *plans[int(c[1:])]) for c in chosen]
            yield readers._batch(out_schema, rows, None, None, texts)

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
        # The sheet is in memory: the duplicate pre-pass reads its key columns again for next to
        # nothing, and the checking pass can then take the fast path (`fastpath`).
        read_columns=lambda columns: read(columns),
    )
