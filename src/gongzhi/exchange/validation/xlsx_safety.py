"""Inspect an .xlsx archive before any spreadsheet reader opens it.

The checks (zip bombs, overlapping members, encryption, XXE in XML parts …) are those of
`gongzhi.core.zipsafety`; here they become `FileRejected` with the submitter's wording, and an
archive without a workbook is "not a valid .xlsx".
"""

from __future__ import annotations

from pathlib import Path

from gongzhi.core.zipsafety import MB, ZipLimits, ZipRejected, inspect_zip
from gongzhi.exchange.validation.errors import FileRejected

XlsxLimits = ZipLimits
DEFAULT_LIMITS = XlsxLimits()
REQUIRED_MEMBERS = ("xl/workbook.xml", "[Content_Types].xml")


def inspect_xlsx(path: Path, filename: str, limits: XlsxLimits = DEFAULT_LIMITS) -> None:
    """Raise `FileRejected` unless the archive is safe to hand to a spreadsheet reader."""
    try:
        inspect_zip(path, limits=limits, required=REQUIRED_MEMBERS)
    except ZipRejected as exc:
        if exc.kind == "too_large":
            raise FileRejected(f"文件“{filename}”超过 {limits.max_file_bytes // MB} MB 上限") from None
        if exc.kind == "not_zip":
            raise FileRejected(f"文件“{filename}”不是有效的 Excel（.xlsx）文件") from exc
        if exc.kind == "missing":
            raise FileRejected(f"文件“{filename}”不是有效的 Excel（.xlsx）文件（缺少工作簿内容）") from None
        raise FileRejected(f"文件“{filename}”{exc.reason}，已拒绝", code="unsafe_xlsx") from None
