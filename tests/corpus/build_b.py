"""Build part B's binary corpus documents (r16–r35) from their markup in tests/corpus/src/.

Run by hand after editing a source: ``.venv/bin/python tests/corpus/build_b.py``.

- ``<id>.docx.txt``: the markup of tests/fixtures/plans/corpus_src/README.md (plain lines are
  paragraphs, ``|`` rows are table rows, ``||`` a row merged across the table, ``^`` a vertical
  merge), built with the same ``build_docx`` as the synthetic corpus.
- ``<id>.xlsx.txt``: one sheet, one ``|`` row per spreadsheet row; a ``||`` row is one cell
  merged across all columns (titles and section rows, as real task lists have them).
- ``<id>.pdf.txt``: one paragraph per line, wrapped and cut into pages as a printer would, with
  the page header and footer given in ``PDF_FRAMES`` below (a browser's print header with the
  page's URL and ``1/5``, an official document's ``— 1 —``, ``第 1 页 共 4 页``); the parser
  has to drop them.

The document properties carry a fixed date (the zip members' own times still change on each build,
so rebuild only after editing a source).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
sys.path.insert(0, str(HERE.parents[0] / "plans" / "parsing"))
from build_corpus import build_docx  # noqa: E402
from pdfgen import (  # noqa: E402
    FONT_SIZE,
    LEADING,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TOP,
    _assemble,
    _hex,
    _stream,
    _to_unicode_cmap,
)

PART_B = [f"r{n}" for n in range(16, 36)]
FIXED = dt.datetime(2026, 12, 5, 0, 0, 0)

# id -> (header, footer); "{n}" is the page number, "{total}" the page count.
PDF_FRAMES = {
    "r16": (
        "2019/2/15 国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见_政府信息公开专栏",
        "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm {n}/{total}",
    ),
    "r18": ("国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见", "— {n} —"),
    "r20": ("中国政府网 www.gov.cn", "第 {n} 页 共 {total} 页"),
}


def wrap_pages(paragraphs: list[str], width: int = 30, lines_per_page: int = 34) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    for paragraph in paragraphs:
        paragraph = paragraph.strip().lstrip("\u3000")
        if not paragraph:
            continue
        for i in range(0, len(paragraph), width):
            if len(pages[-1]) >= lines_per_page:
                pages.append([])
            pages[-1].append(paragraph[i : i + width])
    return [p for p in pages if p]


def build_framed_pdf(paragraphs: list[str], header: str, footer: str) -> bytes:
    """A text PDF (the same Type0 font as pdfgen.py) with a small header and footer on every page."""
    body_pages = wrap_pages(paragraphs)
    total = len(body_pages)
    objects: list[bytes] = [b"", b"", b"", b"", b"", b""]
    page_ids = []
    for n, lines in enumerate(body_pages, start=1):
        ops = [f"BT /F1 9 Tf 1 0 0 1 {LEFT - 36} {PAGE_HEIGHT - 30} Tm <{_hex(header)}> Tj ET"]
        for i, line in enumerate(lines):
            ops.append(f"BT /F1 {FONT_SIZE} Tf 1 0 0 1 {LEFT} {TOP - i * LEADING} Tm <{_hex(line)}> Tj ET")
        foot = footer.format(n=n, total=total)
        x = max(20, (PAGE_WIDTH - len(foot) * 6) // 2)
        ops.append(f"BT /F1 9 Tf 1 0 0 1 {x} 30 Tm <{_hex(foot)}> Tj ET")
        content = "\n".join(ops).encode("ascii")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects) + 2} 0 R >>".encode()
        )
        page_ids.append(len(objects))
        objects.append(_stream(content))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    objects[2] = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
    )
    objects[3] = (
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 6 0 R /DW 1000 >>"
    )
    objects[4] = _stream(_to_unicode_cmap())
    objects[5] = (
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>"
    )
    return _assemble(objects)


def build_xlsx(lines: list[str], path: Path) -> None:
    rows = [line for line in lines if line.startswith("|")]
    ncols = max(len(r[1:].split("|")) for r in rows if not r.startswith("||"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r, row in enumerate(rows, start=1):
        if row.startswith("||"):
            ws.cell(row=r, column=1, value=row[2:].strip())
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            continue
        for c, value in enumerate(row[1:].split("|"), start=1):
            ws.cell(row=r, column=c, value=value)
    for c, width in zip("ABCDEFG", (8, 16, 28, 60, 24, 30, 14), strict=False):
        ws.column_dimensions[c].width = width
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path)


def main() -> None:
    for src in sorted(SRC.glob("*.txt")):
        name = src.name.removesuffix(".txt")
        if name.split("_", 1)[0] not in PART_B:
            continue  # part A's sources are built by its own script
        out = HERE / name
        lines = src.read_text("utf-8").splitlines()
        if name.endswith(".docx"):
            document = build_docx(lines)
            document.core_properties.created = FIXED
            document.core_properties.modified = FIXED
            document.save(out)
        elif name.endswith(".xlsx"):
            build_xlsx(lines, out)
        elif name.endswith(".pdf"):
            header, footer = PDF_FRAMES[name.split("_", 1)[0]]
            out.write_bytes(build_framed_pdf(lines, header, footer))
        else:
            raise SystemExit(f"unknown target for {src.name}")
        print("built", out.name)


if __name__ == "__main__":
    main()
