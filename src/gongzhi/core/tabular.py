"""Small tables people upload (units, members …): CSV or XLSX in, rows out.

Bulk data (submissions) goes through the exchange app's streaming path; this reader is
for files of at most a few thousand rows, read whole. Errors name the file, row and
field in Chinese and are raised before anything is stored.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongzhi.core.exceptions import ApplicationError, ErrorCode, FileRowError
from gongzhi.core.text import BINARY, TextDecodeError, decode_text
from gongzhi.core.zipsafety import ZipLimits, ZipRejected, inspect_zip

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
XLSX_LIMITS = ZipLimits(max_member_bytes=MAX_XLSX_UNPACKED, max_total_bytes=MAX_XLSX_UNPACKED)


@dataclass
class Table:
    filename: str
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, header = 1; values)


def decode_csv(data: bytes, filename: str) -> str:
    """An uploaded CSV as text (`gongzhi.core.text.decode_text`); else a clear error naming the file."""
    if not data.strip():
        return ""  # "没有内容" is said by the caller
    try:
        return decode_text(data)
    except TextDecodeError as exc:
        if exc.code == BINARY:
            raise ApplicationError(
                ErrorCode.INVALID_FILE, _("文件“%(filename)s”不是文本格式的 CSV") % {"filename": filename}
            ) from None
        raise ApplicationError(
            ErrorCode.INVALID_FILE,
            _("文件“%(filename)s”无法识别文字编码：请保存为 UTF-8 或 GBK 编码的 CSV")
            % {"filename": filename},
        ) from None


def check_xlsx_archive(data: bytes, filename: str) -> None:
    """Inspect the zip members before any reader opens them (`gongzhi.core.zipsafety`: zip bombs,
    overlapping members, encryption, XXE); ApplicationError naming the file otherwise."""
    try:
        inspect_zip(data, limits=XLSX_LIMITS, required=["xl/workbook.xml"])
    except ZipRejected as exc:
        if exc.kind in ("not_zip", "missing"):
            message = _("文件“%(filename)s”不是有效的 Excel（.xlsx）文件") % {"filename": filename}
        elif exc.kind == "too_large":
            message = _("文件“%(filename)s”%(reason)s") % {"filename": filename, "reason": exc.reason}
        else:
            message = _("文件“%(filename)s”%(reason)s，已拒绝") % {"filename": filename, "reason": exc.reason}
        raise ApplicationError(ErrorCode.INVALID_FILE, message) from None


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\u3000", " ").split())


def read_table(data: bytes, filename: str, *, required: list[str] | None = None) -> Table:
    if not data:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("文件“%(filename)s”是空文件") % {"filename": filename}
        )
    if len(data) > MAX_TABLE_BYTES:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("文件“%(filename)s”超过 20 MB 上限") % {"filename": filename}
        )
    lower = filename.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith((".xlsx", ".xlsm")):
        check_xlsx_archive(data, filename)
        from python_calamine import CalamineWorkbook

        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            raw_rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:
            raise ApplicationError(
                ErrorCode.INVALID_FILE,
                _("文件“%(filename)s”无法读取：%(reason)s") % {"filename": filename, "reason": exc},
            ) from exc
    elif lower.endswith((".csv", ".txt")):
        text = decode_csv(data, filename)
        try:
            raw_rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise ApplicationError(
                ErrorCode.INVALID_FILE,
                _("文件“%(filename)s”CSV 格式错误：%(reason)s") % {"filename": filename, "reason": exc},
            ) from exc
    else:
        raise ApplicationError(
            ErrorCode.INVALID_FILE,
            _("文件“%(filename)s”格式不支持：请上传 .csv 或 .xlsx") % {"filename": filename},
        )

    raw_rows = [[_clean(v) for v in row] for row in raw_rows]
    while raw_rows and not any(raw_rows[0]):
        raw_rows.pop(0)
    if not raw_rows:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("文件“%(filename)s”没有内容") % {"filename": filename}
        )
    headers = raw_rows[0]
    seen = set()
    for col, header in enumerate(headers, start=1):
        if header and header in seen:
            raise FileRowError(
                file=filename, row=1, field=header, message=_("第%(col)s列表头重复") % {"col": col}
            )
        seen.add(header)
    for name in required or []:
        if name not in seen:
            raise FileRowError(file=filename, row=1, field=name, message=_("缺少必需的列"))
    rows = []
    for number, row in enumerate(raw_rows[1:], start=2):
        if not any(row):
            continue
        if len(row) > len(headers) and any(row[len(headers) :]):
            raise FileRowError(file=filename, row=number, field=None, message=_("列数多于表头"))
        rows.append((number, {h: (row[i] if i < len(row) else "") for i, h in enumerate(headers) if h}))
    return Table(filename=filename, headers=[h for h in headers if h], rows=rows)
