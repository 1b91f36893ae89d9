"""Build the binary corpus documents (.docx, .pdf, .xlsx) from the markup sources in src/.

Run by hand after editing a source: ``.venv/bin/python tests/corpus/build.py [ID_PREFIX ...]``.
The markup is that of tests/fixtures/plans/corpus_src/README.md (``|`` table rows, ``^`` merged
cell, ``|| text`` a row merged across the table, ``=== page ===`` a PDF page break); the texts
are real and their sources are in each document's expected.json. With prefixes (``r05 r08``)
only the sources whose name starts with one of them are built, so that parts A and B can build
their own files.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "plans" / "parsing"))
sys.path.insert(0, str(HERE))
from build_corpus import build_docx  # noqa: E402
from pdfgen import build_pdf, paginate  # noqa: E402


def build_xlsx(lines: list[str], out: Path) -> None:
    """One worksheet; table rows become rows (``|| text`` a row with the text in column B)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in lines:
        if line.startswith("||"):
            sheet.append([None, line[2:].strip()])
        elif line.startswith("|"):
            sheet.append(line.strip().strip("|").split("|"))
        elif line.strip():
            sheet.append([line.strip()])
    book.save(out)


# The blind set annotated on 5 December 2026 (r36 upward) is built as part B's files are (build_b.py):
# fixed document dates, merged title/section rows in .xlsx, and a page header and footer on every
# PDF page. Only ids from r36 on take this path, so the files of parts A and B build as before.
BLIND_C_FIRST = 36
PDF_FRAMES_C = {
    "r37": (
        "区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知",
        "https://www.caidian.gov.cn/zwgk/zc/zfwj/qzfbgwj/202302/t20230208_2147809.shtml {n}/{total}",
    ),
    "r51": (
        "洪江市人民政府办公室关于印发《洪江市实施“八大行动”总体方案》的通知",
        "http://www.hjs.gov.cn/hjs/c106178/202404/281fcd3c90a4421ca4111d5772df711a.shtml {n}/{total}",
    ),
    "r71": (
        "加快西宁市流通业发展实施意见",
        "http://www.zc6580.com/Index/shenbaoshow/id/8130/fentype/1 {n}/{total}",
    ),
}


# From r63 on, a spreadsheet row may start with an empty cell (a cell merged with the one above in
# the source): only ``|| text`` with no further ``|`` is a title row merged across the sheet.
BLIND_D_FIRST = 63
# From r815 on, ``\n`` in a spreadsheet cell is a line break inside the cell (as in .docx cells).
BLIND_E_FIRST = 815


def build_xlsx_d(lines: list[str], path: Path) -> None:
    import build_b
    import openpyxl

    rows = [line for line in lines if line.startswith("|")]

    def is_title(row: str) -> bool:
        return row.startswith("||") and "|" not in row[2:]

    ncols = max(len(r[1:].split("|")) for r in rows if not is_title(r))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for r, row in enumerate(rows, start=1):
        if is_title(row):
            sheet.cell(row=r, column=1, value=row[2:].strip())
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            continue
        for c, value in enumerate(row[1:].split("|"), start=1):
            if (_number(path.name) or 0) >= BLIND_E_FIRST:
                # (r815 on) a cell of several lines, as typed in the source
                value = value.replace("\\n", "\n")
            sheet.cell(row=r, column=c, value=value or None)
    book.properties.created = build_b.FIXED
    book.properties.modified = build_b.FIXED
    book.save(path)


def _number(name: str) -> int | None:
    digits = name[1:].split("_", 1)[0]
    return int(digits) if name.startswith("r") and digits.isdigit() else None


def _is_blind_c(name: str) -> bool:
    number = _number(name)
    return number is not None and number >= BLIND_C_FIRST


def build_blind_c(lines: list[str], target: Path) -> None:
    import build_b

    if target.suffix == ".docx":
        document = build_docx(lines)
        document.core_properties.created = build_b.FIXED
        document.core_properties.modified = build_b.FIXED
        document.save(target)
    elif target.suffix == ".xlsx" and (_number(target.name) or 0) >= BLIND_D_FIRST:
        build_xlsx_d(lines, target)
    elif target.suffix == ".xlsx":
        build_b.build_xlsx(lines, target)
    elif target.suffix == ".pdf" and target.name.split("_", 1)[0] in PDF_FRAMES_C:
        header, footer = PDF_FRAMES_C[target.name.split("_", 1)[0]]
        target.write_bytes(build_b.build_framed_pdf(lines, header, footer))
    elif target.suffix == ".pdf":  # (r100 on) the page header typed in the source, as printed
        target.write_bytes(build_pdf(paginate(lines)))
    else:
        raise SystemExit(f"unknown target for {target.name}")


def main(prefixes: list[str]) -> None:
    for src in sorted((HERE / "src").glob("*.txt")):
        if prefixes and not any(src.name.startswith(p) for p in prefixes):
            continue
        lines = src.read_text("utf-8").splitlines()
        target = HERE / src.name.removesuffix(".txt")
        if _is_blind_c(src.name):
            build_blind_c(lines, target)
        elif target.suffix == ".docx":
            build_docx(lines).save(target)
        elif target.suffix == ".pdf":
            target.write_bytes(build_pdf(paginate(lines)))
        elif target.suffix == ".xlsx":
            build_xlsx(lines, target)
        else:
            raise SystemExit(f"unknown target for {src.name}")
        print("built", target.name)


if __name__ == "__main__":
    main(sys.argv[1:])
