"""Tiny hand-written PDF builder for tests (no reportlab needed).

Text is drawn with a Type0 font (Identity-H) whose ToUnicode CMap maps every
two-byte code to the same Unicode code point, so any BMP character, Chinese
included, lands in the text layer that pdfplumber reads. The font itself is not
embedded: viewers substitute one, which is fine for extraction tests.
"""

from __future__ import annotations

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
FONT_SIZE = 12
LEADING = 20
TOP = 780
LEFT = 72


def _to_unicode_cmap() -> bytes:
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    blocks = []
    for i in range(0, len(ranges), 100):
        chunk = ranges[i : i + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    text = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    return text.encode("ascii")


def _hex(text: str) -> str:
    return "".join(f"{ord(ch):04X}" for ch in text if ord(ch) <= 0xFFFF)


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"


def build_pdf(pages: list[list]) -> bytes:
    """A PDF with one text line per entry, ``pages`` top to bottom (an entry that is a list of rows
    is a ruled table)."""
    # 1 catalog, 2 pages, 3 Type0 font, 4 CID font, 5 ToUnicode, 6 descriptor, then page+content pairs.
    objects: list[bytes] = [b"", b"", b"", b"", b"", b""]
    page_ids = []
    for lines in pages:
        ops = []
        y = TOP + LEADING
        for line in lines:
            if isinstance(line, list):  # a ruled table: rows of cells
                y = _table(ops, line, y)
                continue
            y -= LEADING
            x = LEFT
            if line.startswith("@footer "):
                line = line[len("@footer ") :]
                x, y = (PAGE_WIDTH - len(line) * FONT_SIZE) // 2, 40
            ops.append(f"BT /F1 {FONT_SIZE} Tf 1 0 0 1 {x} {y} Tm <{_hex(line)}> Tj ET")
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


ROW_HEIGHT = 24


def _table(ops: list[str], rows: list[list[str | None]], y: float) -> float:
    """Draw a ruled table under ``y`` (one line of text a cell; a cell ``None`` is merged with the
    cell above it: no rule between them; a row of one cell spans the table) and return the y of its
    foot."""
    width = PAGE_WIDTH - 2 * LEFT
    columns = len(rows[0])
    chars = [max(3, *(len(r[c] or "") for r in rows if len(r) == columns)) for c in range(columns)]
    xs = [LEFT]
    for n in chars:
        xs.append(xs[-1] + width * n / sum(chars))
    top = y - LEADING / 2
    tops = [top - k * ROW_HEIGHT for k in range(len(rows) + 1)]
    ops.append(f"0.5 w {xs[0]:.1f} {tops[0]:.1f} m {xs[-1]:.1f} {tops[0]:.1f} l S")
    ops.append(f"{xs[0]:.1f} {tops[-1]:.1f} m {xs[-1]:.1f} {tops[-1]:.1f} l S")
    for c, x in enumerate(xs):
        # (no rule between the cells of a row that is one cell across the table)
        for k, row in enumerate(rows):
            if len(row) > 1 or c in (0, columns):
                ops.append(f"{x:.1f} {tops[k]:.1f} m {x:.1f} {tops[k + 1]:.1f} l S")
    for k, row in enumerate(rows):
        if len(row) == 1:  # one cell across the table (a section's heading row)
            row = [*row, *([""] * (columns - 1))]
        for c, cell in enumerate(row):
            if k and cell is not None:  # the rule above this cell (none above a merged one)
                ops.append(f"{xs[c]:.1f} {tops[k]:.1f} m {xs[c + 1]:.1f} {tops[k]:.1f} l S")
            if cell:
                size = min(FONT_SIZE, (xs[c + 1] - xs[c] - 4) / max(1, len(cell)))
                ops.append(
                    f"BT /F1 {size:.1f} Tf 1 0 0 1 {xs[c] + 2:.1f} {tops[k] - 17:.1f} Tm <{_hex(cell)}> Tj ET"
                )
    return tops[-1] - LEADING / 2


def image_only_pdf(pages: int = 1) -> bytes:
    """A 'scanned' PDF: each page shows an image and has no text layer."""
    objects: list[bytes] = [
        b"",
        b"",
        _stream(
            b"\x00\xff\x00\xff",
            "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
        ),
    ]
    page_ids = []
    for _ in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /XObject << /Im1 3 0 R >> >> /Contents {len(objects) + 2} 0 R >>".encode()
        )
        page_ids.append(len(objects))
        objects.append(_stream(b"q 400 0 0 600 90 120 cm /Im1 Do Q"))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    return _assemble(objects)


def paginate(paragraphs: list[str], width: int = 30, lines_per_page: int = 34) -> list[list[str]]:
    """Wrap paragraphs at ``width`` characters and cut pages, as a PDF printer would.

    A paragraph equal to ``=== page ===`` forces a page break. Every page gets a
    centred page-number footer (— 1 —).
    """
    pages: list[list[str]] = [[]]
    for paragraph in paragraphs:
        if paragraph.strip() == "=== page ===":
            pages.append([])
            continue
        paragraph = paragraph.strip().lstrip("\u3000")
        if not paragraph:
            continue
        for i in range(0, len(paragraph), width):
            if len(pages[-1]) >= lines_per_page:
                pages.append([])
            pages[-1].append(paragraph[i : i + width])
    pages = [p for p in pages if p]
    return [[*p, f"@footer — {n} —"] for n, p in enumerate(pages, start=1)]
