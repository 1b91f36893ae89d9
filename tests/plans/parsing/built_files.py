"""Small synthetic files and snippets for the parser tests, built in memory."""

from __future__ import annotations

import io
import unicodedata


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


def docx_bytes(paragraphs, rows=(), merges=()) -> bytes:
    """Paragraphs, then one table of ``rows`` (none without rows); a cell is None (left empty), a
    text or a list of texts (its paragraphs); ``merges`` are ((row, col), (row, col)) corners of
    merged cells."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if not rows:
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            cell = table.cell(r, c)
            texts = [value] if isinstance(value, str) else value
            cell.text = texts[0]
            for more in texts[1:]:
                cell.add_paragraph(more)
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


UNIT_CLAUSE = "（牵头单位：县甲局）"


def first_task_targets(
    sentence: str, *, title: str = "某某县2020年测试民生实事（测试）", units: str = UNIT_CLAUSE
) -> list[tuple]:
    """(comparator, value, unit, deadline year) of the targets the parser reads in ``sentence``,
    the text of the first of two tasks in a small synthetic list (units: its clause, or "")."""
    from gongzhi.plans.parsing import parse_text

    second = "（牵头单位：县乙局）" if units else ""
    text = f"{title}\n1.测试事项。{sentence}{units}\n2.完善测试设施。{second}\n"
    (document,) = parse_text(text).documents
    return [(g.comparator, g.value, g.unit, g.deadline_year) for g in document.tasks[0].targets]


def one_item_targets(sentence: str) -> list[tuple]:
    """(comparator, value, unit, deadline year) of the targets of the one item of a small action
    plan with no year of its own: 一、主要任务 over （一） holding ``sentence`` and a unit clause."""
    from gongzhi.plans.parsing import parse_text

    text = (
        f"测试区行动方案（测试）\n\n一、主要任务\n（一）建设测试设施。{sentence}（牵头单位：测试区绿化局）\n"
    )
    (document,) = parse_text(text).documents
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets]


def sentence_figures(sentence: str) -> list[tuple]:
    """(comparator, value, unit) of the targets ``targets.extract`` reads in ``sentence`` alone."""
    from gongzhi.plans.parsing.targets import extract

    return [(t.comparator, t.value, t.unit) for t in extract(sentence)[0]]


def wrapped(text: str, width: int = 72) -> str:
    """Every line of ``text`` longer than ``width`` display columns (a Chinese character two)
    broken there, as a PDF's text layer or an e-mail wraps it; table rows (``|``) as they are."""
    out = []
    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            out.append(line)
            continue
        part, used = "", 0
        for ch in line:
            w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if used + w > width:
                out.append(part)
                part, used = "", 0
            part += ch
            used += w
        out.append(part)
    return "\n".join(out)
