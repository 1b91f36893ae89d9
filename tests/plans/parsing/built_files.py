"""Small synthetic files for the parser tests, built in memory."""

from __future__ import annotations

import io


def xlsx_bytes(rows, merges=()) -> bytes:
    """One worksheet holding ``rows``; ``merges`` are cell ranges to merge (``"A1:E1"``)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
