"""Build the binary and re-encoded corpus documents from tests/fixtures/plans/corpus_src/.

Run by hand after editing a source: ``.venv/bin/python tests/plans/parsing/build_corpus.py``.
The outputs are kept in tests/fixtures/plans/corpus/ so that the tests read
real files. See corpus_src/README.md for the markup.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).parent))
from pdfgen import build_pdf, paginate

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "tests/fixtures/plans/corpus_src"
OUT = ROOT / "tests/fixtures/plans/corpus"


def build_docx(lines: list[str]) -> docx.document.Document:
    document = docx.Document()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("|"):
            document.add_paragraph(line)
            i += 1
            continue
        rows = []
        while i < len(lines) and lines[i].startswith("|"):
            rows.append(lines[i])
            i += 1
        ncols = max(len(r[1:].split("|")) for r in rows if not r.startswith("||"))
        table = document.add_table(rows=len(rows), cols=ncols)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            if row.startswith("||"):
                merged = table.cell(r, 0).merge(table.cell(r, ncols - 1))
                merged.text = row[2:].strip()
                continue
            for c, value in enumerate(row[1:].split("|")):
                cell = table.cell(r, c)
                if value == "^":
                    table.cell(r - 1, c).merge(cell)
                    continue
                parts = value.split("\\n")
                cell.text = parts[0]
                for part in parts[1:]:
                    cell.add_paragraph(part)
    return document


def main() -> None:
    for src in sorted(SRC.glob("*.txt")):
        text = src.read_text("utf-8")
        name = src.name
        if name.endswith(".docx.txt"):
            build_docx(text.splitlines()).save(OUT / name.removesuffix(".txt"))
        elif name.endswith(".pdf.txt"):
            (OUT / name.removesuffix(".txt")).write_bytes(build_pdf(paginate(text.splitlines())))
        elif "_gbk" in name:
            (OUT / name).write_bytes(text.replace("\n", "\r\n").encode("gbk"))
        elif "_bom" in name:
            eol = "\r\n" if "crlf" in name else "\n"
            (OUT / name).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", eol).encode("utf-8"))
        else:
            raise SystemExit(f"unknown target for {name}")
        print("built", name)


if __name__ == "__main__":
    main()
