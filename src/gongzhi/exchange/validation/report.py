"""The error report for a submitter: an .xlsx workbook in Chinese (openpyxl, write-only).

Sheets:
- 汇总: file, dataset, period, result, counts, file-level errors, warnings, errors by reason;
- 错误明细: row, field, value, reason (the errors kept in the result, at most the cap);
- 错误行: for files of at most `copy_limit` rows, the rows with errors as submitted (the
  matched columns, in file order), bad cells filled red, with the reasons in a last column.

Every cell is written as a string or a number, never as a formula: a submitted value such as
"=HYPERLINK(…)" appears as text in the report.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill

from gongzhi.core.exporters.xlsx import safe_cell
from gongzhi.exchange.validation.errors import FileRejected
from gongzhi.exchange.validation.ingest import STATUS_LABELS, ValidationResult, atomic_write
from gongzhi.exchange.validation.readers import NUMERIC_MARK, open_source
from gongzhi.exchange.validation.spec import DatasetSpec

COPY_LIMIT = 50_000
RED = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _clean(value) -> str | int | float | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value).replace(NUMERIC_MARK, ""))


def _cell(ws, value, *, fill=None, font=None, alignment=None) -> WriteOnlyCell:
    cell = safe_cell(ws, _clean(value))  # never a formula, whatever the text starts with
    if fill is not None:
        cell.fill = fill
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def errors_workbook(
    result: ValidationResult,
    source_path: str | os.PathLike | None,
    spec: DatasetSpec,
    out_path: str | os.PathLike,
    *,
    copy_limit: int = COPY_LIMIT,
) -> Path:
    """Write the error report of `result` to `out_path` (atomically) and return the path."""
    wb = Workbook(write_only=True)
    _summary_sheet(wb, result, spec)
    _errors_sheet(wb, result)
    if source_path is not None and result.errors and 0 < result.rows <= copy_limit:
        _bad_rows_sheet(wb, result, Path(source_path), spec)
    return atomic_write(Path(out_path), lambda tmp: wb.save(tmp))


def _summary_sheet(wb: Workbook, result: ValidationResult, spec: DatasetSpec) -> None:
    ws = wb.create_sheet("汇总")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 12
    lines = [
        ("文件", result.filename),
        ("数据集", f"{spec.name}（{spec.code}）"),
        ("报送期间", result.period or "未指定"),
        ("校验结果", STATUS_LABELS[result.status]),
        ("数据行数", result.rows),
        ("接收行数", result.accepted),
        ("未接收行数", result.rejected),
        ("有错误的行数", result.error_rows),
        ("错误总数", result.error_count),
        ("用时（秒）", result.seconds),
    ]
    ws.append([_cell(ws, "共享数据校验报告", font=BOLD)])
    for label, value in lines:
        ws.append([_cell(ws, label, font=BOLD), _cell(ws, value)])
    if result.errors_truncated:
        ws.append(
            [_cell(ws, "说明", font=BOLD), _cell(ws, f"错误较多，明细只列出前 {len(result.errors):,} 条")]
        )
    if result.file_errors:
        ws.append([])
        ws.append([_cell(ws, "文件错误", font=BOLD)])
        for message in result.file_errors:
            ws.append([_cell(ws, ""), _cell(ws, message, alignment=WRAP)])
    if result.warnings:
        ws.append([])
        ws.append([_cell(ws, "提示", font=BOLD)])
        for message in result.warnings:
            ws.append([_cell(ws, ""), _cell(ws, message, alignment=WRAP)])
    if result.summary:
        ws.append([])
        ws.append([_cell(ws, "字段", font=BOLD), _cell(ws, "问题", font=BOLD), _cell(ws, "行数", font=BOLD)])
        for item in result.summary:
            ws.append(
                [
                    _cell(ws, item.field_name or "整行"),
                    _cell(ws, item.reason, alignment=WRAP),
                    _cell(ws, item.count),
                ]
            )


def _errors_sheet(wb: Workbook, result: ValidationResult) -> None:
    ws = wb.create_sheet("错误明细")
    for letter, width in zip("ABCD", (10, 24, 30, 70), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, h, font=BOLD) for h in ("行号", "字段", "内容", "问题")])
    for e in result.errors:
        ws.append(
            [_cell(ws, e.row), _cell(ws, e.field_name or "整行"), _cell(ws, e.value), _cell(ws, e.reason)]
        )


def _bad_rows_sheet(wb: Workbook, result: ValidationResult, source_path: Path, spec: DatasetSpec) -> None:
    by_row: dict[int, list] = defaultdict(list)
    for e in result.errors:
        by_row[e.row].append(e)
    try:
        source = open_source(source_path, result.filename, spec)
        batches = list(source.read())
        if source.ragged and source.fallback:
            batches = list(source.fallback())
    except FileRejected:
        return
    ordered = sorted(source.columns.items(), key=lambda item: int(item[1][1:]))
    ws = wb.create_sheet("错误行")
    ws.freeze_panes = "B2"
    header = [_cell(ws, "行号", font=BOLD)]
    header += [_cell(ws, source.header.headers[int(col[1:])], font=BOLD) for _, col in ordered]
    header.append(_cell(ws, "问题说明", font=BOLD))
    ws.append(header)
    wanted = pa.array(sorted(by_row), pa.int64())
    for batch in batches:
        picked = batch.filter(pc.is_in(batch.column("_row"), value_set=wanted))
        if not picked.num_rows:
            continue
        data = picked.to_pydict()
        for i, row in enumerate(data["_row"]):
            problems = by_row[row]
            bad_fields = {e.field for e in problems}
            whole = any(e.field is None for e in problems)
            cells = [_cell(ws, row)]
            for code, col in ordered:
                value = data[col][i]
                cells.append(_cell(ws, value, fill=RED if whole or code in bad_fields else None))
            reasons = "；".join(f"{e.field_name}：{e.reason}" if e.field_name else e.reason for e in problems)
            cells.append(_cell(ws, reasons, alignment=WRAP))
            ws.append(cells)
