"""Time the policy-document parser on a ~200-page file, as .txt and as .docx.

The file is the reference pair of documents repeated with varied 文号 and years
until it holds about 200 pages (~600 Chinese characters a page). Run by hand:

    PYTHONPATH=src .venv/bin/python bench/bench_parse.py [--pages 200] [--repeat 3]

Target: under 2 s per parse.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongzhi.plans.parsing import parse_bytes  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from _report import emit  # noqa: E402

REFERENCE = ROOT / "tests/fixtures/plans/zhoucun_2023_reference.txt"
CHARS_PER_PAGE = 600


def build_text(pages: int) -> str:
    base = REFERENCE.read_text("utf-8")
    parts, k = [], 0
    while sum(len(p) for p in parts) < pages * CHARS_PER_PAGE:
        k += 1
        year = 2023 + k % 3
        variant = re.sub(
            r"〔2023〕(\d+)号", lambda m, k=k, y=year: f"〔{y}〕{int(m.group(1)) + 100 * k}号", base
        )
        parts.append(variant.replace("2025年", f"{2025 + k % 5}年"))
    return "\n".join(parts)


def build_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def timed(data: bytes, name: str, repeat: int) -> tuple[list[float], object]:
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = parse_bytes(data, name, max_bytes=200 * 1024 * 1024)
        runs.append(time.perf_counter() - start)
    return runs, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    text = build_text(args.pages)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    print(f"document: {len(text):,} characters ({cjk:,} Chinese), ~{len(text) // CHARS_PER_PAGE} pages")
    for name, data in (("bench.txt", text.encode("utf-8")), ("bench.docx", build_docx(text))):
        runs, result = timed(data, name, args.repeat)
        tasks = sum(len(d.tasks) for d in result.documents)
        targets = sum(len(t.targets) for d in result.documents for t in d.tasks)
        print(
            f"{name:<11} {len(data) / 1024:8.0f} KiB  parse best {min(runs):.3f} s  median {statistics.median(runs):.3f} s  "
            f"({len(result.documents)} documents, {tasks} tasks, {targets} targets)"
        )
        anchor = _plain_read(data, name, args.repeat)
        emit(
            f"parse ~{args.pages}-page {name.split('.')[-1]}",
            statistics.median(runs),
            "s",
            anchor="reading its text + one regex pass for numbered headings",
            anchor_value=statistics.median(anchor),
            target="< 2 s",
            met=statistics.median(runs) < 2,
            runs=runs,
        )


HEADINGS = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|（\d+）|\d+[.．])", re.M)


def _plain_read(data: bytes, name: str, repeat: int) -> list[float]:
    """The anchor: the same bytes read to text (UTF-8 decode, or python-docx paragraphs) and one regex
    pass finding the numbered headings (一、 （一） （1） 1.), the least a structure parser must do."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        if name.endswith(".docx"):
            import docx

            text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        else:
            text = data.decode("utf-8")
        HEADINGS.findall(text)
        runs.append(time.perf_counter() - start)
    return runs


if __name__ == "__main__":
    main()
