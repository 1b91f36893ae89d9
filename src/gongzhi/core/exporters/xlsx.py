"""Tables as .xlsx: one worksheet per `Sheet`, laid out the same way everywhere.

Each sheet: an optional title row merged across the columns (bold, centred); a bold header row
on a light fill; frozen panes below the header; column widths; a number format per column kind
(dates as 2025年6月30日); an auto-filter over header and data; thin borders on header and data;
the header row repeated on every printed page, A4, fitted to the page width; notes (说明) below
the data.

Large workbooks: when any sheet has more than STREAM_ROW_THRESHOLD rows (or `rows` is an iterator
whose length is unknown), the workbook is written in openpyxl's write-only mode, which streams
rows to disk instead of holding every cell in memory. Everything above is kept in that mode
(cells are built with their styles before they are appended); what streaming cannot do is
look back, so the auto-filter range is set after the last row and nothing is autofitted.
Cost: about 7-10 s for 50,000 rows of 5 columns in either mode (openpyxl is the bound); styles
are shared named cell styles (表格-表头, 表格-日期 ...), which keeps that cost down.

Formula injection: a text value that starts with = + - @ (or their full-width forms, a tab or a
carriage return) is stored as a string cell (never as a formula) with the `quotePrefix` style, the
file-format form of typing a leading apostrophe in Excel. Excel and LibreOffice both show the text
as typed, without an apostrophe (the LibreOffice half is tested), and Excel keeps it as text when
the cell is edited. The text itself is not changed, so values survive a round trip.
"""

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongzhi.core.exporters import atomic_output

ColumnKind = Literal["text", "number", "date", "percent"]

STREAM_ROW_THRESHOLD = 20_000
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
TEXT_FORMAT = "@"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
MAX_CELL_CHARS = 32_767  # Excel's limit; longer text is cut
MAX_SHEET_TITLE = 31  # Excel's limit
SHEET_TITLE_FORBIDDEN = str.maketrans({ch: "_" for ch in "[]:*?/\\"})

HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
THIN = Side(style="thin", color="FF000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
TITLE_ALIGNMENT = Alignment(horizontal="center", vertical="center")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
TITLE_ROW_HEIGHT = 30
KIND_LABELS = {"text": "文本", "number": "数值", "date": "日期", "percent": "百分比"}


@dataclass(frozen=True)
class Column:
    """A column: header text, width in Excel character units, kind of value.

    number: int, float or Decimal. With `decimals` set: thousands separators and that many places
        (decimals=2: 1,234.50); left at None: Excel's General format, so counts and years show as
        entered (7, 2027).
    percent: a fraction (0.953 -> 95.3%), `decimals` places (default 1).
    date: datetime.date; a datetime is reduced to its date (convert aware values to local time first).
    text: anything, written as text.
    In every kind, None is an empty cell and a str is written as text.
    """

    name: str
    width: float = 12.0
    kind: ColumnKind = "text"
    decimals: int | None = None

    @property
    def number_format(self) -> str:
        match self.kind:
            case "number":
                return "General" if self.decimals is None else f"#,##0{_places(self.decimals)}"
            case "percent":
                return f"0{_places(1 if self.decimals is None else self.decimals)}%"
            case "date":
                return DATE_FORMAT
            case "text":
                return TEXT_FORMAT
        raise ValueError(f"unknown column kind {self.kind!r}")


def _places(decimals: int) -> str:
    return "." + "0" * decimals if decimals > 0 else ""


@dataclass
class Sheet:
    """One worksheet. `rows` may be a list or, for large exports, any iterable of rows."""

    title: str
    columns: list[Column]
    rows: Iterable[Sequence[object]]
    title_row: str | None = None
    notes: list[str] = field(default_factory=list)


def write_table_workbook(path: str | Path, *, sheets: Sequence[Sheet], stream: bool | None = None) -> Path:
    """Write `sheets` to an .xlsx at `path` (atomically) and return the path.

    `stream` forces (True) or forbids (False) write-only mode; by default it is chosen by row count.
    """
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    for sheet in sheets:
        if not sheet.columns:
            raise ValueError(f"sheet {sheet.title!r} has no columns")
        for column in sheet.columns:
            column.number_format  # noqa: B018 - validates the kind early
    if stream is None:
        stream = any(_row_count(sheet.rows) > STREAM_ROW_THRESHOLD for sheet in sheets)

    workbook = Workbook(write_only=stream)
    if not stream:
        workbook.remove(workbook.active)
    workbook.properties.creator = "共治"
    workbook.properties.lastModifiedBy = "共治"
    workbook.properties.title = sheets[0].title_row or sheets[0].title
    workbook.properties.language = "zh-CN"

    titles: set[str] = set()
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=_unique_title(sheet.title, titles))
        _write_sheet(worksheet, sheet, stream=stream)

    target = Path(path)
    with atomic_output(target) as handle:
        workbook.save(handle)
    return target


def _write_sheet(ws: Worksheet, sheet: Sheet, *, stream: bool) -> None:
    columns = sheet.columns
    last = get_column_letter(len(columns))
    header_row = 2 if sheet.title_row else 1

    # Set before the first row: write-only mode writes the sheet head with the first row.
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.title_row:
        ws.row_dimensions[1].height = TITLE_ROW_HEIGHT

    workbook = ws.parent
    if sheet.title_row:
        title = _text_cell(ws, sheet.title_row)
        title.style = _named_style(workbook, "表格-标题", font=TITLE_FONT, alignment=TITLE_ALIGNMENT)
        ws.append([title])
        if len(columns) > 1 and stream:
            ws.merged_cells.add(f"A1:{last}1")  # write-only sheets have no merge_cells()
        elif len(columns) > 1:
            ws.merge_cells(f"A1:{last}1")

    header_style = _named_style(
        workbook, "表格-表头", font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT, border=BORDER
    )
    ws.append([_text_cell(ws, column.name, style=header_style) for column in columns])

    # One named style per column kind: assigning a style by name is far cheaper than per-attribute
    # assignment (openpyxl hashes each Border/Font object), which matters for large exports.
    styles = [_column_style(workbook, column) for column in columns]
    text_style = _column_style(workbook, Column("", kind="text"))
    count = 0
    for count, values in enumerate(sheet.rows, start=1):
        if len(values) != len(columns):
            raise ValueError(
                f"sheet {sheet.title!r}, row {count}: {len(values)} values for {len(columns)} columns"
            )
        ws.append(
            [
                _value_cell(ws, column, value, style=style, text_style=text_style)
                for column, style, value in zip(columns, styles, values, strict=True)
            ]
        )

    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + count}"

    if sheet.notes:
        ws.append([])
        for note in sheet.notes:
            ws.append([_text_cell(ws, note)])


def _column_style(workbook: Workbook, column: Column) -> str:
    label = KIND_LABELS[column.kind]
    places = column.number_format.partition(".")[2].count("0")
    if column.kind == "percent" or (column.kind == "number" and column.decimals is not None):
        label += f"-{places}位小数"
    return _named_style(workbook, f"表格-{label}", number_format=column.number_format, border=BORDER)


def _named_style(workbook: Workbook, name: str, **attributes: object) -> str:
    """Register a cell style (shown in Excel's and LibreOffice's style lists) once per workbook."""
    if name not in workbook.named_styles:
        workbook.add_named_style(NamedStyle(name=name, **attributes))
    return name


def _value_cell(ws: Worksheet, column: Column, value: object, *, style: str, text_style: str) -> Cell:
    """A data cell; text in a number or date column gets the text style (no number format)."""
    if value is None:
        return _cell(ws, None, style)
    if isinstance(value, str):
        return _text_cell(ws, value, style=style if column.kind == "text" else text_style)
    if isinstance(value, bool):
        return _text_cell(ws, "是" if value else "否", style=text_style)
    if column.kind in ("number", "percent") and isinstance(value, int | float | Decimal):
        return _cell(ws, value if _finite(value) else None, style)
    if column.kind == "date" and isinstance(value, datetime.date):
        return _cell(ws, value.date() if isinstance(value, datetime.datetime) else value, style)
    return _text_cell(ws, str(value), style=text_style)


def safe_cell(ws: Worksheet, value: object, *, style: str | None = None) -> Cell:
    """A cell for any value that can never be a formula: text as a string cell (quote-prefixed
    when it starts like one), numbers and dates as they are. Every .xlsx the product writes
    builds its cells here or through `write_table_workbook`."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date):
        return _cell(ws, value, style)
    return _text_cell(ws, str(value), style=style)


def _text_cell(ws: Worksheet, value: str, *, style: str | None = None) -> Cell:
    text = _clean_text(value)
    cell = _cell(ws, text, style)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _cell(ws: Worksheet, value: object, style: str | None = None) -> Cell:
    # WriteOnlyCell is a detached Cell; Worksheet.append takes it in both modes.
    cell = WriteOnlyCell(ws, value=value)
    if style is not None:
        cell.style = style
    return cell


def _clean_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_CHARS]


def _finite(value: int | float | Decimal) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite()
    return not isinstance(value, float) or math.isfinite(value)


def _row_count(rows: Iterable[object]) -> float:
    try:
        return len(rows)  # type: ignore[arg-type]
    except TypeError:
        return math.inf  # an iterator: length unknown, stream it


def _unique_title(title: str, taken: set[str]) -> str:
    base = (_clean_text(title).translate(SHEET_TITLE_FORBIDDEN).strip("' ") or "工作表")[:MAX_SHEET_TITLE]
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f"({number})"
        candidate = base[: MAX_SHEET_TITLE - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate
