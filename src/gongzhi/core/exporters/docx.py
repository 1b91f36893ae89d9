"""公文 as .docx after GB/T 9704-2012《党政机关公文格式》: the one place where its styles live.

Page: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, leaving the 156 x 225 mm type
area; 22 lines x 28 characters. Lines: a line grid of 28.95 pt (`w:docGrid`) and an exact line
spacing of that pitch on every text paragraph. Characters: text in 三号 is condensed by 0.25 pt
(15.75 pt a character, 28 in 156 mm). Word's character grid (`linesAndChars` with a negative
`charSpace`) would do the same in Word only: LibreOffice gives every 16 pt character two cells of
that grid, 14 characters a line, so the grid is lines-only and the condensing is in the run.

Every role of text (title, body, headings, 文号 ...) is one `TextStyle` in `STYLES`. Each becomes a
named Word paragraph style (so the document can be restyled in Word) and is also applied to the
runs directly (so text keeps its look when pasted into another document). Fonts are written to
all four `w:rFonts` attributes (ascii, hAnsi, eastAsia, cs), never through theme fonts, because
Word picks the East Asian attribute for Chinese text. OOXML has room for one font name per run;
the fallbacks (仿宋_GB2312 -> 仿宋 ...) are declared as `w:altName` in the document's font table,
beside the GB2312 charset and the font family, which is what Word goes by to find a substitute
when the named font is missing. LibreOffice substitutes through its own replacement table (or
fontconfig), so on a machine without the fonts the look depends on that machine.

Layout choices where GB/T 9704 offers several:
- 发文机关署名 and 成文日期 follow the rule for sealed documents (the usual case: the document is
  printed and sealed): the date ends four characters from the right margin, the issuer's name is
  centred above the date (never closer than zero characters to the margin).
- Page numbers "— 1 —" in 宋体 4号: odd pages right, even pages left, one character in.
- The 版记 holds 抄送 (copy_note) and the line "印发机关 … 印发日期印发" (printed_by, printed_on),
  framed by two thick lines with a thin line between them; it follows the signature instead of
  being pushed to the foot of the last even page.
- Heading text is written as given; `heading_number` gives the GB numbering ("一、", "（一）",
  "1．", "（1）") for callers that number their own headings.
"""

import datetime
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from gongzhi.core.exporters import atomic_output

# --- page (GB/T 9704-2012, 5.2) ------------------------------------------------------------------

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
TYPE_AREA_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TYPE_AREA_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# 225 mm / 22 = 28.99 pt; 28.95 pt (579 twips) is the largest whole-twip pitch that still fits 22 lines.
LINE_PITCH_PT = 28.95
# The page number sits 7 mm below the type area (GB/T 9704-2012, 7.5); footer distance is measured
# from the page edge to the bottom of the footer line, which is PAGE_NUMBER_LINE_PT high.
PAGE_NUMBER_GAP_MM = 7
PAGE_NUMBER_LINE_PT = 20

# --- sizes (字号) --------------------------------------------------------------------------------

SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号
SIZE_SMALL_4 = 12.0  # 小四
# 156 mm / 28 = 15.79 pt a character: condense 三号 text to the next whole twip below (-0.25 pt).
GRID_CHAR_SPACING_TWIPS = math.floor((TYPE_AREA_WIDTH_MM / 25.4 * 72 / CHARS_PER_LINE - SIZE_3) * 20)
ISSUER_MAX_PT = 36.0  # 小初; the 发文机关标志 shrinks from here to fit one line of the type area

RED = "FF0000"


@dataclass(frozen=True)
class Font:
    """A font by its Chinese name, with substitutes in order of preference."""

    name: str
    fallbacks: tuple[str, ...] = ()


FONT_XIAOBIAOSONG = Font("方正小标宋简体", ("小标宋", "宋体"))
FONT_FANGSONG = Font("仿宋_GB2312", ("仿宋",))
FONT_HEITI = Font("黑体")
FONT_KAITI = Font("楷体_GB2312", ("楷体",))
FONT_SONGTI = Font("宋体")


@dataclass(frozen=True)
class TextStyle:
    """How one role of text looks; `STYLES` holds one per role."""

    style_id: str  # English, stable: Word refers to styles by id
    name: str  # shown in Word's style list
    font: Font
    size_pt: float
    bold: bool = False
    color: str | None = None
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line_chars: float = 0.0
    outline_level: int | None = None  # 0 = level 1 in Word's navigation pane
    keep_with_next: bool = False
    exact_line_pt: float | None = LINE_PITCH_PT  # None: single line spacing (for text taller than the pitch)
    char_spacing_twips: int = 0  # negative condenses
    snap_to_grid: bool = True  # False for text that must not take whole grid lines (tables, page numbers)
    auto_space: bool = True  # False: no extra space between Chinese and digits (keeps widths predictable)


_LEFT, _CENTER, _RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
_GRID = GRID_CHAR_SPACING_TWIPS

STYLES: dict[str, TextStyle] = {
    "issuer": TextStyle(
        "GwIssuer", "发文机关标志", FONT_XIAOBIAOSONG, ISSUER_MAX_PT, color=RED, align=_CENTER,
        exact_line_pt=None, snap_to_grid=False,
    ),
    "doc_number": TextStyle(
        "GwDocNumber", "发文字号", FONT_FANGSONG, SIZE_3, align=_CENTER, char_spacing_twips=_GRID
    ),
    "title": TextStyle("GwTitle", "公文标题", FONT_XIAOBIAOSONG, SIZE_2, align=_CENTER),
    "recipients": TextStyle(
        "GwRecipients", "主送机关", FONT_FANGSONG, SIZE_3, align=_LEFT, char_spacing_twips=_GRID
    ),
    "body": TextStyle("GwBody", "公文正文", FONT_FANGSONG, SIZE_3, first_line_chars=2, char_spacing_twips=_GRID),
    "heading1": TextStyle(
        "GwHeading1", "一级标题", FONT_HEITI, SIZE_3, first_line_chars=2, outline_level=0, keep_with_next=True,
        char_spacing_twips=_GRID,
    ),
    "heading2": TextStyle(
        "GwHeading2", "二级标题", FONT_KAITI, SIZE_3, first_line_chars=2, outline_level=1, keep_with_next=True,
        char_spacing_twips=_GRID,
    ),
    "heading3": TextStyle(
        "GwHeading3", "三级标题", FONT_FANGSONG, SIZE_3, bold=True, first_line_chars=2, outline_level=2,
        keep_with_next=True, char_spacing_twips=_GRID,
    ),
    "heading4": TextStyle(
        "GwHeading4", "四级标题", FONT_FANGSONG, SIZE_3, bold=True, first_line_chars=2, outline_level=3,
        keep_with_next=True, char_spacing_twips=_GRID,
    ),
    "attachment": TextStyle(
        "GwAttachment", "附件说明", FONT_FANGSONG, SIZE_3, align=_LEFT, char_spacing_twips=_GRID
    ),
    "signature": TextStyle(
        "GwSignature", "发文机关署名", FONT_FANGSONG, SIZE_3, align=_RIGHT, char_spacing_twips=_GRID,
        auto_space=False,
    ),
    "date": TextStyle(
        "GwDate", "成文日期", FONT_FANGSONG, SIZE_3, align=_RIGHT, char_spacing_twips=_GRID, auto_space=False
    ),
    "copy": TextStyle(
        "GwCopy", "版记", FONT_FANGSONG, SIZE_4, align=_LEFT, exact_line_pt=None, snap_to_grid=False
    ),
    "table": TextStyle(
        "GwTableText", "表格文字", FONT_FANGSONG, SIZE_SMALL_4, align=_LEFT, exact_line_pt=None, snap_to_grid=False
    ),
    "page_number": TextStyle(
        "GwPageNumber", "页码", FONT_SONGTI, SIZE_4, align=_RIGHT, exact_line_pt=PAGE_NUMBER_LINE_PT,
        snap_to_grid=False,
    ),
}  # fmt: skip

HEADING_ROLES = {1: "heading1", 2: "heading2", 3: "heading3", 4: "heading4"}

# Numbering of heading levels (GB/T 9704-2012, 7.3.3): data, not code.
HEADING_NUMBERING = {1: "{cn}、", 2: "（{cn}）", 3: "{n}．", 4: "（{n}）"}

SIGNATURE_SPACE_BEFORE_LINES = 2  # room for the seal above the issuer's name
DATE_RIGHT_CHARS = 4  # 成文日期右空四字
SEPARATOR_SIZE_EIGHTHS = 12  # red separator under the 文号: 1.5 pt
SEPARATOR_SPACE_PT = 5  # about 4 mm between the 文号 and the separator
COPY_RULE_SIZE_EIGHTHS = 8  # 版记 lines: 1 pt (GB recommends 0.35 mm)
TABLE_BORDER_SIZE_EIGHTHS = 4  # 0.5 pt
TABLE_CELL_MARGIN_MM = 1.5


# --- blocks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading of level 1-4; `text` includes its number ("一、总体要求")."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Body text, first line indented two characters; a newline starts a new paragraph."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """A table across the type area; `widths_mm` default to equal columns and shrink to fit 156 mm."""

    columns: list[str]
    rows: list[list[str]]
    widths_mm: list[float] | None = None
    font_pt: float = SIZE_SMALL_4  # 小四; SIZE_4 (四号) for short tables


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


@dataclass(frozen=True)
class Image:
    """A picture (PNG or JPEG bytes, e.g. a chart) centred in the type area, `width_mm` wide (at
    most 156 mm), in a paragraph of its own (single spacing: the line grid would clip it), with an
    optional caption below it."""

    data: bytes
    width_mm: float = TYPE_AREA_WIDTH_MM
    caption: str = ""


Block = Heading | Paragraph | Table | PageBreak | Image


# --- public helpers ------------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def cn_date(date: datetime.date) -> str:
    """成文日期 with Arabic numerals, as GB/T 9704-2012 prescribes: 2025年6月30日."""
    return f"{date.year}年{date.month}月{date.day}日"


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一 (1-99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"Chinese numerals are supported for 1-99, got {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 number of the n-th heading of a level: (1, 2) -> "二、", (2, 1) -> "（一）"."""
    try:
        pattern = HEADING_NUMBERING[level]
    except KeyError:
        raise ValueError(f"heading level must be 1-4, got {level}") from None
    return pattern.format(cn=cn_numeral(n), n=n)


def text_width_chars(text: str) -> float:
    """Width in characters of the body font: CJK and full-width count 1, ASCII and other narrow 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


# --- rendering -----------------------------------------------------------------------------------


def render_official_document(
    path: str | Path,
    *,
    title: str,
    body: Sequence[Block],
    doc_number: str | None = None,
    issuer_mark: str | None = None,
    recipients: str | None = None,
    attachments: Sequence[str] = (),
    signature: str | None = None,
    date: datetime.date | None = None,
    copy_note: str | None = None,
    printed_by: str | None = None,
    printed_on: datetime.date | None = None,
) -> Path:
    """Write a 公文 to `path` (atomically) and return the path.

    Order on the page: 发文机关标志 (red), 文号 with the red separator, 标题, 主送机关, body blocks,
    附件说明, 发文机关署名, 成文日期, 版记 (抄送; 印发机关 and 印发日期). Every part but the title and
    body is optional.
    A long title wraps where Word wraps it; put "\n" in it to break where the meaning allows
    (GB/T 9704: 回行时词意完整，排列对称). Multi-line signatures (joint issuers) also take "\n".
    """
    title = _clean(title).strip()
    if not title:
        raise ValueError("title must not be empty")
    doc = Document()
    _set_up_document(doc, title=title, author=signature or "", subject=doc_number or "")

    head: list[DocxParagraph] = []
    if issuer_mark:
        mark = _clean(issuer_mark).strip()
        paragraph = _add_paragraph(doc, "issuer", mark)
        size = min(ISSUER_MAX_PT, _fit_size_pt(mark, TYPE_AREA_WIDTH_MM))
        for run in paragraph.runs:
            run.font.size = Pt(size)
        head.append(paragraph)
    if doc_number:
        paragraph = _add_paragraph(doc, "doc_number", doc_number)
        if head:
            paragraph.paragraph_format.space_before = Pt(2 * LINE_PITCH_PT)  # 发文机关标志下空二行
        head.append(paragraph)
    if head:
        _set_paragraph_border(head[-1], "bottom", RED, SEPARATOR_SIZE_EIGHTHS, SEPARATOR_SPACE_PT)

    title_paragraph = _add_paragraph(doc, "title", title)
    title_format = title_paragraph.paragraph_format
    title_format.space_after = Pt(LINE_PITCH_PT)  # 标题下空一行
    if head:
        title_format.space_before = Pt(2 * LINE_PITCH_PT)  # 红色分隔线下空二行

    if recipients:
        _add_paragraph(doc, "recipients", _clean(recipients).strip().rstrip("：:") + "：")

    for block in body:
        _add_block(doc, block)

    _add_attachments(doc, [_clean(name).strip() for name in attachments if name and name.strip()])
    _add_signature_and_date(doc, signature, date)
    if copy_note or printed_by or printed_on:
        _add_imprint(doc, copy_note, printed_by, printed_on)
    _end_with_paragraph(doc)

    target = Path(path)
    with atomic_output(target) as handle:
        doc.save(handle)
    return target


def _add_block(doc: DocxDocument, block: Block) -> None:
    match block:
        case Heading(text=text, level=level):
            role = HEADING_ROLES.get(level)
            if role is None:
                raise ValueError(f"heading level must be 1-4, got {level}: {text!r}")
            _add_paragraph(doc, role, text)
        case Paragraph(text=text, bold=bold):
            for line in _clean(text).split("\n"):
                paragraph = _add_paragraph(doc, "body", line)
                if bold:
                    for run in paragraph.runs:
                        run.font.bold = True
        case Table():
            _add_table(doc, block)
        case PageBreak():
            paragraph = _add_paragraph(doc, "body", "")
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        case Image(data=data, width_mm=width_mm, caption=caption):
            paragraph = _add_paragraph(doc, "body", "")
            _centre_unindented(paragraph)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            paragraph.add_run().add_picture(io.BytesIO(data), width=Mm(min(width_mm, TYPE_AREA_WIDTH_MM)))
            if caption:
                _centre_unindented(_add_paragraph(doc, "body", _clean(caption)))
        case _:
            raise TypeError(f"not a document block: {block!r}")


def _centre_unindented(paragraph: DocxParagraph) -> None:
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn("w:firstLineChars"), "0")


def _add_attachments(doc: DocxDocument, names: list[str]) -> None:
    """附件说明 (GB/T 9704-2012, 7.3.5.3): "附件：1．名称", later items aligned under the first number."""
    body = STYLES["body"]
    label = "附件："
    for index, name in enumerate(names, start=1):
        name = name.rstrip("。；;，,.")
        number = f"{index}．" if len(names) > 1 else ""
        prefix = (label if index == 1 else "") + number
        paragraph = _add_paragraph(doc, "attachment", prefix + name)
        # Wrapped lines align with the start of the name.
        left = 2 + text_width_chars(label) + text_width_chars(number)
        _set_indent(paragraph, body.size_pt, left_chars=left, hanging_chars=text_width_chars(prefix))
        if index == 1:
            paragraph.paragraph_format.space_before = Pt(LINE_PITCH_PT)  # 正文下空一行


def _add_signature_and_date(doc: DocxDocument, signature: str | None, date: datetime.date | None) -> None:
    size = STYLES["body"].size_pt
    date_text = cn_date(date) if date else ""
    first = True
    if signature:
        for line in _clean(signature).split("\n"):
            line = line.strip()
            if not line:
                continue
            paragraph = _add_paragraph(doc, "signature", line)
            if date_text:
                # Centred above the date, which ends DATE_RIGHT_CHARS from the margin.
                offset = (text_width_chars(date_text) - text_width_chars(line)) / 2
                right = max(0.0, DATE_RIGHT_CHARS + offset)
            else:
                right = 2.0  # 右空二字
            _set_indent(paragraph, size, right_chars=right)
            if first:
                paragraph.paragraph_format.space_before = Pt(SIGNATURE_SPACE_BEFORE_LINES * LINE_PITCH_PT)
                first = False
    if date_text:
        paragraph = _add_paragraph(doc, "date", date_text)
        _set_indent(paragraph, size, right_chars=DATE_RIGHT_CHARS)
        if first:
            paragraph.paragraph_format.space_before = Pt(SIGNATURE_SPACE_BEFORE_LINES * LINE_PITCH_PT)


def _add_imprint(
    doc: DocxDocument, copy_note: str | None, printed_by: str | None, printed_on: datetime.date | None
) -> None:
    """版记 (GB/T 9704-2012, 7.4): "抄送：…。" and "印发机关　　…　　2025年6月30日印发" between two thick
    lines as wide as the type area, a thin line between the two rows, text one character in."""
    rows: list[list[str]] = []
    if copy_note and copy_note.strip():
        text = _clean(copy_note).strip()
        if not text.startswith("抄送"):
            text = "抄送：" + text
        if not text.endswith("。"):
            text = text.rstrip("；;，,.") + "。"
        rows.append([text])
    if printed_by or printed_on:
        day = f"{printed_on.year}年{printed_on.month}月{printed_on.day}日印发" if printed_on else ""
        rows.append([_clean(printed_by or "").strip(), day])
    if not rows:
        return
    _add_paragraph(doc, "body", "")  # a blank line between the signature block and the 版记
    columns = max(len(row) for row in rows)
    table = doc.add_table(rows=len(rows), cols=columns)
    _set_table_layout(table, [TYPE_AREA_WIDTH_MM / columns] * columns)
    one_char = Pt(STYLES["copy"].size_pt).twips
    _set_table_cell_margins(table, left_twips=one_char, right_twips=one_char)
    rule = {"val": "single", "sz": str(COPY_RULE_SIZE_EIGHTHS), "space": "0", "color": "000000"}
    thin = {"val": "single", "sz": str(TABLE_BORDER_SIZE_EIGHTHS), "space": "0", "color": "000000"}
    none = {"val": "nil"}
    _set_table_borders(table, top=rule, bottom=rule, left=none, right=none, insideH=thin, insideV=none)
    for row, values in zip(table.rows, rows, strict=True):
        if len(values) == 1:
            cell = row.cells[0].merge(row.cells[-1]) if columns > 1 else row.cells[0]
            _fill_cell(cell, "copy", values[0], size_pt=None, bold=False)
        else:
            _fill_cell(row.cells[0], "copy", values[0], size_pt=None, bold=False)
            _fill_cell(
                row.cells[1], "copy", values[1], size_pt=None, bold=False, align=WD_ALIGN_PARAGRAPH.RIGHT
            )


def _add_table(doc: DocxDocument, block: Table) -> None:
    columns = [_clean(str(name)) for name in block.columns]
    if not columns:
        raise ValueError("a table needs at least one column")
    for number, row in enumerate(block.rows, start=1):
        if len(row) != len(columns):
            raise ValueError(f"table row {number} has {len(row)} cells, expected {len(columns)}")
    widths = _column_widths_mm(len(columns), block.widths_mm)
    table = doc.add_table(rows=1 + len(block.rows), cols=len(columns))
    _set_table_layout(table, widths)
    margin = Mm(TABLE_CELL_MARGIN_MM).twips
    _set_table_cell_margins(table, left_twips=margin, right_twips=margin)
    line = {"val": "single", "sz": str(TABLE_BORDER_SIZE_EIGHTHS), "space": "0", "color": "000000"}
    _set_table_borders(table, top=line, left=line, bottom=line, right=line, insideH=line, insideV=line)

    rows = table.rows
    header = rows[0]
    trPr = header._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:cantSplit"))
    trPr.append(OxmlElement("w:tblHeader"))  # repeat the header row on every page
    for cell, name in zip(header.cells, columns, strict=True):
        _fill_cell(cell, "table", name, size_pt=block.font_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row, values in zip(rows[1:], block.rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            _fill_cell(cell, "table", "" if value is None else _clean(str(value)), size_pt=block.font_pt)


def _column_widths_mm(count: int, widths: list[float] | None) -> list[float]:
    if widths is None:
        return [TYPE_AREA_WIDTH_MM / count] * count
    if len(widths) != count:
        raise ValueError(f"{len(widths)} column widths for {count} columns")
    if any(width <= 0 for width in widths):
        raise ValueError("column widths must be positive")
    total = sum(widths)
    if total > TYPE_AREA_WIDTH_MM:
        return [width * TYPE_AREA_WIDTH_MM / total for width in widths]
    return list(widths)


def _fill_cell(
    cell,
    role: str,
    text: str,
    *,
    size_pt: float | None,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.style = _style_name(role)
    if align is not None:
        paragraph.alignment = align
    _add_text(paragraph, role, text)
    for run in paragraph.runs:
        if size_pt is not None:
            run.font.size = Pt(size_pt)
        if bold:
            run.font.bold = True


# --- document set-up -----------------------------------------------------------------------------


def _set_up_document(doc: DocxDocument, *, title: str, author: str, subject: str) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.gutter = 0
    section.header_distance = Mm(15)
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM) - Pt(PAGE_NUMBER_LINE_PT)
    _set_document_grid(section._sectPr)

    _set_defaults(doc)
    for role in STYLES:
        _define_style(doc, STYLES[role])
    _declare_fonts(doc)
    _add_page_numbers(doc)

    properties = doc.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = author
    properties.comments = ""
    properties.keywords = ""
    properties.category = "公文"
    properties.language = "zh-CN"
    properties.revision = 1
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    properties.created = properties.modified = now


def _set_document_grid(sectPr) -> None:
    """A line grid of 22 lines (characters per line come from the condensed 三号 text, see above)."""
    grid = sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectPr.append(grid)
    grid.attrib.pop(qn("w:charSpace"), None)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(Pt(LINE_PITCH_PT).twips))


def _set_defaults(doc: DocxDocument) -> None:
    """Document defaults: body font (no theme fonts), 三号, Chinese language, no paragraph spacing."""
    styles = doc.styles.element
    rPr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _set_rfonts(rPr, STYLES["body"].font.name)
    size = str(round(STYLES["body"].size_pt * 2))
    for tag in ("w:sz", "w:szCs"):
        element = rPr.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), size)
    lang = rPr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
    normal = doc.styles["Normal"]
    _apply_font(normal.element.get_or_add_rPr(), STYLES["body"])


def _define_style(doc: DocxDocument, spec: TextStyle) -> ParagraphStyle:
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _apply_font(style.element.get_or_add_rPr(), spec)
    paragraph_format = style.paragraph_format
    paragraph_format.alignment = spec.align
    paragraph_format.space_before = paragraph_format.space_after = Pt(0)
    if spec.exact_line_pt is None:
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph_format.line_spacing = Pt(spec.exact_line_pt)
    if spec.keep_with_next:
        paragraph_format.keep_with_next = True
    pPr = style.element.get_or_add_pPr()
    switches_off = [] if spec.auto_space else ["w:autoSpaceDE", "w:autoSpaceDN"]
    if not spec.snap_to_grid:
        switches_off.append("w:snapToGrid")
    for tag in switches_off:
        switch = OxmlElement(tag)
        switch.set(qn("w:val"), "0")
        _insert_in_order(pPr, switch, _PPR_ORDER)
    if spec.first_line_chars:
        _set_ind(pPr, spec.size_pt, first_line_chars=spec.first_line_chars)
    if spec.outline_level is not None:
        pPr.get_or_add_outlineLvl().set(qn("w:val"), str(spec.outline_level))
    return style


def _declare_fonts(doc: DocxDocument) -> None:
    """Add our fonts to word/fontTable.xml with their fallbacks as w:altName and the GB2312 charset."""
    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    fonts = parse_xml(part.blob)
    known = {font.get(qn("w:name")) for font in fonts.findall(qn("w:font"))}
    seen: set[str] = set()
    for spec in STYLES.values():
        font = spec.font
        if font.name in known or font.name in seen:
            continue
        seen.add(font.name)
        element = OxmlElement("w:font")
        element.set(qn("w:name"), font.name)
        if font.fallbacks:
            alt = OxmlElement("w:altName")
            alt.set(qn("w:val"), ",".join(font.fallbacks))
            element.append(alt)
        for tag, value in (("w:charset", "86"), ("w:family", "modern" if font is FONT_HEITI else "roman")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            element.append(child)
        pitch = OxmlElement("w:pitch")
        pitch.set(qn("w:val"), "variable")
        element.append(pitch)
        fonts.append(element)
    buffer = io.BytesIO()
    fonts.getroottree().write(buffer, xml_declaration=True, encoding="UTF-8", standalone=True)
    # The font table is a plain (blob) part in python-docx; replace its bytes.
    part._blob = buffer.getvalue()


def _add_page_numbers(doc: DocxDocument) -> None:
    """ "— 1 —" through a PAGE field: odd pages right, even pages left, one character from the edge."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    spec = STYLES["page_number"]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = _style_name("page_number")
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            _set_indent(paragraph, spec.size_pt, right_chars=1)
        else:
            _set_indent(paragraph, spec.size_pt, left_chars=1)
        _format_run(paragraph.add_run("— "), spec)
        _add_field(paragraph, "PAGE", "1", spec)
        _format_run(paragraph.add_run(" —"), spec)


def _add_field(paragraph: DocxParagraph, instruction: str, placeholder: str, spec: TextStyle) -> None:
    """A complex field (begin, instruction, separate, cached result, end), formatted like the text."""

    def field_char(kind: str) -> None:
        run = paragraph.add_run()
        _format_run(run, spec)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    field_char("begin")
    run = paragraph.add_run()
    _format_run(run, spec)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    field_char("separate")
    _format_run(paragraph.add_run(placeholder), spec)
    field_char("end")


def _end_with_paragraph(doc: DocxDocument) -> None:
    """Word expects the body to end with a paragraph; add a 1 pt one after a trailing table."""
    body = doc.element.body
    last = [child for child in body if child.tag != qn("w:sectPr")][-1]
    if last.tag == qn("w:tbl"):
        paragraph = doc.add_paragraph(style=_style_name("table"))
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(1)


# --- low-level formatting ------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Child order of w:pPr, w:rPr and w:tblPr (ECMA-376); Word rejects documents whose children are out of order.
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip
_TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
    "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
    "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip
_BORDER_ORDER = ("top", "left", "bottom", "right", "insideH", "insideV")


def _clean(text: str) -> str:
    """Drop characters XML cannot carry; normalise line ends to \\n."""
    return _XML_INVALID.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def _insert_in_order(parent, child, order: tuple[str, ...]) -> None:
    """Insert `child` before the first sibling that the schema places after it."""
    tag = "w:" + child.tag.rsplit("}", 1)[1]
    parent.insert_element_before(child, *order[order.index(tag) + 1 :])


def _get_or_insert(parent, tag: str, order: tuple[str, ...]):
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        _insert_in_order(parent, child, order)
    return child


def _style_name(role: str) -> str:
    return STYLES[role].name


def _add_paragraph(doc: DocxDocument, role: str, text: str) -> DocxParagraph:
    paragraph = doc.add_paragraph(style=_style_name(role))
    _add_text(paragraph, role, _clean(text))
    return paragraph


def _add_text(paragraph: DocxParagraph, role: str, text: str) -> None:
    """One run per line, joined by line breaks, each formatted with the role's font."""
    spec = STYLES[role]
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.runs[-1].add_break()
        _format_run(paragraph.add_run(line), spec)


def _format_run(run: Run, spec: TextStyle) -> None:
    _apply_font(run._r.get_or_add_rPr(), spec)


def _apply_font(rPr, spec: TextStyle) -> None:
    """Font name in all four w:rFonts slots, size, bold and colour on a w:rPr (of a run or a style)."""
    _set_rfonts(rPr, spec.font.name)
    if spec.bold:
        rPr.get_or_add_b().set(qn("w:val"), "1")
    if spec.color:
        rPr.get_or_add_color().set(qn("w:val"), spec.color)
    if spec.char_spacing_twips:
        _get_or_insert(rPr, "w:spacing", _RPR_ORDER).set(qn("w:val"), str(spec.char_spacing_twips))
    half_points = str(round(spec.size_pt * 2))
    rPr.get_or_add_sz().set(qn("w:val"), half_points)
    _get_or_insert(rPr, "w:szCs", _RPR_ORDER).set(qn("w:val"), half_points)


def _set_rfonts(rPr, name: str) -> None:
    rfonts = rPr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), name)


def _chars_to_twips(chars: float, font_pt: float) -> int:
    return round(chars * font_pt * 20)


def _set_ind(
    pPr,
    font_pt: float,
    *,
    first_line_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    hanging_chars: float = 0,
) -> None:
    """Indents in characters (w:*Chars, which Word uses) with twips beside them for other readers."""
    ind = pPr.get_or_add_ind()
    values = {
        "firstLine": first_line_chars,
        "left": left_chars,
        "right": right_chars,
        "hanging": hanging_chars,
    }
    for name, chars in values.items():
        if chars:
            ind.set(qn(f"w:{name}"), str(_chars_to_twips(chars, font_pt)))
            ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))


def _set_indent(paragraph: DocxParagraph, font_pt: float, **chars: float) -> None:
    _set_ind(paragraph._p.get_or_add_pPr(), font_pt, **chars)


def _set_paragraph_border(paragraph: DocxParagraph, side: str, color: str, size: int, space_pt: int) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    borders = _get_or_insert(pPr, "w:pBdr", _PPR_ORDER)
    border = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space_pt)), ("color", color)):
        border.set(qn(f"w:{key}"), value)
    borders.append(border)


def _set_table_layout(table, widths_mm: list[float]) -> None:
    """Fixed layout, centred, exact column widths (grid and every cell, as Word and LibreOffice read both)."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblPr = table._tbl.tblPr
    total = _get_or_insert(tblPr, "w:tblW", _TBLPR_ORDER)
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(sum(Mm(width).twips for width in widths_mm)))
    _get_or_insert(tblPr, "w:tblLayout", _TBLPR_ORDER).set(qn("w:type"), "fixed")
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _set_table_borders(table, **sides: dict[str, str]) -> None:
    tblPr = table._tbl.tblPr
    borders = tblPr.find(qn("w:tblBorders"))
    if borders is not None:
        tblPr.remove(borders)
    borders = OxmlElement("w:tblBorders")
    for side in _BORDER_ORDER:
        if side in sides:
            element = OxmlElement(f"w:{side}")
            for key, value in sides[side].items():
                element.set(qn(f"w:{key}"), value)
            borders.append(element)
    _insert_in_order(tblPr, borders, _TBLPR_ORDER)


def _set_table_cell_margins(table, *, left_twips: int, right_twips: int) -> None:
    tblPr = table._tbl.tblPr
    margins = _get_or_insert(tblPr, "w:tblCellMar", _TBLPR_ORDER)
    for side, twips in (("left", left_twips), ("right", right_twips)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)


def _fit_size_pt(text: str, width_mm: float) -> float:
    """The largest whole point size at which `text` fits on one line of `width_mm`."""
    width = text_width_chars(text)
    if width == 0:
        return ISSUER_MAX_PT
    return float(int(Mm(width_mm).pt / width))
