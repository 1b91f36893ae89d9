"""Bytes -> normalised lines: format detection, decoding, .docx / .pdf reading, normalisation.

Every later step works on ``Line`` objects. The file's normalised text is the
lines joined with "\\n" (blank lines dropped, each line stripped); a table row is
one line whose cells are joined with "\\t". All spans refer to that text.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from gongzhi.core.text import TextDecodeError, decode_text_with_encoding
from gongzhi.core.zipsafety import ZipRejected, inspect_zip

from .errors import ParseError
from .numbering import match_marker
from .units import names_units_only

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED = "仅支持 .txt、.docx、.xlsx、.pdf"
TEXT_EXTENSIONS = {".txt", ".text", ""}

_SPACES = dict.fromkeys(
    map(ord, "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"), " "
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Full-width digits (２０２５年, １．) read as ASCII digits: numbering, years and figures are then
# found by the same patterns as in any other document.
_FULL_WIDTH_DIGITS = {ord("０") + i: str(i) for i in range(10)}
# full-width square brackets (［责任单位：…］) read as the ASCII ones the unit clauses know
_TRANSLATE = {**_SPACES, **_INVISIBLE, **_FULL_WIDTH_DIGITS, ord("［"): "[", ord("］"): "]"}
_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–―]+ *\d{1,4} *[-—－–―]+|第 *\d{1,4} *页(?: *[,，/]? *共 *\d{1,4} *页)?|\d{1,4} */ *\d{1,4})$"
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")


@dataclass
class Line:
    """One non-blank line of the normalised text."""

    text: str
    start: int  # offset of text in the whole normalised text
    cells: tuple[str, ...] | None = None  # set when the line is a table row
    shi: bool = False  # a 一是/二是 part read as an item of its own (outline._shi_with_units)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def cell_spans(self) -> list[tuple[int, int]]:
        spans, pos = [], self.start
        for cell in self.cells or ():
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        return spans


@dataclass
class Source:
    lines: list[Line]
    text: str
    source_format: str
    encoding: str | None


def read(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read ``data`` (named ``filename``) into normalised lines, or raise ``ParseError``."""
    if not data or not data.strip():
        raise ParseError(ParseError.EMPTY, "文件为空")
    if len(data) > max_bytes:
        raise ParseError(ParseError.TOO_LARGE, f"文件过大：超过 {size_label(max_bytes)} 上限")
    ext = _extension(filename)
    if data.startswith(b"%PDF-") or (ext == ".pdf" and b"%PDF-" in data[:1024]):
        raw, fmt, enc = _text_structure(_read_pdf(data)), "pdf", None
    elif data.startswith(b"PK\x03\x04") and (ext == ".xlsx" or _zip_has(data, "xl/workbook.xml")):
        raw, fmt, enc = _read_xlsx(data), "xlsx", None
    elif data.startswith(b"PK\x03\x04"):
        raw, fmt, enc = _text_structure(_paragraphs_unwrapped(_read_docx(data))), "docx", None
    elif data.startswith(b"\xd0\xcf\x11\xe0") or ext in {
        ".doc",
        ".wps",
        ".xls",
        ".ppt",
        ".pptx",
        ".rtf",
    }:
        raise ParseError(ParseError.UNSUPPORTED_FORMAT, f"无法识别的文件格式：{SUPPORTED}")
    elif ext in {".pdf", ".docx", ".xlsx"}:
        raise ParseError(
            ParseError.CORRUPT, f"文件已损坏：扩展名为 {ext}，但内容不是有效的 {ext[1:].upper()} 文件"
        )
    elif ext not in TEXT_EXTENSIONS and _looks_binary(data):
        raise ParseError(ParseError.UNSUPPORTED_FORMAT, f"无法识别的文件格式：{SUPPORTED}")
    else:
        text, enc = decode_text(data)
        text = text.translate(_FULL_WIDTH_DIGITS)  # before the rows and cells are found
        lines = _unit_lines_joined(
            _lifted_figures(
                _unwrapped(
                    _trailing_headings(
                        _marker_lines_joined(
                            _joined_fragments(
                                _without_page_furniture(
                                    _single_spaced(_markdown_tables(_markdown_inline(text.splitlines())))
                                )
                            )
                        )
                    )
                )
            )
        )
        lines = _glued_header(
            [
                _unspaced(dashed)
                for line in lines
                for part in _run_on_paragraphs(line)
                for first in _heading_then_first(part)
                for dashed in _dash_paragraphs(first)
            ]
        )
        broken = _join_bar_cells(_join_broken_pipe_rows(lines))
        raw = _join_cell_lines([_split_cells(line) if isinstance(line, str) else line for line in broken])
        raw = _join_bare_cells(
            _join_bare_indicator_cells(_join_spaced_indicator_rows(_join_spaced_rows(_join_pipe_rows(raw))))
        )
        raw, fmt = _join_flat_goal_cells(raw), "txt"
    return _normalise(raw, fmt, enc)


_MD_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_MD_EMPTY = re.compile(r"^\s*\|(?:\s*\|)+\s*$")
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_TASK = re.compile(r"措施|内容|任务|事项|举措")
_MD_NONE = re.compile(r"^[—－\-–/／]*$")


_MD_ESCAPE = re.compile(r"\\([.\-*_()#+!\[\]`>])")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _markdown_inline(lines: list[str]) -> list[str]:
    """A page saved as Markdown with its emphasis and escapes (``**1\\.** **大力发展可再生能源。** …``): the
    text as printed (``1.大力发展可再生能源。…``), when the text holds several bold runs or escaped
    dots; a lone asterisk or backslash elsewhere is left alone."""
    bold = sum(len(_MD_STRONG.findall(line)) for line in lines)
    escaped = sum(len(re.findall(r"\d\\\.", line)) for line in lines)
    if bold < 3 and escaped < 3:
        return lines
    out = []
    for line in lines:
        line = _MD_STRONG.sub(r"\2", line)
        # (**1.** **标题。** 正文: the space Markdown kept between the runs goes with them)
        line = re.sub(r"^(\s*\d{1,3}[.．、])\s+", r"\1", _MD_ESCAPE.sub(r"\1", line))
        out.append(line)
    return out


def _markdown_tables(lines: list[str]) -> list[str]:
    """A page saved as Markdown (a scraper's copy): its tables' rows (| 序号 | 重点任务 | … |) as the
    rows of a table saved as text (序号 | 重点任务 | … |). The rule line under the header and rows
    with no text go, so do the empty cells after the last filled one; a cell's <br> joins its
    lines, with 、 between names of units (区城市管理委<br>丰台交通支队); a row of one cell is a
    section heading. Merged cells are printed once: a row short of the header's cells continues
    the row above (its work under the task column, its units under the last columns), and a row
    that prints the number and name of the row above again (after a page break) does too. Only
    in a text with a Markdown rule line."""
    if not any(_MD_RULE.match(line) for line in lines):
        return lines
    out = []
    header: list[str] = []
    above: list[str] = []
    for line in lines:
        if _MD_RULE.match(line) or _MD_EMPTY.match(line):
            continue
        if not (line.lstrip().startswith("|") and line.count("|") >= 2):
            header = header if not line.strip() else []
            out.append(line)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        while cells and not cells[-1]:
            cells.pop()
        filled = [c for c in cells if c]
        if len(filled) == 1 and len(filled[0]) >= 200 and len(_MD_BREAK.findall(filled[0])) >= 3:
            # a page that laid the whole text in one cell, its paragraphs apart by <br>: the text
            out.extend(p.strip() for p in _MD_BREAK.split(filled[0]) if p.strip())
            header = []
            continue
        cells = [_md_cell(c) for c in cells]
        if not header and len(cells) == 1:
            out.append(cells[0])  # | 关于开展…的通知 |: a page's line boxed alone, no table's row
            continue
        if any("".join(c.split()) in NUMBER_COLUMNS for c in cells):
            header, above = cells, []
        elif header and len(cells) == 1:
            pass  # | 一、共筑美丽蓝天 |: a section of the table (a row of one cell)
        elif header and _ROW_NUMBER.match(cells[0]):
            if above and cells[:2] == above[:2]:
                cells = ["", "", *cells[2:]]  # the row above again, after a page break
            else:
                above = cells
        elif header and above and 1 < len(cells) < len(header):
            cells = _md_continued(cells, header)
        out.append(" | ".join(cells) + " |")
    return out


def _md_continued(cells: list[str], header: list[str]) -> list[str]:
    """A row whose first cells are merged with the rows above, as the header's columns: its work
    from the task column on, its units (and empty cells) right-aligned under the last ones."""
    task = max((k for k, h in enumerate(header) if _MD_TASK.search(h)), default=len(header) - len(cells))
    units = 0
    while units < len(cells) - 1 and (
        _MD_NONE.match(cells[-1 - units]) or names_units_only(cells[-1 - units])
    ):
        units += 1
    work = cells[: len(cells) - units]
    row = [""] * len(header)
    if task + len(work) > len(header) - units:
        return [""] * (len(header) - len(cells)) + cells
    row[task : task + len(work)] = work
    if units:
        row[len(header) - units :] = cells[len(cells) - units :]
    return row


def _md_cell(cell: str) -> str:
    parts = [p.strip() for p in _MD_BREAK.split(cell)]
    # 市交通综合执法总队<br>七支队, 丽泽金融商务区<br>管委会, 市规划自然资源委<br>丰台分局: a name broken at the
    # cell's width, its tail (a numbered or a branch office, a bare office word) no unit of its own
    joined: list[str] = []
    for part in parts:
        if joined and joined[-1] and _NAME_TAIL.match(part):
            joined[-1] += part
        else:
            joined.append(part)
    parts = joined
    if len(parts) > 1 and all(p and names_units_only(p) for p in parts):
        return "、".join(parts)
    return "".join(parts)


_NAME_TAIL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}(?:支队|大队|中队|分队|所|科|处)|[\u4e00-\u9fff]{1,3}分局|管委会|管理委员会|办公室|分中心)$"
)


def _text_structure(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A .docx's paragraphs (or a PDF's lines) read as a text file's lines are: paragraphs glued
    into one are cut apart again, and a table typed as paragraphs (one cell a paragraph, a page
    pasted into Word) is rows again. Real tables (tuples) are left as they are."""
    lines: list[str | tuple[str, ...]] = []
    for item in raw:
        if isinstance(item, str):
            lines.extend(
                _unspaced(dashed)
                for part in _run_on_paragraphs(item)
                for first in _heading_then_first(part)
                for dashed in _dash_paragraphs(first)
            )
        else:
            lines.append(item)
    return _join_flat_goal_cells(_join_bare_cells(_join_spaced_indicator_rows(_glued_header(lines))))


def size_label(n: int) -> str:
    """20971520 -> "20 MB"; small limits in KB or bytes."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MB"
    if n >= 1024:
        return f"{n / 1024:g} KB"
    return f"{n} 字节"


def _extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return ("." + name.rsplit(".", 1)[1].lower()) if "." in name else ""


def _single_spaced(lines: list[str]) -> list[str]:
    """A text with a blank line after every line (no two written lines next to each other, as
    a web page copied paragraph by paragraph) read as if single-spaced: one blank line less in
    every run, so that the blank lines that remain are the ones that mean something (a table's
    rows, cells of several lines)."""
    if any(a.strip() and b.strip() for a, b in pairwise(lines)):
        return lines
    out: list[str] = []
    blank = False
    for line in lines:
        if line.strip():
            out.append(line)
            blank = False
        elif blank:
            out.append(line)
        else:
            blank = True
    return out


def _width(text: str) -> int:
    """Display width: a Chinese character counts two, a Latin letter or digit one."""
    return sum(map(_CHAR_WIDTHS.__getitem__, text))


class _CharWidths(dict):
    """Each character's display width, worked out once (every line of a text is measured)."""

    def __missing__(self, ch: str) -> int:
        self[ch] = width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return width


_CHAR_WIDTHS = _CharWidths()


_DOT_LEADER = re.compile(r"(?:\.|…|·){6,}")
# 附件 2 on a line of its own: the next annex, never the tail of the paragraph above
_ANNEX_LINE = re.compile(r"^附\s*件\s*[0-9０-９]{1,2}$")


# …美丽定西建设目标基本实现。 二、推进 / 生产体系绿色升级: a chapter's heading that a PDF's text layer put
# at the end of the paragraph before it, after a space, its words going on on the next line
_TRAILING_HEADING = re.compile(
    r"(?<=[。；;])[ \u3000]+(?P<heading>[一二三四五六七八九十]{1,3}、[\u4e00-\u9fff、“”]{0,16})$"
)


def _trailing_headings(lines: list[str]) -> list[str]:
    """A chapter heading (二、) at the end of a paragraph's line after its last sentence and a
    space, on a line of its own again, with the rest of its words from the next line when that
    one is short, ends no sentence and is followed by a numbered line (（一）…)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _TRAILING_HEADING.search(line.rstrip())
        if m is None:
            out.append(line)
            i += 1
            continue
        out.append(line[: m.start()].rstrip())
        heading = m.group("heading")
        rest = lines[i + 1].strip() if i + 1 < len(lines) else ""
        after = lines[i + 2].strip() if i + 2 < len(lines) else ""
        i += 1
        if (
            rest
            and len(rest) <= 20
            and not rest.endswith(_PARAGRAPH_ENDS)
            and match_marker(rest) is None
            and match_marker(after) is not None
        ):
            heading += rest
            i += 1
        out.append(heading)
    return out


# a line of units under their label (责任单位：市交通运输局、…、市商务), its last name cut by the line's end
_UNIT_LABEL_LINE = re.compile(
    r"^[\s\u3000]*[【\[]?(?:牵头|责任|配合|协办|主办|参与|实施|落实)?(?:责任|配合)?(?:单位|部门)[】\]]?[：:]"
    r".*[\u4e00-\u9fff、，]$"
)
# the last character of a body's name (区财政局, 县政府, 区工商联)
_UNIT_NAME_END = "局委办厅府部会司院所站心队处科社校团组室馆企联"  # (联: 工商联, 残联, 妇联)
# the cut name's tail opening the next line (局、市口岸物流办 / 展改革委、市经信局)
_UNIT_TAIL = re.compile(rf"^[\u4e00-\u9fff]{{0,4}}(?:[{_UNIT_NAME_END}]|中心|公司|行)(?:[、，,；;]|$)")


_UNIT_LIST = re.compile(r"^[\u4e00-\u9fff（）()]{2,}(?:[、，][\u4e00-\u9fff（）()]{2,})*[、，]?$")
# a clause's bracket and the first characters of its role label at a line's end (（责 / （牵头 / （配),
# the rest of the label opening the next line (任单位： / 单位： / 合单位：)
_LABEL_CUT = re.compile(r"[（(](?:责|责任|牵|牵头|配|配合|主|主办|协|协办)$")
_LABEL_REST = re.compile(r"^(?:任|头|合|办)?(?:单位|部门)[：:]")


def _unit_lines_joined(lines: list[str]) -> list[str]:
    """责任单位：…、市商务 / 局、市口岸物流办: a line of units whose last name a PDF's text layer cut at
    the line's end, joined with the line that carries the rest (a name's tail, such as 局 or
    展改革委, then a list mark or nothing else); after a list mark at the line's end, the next
    line of names. Whatever the text's width."""
    out: list[str] = []
    for line in lines:
        text = line.strip()
        if out and _LABEL_CUT.search(out[-1]) and _LABEL_REST.match(text):
            # …参与碳普惠宣传推广等工作。（责 / 任单位：市生态环境局、…）: a role label cut at the line's end
            out[-1] = out[-1].rstrip() + text
            continue
        if (
            out
            and _UNIT_LABEL_LINE.match(out[-1])
            # (…、市科技局、 / 市自然资源规划局、…: a list mark at the end, the list goes on)
            and (
                _UNIT_TAIL.match(text) or (out[-1].rstrip().endswith(("、", "，")) and _UNIT_LIST.match(text))
            )
            and match_marker(text) is None
            and "：" not in text
            and ":" not in text
        ):
            out[-1] = out[-1].rstrip() + text
            continue
        out.append(line)
    return out


def _paragraphs_unwrapped(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A Word file made from a PDF, each printed line a paragraph of its own: its paragraphs read
    as a wrapped text file's lines are (`_unwrapped`), between its tables."""
    out: list[str | tuple[str, ...]] = []
    run: list[str] = []
    for item in raw:
        if isinstance(item, str):
            run.append(item)
            continue
        out.extend(_unwrapped(run))
        out.append(item)
        run = []
    out.extend(_unwrapped(run))
    return out


def _unwrapped(lines: list[str]) -> list[str]:
    """A text file wrapped at a fixed width (copied from a PDF, an e-mail, a terminal) read as
    paragraphs again: a line as wide as the text's common full width continues on the next line
    unless that one is blank, numbered or a table row. The text counts as wrapped only when at
    least 3 written lines share one full width (±1 column, 32 columns or more), no written line
    is wider, and at least 80 % of the full lines go on in a plain line."""
    # (a line of fewer than 16 characters is narrower than 32 columns: no full line, never counted)
    widths = [_width(line.rstrip()) if len(line) >= 16 else len(line) for line in lines]

    def lifted(i: int) -> bool:
        # the figures of the line above, set apart by a PDF's text layer: see _lifted_figures
        return i > 0 and _FIGURES_ONLY.match(lines[i]) is not None and bool(_FIGURE_GAP.search(lines[i - 1]))

    def plain(i: int) -> bool:
        text = lines[i].strip()
        if (
            not text
            or text.startswith("|")
            or lifted(i)
            or _spaced_table_line(text)
            or _ANNEX_LINE.match(text)
            or _DOT_LEADER.search(text)  # (an entry of the table of contents)
        ):
            return False
        marker = match_marker(text)
        # (…电能利用效率超过 / 1.5 的数据中心: a decimal after a line broken mid-sentence is a
        # figure, not the number of a heading)
        return marker is None or (
            marker.style == "arabic_decimal"
            and i > 0
            and lines[i - 1].strip()[-1:] not in ("", *_PARAGRAPH_ENDS, "）", ")")
        )

    # (a table of contents' dot leaders (一、现状与形势……… 3) run wider than the text: no line of it)
    long = Counter(
        w
        for w, line in zip(widths, lines, strict=True)
        if w >= 32 and not line.lstrip().startswith("|") and not _DOT_LEADER.search(line)
    )
    if not long:
        return lines
    full = max(long, key=lambda w: (long[w] + long[w - 1], w))
    near = long[full] + long[full - 1]
    # a PDF's text layer, justified: the lines of a paragraph share one width within a few columns
    # (a paragraph's first line two characters short, its indent lost; punctuation hanging one
    # column over; half-width digits): most long lines in that band, hardly any wider
    band = sum(n for w, n in long.items() if full - 6 <= w <= full + 3)
    wider = sum(n for w, n in long.items() if w > full + 3)  # (a title on one line)
    justified = band >= 20 and band >= 0.6 * sum(long.values()) and wider <= max(2, band // 30)
    fixed = near >= 3 and max(long) <= full + 1  # (wrapped at one width: e-mail, a terminal)
    justified = justified and not (fixed and near >= 0.85 * band)  # (wrapped at one width: nearly all at it)
    if justified:
        low = full - 6
    elif fixed:
        low = full - 1
    else:
        return lines
    ends = [i for i, w in enumerate(widths) if w >= low and not lines[i].lstrip().startswith("|")]
    if sum(1 for i in ends if i + 1 < len(lines) and (plain(i + 1) or lifted(i + 1))) < 0.8 * len(ends):
        return lines
    out: list[str] = []
    joining = False
    for i, line in enumerate(lines):
        opens = not joining  # (the first line of a paragraph)
        stray = (
            joining and plain(i) and _width(line.strip()) <= 2 and not line.strip().endswith(_PARAGRAPH_ENDS)
        )
        if joining and plain(i):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
        # (a paragraph's first line may be two characters short: its indent, lost)
        joining = (widths[i] >= low or (opens and widths[i] >= full - 5)) and not line.lstrip().startswith(
            "|"
        )
        # (…到2025年生活垃圾 / 焚 / 烧处理率达到70%: one character the text layer put on a
        # line of its own, inside a paragraph that goes on; not two: a table cell's wrapped tail)
        joining = joining or stray or (justified and _broken_short(line, widths[i], full, lines, i))
        if widths[i] < full - 1 and line.rstrip().endswith(_PARAGRAPH_ENDS):
            joining = False  # (a line short of the full width that ends a sentence ends its paragraph)
        elif joining and (_spaced_table_line(line.strip()) or _DOT_LEADER.search(line)):
            joining = False  # (a row of a table of indicators, an entry of the contents: no tail below)
        elif joining and widths[i] < full - 1 and _UNIT_CLAUSE_ENDS.search(out[-1]):
            joining = False  # (…；配合单位：市生态环境局、市发展改革委）: so does one that closes its units)
    return out


# a paragraph closed by its unit clause (（牵头单位：X；配合单位：Y）, （X牵头，Y等按照职责分工负责）)
_UNIT_CLAUSE_ENDS = re.compile(r"[（(][^（）()]*(?:牵头|负责|配合|参与|协助|单位|部门)[^（）()]*[）)]\s*$")


_PARAGRAPH_ENDS = ("。", "：", ":", "！", "？", "；")
# what a line broken mid-sentence may end on, and the next line open on
_MID_SENTENCE_END = re.compile(r"[\u4e00-\u9fff0-9，、]$")
_MID_SENTENCE_OPEN = re.compile(r"^[\u4e00-\u9fff0-9]")


# a text extracted run by run (a font change ends a line): numbers, units and stops on lines of their own
_FRAGMENT_NUMBER = re.compile(r"^[\s\u3000]*[0-9][0-9.．,]*[%％‰]?[\s\u3000]*$")
_FRAGMENT_GOES_ON = re.compile(
    r"^[\s\u3000]*(?:[年月日号万亿千百%％‰个家项吨米亩人元座条处次倍）)〕」”。，,、；;：:]|以[上下内])"
)
_LONE_STOP = re.compile(r"^[\s\u3000]*[。，,、；;：:）)〕」”]+[\s\u3000]*$")
_SENTENCE_END = re.compile(r"[。！？!?；;：:][”」）)]?[\s\u3000]*$")
_BARE_ITEM_NUMBER = re.compile(
    r"^[\s\u3000]*(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})[\s\u3000]*[.．、]?[\s\u3000]*$"
)


def _joined_fragments(lines: list[str]) -> list[str]:
    """A text extracted run by run, each number, unit or stop of a sentence on a line of its own
    (到 / 2025 / 年，矿井吨原煤生产综合能耗比 / 2020 / 年下降 / 10% / 以上，… / 50% / 。; 1 / . / 大力发展…):
    its sentences joined again. Only in a text with at least five such numbers inside running text
    (a line that goes on, the number, a line that opens on a unit, 年 or a stop); a table saved one
    cell a line is left alone (its numbers stand between cells, not inside sentences)."""
    inside = sum(
        1
        for k in range(1, len(lines) - 1)
        if _FRAGMENT_NUMBER.match(lines[k])
        and len(lines[k - 1].strip()) > 12
        and not _SENTENCE_END.search(lines[k - 1])
        and _FRAGMENT_GOES_ON.match(lines[k + 1])
    )
    # (1 / . / 大力发展可再生能源。: an item's number and its dot on lines of their own)
    inside += sum(
        1
        for k in range(len(lines) - 1)
        if re.fullmatch(r"[\s\u3000]*[0-9]{1,2}[\s\u3000]*", lines[k])
        and re.fullmatch(r"[\s\u3000]*[.．][\s\u3000]*", lines[k + 1])
    )
    if inside < 5:
        return lines
    lines = _joined_short_titles(_joined_dates(lines))
    out: list[str] = []
    running = False  # the line being built has taken a fragment inside its sentence
    for k, line in enumerate(lines):
        text = line.strip()
        if not out or not text:
            out.append(line)
            running = False
            continue
        cur = out[-1].rstrip()
        if not cur.strip():
            out.append(line)
            continue
        if _LONE_STOP.match(text) and not _SENTENCE_END.search(cur):
            out[-1] = cur + text  # 。 on a line of its own
            running = running and text.strip()[-1] in "，,、"
            continue
        if _BARE_ITEM_NUMBER.match(cur) and (
            text[0] in ".．、" or (cur.rstrip()[-1] in ".．、" and not _BARE_ITEM_NUMBER.match(text))
        ):
            out[-1] = cur.strip() + text  # 1 / . / 大力发展可再生能源。: the item's number, then its text
            running = False
            continue
        item_number = bool(_BARE_ITEM_NUMBER.match(text)) and (
            text.rstrip()[-1:] in ".．、"
            or (k + 1 < len(lines) and lines[k + 1].strip()[:1] in (".", "．", "、"))
        )
        heading = item_number or (match_marker(text) is not None and not _FRAGMENT_NUMBER.match(text))
        if (
            not heading
            and not _SENTENCE_END.search(cur)
            and not cur.endswith(("）", ")"))
            and ((_FRAGMENT_NUMBER.match(text) and len(cur.strip()) > 12) or running)
        ):
            out[-1] = cur + text
            running = not _SENTENCE_END.search(out[-1])
            continue
        out.append(line)
        running = False
    return out


_DATE_PIECE = re.compile(r"^[\s\u3000]*(?:[0-9]{1,4}|[年月日])[\s\u3000]*$")
_WHOLE_DATE = re.compile(r"^(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日$")


# an item's number alone on its line, bracketed or with its 、 (（一） / 鼓励新能源场站合理配置新型储能系统)
_LONE_MARKER = re.compile(
    r"^[\s\u3000]*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[（(][0-9]{1,2}[）)])[\s\u3000]*$"
)


def _marker_lines_joined(lines: list[str]) -> list[str]:
    """（一） / 鼓励新能源场站合理配置新型储能系统: a bracketed item number (or 一、) alone on its line is
    joined to the line of words after it, unless that line opens an item of its own."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if (
            _LONE_MARKER.match(line)
            and k + 1 < len(lines)
            and lines[k + 1].strip()
            and match_marker(lines[k + 1].strip()) is None
            and "|" not in lines[k + 1]
        ):
            out.append(line.rstrip() + lines[k + 1].strip())
            k += 2
            continue
        out.append(line)
        k += 1
    return out


def _joined_dates(lines: list[str]) -> list[str]:
    """20 / 23 / 年 / 10 / 月 / 19 / 日: a date broken into its runs, one a line, joined again."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and j - k < 8 and _DATE_PIECE.match(lines[j]):
            j += 1
        joined = "".join(line.strip() for line in lines[k:j])
        if j - k >= 3 and _WHOLE_DATE.match(joined):
            out.append(joined)
            k = j
        else:
            out.append(lines[k])
            k += 1
    return out


def _joined_short_titles(lines: list[str]) -> list[str]:
    """因地制宜发展 / 陆上风电和 / 生物质能。 (or 1.加强 / 油气供应保障。): a title sentence broken into short
    lines, joined when the run of short lines (at most four, 30 characters) ends on its full stop and no
    line of it after the first opens a numbered item; a table's cells (no full stop) stay as they are."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        run = [lines[k].strip()]
        j = k + 1
        while (
            len(run) < 4
            and j < len(lines)
            and 0 < len(run[-1]) <= 12
            and not _SENTENCE_END.search(run[-1])
            and 0 < len(lines[j].strip()) <= 14
            and match_marker(lines[j].strip()) is None
        ):
            run.append(lines[j].strip())
            j += 1
            if run[-1].endswith("。"):
                break
        if len(run) > 1 and run[-1].endswith("。") and sum(map(len, run)) <= 30:
            out.append("".join(run))
            k = j
        else:
            out.append(lines[k])
            k += 1
    return out


def _broken_short(line: str, width: int, full: int, lines: list[str], i: int) -> bool:
    """A line of a justified text layer broken mid-sentence though short of the band: the word
    that would not fit was a number (…公交站点500米覆盖率达到 / 100%，新增…), or a gap wider
    than its one space stood inside it (二、推动基础设施绿色升级 （四）推进…。建立城 / 乡基础设施…).
    Three quarters of the full width at least, no sentence end, the next line plain text."""
    if width < 0.75 * full or i + 1 >= len(lines):
        return False
    from .metadata import is_date_line  # (metadata reads lines: imported here, not at the top)

    text, following = line.strip(), lines[i + 1].strip()
    return bool(
        _MID_SENTENCE_END.search(text)
        and _MID_SENTENCE_OPEN.match(following)
        and match_marker(following) is None
        and not is_date_line(following)
    )


# a PDF's text layer that set every figure apart (…到 年，累计创建 / ２０２５ ３０ / 家“绿色工厂”。): the figures of
# a line on the next one, a space left where each stood
_LIFTED = r"[-+]?\d+(?:\.\d+)?(?:[%％‰]|[A-ZＡ-Ｚ]{1,2})?"
_FIGURES_ONLY = re.compile(rf"^[ \u3000]*{_LIFTED}(?:[ \u3000]+{_LIFTED})*[ \u3000]*$")
_FIGURE_GAP = re.compile(r"(?<=[\u4e00-\u9fff“”、，〔]) (?=[\u4e00-\u9fff“%％‰。，；、〕])|(?<=〕) (?=号)")


_MEASURE_OPENS = re.compile(
    r"^(?:万|亿|千|百)?(?:亩|公里|公顷|平方米|立方米|吨|个|家|座|处|人|户|项|条|所)[,，、。；\s]"
)


def _lifted_figures(lines: list[str]) -> list[str]:
    """A line of figures alone after a line of text with as many gaps (one space between two
    words) as figures, or one gap less (the last figure ends the line): the figures back in their
    gaps, in order (到 年，累计创建 / 2025 30 -> 到2025年，累计创建30), and the paragraph goes on in the
    line after the figures unless a sentence ended. Only after running text (a sentence mark in
    it); a table's row of values (61.5 64) after its name has no gap. ``lines`` are paragraphs
    (after _unwrapped, which leaves such a line of figures apart)."""
    out: list[str] = []
    done = 0  # how far the gaps of the last paragraph are filled
    goes_on = False
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and re.fullmatch(r"\s*年\s*月\s*日\s*", prev)
            and len(figures := line.split()) == 3
        ):
            if _FIGURES_ONLY.match(line):  # (the date line: 年 月 日 over 2022 3 24)
                out[-1] = "{}年{}月{}日".format(*figures)
                continue
        if prev is not None and _FIGURES_ONLY.match(line) and re.search(r"[，。；、〔]", prev):
            figures = line.split()
            gaps = [m.start() for m in _FIGURE_GAP.finditer(prev, done)]
            if gaps and len(gaps) in (len(figures), len(figures) - 1):
                filled, last = [], 0
                for at, figure in zip(gaps, figures, strict=False):
                    filled.append(prev[last:at] + figure)
                    last = at + 1
                filled.append(prev[last:])
                if len(gaps) < len(figures):
                    filled.append(figures[-1])
                out[-1] = "".join(filled)
                done = len(out[-1])
                goes_on = bool(re.search(r"[，。；、]", out[-1])) and not out[-1].rstrip().endswith(
                    _PARAGRAPH_ENDS
                )
                continue
        if (
            goes_on
            and line.strip()
            and match_marker(line.strip()) is None
            and not line.lstrip().startswith("|")
        ):
            # (its gaps, after ``done``, are the next line of figures'; a line opening on a measure,
            # 万亩,中幼林抚育 万亩,…, lost its figure before the measure: a gap there too)
            glue = " " if _MEASURE_OPENS.match(line.strip()) and out[-1][-1:] not in " \u3000" else ""
            out[-1] += glue + line.strip()
            goes_on = False
            continue
        goes_on = False
        out.append(line)
        done = 0
    return out


def _without_page_furniture(lines: list[str]) -> list[str]:
    """A PDF's text saved as a text file, its pages' furniture still in it (- 2 - / 某某市人民政府发布 /
    某某市人民政府行政规范性文件 between two halves of a sentence): with three page numbers or more,
    the pages end at them, and their running heads and feet (as a PDF's are found) are dropped with
    the numbers; a running line that reads as the document's title stays on the first page."""
    marks = [k for k, line in enumerate(lines) if _page_mark(line, _PAGE_NUMBER)]
    if len(marks) < 3:
        marks = _bare_page_numbers(lines)
        if len(marks) < 3:
            return lines
        furniture: set[str] = set()  # (bare numbers alone: no running line needed)
    else:
        pages = [lines[a + 1 : b + 1] for a, b in pairwise([-1, *marks, len(lines)])]
        furniture = running_lines(pages)
        if not furniture:
            return lines
    pages_end = set(marks)
    out = []
    for k, line in enumerate(lines):
        compact = line.translate(_TRANSLATE).strip()
        if k in pages_end:
            continue
        if _running_key(compact) in furniture and (k > marks[0] or not _TITLE_LIKE.search(compact)):
            continue
        out.append(line)
    return out


def _page_mark(line: str, pattern: re.Pattern) -> bool:
    """A short line (a page number, - 2 - or 第2页, padding and all) that ``pattern`` matches."""
    return len(line) <= 64 and pattern.match(line.translate(_TRANSLATE).strip()) is not None


def _bare_page_numbers(lines: list[str]) -> list[int]:
    """Lines holding only a number that counts the pages, 1, 2, 3 … in order, at least three of
    them, no two within 15 lines, in a text of full lines (a page of prose; a table's row numbers
    stand among short cells)."""
    found: list[int] = []
    page = 0  # the last page number found
    for k, line in enumerate(lines):
        if not _page_mark(line, _BARE_NUMBER):
            continue
        text = line.translate(_TRANSLATE).strip()
        if not found and int(text) in (1, 2):
            found, page = [k], int(text)
        elif found and int(text) == page + 1 and k - found[-1] >= 15:
            found.append(k)
            page += 1
    if len(found) < 3:
        return []
    written = [line for line in lines[found[0] : found[-1]] if line.strip()]
    if sum(_width(line.strip()) >= 32 for line in written) < 0.6 * len(written):
        return []
    return found


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff")))


# ---------------------------------------------------------------- text files


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file (`gongzhi.core.text`): BOMs, strict UTF-8, GBK/GB18030, charset-normalizer."""
    try:
        return decode_text_with_encoding(data)
    except TextDecodeError:
        raise ParseError(ParseError.NOT_TEXT, "文件内容不是文本") from None


# a numbered heading or item (一、 / (一) / 1.) starting a paragraph inside a long line: after a
# space, or (nothing between the paragraphs) after a sentence end, a colon or a closing bracket
_PARAGRAPH_MARK = r"(?=(?:[一二三四五六七八九十]{1,3}、|[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]|[0-9]{1,2}(?: ?[.．]|、)|[①-⑳⒈-⒛])[^\s\d])"
_PARAGRAPH_AT = re.compile(r"[ \u3000]+" + _PARAGRAPH_MARK)
_PARAGRAPH_GLUED = re.compile(r"(?<=[。：:；;\]）)〕】])" + _PARAGRAPH_MARK)


_SPACED_LETTERS = re.compile(
    r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff] ){2,7}[\u4e00-\u9fff])(?![\u4e00-\u9fff])"
)


def _unspaced(line: str) -> str:
    """A header cell printed with a space between its characters (工 作 任 务, 主 要 目 标): one
    word again. Only runs of three or more single characters each apart by one space are joined
    (a notice's spaced 通 知 is left to the header reading)."""
    if " " not in line:
        return line
    return _SPACED_LETTERS.sub(lambda m: m.group(1).replace(" ", ""), line)


def _run_on_paragraphs(line: str, part: bool = False) -> list[str]:
    """A reprint that ran the whole document into one line, its paragraphs kept apart by a space
    (…确保年度重点工作任务圆满完成。 一、加快提振市场信心 (一)全面促进消费增长。 1.把恢复…): one line
    per paragraph again, when a long line holds at least three numbered paragraphs so joined."""
    if len(line) < 300 or any(ch in line for ch in "|｜\t"):
        return [line]  # (a table row saved as text keeps its cells)
    cuts = [m.end() for m in _PARAGRAPH_AT.finditer(line)]
    # two will do when the first follows a sentence's end (…制定以下工作要点。 一、持续深化…
    # (一)完善…: a copy that breaks off early)
    enough = 2 if len(cuts) == 2 and line[: cuts[0]].rstrip()[-1:] in "。：:；;" else 3
    if len(cuts) < enough:
        # …制定实施方案如下:一、工作目标…。二、工作措施…。1.严格执行…: run together with nothing
        # between the paragraphs, a sentence's end or a colon before each number
        cuts, enough = [m.end() for m in _PARAGRAPH_GLUED.finditer(line)], 3
    # …责任单位：区社会事业局、资源生态局，各片区管理局2.加快补齐养老服务短板。: a bare clause of units
    # closing an item, the next item's number glued to its last name
    cuts = sorted(
        {
            *cuts,
            *_after_units(line),
            *_after_deadlines(line),
            *_duty_heads(line),
            *_after_unit_brackets(line),
            *_after_bare_units(line),
        }
        - {0}
    )
    if not cuts and part:
        cuts = [m.end() for m in _PARAGRAPH_AT.finditer(line)]
    if len(cuts) < (1 if part else enough):  # (a part of a line cut already: one will do)
        return [line]
    starts = [0, *cuts]
    parts = [line[a:b].rstrip() for a, b in zip(starts, [*cuts, len(line)], strict=True)]
    # (a part still long may hold paragraphs glued the other way: cut apart by spaces, then glued)
    return [piece for p in parts for piece in _run_on_paragraphs(p, part=True)]


_UNITS_CLAUSE = re.compile(r"(?:责任|牵头|配合|实施)单位[：:]")
# …（区环境与国土资源局牵头，区经济发展局等参与）专项整治重点排污行业。根据…: a parenthesis of units
# closing a paragraph of work, the next one's short title sentence run on after it (not one more
# sentence of the same paragraph: …（X负责）加强…服务，帮助…; nor a sentence its own clause closes at
# once: …（X负责）扎实推进塑料污染治理。（Y负责）)
_AFTER_UNIT_BRACKET = re.compile(
    r"[（(][^（）()]{2,160}?(?:牵头|负责|配合|参与|协助|协办|落实)[^（）()]{0,40}[）)]"
    r"(?=[\u4e00-\u9fff“「][^，,。；;：:（(\n]{1,19}。(?![\s\u3000]*[（(]))"
)


# …配合单位：区教育局，区农村发展局等加大人才引进力度。…, …配合单位：区党群工作部、通管办“互联网+”医疗卫生：…:
# a bare list of units closing a paragraph of work, the next one's title run on after its last name
_AFTER_BARE_UNITS = re.compile(
    r"(?:牵头|配合|责任|协办|参与|实施)单位[：:][^。：:“”（）()\s\d]{1,150}(?:等|[局委办处厅部门司院所站心队社行])"
    r"(?=“[^”]{1,12}”|(?!等)[\u4e00-\u9fff][^，,。；;：:、“”（(）)\s\d]{2,14}。)"
)


def _after_bare_units(line: str) -> list[int]:
    """Where a paragraph of work starts right after the bare list of units closing the one before."""
    return [m.end() for m in _AFTER_BARE_UNITS.finditer(line)]


def _after_unit_brackets(line: str) -> list[int]:
    """Where a paragraph of work starts right after the parenthesis of units closing the one
    before, in a line that ran them together."""
    return [m.end() for m in _AFTER_UNIT_BRACKET.finditer(line)]


# (…市场监管局，平潭海关2.打造…: a customs office ends in 关 too; a list may end in 等 or in a kind of
# body: …市场监督管理局等（三）…, …区内各相关企业（二）…; a bank's branch: …人行平潭支行（二）…)
_GLUED_AFTER_NAME = re.compile(rf"(?<=[{_UNIT_NAME_END}关等业行])" + _PARAGRAPH_MARK)


# …实施单位：区交通集团完成时限：2019年11月底三、支持…: a bare deadline clause closing an item, the
# next item's number glued to its date
DEADLINE_LABEL = r"(?:完成时限|完成时间|时间节点|时限要求)[：:]"
_GLUED_AFTER_DEADLINE = re.compile(
    DEADLINE_LABEL
    + r"[^。；;：:]{1,40}?(?:年|月|日|底|前|旬|末|中)"
    + _PARAGRAPH_MARK
    # (…完成时限：常态化实施十、支持…: any words, then a top-level item's number)
    + "|"
    + DEADLINE_LABEL
    + r"[^。；;：:]{1,60}?(?=[一二三四五六七八九十]{1,3}、[^\s\d])"
)


def _after_deadlines(line: str) -> list[int]:
    """Where an item starts right after the deadline clause that closes the item before it."""
    return [m.end() for m in _GLUED_AFTER_DEADLINE.finditer(line)]


# …各相关部门工作职责：区交通与建设局：负责…。区经济发展局：会同…: a body's name and a colon opening
# its duties, run on after a sentence's end
_DUTY_HEAD = re.compile(
    rf"(?<=[。；;：:])[ \u3000]*(?P<unit>[\u4e00-\u9fff][^。；;，,：:（）()\s]{{1,24}}[{_UNIT_NAME_END}镇乡])"
    r"[：:](?=负责|会同|牵头|配合|协助|承担|做好|按照|督促|指导|组织|落实|加强)"
)


def _duty_heads(line: str) -> list[int]:
    """Where each body's paragraph of duties starts in a line that runs a list of them together
    (three at least: one such name after a sentence is no list)."""
    starts = [m.start("unit") for m in _DUTY_HEAD.finditer(line)]
    return starts if len(starts) >= 3 else []


def _after_units(line: str) -> list[int]:
    """Where an item starts right after the bare units clause that closes the item before it
    (…责任单位：区社会事业局，各片区管理局2.加快…; …区党工委台湾工作部四、保障要素): after the last name, when
    no sentence ends between the clause and the number."""
    cuts = []
    for m in _GLUED_AFTER_NAME.finditer(line):
        clause = None
        for c in _UNITS_CLAUSE.finditer(line, max(0, m.start() - 200), m.start()):
            clause = c
        if clause is not None and not re.search(r"[。；;！？]", line[clause.end() : m.start()]):
            cuts.append(m.start())
    return cuts


# 二、重点任务（一）实施农村垃圾治理行动…: a section's heading run into its first item
_HEADING_THEN_FIRST = re.compile(
    r"^(?P<head>[\s\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])"
    # (（一）多项产业协同发展，助推小镇人气集聚1.设置…: a heading of two phrases, a comma between; a
    # space inside a heading: （一）“互联网+” 高技术产业1．行动目标)
    r"[^。，,；;：:（(）)\s\d](?:[^。，,；;：:（(）)\s\d]| (?=[^\s\d])){1,19}(?:[，,][^。，,；;：:（(）)\s\d]{2,20})?)(?P<item>(?:[（(][一二三四五六七八九十]{1,3}[）)]|[1-9]\d?[.．、])[^\s\d]\S*.*)$"
)


def _heading_then_first(line: str) -> list[str]:
    """``二、重点任务（一）实施…``: the heading and its first item on lines of their own."""
    m = _HEADING_THEN_FIRST.match(line)
    return [m["head"], *_heading_then_first(m["item"])] if m else [line]


# ——加快生活垃圾有效治理。… (after a sentence's end, a clause's bracket or a heading): a dashed item
_DASH_AT = re.compile(r"[。；;）)][ \u3000]*(——)(?=\S)")


def _dash_paragraphs(line: str) -> list[str]:
    """A copy that ran a section's dashed items into one line (（一）实施农村垃圾治理行动——加快生活垃圾有效
    治理。…（责任单位：…）——加快农业生产废弃物资源化利用。…（责任单位：…）; …打下坚实基础。——2018年，…；
    ——2019年，…): one line per item again, as the dashes print them elsewhere, when two items at
    least follow a sentence's end or a closing bracket. The first item may follow a heading
    instead (a number and a short title, no sentence before it)."""
    if len(line) < 60 or any(ch in line for ch in "|｜\t"):
        return [line]
    cuts = [m.start(1) for m in _DASH_AT.finditer(line)]
    if not cuts:
        return [line]
    first = line.find("——")
    if 0 < first < cuts[0]:
        head = line[:first]
        if match_marker(head) is not None and len(head) <= 40 and not re.search(r"[。；;，,]", head):
            cuts.insert(0, first)  # （一）实施农村垃圾治理行动——加快…: the heading, then its first item
    if len(cuts) < 2:
        return [line]
    starts = [0, *cuts]
    parts = [line[a:b].rstrip() for a, b in zip(starts, [*cuts, len(line)], strict=True)]
    return [p for p in parts if p.strip()]


def _split_cells(line: str) -> str | tuple[str, ...]:
    stripped = line.strip()
    if "\t" in stripped:
        cells = tuple(c.strip() for c in stripped.split("\t"))
        if sum(1 for c in cells if c) >= 2:
            return cells
    return line


_OPENER = re.compile(r"^[|｜]\s*$")


def _join_broken_pipe_rows(lines: list[str]) -> list[str | tuple[str, ...]]:
    """An HTML table saved as text with each cell broken over padded lines: a row opens on a line
    holding only ``|`` at the margin, then each cell's text on indented lines of its own, closed
    by a ``|`` (alone or at the end of its last line), blank lines between the cells (| / 序 /
    号  | / 工作任务 / | …). Rows again (a cell's lines joined by a space, as a .docx's
    paragraphs are), when at least two rows hold several cells; a row with one filled cell (the
    caption above the table) is its lines. A line at the margin that opens no row ends the table."""
    if not any(_OPENER.match(line) for line in lines):
        return list(lines)
    out: list[str | tuple[str, ...]] = []
    i = 0
    while i < len(lines):
        if not _OPENER.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        rows: list[list[str]] = []  # each row's lines, the opener first
        j = i
        while j < len(lines):
            line = lines[j]
            if _OPENER.match(line):
                rows.append([line])
            elif line.strip() and not line[:1].isspace() and not _PIPE.match(line.strip()):
                break  # text at the margin: after the table
            else:
                rows[-1].append(line)
            j += 1
        read = [_broken_row(row) for row in rows]
        if sum(1 for cells in read if len([c for c in cells if c]) >= 2) < 2:
            out.append(lines[i])  # no such table: the opener is a line like any other
            i += 1
            continue
        for row, cells in zip(rows, read, strict=True):
            if len([c for c in cells if c]) >= 2:
                out.append(tuple(cells))
            else:  # a caption or an empty row: its lines
                out.extend(t for t in (_PIPE.sub(" ", ln).strip() for ln in row) if t)
        i = j
    return out


def _broken_row(lines: list[str]) -> list[str]:
    """The cells of one broken row: its lines joined (a space between two lines of text), split at
    ``|``; the empty cells after the last filled one dropped."""
    text = ""
    for line in lines:
        part = line.strip()
        if not part:
            continue
        if text and not text.endswith(("|", "｜")) and not part.startswith(("|", "｜")):
            text += " "
        text += part
    cells = [" ".join(c.split()) for c in _PIPE.split(text)[1:]]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _join_bar_cells(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A web page's table saved one cell a block of lines with a ``|`` line after every cell and
    no header (1 / | / 一、主要目标 / | / 粮食产量100亿斤以上。 / | / 甲科 / | / …): rows again, each
    opening on its number 1, 2, 3 …, a cell's own lines joined by a space, two ``|`` lines in a
    row an empty cell. A numbered heading standing as the second cell of a row one cell wider than
    the narrowest (a section cell printed on its section's first row only) is the section's line
    before the row. At least two rows; anything else is left as it is."""
    return _tables_read(raw, _bar_table)


def _tables_read(raw: list, table) -> list[str | tuple[str, ...]]:
    """``raw`` with each run of lines that ``table(raw, i)`` reads as a table (its rows and the
    index after it, or None) replaced by those rows."""
    out: list[str | tuple[str, ...]] = []
    i = 0
    while i < len(raw):
        found = table(raw, i)
        if found is None:
            out.append(raw[i])
            i += 1
            continue
        rows, i = found
        out.extend(rows)
    return out


def _is_bar(line) -> bool:
    return isinstance(line, str) and bool(_OPENER.match(line.strip() or "x"))


def _bar_table(raw: list, start: int) -> tuple[list[str | tuple[str, ...]], int] | None:
    first = raw[start]
    if isinstance(first, str) and _BAR_HEADER.match(first.strip()):
        return _headed_bar_table(raw, start)
    if not isinstance(first, str) or not _ROW_NUMBER.match(first.strip()):
        return None
    if start + 1 >= len(raw) or not _is_bar(raw[start + 1]):
        return None
    cells, j = _bar_cells(raw, start)
    # rows open on the numbers 1, 2, 3 … (at least three cells apart)
    starts, expected = [], int(cells[0]) if cells and cells[0].isdigit() else 0
    for k, cell in enumerate(cells):
        if cell == str(expected) and (not starts or k - starts[-1] >= 3):
            starts.append(k)
            expected += 1
    if len(starts) < 2 or starts[0] != 0:
        return None
    rows = [cells[a:b] for a, b in zip(starts, [*starts[1:], len(cells)], strict=True)]
    width = min(len(r) for r in rows)
    if width < 3:
        return None
    out: list[str | tuple[str, ...]] = []
    for row in rows:
        marker = match_marker(row[1]) if len(row) == width + 1 else None
        if marker is not None and marker.style in ("cn_comma", "cn_dot", "cn_paren", "chapter", "part"):
            out.append(row[1])
            row = [row[0], *row[2:]]
        out.append(tuple(row))
    return out, j


_CELL_LINE = re.compile(r"^([^|｜]*?)\s*[|｜]$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
_BAR_HEADER = re.compile(r"^(?:序号|编号|序)$")


def _bar_cells(raw: list, start: int) -> tuple[list[str], int]:
    """The cells of a run of lines with a ``|`` line after every cell (a cell's own lines joined
    by a space), and the index after the last whole cell."""
    cells: list[str] = []
    part: list[str] = []
    j = start
    while j < len(raw) and isinstance(raw[j], str) and raw[j].strip():
        if _is_bar(raw[j]):
            cells.append(" ".join(part))
            part = []
        else:
            part.append(raw[j].strip())
        j += 1
    if part:  # text after the last bar: not a whole cell
        j -= len(part)
    return cells, j


def _headed_bar_table(raw: list, start: int) -> tuple[list[str | tuple[str, ...]], int] | None:
    """The same table with its header first (序号 / | / 主要工作目标 / | / … / 牵头责任单位 / | / …):
    the header's cells set the width, every row opens on its number (rising, not necessarily
    consecutive: an extract of a longer table), at least two rows."""
    if start + 1 >= len(raw) or not _is_bar(raw[start + 1]):
        return None
    cells, j = _bar_cells(raw, start)
    width = next((k for k, cell in enumerate(cells) if _ROW_NUMBER.match(cell)), 0)
    if width < 3 or len(cells) < 3 * width or (len(cells) - width) % width:
        return None
    rows = [cells[a : a + width] for a in range(width, len(cells), width)]
    numbers = [int(row[0]) if _ROW_NUMBER.match(row[0]) else -1 for row in rows]
    if min(numbers) < 0 or any(b <= a for a, b in pairwise(numbers)):
        return None
    return [tuple(cells[:width]), *(tuple(row) for row in rows)], j


def _join_cell_lines(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A web page's table saved as text, one cell a line each ending in ``|`` (序号 | / 重点工作 |
    / … / 1 | / … ): rows again, when the lines read clearly as a header of at least three cells
    and rows of as many cells, each opening on its number 1, 2, 3 …; else left as they are."""
    out: list[str | tuple[str, ...]] = []
    i = 0
    while i < len(raw):
        run = []
        j = i
        while j < len(raw) and isinstance(raw[j], str):
            line = raw[j].strip()
            if not line:
                if run:
                    break
                j += 1
                continue
            m = _CELL_LINE.match(line)
            if not m:
                break
            run.append(m.group(1).strip())
            j += 1
        rows = _cell_rows(run)
        if rows is None:
            rows = _measure_anchored_rows(run)
        j = max(j, i + 1)
        out.extend(raw[i:j] if rows is None else rows)
        i = j
    return out


def _cell_rows(cells: list[str]) -> list[tuple[str, ...]] | None:
    width = next((k for k, c in enumerate(cells) if _ROW_NUMBER.match(c)), 0)
    if width == 0 and not any(_ROW_NUMBER.match(c) for c in cells):
        return _unnumbered_cell_rows(cells)
    if width < 3 or len(cells) < 2 * width:
        return None
    header = tuple(cells[:width])
    if any(_ROW_NUMBER.match(c) or not c for c in header):
        return None
    # rows open on 1, 2, 3 … (or on the first row's number on: 80, 81 of an extract of a longer
    # table); a row may lack the cells a merged cell above covers
    starts, expected = [], int(cells[width])
    for k in range(width, len(cells)):
        if cells[k] == str(expected) and (not starts or k - starts[-1] >= 3):
            starts.append(k)
            expected += 1
    if not starts or starts[0] != width:
        return None
    body = [cells[a:b] for a, b in zip(starts, [*starts[1:], len(cells)], strict=True)]
    units = [k for k, c in enumerate(header) if _UNIT_HEADER.search(c)]
    rows: list[tuple[str, ...]] = []
    for row in body:
        if len(row) < width and rows and width - len(row) <= len(units):
            # the unit cells merged with the row above (a department over several rows)
            missing = units[len(units) - (width - len(row)) :]
            for k in missing:
                row = [*row[:k], rows[-1][k], *row[k:]]
        if len(row) != width:
            return None
        rows.append(tuple(row))
    return [header, *rows]


# the names of an indicator table's header cells (类别 | 主要指标 | 单位 | 2022年 | 2027年 | 来源)
_INDICATOR_HEADER_CELL = re.compile(
    r"^(?:序号|类别|领域|分类|类型|维度|[一二三]级指标|(?:主要|具体)?指标(?:名称)?|(?:计量|指标)?单位|属性|指标属性|来源|数据来源"
    r"|(?:责任|牵头|主责)(?:单位|部门)|备注|现状值?|基[期准]值?|(?:19|20)\d{2}\s*年(?:度|底|末)?[^|]{0,6}"
    r"|[^|]{0,6}(?:目标值?|预期值?|规划值?|计划值?))$"
)
_VALUE_CELL = re.compile(
    r"^(?:[≥≤><＞＜]?\s*-?\d+(?:\.\d+)?\s*(?:%|％|‰)?(?:以上|以下|以内|左右)?|/|／|—+|-+|－|无|\s*)$"
)


def _measure_anchored_rows(cells: list[str]) -> list[tuple[str, ...]] | None:
    """An indicator table one cell a line whose merged cells left rows of unequal length (类别 | /
    主要指标 | / 单位 | / 2022年 | / 2027年 | / 来源 | / 总体 | / 数字经济增加值占GDP的比重 | / % | /
    45.4 | / 50 | / 市统计局 | / 数字经济重点企业 | / 家 | …): each row found by its measure cell,
    the indicator the cell before it and the values the cells after it, one for each value column
    of the header; the category and source cells are left out."""
    width = next((k for k, c in enumerate(cells) if not _INDICATOR_HEADER_CELL.match(_unspaced(c))), 0)
    header = [_unspaced(c) for c in cells[:width]]
    unit_at = next((k for k, h in enumerate(header) if h in MEASURE_HEADERS), None)
    if unit_at is None or unit_at == 0 or not indicator_header(header):
        return None
    values = 0
    while unit_at + 1 + values < width and TABLE_VALUE_HEADER.search(header[unit_at + 1 + values]):
        values += 1
    if not values:
        return None
    out_header = ("指标", "单位", *header[unit_at + 1 : unit_at + 1 + values])
    rows: list[tuple[str, ...]] = []
    k = width + 1
    while k < len(cells):
        tail = cells[k + 1 : k + 1 + values]
        if (
            is_measure(cells[k])
            and len(tail) == values
            and all(_VALUE_CELL.match(v) for v in tail)
            and any(_FIGURE.search(v) for v in tail)
            and cells[k - 1]
            and not _FIGURE.fullmatch(cells[k - 1])
        ):
            rows.append((cells[k - 1], cells[k], *tail))
            k += 1 + values
            continue
        k += 1
    if len(rows) < 2:
        return None
    return [out_header, *rows]


# a header cell over a column of values (2022年, 2027年目标, 目标值, 现状值)
TABLE_VALUE_HEADER = re.compile(r"(?:19|20)\d{2}|目标|预期|规划|计划|现状|基[期准]")


# the title of a table of indicators on its own line (专栏1 能源高质量发展主要指标, 表1 …主要指标)
_INDICATOR_TABLE_TITLE = re.compile(
    r"^[\s\u3000]*(?:专栏|表)\s*[0-9０-９一二三四五六七八九十]*.{0,30}指标[\s\u3000]*$"
)


# a table of indicators from a PDF's text layer, its cells apart by spaces (主要指标 2020年 2025年 属性 /
# 森林覆盖率（%） 61.51 64 约束性 / 林地保有量（亿亩） 1.5 ≥1.55 约束性)
_SPACED_NAME_HEADER = re.compile(r"^(?:主要|具体)?指标(?:名称)?$")
_SPACED_YEAR_HEADER = re.compile(
    r"^(?:19|20)\d{2}年(?:底|末)?(?P<kind>(?:规划|预期|计划)?目标值?|预期值?|规划值?|现状值?|基[期数]值?)?"
    r"(?(kind)|(?:[（(](?:(?:规划|预期|计划)?目标值?|预期值?|规划值?|现状值?|基[期数]值?)[）)])?)$"
)
_SPACED_OTHER_HEADER = re.compile(r"^(?:(?:指标)?属性|(?:指标)?类[别型]|单位|计量单位|序号|备注|累计)$")
_SPACED_VALUE = re.compile(
    r"^(?:[≥≤＞＜><]|不低于|不少于|不高于|不超过)?[-+]?\d+(?:\.\d+)?(?:%|‰|％)?(?:以上|以下|左右|以内)?"
    r"(?:[（(][^（）()]{1,8}[）)])?$|^[—\-－/]+$|^〔\d+(?:\.\d+)?〕$|^(?:约束性|预期性|指导性|约束|预期|指导)$"
)


def _spaced_table_line(text: str) -> bool:
    """The header or a row of a table of indicators whose cells a PDF's text layer keeps apart by
    spaces (指标名称 2020年（现状值） 2025年 指标属性 / 受污染耕地安全利用率 90%左右 93%左右 约束性): no
    wrapped text to join to the line above."""
    words = text.split()
    if len(words) < 3:
        return False
    if _spaced_header(words):
        return True
    return bool(_INDICATOR_ATTRIBUTE.match(words[-1])) and any(_SPACED_VALUE.match(w) for w in words[1:-1])


_INDICATOR_ATTRIBUTE = re.compile(r"^(?:约束性|预期性|指导性)$")


def _year_words_joined(words: list[str]) -> list[str]:
    """2020 年 / 2025 年（目标值）: a year and its 年 that the text layer set apart, one word again."""
    out: list[str] = []
    for w in words:
        if out and w.startswith("年") and re.fullmatch(r"(?:19|20)\d{2}", out[-1]):
            out[-1] += w
        else:
            out.append(w)
    return out


def _spaced_header(words: list[str]) -> list[str] | None:
    """The header's words from the indicator's column on (类 型 or 序号 before it folded away), or
    None."""
    words = _year_words_joined(words)
    lead = 0
    while lead < 2 and len(words) > lead + 1 and not _SPACED_NAME_HEADER.match(words[lead]):
        lead += 1
    if lead and _SPACED_OTHER_HEADER.match("".join(words[:lead])):
        words = words[lead:]
    if (
        len(words) >= 3
        and _SPACED_NAME_HEADER.match(words[0])
        and any(_SPACED_YEAR_HEADER.match(w) for w in words[1:])
        and all(_SPACED_YEAR_HEADER.match(w) or _SPACED_OTHER_HEADER.match(w) for w in words[1:])
    ):
        return words
    return None


# a goal in words in a cell of the table (有效保障, 总体保持稳定, 减少, 新增8万个)
_SPACED_WORDS_VALUE = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff0-9.%％万亿个]{0,9}$")


# a cell of the 单位 column (%, 个, 万吨, μg/m3, 亿元/年)
_SPACED_MEASURE = re.compile(r"^(?:[%‰％]|[\u4e00-\u9fffA-Za-zμ³²/·.0-9]{1,8})$")


def _row_of_values(values: list[str], measure_at: int | None = None) -> bool:
    """The value cells of a row: figures, dashes and attributes; a goal in words among them when a
    figure or the indicator's attribute (约束性) is in the row too. ``measure_at``: the index of
    the 单位 column among them, whose cell is a measure."""
    if measure_at is not None:
        if measure_at >= len(values) or not _SPACED_MEASURE.match(values[measure_at]):
            return False
        values = values[:measure_at] + values[measure_at + 1 :]
    strict = [bool(_SPACED_VALUE.match(v)) for v in values]
    if all(strict):
        return True
    return any(strict) and all(
        ok or _SPACED_WORDS_VALUE.match(v) for ok, v in zip(strict, values, strict=True)
    )


def _join_spaced_indicator_rows(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A table of indicators whose cells a PDF's text layer keeps apart by spaces: rows again from
    its header (an indicator column, a year column at least, all short words) while each line is
    a name and as many value cells as the header has columns after the name (a category line of
    one word between them is a row with empty cells). A name broken around its values (…使用率 /
    70 75 预期性 / （%）) is one name again. The table ends at the first line that fits none."""
    out: list[str | tuple[str, ...]] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        # (类 型 指标名称 2020年（现状值） 2025年 指标属性: a kind column before the name, its two
        # characters apart; the rows' cells are counted from the right, the kind folded into the name)
        words = _spaced_header(line.split()) if isinstance(line, str) else None
        if words is None:
            out.append(line)
            i += 1
            continue
        width = len(words)
        # (序号 指标名称 单位 2020 年 2025 年 …: each row opens with its number, the 单位 cell a measure)
        numbered = not _SPACED_NAME_HEADER.match(line.split()[0])
        measure_at = next((k - 1 for k, w in enumerate(words) if w in ("单位", "计量单位")), None)
        rows: list[tuple[str, ...]] = []
        pending = ""  # the head of a name whose values are on the next line
        j = i + 1
        while j < len(raw) and isinstance(raw[j], str):
            tokens = raw[j].split()
            if not tokens:
                break
            values = tokens[-(width - 1) :] if len(tokens) >= width - 1 else []
            if values and _row_of_values(values, measure_at):
                head = tokens[: len(tokens) - (width - 1)]
                if numbered and len(head) > 1 and re.fullmatch(r"\d{1,3}", head[0]):
                    head = head[1:]
                name = pending + "".join(head)
                if not name:
                    break
                pending = ""
                rows.append((name, *values))
                j += 1
                # (…（亿 / 160 400 预期性 / 元）: the name's tail after its values)
                tail = raw[j].strip() if j < len(raw) and isinstance(raw[j], str) else ""
                if tail and len(tail) <= 8 and not re.search(r"\d", tail) and tail.endswith(("）", ")")):
                    rows[-1] = (rows[-1][0] + tail, *rows[-1][1:])
                    j += 1
                continue
            text = "".join(tokens)
            if (
                pending
                or len(tokens) > 1
                or len(text) > 30
                or _SENTENCE_MARKS.search(text)
                or re.search(r"\d", text)
            ):
                break
            if j + 1 < len(raw) and isinstance(raw[j + 1], str):
                after = raw[j + 1].split()
                if len(after) == width - 1 and all(_SPACED_VALUE.match(v) for v in after):
                    pending = text  # a name whose values are on the next line
                    j += 1
                    continue
            rows.append((text, *([""] * (width - 1))))  # a category between the rows (生态保护)
            j += 1
        if pending:
            j -= 1
        while rows and not any(rows[-1][1:]):
            rows.pop()  # (a category line with no row under it: back to the text)
            j -= 1
        if sum(1 for r in rows if any(r[1:])) < 3:
            out.append(line)
            i += 1
            continue
        out.append(tuple(words))
        out.extend(rows)
        i = j
    return out


def _join_bare_indicator_cells(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """专栏1 …主要指标 / 类别 / 指标 / 单位 / 2022年 / 2025年 / … / 电源装机规模 / 亿千瓦 / 1.7 / 2.6 / …: a table
    of indicators under its title, saved one cell a line with no separator and merged cells printed
    once: its rows found by their measure cells (``_measure_anchored_rows``); else left as it is."""
    out: list[str | tuple[str, ...]] = []
    i = 0
    while i < len(raw):
        item = raw[i]
        out.append(item)
        i += 1
        if not isinstance(item, str) or not _INDICATOR_TABLE_TITLE.match(item):
            continue
        j = i
        while (
            j < len(raw)
            and isinstance(raw[j], str)
            and 0 < len(raw[j].strip()) <= 16
            and not _SENTENCE_MARKS.search(raw[j])
        ):
            j += 1
        cells = [c.strip() for c in raw[i:j]]
        # a measure broken over two lines (万吨 / 标准煤): one cell
        joined: list[str] = []
        for cell in cells:
            if joined and is_measure(joined[-1]) and not is_measure(cell) and is_measure(joined[-1] + cell):
                joined[-1] += cell
            else:
                joined.append(cell)
        rows = _measure_anchored_rows(joined) if len(joined) >= 10 else None
        if rows:
            out.extend(rows)
            i = j
    return out


def _unnumbered_cell_rows(cells: list[str]) -> list[tuple[str, ...]] | None:
    """The same with no 序号 (项目名称 | / 内容 | / 牵头单位 | / 进展情况（7月） | / 婴幼儿照护服务项目 |
    / 新增…180个以上。 | / …): the header is the widest run of short names at the top that the
    cells fill in whole rows, and it names a unit or work column; at least one row holds a
    sentence."""
    names = next((k for k, c in enumerate(cells) if not _SHORT_NAME.match(c)), len(cells))
    width = next((k for k in range(names, 2, -1) if len(cells) % k == 0 and len(cells) > k), 0)
    if not width:
        return None
    header = tuple(_unspaced(c) for c in cells[:width])
    rows = [tuple(cells[k : k + width]) for k in range(width, len(cells), width)]
    if not _names_work_or_units(header) or not any(_SENTENCE_MARKS.search(c) for row in rows for c in row):
        return None
    return [header, *rows]


_SHORT_NAME = re.compile(r"^[^。；;，,：:]{1,14}$")
_PIPE = re.compile(r"[|｜]")


def _pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in _PIPE.split(line.strip())]


def _join_pipe_rows(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A table saved as text one row a line, its cells between ``|`` (序号 | 项目名称 | / 1 | … |):
    rows again from a header naming a 序号 column among short cells, through every following
    line that holds a ``|``. A portal's header fields (索引号 | … | 发布机构 | …) name no 序号 and
    stay lines."""
    out: list[str | tuple[str, ...]] = []
    width = 0
    units: list[int] = []  # the header's unit columns
    closed = False  # the header's line ends with | (so does every row's)
    for line in raw:
        if isinstance(line, str) and _PIPE.search(line):
            cells = _pipe_cells(line)
            if not width:
                closed = line.rstrip().endswith(("|", "｜")) and not cells[-1]
                head = cells[:-1] if closed else cells
                compact = ["".join(c.split()) for c in head]
                if (
                    len(head) >= 2
                    and all(0 < len(c) <= 10 for c in compact)
                    and (
                        any(c in ("序号", "编号") for c in compact)
                        # 重点任务 | 工作内容 | 负责科室 |: no 序号, but a task column and a unit column
                        # (a portal's fields are labels: 发布机构：)
                        or (
                            any(_UNIT_HEADER.search(c) for c in compact)
                            and any(_TASK_HEADER.search(c) for c in compact)
                            and all(_HEADER_CELL.match(c) for c in compact)
                        )
                    )
                ):
                    width = len(head)
                    units = [k for k, c in enumerate(compact) if _UNIT_HEADER.search(c)]
                    out.append(tuple(head))
                    continue
            else:
                ends = line.rstrip().endswith(("|", "｜")) and not cells[-1]
                if ends and (len(cells) > width or closed):
                    cells = cells[:-1]
                short = width - len(cells)
                previous = out[-1] if out and isinstance(out[-1], tuple) and len(out[-1]) == width else None
                if (
                    closed
                    and short == 0
                    and len(units) == 1
                    and previous is not None
                    and not cells[-1]
                    and units[0] < width - 1
                    and ("。" in cells[units[0]] or len(cells[units[0]]) > 30)
                ):
                    # a prose cell under the unit column and an empty cell at the end: the row's
                    # unit cell was merged with the row above's, and the page padded the row
                    cells, short = cells[:-1], 1
                if closed and 0 < short <= len(units) and previous is not None and cells[0].isdigit():
                    # the unit cells merged with the row above (a department over several rows)
                    for k in units[len(units) - short :]:
                        cells = [*cells[:k], previous[k], *cells[k:]]
                out.append(tuple(cells + [""] * (width - len(cells))))
                continue
        elif width and isinstance(line, str) and not line.strip():
            continue  # a blank line inside the table
        width = 0
        out.append(line)
    return out


_SPACED_ROW = re.compile(r"^\s*(\d{1,3})[ \t\u3000]+(\S.*)$")


def _join_spaced_rows(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A table saved as text with its cells between spaces (序号 重点工作任务 主要责任单位 协同配合单位
    / 1 地区生产总值增长6.5%左右。 区发改委 区政府各部门…): rows again from such a header (at least three
    short cells, 序号 among them, a unit column) while rows open on 1, 2, 3 … A line between rows
    that is no numbered heading goes on the row above: into its next empty cell, or, when the row
    has more such lines than empty cells, into the cell last filled (a cell of two lines)."""
    out: list[str | tuple[str, ...]] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        words = line.split() if isinstance(line, str) else []
        # (…附件：常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位: a reprint that ran
        # the notice into one line, the header at its end)
        at = max((k for k, w in enumerate(words) if w in ("序号", "编号")), default=0)
        header = words[at:]
        if (
            len(header) >= 3
            and header[0] in ("序号", "编号")
            and all(len(c) <= 10 and _HEADER_CELL.match(c) for c in header)
            and any(_UNIT_HEADER.search(c) for c in header)
        ):
            rows, end = _spaced_rows(raw, i + 1, len(header))
            if sum(1 for r in rows if isinstance(r, tuple)) >= 2:
                if at:
                    out.append(line[: line.rindex(header[0])].rstrip())
                out.append(tuple(header))
                out.extend(rows)
                i = end
                continue
        out.append(line)
        i += 1
    return out


def _spaced_rows(raw: list, start: int, width: int) -> tuple[list[str | tuple[str, ...]], int]:
    rows: list[str | tuple[str, ...]] = []
    current: list[str] | None = None
    extra: list[str] = []
    expected = 1
    end = start  # the line after the last row (and the lines that went on it)

    def close() -> None:
        if current is None:
            return
        empty = width - len(current)
        excess = max(0, len(extra) - empty)
        if excess:
            current[-1] = "、".join([current[-1], *extra[:excess]])
        cells = [*current, *extra[excess:]]
        if 3 <= len(cells) < width and names_units_only(cells[-1]):
            # 1 地区生产总值增长7%以上。 发改委 under 序号 名称 工作任务 牵头责任单位: a row short of
            # the header's cells (a merged one left empty) ends on its units, under the last column
            cells = [cells[0], *[""] * (width - len(cells)), *cells[1:]]
        rows.append(tuple(cells + [""] * (width - len(cells))))

    j = start
    while j < len(raw) and isinstance(raw[j], str):
        text = raw[j].strip()
        m = _SPACED_ROW.match(text)
        if m and int(m.group(1)) == expected:
            close()
            current = [m.group(1), *m.group(2).split(None, width - 2)]
            extra = []
            expected += 1
            end = j + 1
        elif not text:
            pass
        elif match_marker(text) is not None or current is None:
            if current is None and expected > 1:
                break
            close()
            current, extra = None, []
            rows.append(raw[j])  # a section heading between rows (一、主要预期目标)
        else:
            extra.append(text)
            end = j + 1
        j += 1
    close()
    while rows and isinstance(rows[-1], str):  # headings after the last row are not the table's
        rows.pop()
    return rows, end


_TASK_HEADER = re.compile(r"任务|内容|事项|举措|措施")
_HEADER_CELL = re.compile(r"^[^\d。；;，,：:]{1,10}$")
# a value column's name with its year: 现状值(2025年）, 目标值（2030年）, 2030年目标值
_YEAR_VALUE_HEADER = re.compile(
    r"^[^\d。；;，,：:]{1,6}[（(]\d{4}年[）)]$|^\d{4}年(?:底|末)?(?:目标值?|预期值?|规划值?)$"  # or 2025年目标
)


# the number column of a task table (also read by ``tasks``)
NUMBER_COLUMNS = ("序号", "编号", "项目序号", "任务序号", "工作序号", "项目编号", "任务编号", "工作编号")
# the second line of a cell broken in two: a header's (责任部门 / （单位）), a unit's other name
# (区建设管理委 / （区水务局）)
_CELL_PART = re.compile(r"^[（(][^（()）\d]{1,12}[）)]$")


# the years under a header's value columns (现状 / 近期规划, then （2025年） / （2030年）)
_YEAR_PART = re.compile(r"^[（(]\s*\d{4}\s*年\s*[）)]$")
# a cell spanning those columns (指标值 over 现状 and 近期规划)
_VALUE_SPAN = re.compile(r"^(?:指标值|数值|指标数值|目标值)$")


def _year_parts_joined(cells: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A header of three rows printed one cell a line: 指标值 over 现状 / 近期规划, and （2025年） /
    （2030年） under them. The years go with the columns above them (现状（2025年）, 近期规划
    （2030年）) and the spanning 指标值 goes; only at least two years right after as many names."""
    k = 0
    while k < len(cells) and _column_name(cells[k][0]) and not match_marker(cells[k][0]):
        k += 1
    years = 0
    while k + years < len(cells) and _YEAR_PART.match(cells[k + years][0]):
        years += 1
    if years < 2 or k < years:
        return cells
    names = cells[k - years : k]
    if any(_YEAR_PART.match(c[0]) or _VALUE_SPAN.match(c[0]) for c in names):
        return cells
    joined = [(n[0] + y[0], n[1], y[2]) for n, y in zip(names, cells[k : k + years], strict=True)]
    head = list(cells[: k - years])
    if head and _VALUE_SPAN.match(head[-1][0]):
        head.pop()
    return [*head, *joined, *cells[k + years :]]


# a header cell of two lines: the period, then what its column holds (“十四五” / 完成值)
_PERIOD_CELL = re.compile(r"^[“\"]?十[一二三四五六七八九]五[”\"]?$|^(?:19|20)\d{2}\s*年$")
_VALUE_WORD = re.compile(
    r"^(?:完成值|目标值|现状值|规划值|预期值|实际值|基期值|目标|现状|完成情况|规划目标)$"
)


def _period_parts_joined(cells: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """“十四五” / 完成值 / “十五五” / 目标值 among a header's cells: one column each, “十四五”完成值 and
    “十五五”目标值 (only among the leading column names)."""
    out: list[tuple[str, int, int]] = []
    for k, (text, first, after) in enumerate(cells):
        if not (_column_name(text) or _PERIOD_CELL.match(text)) or match_marker(text):
            return out + cells[k:]
        if out and _VALUE_WORD.match(text) and _PERIOD_CELL.match(out[-1][0]):
            out[-1] = (out[-1][0] + text, out[-1][1], after)
        else:
            out.append((text, first, after))
    return out


def _parts_joined(cells: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The cells of a table one cell a line, each cell's lines that belong together joined."""
    return _period_parts_joined(_year_parts_joined(_cell_parts_joined(cells)))


def _cell_parts_joined(cells: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The cells with a name's second line joined to it: 责任部门 / （单位） is one column,
    责任部门（单位）; 区建设管理委 / （区水务局） one unit, 区建设管理委（区水务局）."""
    out: list[tuple[str, int, int]] = []
    for text, first, after in cells:
        if (
            out
            and _CELL_PART.match(text)
            and not match_marker(text)
            and not _CELL_PART.match(out[-1][0])
            and (_column_name(out[-1][0]) or _name_line(out[-1][0]))
        ):
            out[-1] = (out[-1][0] + text, out[-1][1], after)
        else:
            out.append((text, first, after))
    return out


def _column_name(text: str) -> bool:
    return bool(_HEADER_CELL.match(text) or _YEAR_VALUE_HEADER.match(text))


_CAPTION = re.compile(r"(?:一览表|清单|汇总表|分解表|分工表|任务表|计划表|项目表|指标表)$")
# a unit column: …单位, …部门, or a ministry's or bureau's own 牵头负责司局 / 责任处室
_UNIT_HEADER = re.compile(r"单位|部门|(?:牵头|负责|责任)[\u4e00-\u9fff]{0,4}(?:司局|处室|科室)$")
# a column of work in a table that names no unit (重点任务 | 序号 | 举措 | 主要内容): its rows are tasks
_WORK_HEADER = re.compile(
    r"^(?:重点|主要|具体)?(?:任务|举措|措施|工作)(?:[或及和与](?:项目|举措|措施|工作))?(?:内容|名称|事项)?$"
    r"|^(?:主要|具体|建设|项目)内容$|^项目名称$"
)


def _bare_cells(
    raw: list, start: int, by_paragraph: bool, limit: int | None = None
) -> list[tuple[str, int, int]]:
    """The cells from `start` on (at most `limit`): (text, first line, line after), one a line,
    or (`by_paragraph`) one a block of lines between blank lines."""
    cells: list[tuple[str, int, int]] = []
    j = start
    while j < len(raw) and isinstance(raw[j], str) and (limit is None or len(cells) < limit):
        if not raw[j].strip():
            j += 1
            continue
        first = j
        parts = [raw[j].strip()]
        j += 1
        while by_paragraph and j < len(raw) and isinstance(raw[j], str) and raw[j].strip():
            parts.append(raw[j].strip())
            j += 1
        # (a header cell printed with spaces between its characters, 牵 头 部 门: one word again;
        # a cell of several names, one a line (区交通委 / 区绿容局), keeps them apart)
        names = by_paragraph and len(parts) > 1 and all(_name_line(p) and names_units_only(p) for p in parts)
        cells.append((_unspaced(("、" if names else "").join(parts) if by_paragraph else parts[0]), first, j))
    return _with_bare_sections(cells)


_CN_ORDINAL = re.compile(r"^[一二三四五六七八九十]{1,3}$")


def _with_bare_sections(cells: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """一 / 市政设施类（13个）: a section row whose number stands in the 序号 column and its name in
    the next, one cell a paragraph: one heading cell again (一、市政设施类（13个）)."""
    out: list[tuple[str, int, int]] = []
    k = 0
    while k < len(cells):
        text, first, _end = cells[k]
        after = cells[k + 1][0] if k + 1 < len(cells) else ""
        if (
            _CN_ORDINAL.match(text)
            and not _PERIOD_CELL.match(text)  # (十四五 / 现状值: a period over its column, no section)
            and after
            and len(after) <= 30
            and not _SENTENCE_MARKS.search(after)
        ):
            out.append((f"{text}、{after}", first, cells[k + 1][2]))
            k += 2
            continue
        out.append(cells[k])
        k += 1
    return out


def _join_bare_cells(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A web page's table saved as text with no separator at all: one cell a line, or one a
    paragraph between blank lines (序号 / 事项 / 责任单位 / 牵头单位 / 1 / 地区生产总值增长6.5%以上。
    / …). Rows again when a header of at least three short cells names a 序号 column and a unit
    column (…单位, …部门) and rows follow, each opening on its number 1, 2, 3 … A column before 序号
    (分类) merged over several rows is printed once, before the number of its first row: it is
    repeated in each row, as a .docx's merged cell is. Anything else is left as it is."""
    out: list[str | tuple[str, ...]] = []
    known: set[tuple[str, ...]] = set()  # a header read already: its table again may hold one row
    i = 0
    while i < len(raw):
        line = raw[i]
        if (
            isinstance(line, str)
            and _HEADER_CELL.match(line.strip())
            and not match_marker(line.strip())
            and not _CAPTION.search(line.strip())  # 重点任务一览表: the table's caption, not a column
        ):
            found = _bare_table(raw, i, known) or _label_blocks(raw, i)
            if found is not None:
                rows, end = found
                # a header repeated over each section's table: its rows continue the first table
                out.extend(rows[1:] if rows[0] in known else rows)
                known.add(rows[0])
                i = end
                continue
        out.append(line)
        i += 1
    return out


# the labels of a task's page: its work, its units, the rest; a value is never one of them (a
# unit's name, 卫健局、文旅局, may look like a column name)
_TASK_LABEL = re.compile(r"^(?:(?:具体|重点|工作|主要)任务|任务内容|工作内容|重点工作)$")
_ROLE_LABEL = re.compile(r"^(?:责任|牵头|配合|协办|主办|主体)(?:单位|部门)$")
_LABEL_WORD = re.compile(
    rf"{_TASK_LABEL.pattern}|{_ROLE_LABEL.pattern}|^(?:序号|编号|完成(?:时限|时间)|时间节点|进度安排|备注)$"
)


def _label_blocks(raw: list, start: int) -> tuple[list[str | tuple[str, ...]], int] | None:
    """A task's page saved as label and value lines (具体任务 / 全面落实… / 责任单位 / 卫健局、文旅局 /
    配合单位 / 各乡镇 / 完成时限 / 12月底前): a table of one row a block, the labels its header. At least
    three labels, one naming the work and one a unit column, each followed by a value that is no
    label; a block that starts on the first label again is the next row."""
    pairs: list[tuple[str, str]] = []
    j, end = start, start
    while j < len(raw) and isinstance(raw[j], str):
        if not raw[j].strip():
            j += 1
            continue
        label = raw[j].strip()
        k = j + 1
        while k < len(raw) and isinstance(raw[k], str) and not raw[k].strip():
            k += 1
        if (
            k >= len(raw)
            or not isinstance(raw[k], str)
            or not _column_name(label)
            or match_marker(label)
            or _LABEL_WORD.match(raw[k].strip())
        ):
            break
        pairs.append((label, raw[k].strip()))
        j = end = k + 1
    labels = list(dict.fromkeys(label for label, _value in pairs))
    if (
        len(labels) < 3
        or not any(_TASK_LABEL.match(label) for label in labels)
        or not any(_ROLE_LABEL.match(label) for label in labels)
    ):
        return None
    rows: list[str | tuple[str, ...]] = [tuple(labels)]
    row: dict[str, str] = {}
    for label, value in pairs:
        if label in row:  # the first label again: the next task's block
            rows.append(tuple(row.get(name, "") for name in labels))
            row = {}
        row[label] = value
    rows.append(tuple(row.get(name, "") for name in labels))
    return rows, end


def _bare_table(
    raw: list, start: int, known: set[tuple[str, ...]]
) -> tuple[list[str | tuple[str, ...]], int] | None:
    nxt = next((j for j in range(start + 1, len(raw)) if not isinstance(raw[j], str) or raw[j].strip()), None)
    if nxt is None or not isinstance(raw[nxt], str):
        return None
    by_paragraph = nxt > start + 1
    # the header first (a few cells): only a header that names 序号 and a unit column (or an
    # indicator and its target) reads on
    head = [c[0] for c in _parts_joined(_bare_cells(raw, start, by_paragraph, limit=16))]
    short = next((k for k, t in enumerate(head) if not _column_name(t) or match_marker(t)), len(head))
    if (
        short < 3
        or not set(NUMBER_COLUMNS) & set(head[:short])
        or not (indicator_header(head[:short]) or _names_work_or_units(head[:short]))
    ):
        return None
    cells = _parts_joined(_bare_cells(raw, start, by_paragraph))
    # the next annex (附件2：) ends the table: no row's cell
    cells = cells[: next((k for k, c in enumerate(cells) if k and _ANNEX_CELL.match(c[0])), len(cells))]
    texts = [c[0] for c in cells]
    longest = 0  # the header, perhaps with a merged column's first value (分类: 发展目标) after it
    while longest < len(texts) and _column_name(texts[longest]) and not match_marker(texts[longest]):
        longest += 1  # (a numbered heading, 一、区长牵头重点工作, is no column name)
    number = next((k for k in range(longest) if texts[k] in NUMBER_COLUMNS), None)
    indicators = indicator_header(texts[:longest])
    if longest < 3 or number is None or not (indicators or _names_work_or_units(texts[:longest])):
        return None
    # section headings between the rows (一、做大做强主导产业): rows of their own, set apart while
    # the rows are read, each before the row it opens
    sections: dict[int, list[str]] = {}
    if any(_section_cell(t) for t in texts[longest:]):
        kept = []
        for k, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            if k >= longest and _section_cell(text):
                sections.setdefault(len(kept), []).append(text)
            else:
                kept.append(cell)
        cells, texts = kept, [c[0] for c in kept]
    # where the numbers 1, 2, 3 … stand: their usual distance is the row's width after the
    # columns before 序号
    at = [next((k for k in range(longest, min(len(texts), longest + number + 1)) if texts[k] == "1"), -1)]
    if at[0] < 0 and number == 0:  # a second header row first (2023年 / 2024年 / 2025年)
        at = [next((k for k in range(longest + 2, min(len(texts), longest + 7)) if texts[k] == "1"), -1)]
        if not all(_SUB_HEADER.match(t) for t in texts[longest : max(at[0], longest)]):
            return None
    if at[0] < 0 and number == 0:
        # an extract of a longer table (rows 68, 69 …): its rows numbered from where it starts,
        # the next row's number right after the first row
        window = range(longest, min(len(texts), longest + 1))
        start = next((k for k in window if _ROW_NUMBER_CELL.match(texts[k])), -1)
        if (
            start >= 0
            and str(int(texts[start]) + 1) in texts[start + 2 : start + longest + 2 + _EXTRA_UNIT_LINES]
        ):
            at = [start]
    if at[0] < 0:
        if number == 0 and not indicators:
            return _unnumbered_rows(cells, texts, longest)
        return None
    subrows: dict[int, int] = {}  # row start -> how many first cells its sub-rows leave out
    while True:
        n = int(texts[at[-1]]) + 1
        # (a row may hold a few more cells than the header: a unit cell of several paragraphs)
        window = range(at[-1] + 2, min(len(texts), at[-1] + longest + number + 2 + _EXTRA_UNIT_LINES))
        found = [k for k in window if texts[k] == str(n)]
        if not found and number:
            # 类别 | 序号 | …, the rows numbered again under each category, its name printed once
            # before its first row (2.分类运输与转运 / 1 / …): the next category's row 1
            # (or as a section heading between the rows, 二、分类处置 / 1 / …)
            restart = [k for k in window if texts[k] == "1"]
            found = [k for k in restart if _category_cell(texts[k - 1]) or {k, k - number} & set(sections)][
                :1
            ]
        if not found and not number:
            # 序号 | 工作事项 | 主要内容 | 牵头单位 | …, a row with sub-rows: its first cells merged down
            # over them, each sub-row printing the other cells (1 / 事项 / 内容 / 单位 … / 内容 / 单位 …)
            found = _after_sub_rows(texts, at[-1], longest, str(n), subrows)
        if not found:
            break
        # (a row's own figure may equal the next row's number, 片区更新数量 / 个 / 预期性 / 2 / 2: of
        # two such cells the one that gives the row as many cells as the header wins)
        whole = longest - number  # the row's number and the cells after it
        k = min(found[:2], key=lambda k: min(abs(k - at[-1] - whole), abs(k - at[-1] - whole - number)))
        if not number and at[-1] not in subrows and (extra := k - at[-1] - longest) > 0:
            # a row a whole number of sub-rows longer than the header, the first extra cell no unit's
            # name (not a unit cell of several paragraphs): it goes on in sub-rows (the table's kind
            # of sub-row first, if it has shown one)
            for skip in [*dict.fromkeys([*subrows.values(), 1, 2])]:
                step = longest - 1 - skip
                if (
                    step >= 2
                    and extra % step == 0
                    and not names_units_only(texts[at[-1] + longest])
                    and _sub_rows_fit(texts, at[-1] + longest, k, texts[1 + skip : longest])
                ):
                    subrows[at[-1]] = skip
                    break
        at.append(k)
    if at[-1] >= 0 and (after := [p for p in sections if p > at[-1]]):
        # a section heading after the last row whose numbering does not go on (二、重点任务 after row
        # 11 of a table of indicators): the table ends there, the heading and what follows are text
        cut = min(after)
        cells, texts = cells[:cut], texts[:cut]
        sections = {p: t for p, t in sections.items() if p < cut}
    dropped = 0
    if len(at) >= 2:
        gaps = Counter(b - a for a, b in pairwise(at))
        gap, times = min(gaps.items(), key=lambda item: (-item[1], item[0]))
        width = gap + number
        if times == 1 and len(gaps) > 1 and longest in (at[0], at[0] - number):
            # every row of its own length (empty cells not printed, a merged row's later years
            # added): the distances tell nothing, the column names end where the first row starts
            width = longest
        if number == 0:
            # 序号 first: the header is all before the first row's number (a row may be a cell
            # short where the page dropped an empty one, so the distances need not tell)
            width = at[0]
        elif width == at[0] and sections and min(sections) <= at[0]:
            # 主要任务 | 序号 | …, the first columns' values printed as section headings between the
            # rows, the first one before row 1 (一、统筹规划布局 / 1 / …): the rows start at 序号, the
            # headings stand before them
            dropped = number
        elif width == at[0]:
            # 类别 | 序号 | …, each row's 类别 printed (住房保障 / 1 / … / 住宅市场 / 2 / …): the first
            # row's own cells come before its number, a merged cell being printed in its first row
            width -= number
        if not (3 <= width <= longest and at[0] - width <= number) and at[0] - number == longest:
            # (rows of uneven length, as above, whose most common distance gives a width the header
            # cannot have: the column names end where the first row starts)
            width = longest
    else:  # one row: only under a header already read (a table in each section)
        width = next((len(h) for h in known if tuple(texts[: len(h)]) == h), 0)
    header = tuple(texts[:width])
    if (
        number == 0
        and len(at) >= 2
        and width > longest
        and (spanned := _spanned_header(texts, longest, width, at))
    ):
        header = spanned  # 任务目标 over 2023年 / 2024年 / 2025年: a header of two rows
    elif not 3 <= width <= longest or number >= width or at[0] - width > number:
        return None
    if not (indicators or _names_work_or_units(header)):
        return None
    if dropped:
        header, number = header[dropped:], 0
    rest = len(header) - number - 1  # the cells of a row after its number
    # 序号 | 类别 | 指标名称 | …: a category merged down over its rows is printed once, in its first row
    category = number + 1 if number + 1 < len(header) and CATEGORY_HEADER.search(header[number + 1]) else None
    previous_category = ""
    lead = [""] * number
    pending = texts[width : at[0]]
    rows: list[str | tuple[str, ...]] = []
    end = cells[width - 1][2]
    previous = -1
    for index, k in enumerate(at):
        rows.extend(t for p in range(previous + 1, k - number + 1) for t in sections.get(p, []))
        previous = k - number
        if pending:
            lead = lead[: number - len(pending)] + pending
        if index + 1 < len(at) and k in subrows:
            following = texts[k + 1 : at[index + 1]]
            skip = subrows[k]
            rows.append((*lead, texts[k], *following[:rest]))
            step = rest - skip
            # the sub-rows are the row's: each column's cells joined (the units of all of them)
            subs = [following[p : p + step] for p in range(rest, len(following), step)]
            merged = [
                _joined_cells([following[c], *(sub[c - skip] for sub in subs)], header[number + 1 + c])
                if c >= skip
                else following[c]
                for c in range(rest)
            ]
            rows[-1] = (*lead, texts[k], *merged)
            end = cells[at[index + 1] - 1][2]
            continue
        if index + 1 < len(at):
            following = texts[k + 1 : at[index + 1]]
            own = _own_cells(following, header[number + 1 :])
            following, later = following[:own], following[own:]
            if indicators and number and 0 < len(following) < rest and not _FIGURE.search(following[-1]):
                # a short row of indicators ending on a cell with no figure: the next row's 类别,
                # printed before its number (…≥5 / 构筑安全韧性生态城区 / 9 / …)
                following, later = following[:-1], [following[-1], *later]
            if not number and len(following) > rest:
                following = _join_unit_lines(following, rest, header)
            if category is not None and (
                len(following) == rest - 1 or (indicators and 0 < len(following) < rest - 1)
            ):
                following = [previous_category, *following]
            if indicators and 0 < len(following) < rest and _FIGURE.search(following[-1]):
                # still short: the empty cell is the baseline's, the figure is the goal (the last column)
                following = [*following[:-1], *[""] * (rest - len(following)), following[-1]]
            mine = _units_last(following[:rest], rest, header)
            more, tail = _continuations([*following[rest:], *later], mine, header[number + 1 :])
            pending = tail[-number:] if number else []
            end = cells[at[index + 1] - 1][2]
        else:  # the last row: its own cells only
            own = texts[
                k + 1 : k + 1 + min(rest, _own_cells(texts[k + 1 : k + 2 + rest], header[number + 1 :]))
            ]
            used = len(own)
            if category is not None and (
                len(own) == rest - 1 or (len(own) == rest and (match_marker(own[-1]) or len(own[-1]) > 40))
            ):  # (its category merged from above: the line after the row is no cell of it)
                own, used = [previous_category, *own[: rest - 1]], min(len(own), rest - 1)
            mine = _units_last(own, rest, header)
            if len(mine) < rest - (1 if k + 1 + rest > len(texts) and rest >= 3 else 0):
                break  # (the page breaking off before the last row's last cell: that cell is empty)
            window = texts[k + 1 + used : k + 1 + used + 4 * (rest + 1)]
            more, tail = _continuations(window, mine, header[number + 1 :])
            end = cells[k + used + len(window) - len(tail)][2]
        rows.append((*lead, texts[k], *mine, *[""] * (rest - len(mine))))
        rows.extend((*lead, "", *row) for row in more)
        if category is not None and mine:
            previous_category = mine[0]
    if sum(isinstance(r, tuple) for r in rows) < (1 if header in known else 2):
        return None
    return [header, *rows], end


_EXTRA_UNIT_LINES = 6


def _joined_cells(parts: list[str], column: str) -> str:
    """The cells of one column over a row's sub-rows as one cell: units listed once each, text
    sentence after sentence (a ``/`` is an empty cell)."""
    parts = [p.strip() for p in parts if p.strip() and p.strip() not in ("/", "／", "-", "—")]
    if _UNIT_HEADER.search(column):
        names = [n for p in parts for n in re.split(r"[、，,；;]", p) if n.strip()]
        return "、".join(dict.fromkeys(n.strip() for n in names))
    return "".join(p if p.endswith(("。", "；", "！", "？")) else p + "。" for p in parts)


def _after_sub_rows(texts: list[str], at: int, width: int, number: str, subrows: dict[int, int]) -> list[int]:
    """Where row ``number`` starts when the row at ``at`` (序号 first, ``width`` columns) goes on in
    sub-rows that leave out its first one or two cells: after the row's own cells and a whole
    number of sub-rows (at most eight). Records the left-out count in ``subrows``."""
    for skip in (1, 2):
        step = width - 1 - skip
        if step < 2:
            continue
        for j in range(1, 9):
            k = at + width + j * step
            if k >= len(texts):
                break
            if texts[k] == number and _sub_rows_fit(texts, at + width, k, texts[1 + skip : width]):
                subrows[at] = skip
                return [k]
    return []


def _sub_rows_fit(texts: list[str], start: int, end: int, columns: list[str]) -> bool:
    """Whether ``texts[start:end]``, cut in rows of ``columns``, names units (or nothing) under
    every unit column: sub-rows, not a row's cells of several lines (县民政局 / 开工建设老年大学。:
    a second piece of work under the 民生实事 column, its unit merged, is no sub-row of this kind)."""
    width = len(columns)
    units = [c for c, name in enumerate(columns) if _UNIT_HEADER.search(name)]
    return all(
        texts[p + c].strip() in ("", "/", "／", "-", "—") or names_units_only(texts[p + c])
        for p in range(start, end, width)
        for c in units
    )


_YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}\s*年(?:度|底|末)?$")


def _category_cell(text: str) -> bool:
    """A numbered category's name printed as a cell (2.分类运输与转运, 二、基础设施类)."""
    marker = match_marker(text)
    return marker is not None and 0 < len(text) - marker.end <= 30 and not _SENTENCE_MARKS.search(text)


def _continuations(
    extra: list[str], mine: list[str], columns: tuple[str, ...]
) -> tuple[list[list[str]], list[str]]:
    """节点 | 指标数 over several years for one task (2018年 / 345个 / … / 2019年 / 440个 / 2020年 /
    618个): the task's other cells merged down, the later years' cells are printed after the row.
    Each is a row of its own with the year and the cells after it up to the first unit column,
    the rest left empty; returns (those rows, the cells after them)."""
    year = next((k for k, cell in enumerate(mine) if _YEAR_ONLY.match(cell)), None)
    if year is None:
        return [], extra
    units = next((k for k in range(year + 1, len(columns)) if _UNIT_HEADER.search(columns[k])), len(columns))
    rows: list[list[str]] = []
    p = 0
    while p < len(extra) and _YEAR_ONLY.match(extra[p]):
        q = p + 1  # the year's figures, then its own units if it names any (a name, not a heading)
        while q < len(extra) and q - p < len(columns) - year and not _YEAR_ONLY.match(extra[q]):
            if q - p >= units - year and not names_units_only(extra[q]):
                break
            q += 1
        rows.append([""] * year + extra[p:q] + [""] * (len(columns) - year - (q - p)))
        p = q
    return rows, extra[p:]


def _own_cells(following: list[str], columns: tuple[str, ...]) -> int:
    """How many of the cells after a row's number are its own: all of them, or those before a
    second year (2019年 after 2018年) that opens a merged row's next year (a row whose empty cells
    are not printed may end before its last column). A second column of dates is no such year."""
    years = [k for k, cell in enumerate(following) if _YEAR_ONLY.match(cell)]
    if len(years) < 2 or years[0] >= len(columns) or years[1] - years[0] < 2:
        return len(following)
    if years[1] < len(columns) and _DATE_COLUMN.search(columns[years[1]]):
        return len(following)
    return years[1]


_DATE_COLUMN = re.compile(r"时间|时限|年|节点|期")


_ANNEX_CELL = re.compile(r"^附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]?$")
_ROW_NUMBER_CELL = re.compile(r"^[1-9]\d{0,2}$")


def _unnumbered_rows(
    cells: list[tuple[str, int, int]], texts: list[str], width: int
) -> tuple[list[str | tuple[str, ...]], int] | None:
    """序号 | 目标与任务 | 牵头责任单位 | 责任单位 with no number printed in any row (a page that
    dropped the empty 序号 cells): each row is the other columns' cells, as many as they are. A
    row is read while its unit cells name units only and its work cell is not a unit's name; at
    least two rows, as for numbered ones."""
    header = tuple(texts[:width])
    units = [k for k in range(1, width) if _UNIT_HEADER.search(header[k])]
    if not units or len(units) == width - 1:
        return None
    rest = width - 1
    rows: list[str | tuple[str, ...]] = [header]
    end = cells[width - 1][2]
    k = width
    while k + rest <= len(texts):
        row = texts[k : k + rest]
        work = [row[c - 1] for c in range(1, width) if c not in units]
        if not all(names_units_only(row[c - 1]) for c in units) or any(names_units_only(w) for w in work):
            break
        rows.append(("", *row))
        end = cells[k + rest - 1][2]
        k += rest
    return (rows, end) if len(rows) >= 3 else None


def _names_work_or_units(header) -> bool:
    """A header with a unit column, or (a table that names no unit) two columns of work, or one
    beside a category column (序号 | 主要领域 | 重点任务或项目)."""
    work = sum(bool(_WORK_HEADER.match(h)) for h in header)
    return (
        any(_UNIT_HEADER.search(h) for h in header)
        or work >= 2
        or (work == 1 and any(CATEGORY_HEADER.search(h) for h in header))
    )


# a category column (类别, 项目类型): one value merged down over the rows of its group
CATEGORY_HEADER = re.compile(r"类别|领域|分类|类型|维度|一级指标")
_FIGURE = re.compile(r"[0-9０-９]")


def indicator_header(header: list[str]) -> bool:
    """序号 | 指标名称 | “十四五”现状值 | “十五五”规划目标 | 属性: a table of indicators (no unit column)."""
    compact = ["".join(h.split()) for h in header]
    return any("指标" in h for h in compact) and any(_TARGET_HEADER.search(h) for h in compact)


_TARGET_HEADER = re.compile(r"目标|规划值|预期值|\d{4}年")


# the parts under a spanning header cell: years (2023年), or short words (第一季度, 牵头单位)
_SUB_HEADER = re.compile(r"^(?:\d{4}年(?:度|底|末)?|[^\d。；;，,：:]{1,8})$")
_SPANNING_PLAN = re.compile(r"目标|进度|时限|时间|计划|安排|节点|年度")


def _spanned_header(texts: list[str], longest: int, width: int, at: list[int]) -> tuple[str, ...] | None:
    """A header of two rows printed one cell a line: 序号 / 任务名称 / 任务目标 / 实施单位, then
    2023年 / 2024年 / 2025年 under 任务目标. The rows (one cell fewer than the header's lines, as
    the spanning cell stands over its parts) tell it; the spanning column is the one a plan's
    periods stand under (目标, 进度, 时限 …), or the unit column over 牵头单位 / 配合单位. Its parts
    become the columns (2023年), as a second header row names its columns."""
    sub = texts[longest:width]
    gaps = Counter(b - a for a, b in pairwise(at))
    if not 2 <= len(sub) <= 6 or gaps.most_common(1)[0][0] != width - 1:
        return None
    if not all(_SUB_HEADER.match(t) for t in sub):
        return None
    first = texts[:longest]
    if all(_UNIT_HEADER.search(t) for t in sub):
        spanning = [k for k, h in enumerate(first) if _UNIT_HEADER.search(h)]
    else:
        spanning = [k for k, h in enumerate(first) if _SPANNING_PLAN.search(h)]
    if len(spanning) != 1:
        return None
    k = spanning[0]
    return (*first[:k], *sub, *first[k + 1 :])


def _units_last(row: list[str], rest: int, header: tuple[str, ...]) -> list[str]:
    """A row the page printed without its empty cells (no 区本级任务数 in this row): when its last
    cell names units and the last column is a unit column, that cell goes under it."""
    if 1 < len(row) < rest and _UNIT_HEADER.search(header[-1]) and names_units_only(row[-1]):
        # 责任单位 | 配合单位 at the end and every other cell printed: the units the row names stand
        # under the first unit columns, the later ones (配合单位) are the empty ones
        trailing = 0
        while trailing < rest and _UNIT_HEADER.search(header[-1 - trailing]):
            trailing += 1
        named = 0
        while named < min(trailing, len(row) - 1) and names_units_only(row[-1 - named]):
            named += 1
        if len(row) - named == rest - trailing:
            return [*row, *[""] * (rest - len(row))]
        return [*row[:-1], *[""] * (rest - len(row)), row[-1]]
    return row


_SECTION_STYLES = ("cn_comma", "cn_paren", "cn_dot", "part", "chapter")


def _section_cell(text: str) -> bool:
    """A table's section heading printed as a line of its own (一、做大做强主导产业)."""
    marker = match_marker(text)
    return marker is not None and marker.style in _SECTION_STYLES and len(text) <= 40 and "。" not in text


# a table column of measures (万平方米, %, 个), never of bodies
MEASURE_HEADERS = ("单位", "计量单位", "指标单位")


def is_measure(text: str) -> bool:
    """A cell naming a measure (万平方米, %, 张) or saying there is none (定性)."""
    from .targets import known_measure  # (targets reads tables with this module's help)

    return text in ("定性", "%", "‰") or known_measure(text)


def _join_unit_lines(cells: list[str], rest: int, header: tuple[str, ...]) -> list[str]:
    """A row's cells after its number when there are more than the columns: a unit cell printed
    one name a paragraph (县水务局 / 县住建局 / 县护城河指挥部). The names are one cell again, joined
    by 、, when the extra cells are short names at the unit column; else the cells as they are."""
    extra = len(cells) - rest
    units = [k - 1 for k, h in enumerate(header) if k and _UNIT_HEADER.search(h)]
    for u in units:
        if header[u + 1] in MEASURE_HEADERS:
            # 实施老旧小区 / 改造面积 / 万平方米 under 指标 | 单位: the indicator's name wrapped, its
            # measure after it (a 单位 column of measures names no body)
            if u and is_measure(cells[u + extra]):
                return [*cells[: u - 1], "".join(cells[u - 1 : u + extra]), *cells[u + extra :]]
            continue
        names = cells[u : u + extra + 1]
        if len(names) == extra + 1 and all(_name_line(n) for n in names):
            return [*cells[:u], "、".join(names), *cells[u + extra + 1 :]]
    return cells


_ITEM_STYLES = ("arabic_dot", "arabic_comma", "arabic_paren")
_SENTENCE_MARKS = re.compile(r"[。，,；;！？!?]")
_DASH_LINE = re.compile(r"^[—－―-]{1,2}")


def _name_line(text: str) -> bool:
    """A unit cell's line: a short name, no sentence in it."""
    return 2 <= len(text) <= 20 and not _SENTENCE_MARKS.search(text) and not _DASH_LINE.match(text)


def _join_flat_goal_cells(raw: list[str | tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """A table saved one cell a line with no 序号 column (领域 / 主要目标 / 主要责任单位 / 责任单位,
    then 1.妇女… / ——… / 省甲厅 / 省乙厅 / 2.…): rows again, when a header of at least three short
    cells names a unit column and a numbered line (1. / 1、 / (1)) follows it. A row opens at each
    numbered line (the numbering may restart in a later section); its sentences (and ``——`` lines,
    even after units: sub-rows of one goal) are its goal cell, its name lines the unit cells. A
    cell's paragraphs look like cells here, so the first name line after a sentence goes under the
    first unit column and the others under the last; a column with nothing under it (a merged
    领域 cell the page did not keep) stays empty. A line of any other kind ends the table."""
    return _tables_read(raw, _flat_goal_table)


def _flat_goal_table(raw: list, start: int) -> tuple[list[tuple[str, ...]], int] | None:
    line = raw[start]
    if not isinstance(line, str) or not _HEADER_CELL.match(line.strip()) or match_marker(line.strip()):
        return None
    header: list[str] = []
    j = start
    while j < len(raw) and isinstance(raw[j], str):
        text = raw[j].strip()
        if text:
            if not _HEADER_CELL.match(text) or match_marker(text):
                break
            if len(header) == 12:
                return None  # a run of short lines, no header (looked at once a line: keep it short)
            header.append(text)
        j += 1
    first = match_marker(raw[j].strip()) if j < len(raw) and isinstance(raw[j], str) else None
    units = [k for k, h in enumerate(header) if _UNIT_HEADER.search(h)]
    goal = next((k for k in range(len(header)) if k not in units and "目标" in header[k]), None)
    if len(header) < 3 or not units or goal is None or first is None or first.style not in _ITEM_STYLES:
        return None
    if goal > min(units) or {"序号", "编号"} & set(header):
        return None
    rows: list[tuple[str, ...]] = [tuple(header)]
    text: list[str] = []
    lead: list[str] = []
    rest: list[str] = []
    after_names = False

    def close() -> None:
        if text:
            cells = [""] * len(header)
            cells[goal] = " ".join(text)
            cells[units[0]] = "、".join(dict.fromkeys(lead))
            if len(units) > 1:
                cells[units[-1]] = "、".join(dict.fromkeys(rest))
            else:
                cells[units[0]] = "、".join(dict.fromkeys([*lead, *rest]))
            rows.append(tuple(cells))

    end = j
    while j < len(raw) and isinstance(raw[j], str):
        stripped = raw[j].strip()
        marker = match_marker(stripped) if stripped else None
        if not stripped:
            pass
        elif marker is not None and marker.style == first.style:
            close()
            text, lead, rest, after_names = [stripped], [], [], False
        elif marker is not None:
            break
        elif _name_line(stripped):
            (rest if after_names else lead).append(stripped)
            after_names = True
        elif not after_names or _DASH_LINE.match(stripped):
            text.append(stripped)
            after_names = False
        else:
            break
        j += 1
        end = j if stripped else end
    close()
    if len(rows) < 3 or not all(r[units[0]] for r in rows[1:]):
        return None
    return rows, end


# ---------------------------------------------------------------- docx


def _read_docx(data: bytes) -> list[str | tuple[str, ...]]:
    try:  # zip bombs, overlapping members, XXE … before python-docx opens it
        inspect_zip(data, required=["word/document.xml"])
    except ZipRejected as exc:
        if exc.kind == "missing":
            raise ParseError(ParseError.UNSUPPORTED_FORMAT, f"无法识别的文件格式：{SUPPORTED}") from None
        if exc.kind == "not_zip":
            raise ParseError(ParseError.CORRUPT, "文件已损坏，无法读取") from exc
        raise ParseError(ParseError.CORRUPT, f"文件{exc.reason}，已拒绝") from None
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on broken packages
        raise ParseError(ParseError.CORRUPT, "文件已损坏，无法读取") from exc

    out: list[str | tuple[str, ...]] = []

    def visit(parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.extend(Paragraph(child, document).text.split("\n"))
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    grid = list(row.cells)
                    if len({id(cell._tc) for cell in grid}) == 1:
                        grid = grid[:1]  # merged across the table: one cell (a section heading)
                    # a cell merged over some columns keeps its text in each, so that every
                    # column stays under its header
                    cells = [
                        " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()) for cell in grid
                    ]
                    out.append(tuple(c.replace("\t", " ").replace("\n", " ") for c in cells))
            elif tag in ("sdt", "sdtContent", "customXml"):
                visit(child)

    visit(document.element.body)
    return out


# ---------------------------------------------------------------- xlsx


def _zip_has(data: bytes, member: str) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "year") and hasattr(value, "month"):  # a date cell: 2025年6月30日
        return f"{value.year}年{value.month}月{value.day}日" if hasattr(value, "day") else str(value)
    return str(value).replace("\r", "").strip()


def _read_xlsx(data: bytes) -> list[str | tuple[str, ...]]:
    """A spreadsheet task list: each sheet's rows as table rows (a row with one filled cell, such
    as a title or a section heading merged across the sheet, as a line of text; below the
    header, a row whose one filled cell is not its first, the rest of a merged task, stays a row)."""
    try:
        inspect_zip(data, required=["xl/workbook.xml"])
    except ZipRejected as exc:
        if exc.kind in ("missing", "not_zip"):
            raise ParseError(
                ParseError.CORRUPT, "文件已损坏：扩展名为 .xlsx，但内容不是有效的 XLSX 文件"
            ) from None
        raise ParseError(ParseError.CORRUPT, f"文件{exc.reason}，已拒绝") from None
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on broken packages
        raise ParseError(ParseError.CORRUPT, "文件已损坏，无法读取") from exc
    out: list[str | tuple[str, ...]] = []
    try:
        for sheet in workbook.worksheets:
            in_table = False  # after the sheet's first row of several cells
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell_text(v) for v in row]
                while cells and not cells[-1]:
                    cells.pop()
                filled = [c for c in cells if c]
                if not filled:
                    continue
                if len(filled) == 1 and (cells[0] or not in_table):  # a title or a merged section row
                    out.extend(filled[0].split("\n"))
                else:
                    in_table = True
                    out.append(tuple(c.replace("\t", " ").replace("\n", " ") for c in cells))
    finally:
        workbook.close()
    return out


# ---------------------------------------------------------------- pdf


def _read_pdf(data: bytes) -> list[str | tuple[str, ...]]:
    import pdfplumber

    pages: list[list[str | tuple[str, ...]]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(_page_items(page))
    except ParseError:
        raise
    except Exception as exc:  # pdfminer raises its own syntax errors on broken files
        raise ParseError(ParseError.CORRUPT, "文件已损坏，无法读取 PDF") from exc
    visible = sum(len("".join("".join(line).split())) for lines in pages for line in lines)
    if visible < 10:
        raise ParseError(
            ParseError.SCANNED_PDF, "该 PDF 没有文本层（可能是扫描件），请提供可复制文字的 PDF 或 Word 文件"
        )
    furniture = running_lines([[ln for ln in page if isinstance(ln, str)] for page in pages])
    lines: list[str | tuple[str, ...]] = []
    for number, items in enumerate(pages):
        page = []
        for raw in items:
            if isinstance(raw, tuple):  # a table's row: its cells, never furniture
                page.append(raw)
            elif ln := raw.translate(_TRANSLATE).strip():
                page.append(ln)
        edges = {*range(2), *range(len(page) - 2, len(page))}
        for k, line in enumerate(page):
            if isinstance(line, tuple):
                lines.append(line)
                continue
            running = _running_key(line) in furniture
            if number == 0 and running:
                # on the first page a running line at its top or foot is furniture too (公报 2025年
                # 第3期, 某某市人民政府文件), unless it reads as the document's title, which a
                # running header often repeats (and then only once: not when the page prints the
                # title again below it, wrapped or not)
                compact = "".join(line.split())
                rest = "".join(_compact(other) for j, other in enumerate(page) if j != k)
                running = k in edges and (not _TITLE_LIKE.search(compact) or compact in rest)
            elif number == 0 and k == 0 and len(page) > 1 and _TITLE_LIKE.search(line):
                # a one-page print of a web page: its title as running head, then printed again
                # just below (wrapped or not): read it once
                compact = "".join(line.split())
                running = compact in "".join(_compact(other) for other in page[1:5])
            # (a bare number is a page number at the top or foot of a page; elsewhere a table's row
            # number printed one cell a line)
            bare = _BARE_NUMBER.match(line) is not None and k in edges
            if not bare and not _PAGE_NUMBER.match(line) and not running:
                lines.append(line)
    if not any(isinstance(line, tuple) for line in lines):
        return reflow(_lifted_figures(lines))
    # the lines between the tables unwrapped run by run, a full line measured over them all
    full = _full_length([line for line in lines if isinstance(line, str)])
    out: list[str | tuple[str, ...]] = []
    run: list[str] = []
    for line in [*lines, ()]:
        if isinstance(line, tuple):
            out.extend(reflow(_lifted_figures(run), full=full))
            run = []
            if line:
                out.append(line)
        else:
            run.append(line)
    return out


def _compact(line: str | tuple[str, ...]) -> str:
    return "".join("".join(line).split())


# a ruled table of the page (a 任务分工表, a table of goals): read as rows of cells, as a .docx's table
# is, where it has two columns or more in most rows (a page printed on ruled lines is found as a
# table of one column, one line a row: lines)
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _page_items(page) -> list[str | tuple[str, ...]]:
    """A PDF page's lines, its ruled tables' rows (cells) in their place among them. A page whose
    graphics the table finder cannot read is read as its text alone (a sound text layer is never
    refused for its tables)."""
    try:
        found = [(t, t.extract()) for t in page.find_tables(_TABLE_SETTINGS)]
        tables = [(t, texts) for t, texts in found if _real_table(texts)]
        if tables:
            return _lines_and_rows(page, tables)
    except Exception:  # (pdfplumber raises its own kinds on odd graphics)
        pass
    return (page.extract_text() or "").splitlines()


def _lines_and_rows(page, tables: list) -> list[str | tuple[str, ...]]:
    """The page's lines outside its tables and the tables' rows, in the order they print."""
    boxes = [t.bbox for t, _texts in tables]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    placed: list[tuple[float, int, str | tuple[str, ...]]] = [
        (line["top"], 0, line["text"]) for line in page.filter(outside).extract_text_lines()
    ]
    for table, texts in tables:
        for k, cells in enumerate(_table_rows(table, texts)):
            placed.append((table.bbox[1], k + 1, cells))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [item for _top, _k, item in placed]


def _real_table(rows: list[list[str | None]]) -> bool:
    wide = sum(1 for row in rows if sum(1 for c in row if c and c.strip()) >= 2)
    return len(rows) >= 2 and wide * 2 >= len(rows)


def _table_rows(table, texts: list[list[str | None]]) -> list[tuple[str, ...]]:
    """The rows' cells (``texts``: pdfplumber's extract of ``table``); a cell merged over several rows
    or columns gives its text to each position it covers (as a .docx table reads: each column stays
    under its header)."""
    known: list[tuple[tuple[float, float, float, float], str]] = []
    for row, cells in zip(table.rows, texts, strict=True):
        for box, text in zip(row.cells, cells, strict=True):
            if box is not None:
                known.append((box, _cell_text_pdf(text)))
    out = []
    for row, cells in zip(table.rows, texts, strict=True):
        filled, boxes = [], set()
        for j, (box, text) in enumerate(zip(row.cells, cells, strict=True)):
            if box is not None:
                filled.append(_cell_text_pdf(text))
                boxes.add(box)
                continue
            x = (table.columns[j].bbox[0] + table.columns[j].bbox[2]) / 2
            y = (row.bbox[1] + row.bbox[3]) / 2
            over = next(((b, t) for b, t in known if b[0] <= x <= b[2] and b[1] <= y <= b[3]), (None, ""))
            filled.append(over[1])
            boxes.add(over[0])
        # (one cell across the whole table: a section's heading, one cell as a .docx reads it)
        out.append(tuple(filled[:1]) if len(boxes) == 1 and len(filled) > 1 else tuple(filled))
    return out


def _cell_text_pdf(text: str | None) -> str:
    """A cell's lines joined as the cell prints them: a wrap inside Chinese text is no space."""
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    joined = ""
    for part in parts:
        space = (
            joined
            and joined[-1].isascii()
            and joined[-1].isalnum()
            and part[0].isascii()
            and part[0].isalnum()
        )
        joined += (" " if space else "") + part
    return joined


_DIGITS = re.compile(r"\d+")
DOC_TYPES = (
    "通知|意见|实施意见|方案|办法|规定|决定|批复|报告|函|通报|规划|计划|要点|措施|细则|纪要|公告|通告|"
    "命令|议案|请示|决议|条例|规则|指引|清单|分工|分解|安排|若干政策|分解表|任务表"
)
# a running header that repeats the document's title (…实施方案（2024—2026年）): page 1 keeps it
_TITLE_LIKE = re.compile(rf"(?:{DOC_TYPES})(?:[（(][^（）()]*[）)])*$")
# a scraper's copy of a notice: title, 文号 and addressees on one line (国务院办公厅关于加强环境监管执法的
# 通知国办发〔2014〕56号各省、自治区、直辖市人民政府，国务院各部委、各直属机构：近年来，…)
_GLUED_NUMBER = re.compile(
    rf"^(?!根据|按照|依据|为|贯彻|落实|对照|经)(?P<title>[^。！？；;：:，,]{{2,150}}(?:{DOC_TYPES})(?:[（(][^（）()]*[）)])?)"
    r"(?P<num>[\u4e00-\u9fff]{1,12}\s*[〔\[［【]\s*(?:19|20)\d{2}\s*[〕\]］】]\s*第?\s*\d{1,5}\s*号)"
    r"(?P<rest>.*)$"
)
_GLUED_ADDRESSEES = re.compile(r"^(?P<to>[^。！？；;：:]{2,200}?[：:])(?P<body>.*)$")


def _glued_header(lines: list) -> list:
    """A notice whose title, 文号 and addressees were run into one line by a copy (…的通知国办发〔2014〕
    56号各省、…：近年来，…), the title's first part perhaps on the line above (国务院关于印发国家环境保护 /
    “十一五”规划的通知国发〔2007〕37号各省…：): a line each again, as the notice prints them. Only among
    the first lines, and only for a title that says 关于 (on its line or the line above)."""
    seen = 0
    for k, line in enumerate(lines):
        if isinstance(line, str) and not line.strip():
            continue
        seen += 1
        if seen > 6:
            break
        m = _GLUED_NUMBER.match(line.strip()) if isinstance(line, str) else None
        if m is None:
            continue
        above = (
            next((a.strip() for a in lines[k - 1 :: -1] if isinstance(a, str) and a.strip()), "") if k else ""
        )
        if "关于" not in m["title"] and not ("关于" in above and not _TITLE_LIKE.search(above)):
            continue
        parts = [m["title"], m["num"]]
        rest = m["rest"].strip()
        if rest:
            # (what follows is the addressees, or nothing: 测政发〔2024〕3号要求，制定本方案 cites one)
            if (to := _GLUED_ADDRESSEES.match(rest)) is None or "如下" in to["to"]:
                continue
            parts.append(to["to"])
            if body := to["body"].strip():
                parts.append(body)
        return [*lines[:k], *parts, *lines[k + 1 :]]
    return lines


def _running_key(line: str) -> str:
    return _DIGITS.sub("#", "".join(line.split()))


def running_lines(pages: list[list[str]]) -> set[str]:
    """Page headers and footers: a line (numbers aside) among the first or last two lines of
    at least half the pages, on three pages or more."""
    if len(pages) < 3:
        return set()
    counts: Counter = Counter()
    for page in pages:
        lines = [ln.translate(_TRANSLATE).strip() for ln in page if ln.strip()]
        edge = {_running_key(ln) for ln in lines[:2] + lines[-2:]}
        counts.update(k for k in edge if k)
    floor = max(3, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= floor}


def _full_length(lines: list[str]) -> int | None:
    """The length of a full line of a PDF's text (the commonest of ten characters or more), if
    three lines have it."""
    lengths = Counter(len(line) for line in lines if len(line) >= 10)
    if not lengths:
        return None
    full = lengths.most_common(1)[0][0]
    return full if lengths[full] >= 3 else None


def reflow(lines: list[str], *, full: int | None = -1) -> list[str]:
    """Join lines that a PDF wrapped: a line as long as a full line continues on the next one
    (``full``: that length, measured over more lines than these)."""
    if full == -1:
        full = _full_length(lines)
    if full is None:
        return lines
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and out and match_marker(line) is None:
            out[-1] += line
        else:
            out.append(line)
        joining = len(line) >= full - 1
    return out


# ---------------------------------------------------------------- normalisation


# ASCII double quotes in pairs read as Chinese quotes ("十四五" as “十四五”): quoted names and
# slogans are then known by the same patterns in every document.
_ASCII_QUOTED = re.compile(r'"([^"]*)"')


def normalise_line(text: str) -> str:
    text = text.translate(_TRANSLATE)
    if '"' in text:
        text = _ASCII_QUOTED.sub(r"“\1”", text)
    if " " in text:
        text = _DIGIT_SPACE.sub("", text)
    return text.strip()


# a space a PDF's text layer puts between Chinese text and a number (到 2025 年，下降 14.5%和 15%):
# none in the printed text, and patterns read 到2025年 / 较2020年 as one phrase
_DIGIT_SPACE = re.compile(
    r"(?<=[\u4e00-\u9fff（“，、：；])[ \t](?=\d)|(?<=\d|%)[ \t](?=[\u4e00-\u9fff）”，、。；])"
)


def _normalise(raw: list[str | tuple[str, ...]], fmt: str, encoding: str | None) -> Source:
    lines: list[Line] = []
    pos = 0
    for item in raw:
        if isinstance(item, tuple):
            cells = tuple(" ".join(normalise_line(c).split()) for c in item)
            if not any(cells):
                continue
            text = "\t".join(cells)
            line = Line(text=text, start=pos, cells=cells)
        else:
            text = normalise_line(item.replace("\r", ""))
            if not text or (_PAGE_NUMBER.match(text)):
                continue
            line = Line(text=text, start=pos)
        lines.append(line)
        pos += len(line.text) + 1
    text = "\n".join(line.text for line in lines)
    return Source(lines=lines, text=text, source_format=fmt, encoding=encoding)
