"""公文 rendering, checked by reading the .docx back (and, where LibreOffice is installed, its PDF)."""

import datetime
import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongzhi.core.exporters.docx import (
    LINE_PITCH_PT,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    cn_date,
    cn_numeral,
    heading_number,
    render_official_document,
)

TITLE = "关于2025年第二季度涉税数据报送情况的通报"
LATE_UNITS = [
    ["1", "区医疗保障分局", "3", "2"],
    ["2", "区住房和城乡建设局", "3", "1"],
    ["3", "区市场监督管理局", "3", "1"],
]
BODY = [
    Heading("一、总体情况", 1),
    Paragraph("根据《周村区税费协同共治工作方案》，现将第二季度涉税数据报送情况通报如下。"),
    Heading("（一）按时报送情况", 2),
    Paragraph("全区25个部门应报送数据75次，按时报送68次。"),
    Heading("1．数据完整性", 3),
    Heading("（1）缺项情况", 4),
    Table(["序号", "单位", "应报次数", "迟报次数"], LATE_UNITS, widths_mm=[15, 81, 30, 30]),
    Heading("二、下一步工作要求", 1),
    Paragraph("各单位要高度重视，按照数据共享需求清单按时报送，确保数据真实、准确、完整。", bold=True),
]


def render(path: Path, **overrides) -> docx.document.Document:
    arguments = {
        "title": TITLE,
        "body": BODY,
        "issuer_mark": "周村区人民政府办公室文件",
        "doc_number": "周政办字〔2023〕8号",
        "recipients": "各镇人民政府、街道办事处，区政府各部门",
        "attachments": ["迟报单位名单", "数据质量评分表。"],
        "signature": "周村区人民政府办公室",
        "date": datetime.date(2025, 6, 30),
        "copy_note": "区委办公室，区人大常委会办公室",
    } | overrides
    assert render_official_document(path, **arguments) == path
    return docx.Document(str(path))


@pytest.fixture
def document(tmp_path):
    return render(tmp_path / "通报.docx")


def paragraph_by_text(doc, text: str):
    return next(p for p in doc.paragraphs if p.text == text)


def alignment(paragraph):
    return paragraph.paragraph_format.alignment or paragraph.style.paragraph_format.alignment


def run_east_asia(run) -> str:
    return run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def style_east_asia(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def ind(paragraph_or_style):
    pPr = (
        paragraph_or_style.element.pPr
        if hasattr(paragraph_or_style, "style_id")
        else paragraph_or_style._p.pPr
    )
    return pPr.find(qn("w:ind"))


# --- page ----------------------------------------------------------------------------------------


def test_the_page_is_a4_with_the_gb_margins(document):
    section = document.sections[0]
    expected = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }
    for name, millimetres in expected.items():
        assert getattr(section, name).mm == pytest.approx(millimetres, abs=0.05), name


def test_the_type_area_holds_22_lines_of_28_characters(document):
    section = document.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    area_height_pt = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    area_width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700

    body = document.styles["公文正文"]
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    pitch = body.paragraph_format.line_spacing.pt
    assert pitch == pytest.approx(LINE_PITCH_PT, abs=0.01)
    assert 22 * pitch <= area_height_pt < 23 * pitch

    spacing_twips = int(body.element.rPr.find(qn("w:spacing")).get(qn("w:val")))
    char_pt = body.font.size.pt + spacing_twips / 20
    assert 28 * char_pt <= area_width_pt < 29 * char_pt


# --- fonts and sizes -----------------------------------------------------------------------------


def test_the_title_is_xiaobiaosong_2hao_centred_with_the_east_asian_font_set(document):
    title = paragraph_by_text(document, TITLE)
    assert title.style.name == "公文标题"
    assert alignment(title) == WD_ALIGN_PARAGRAPH.CENTER
    assert style_east_asia(title.style) == "方正小标宋简体"
    for run in title.runs:
        assert run.font.size == Pt(22)
        rfonts = run._r.rPr.find(qn("w:rFonts"))
        assert {rfonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            "方正小标宋简体"
        }


@pytest.mark.parametrize(
    ("text", "style_name", "font", "bold"),
    [
        ("一、总体情况", "一级标题", "黑体", False),
        ("（一）按时报送情况", "二级标题", "楷体_GB2312", False),
        ("1．数据完整性", "三级标题", "仿宋_GB2312", True),
        ("（1）缺项情况", "四级标题", "仿宋_GB2312", True),
        ("全区25个部门应报送数据75次，按时报送68次。", "公文正文", "仿宋_GB2312", False),
    ],
)
def test_headings_and_body_use_their_gb_fonts_in_3hao(document, text, style_name, font, bold):
    paragraph = paragraph_by_text(document, text)
    assert paragraph.style.name == style_name
    assert style_east_asia(paragraph.style) == font
    assert paragraph.style.font.size == Pt(16)
    assert bool(paragraph.style.font.bold) is bold
    for run in paragraph.runs:
        assert run_east_asia(run) == font
        assert run.font.size == Pt(16)
        assert bool(run.font.bold) is bold
    # First line indented two characters, in characters (Word) and in twips (other readers).
    indent = ind(paragraph.style)
    assert indent.get(qn("w:firstLineChars")) == "200"
    assert paragraph.style.paragraph_format.first_line_indent == Pt(32)


def test_headings_are_outline_levels_for_the_navigation_pane(document):
    levels = {
        name: document.styles[name].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val"))
        for name in ("一级标题", "二级标题", "三级标题", "四级标题")
    }
    assert levels == {"一级标题": "0", "二级标题": "1", "三级标题": "2", "四级标题": "3"}


def test_document_defaults_name_the_east_asian_font_and_no_theme_fonts(document):
    rPr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rfonts = rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not [name for name in rfonts.attrib if name.endswith("Theme") or name.endswith("theme")]
    assert rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_the_font_table_declares_the_fallbacks(document):
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    fonts = parse_xml(part.blob)
    alt_names = {
        font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
        for font in fonts.findall(qn("w:font"))
        if font.find(qn("w:altName")) is not None
    }
    assert alt_names["仿宋_GB2312"] == "仿宋"
    assert alt_names["楷体_GB2312"] == "楷体"
    assert alt_names["方正小标宋简体"] == "小标宋,宋体"


# --- the parts of the document, in order -----------------------------------------------------------


def test_the_parts_come_in_gb_order(document):
    texts = [p.text for p in document.paragraphs if p.text]
    expected = [
        "周村区人民政府办公室文件",
        "周政办字〔2023〕8号",
        TITLE,
        "各镇人民政府、街道办事处，区政府各部门：",
        "一、总体情况",
        "（一）按时报送情况",
        "1．数据完整性",
        "（1）缺项情况",
        "二、下一步工作要求",
        "附件：1．迟报单位名单",
        "2．数据质量评分表",
        "周村区人民政府办公室",
        "2025年6月30日",
    ]
    positions = [texts.index(text) for text in expected]
    assert positions == sorted(positions)
    # The table of late units sits between the level-4 heading and the next level-1 heading.
    body = document.element.body
    children = list(body)
    table_index = children.index(document.tables[0]._tbl)
    heading4 = children.index(paragraph_by_text(document, "（1）缺项情况")._p)
    heading1 = children.index(paragraph_by_text(document, "二、下一步工作要求")._p)
    assert heading4 < table_index < heading1


def test_the_red_head_doc_number_and_separator(document):
    mark = paragraph_by_text(document, "周村区人民政府办公室文件")
    assert alignment(mark) == WD_ALIGN_PARAGRAPH.CENTER
    assert style_east_asia(mark.style) == "方正小标宋简体"
    assert all(str(run.font.color.rgb) == "FF0000" for run in mark.runs)
    assert max(run.font.size.pt for run in mark.runs) <= 36

    number = paragraph_by_text(document, "周政办字〔2023〕8号")
    assert alignment(number) == WD_ALIGN_PARAGRAPH.CENTER
    assert number.paragraph_format.space_before == Pt(2 * LINE_PITCH_PT)  # 发文机关标志下空二行
    separator = number._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert separator.get(qn("w:val")) == "single" and separator.get(qn("w:color")) == "FF0000"
    title = paragraph_by_text(document, TITLE)
    assert title.paragraph_format.space_before == Pt(2 * LINE_PITCH_PT)  # 分隔线下空二行


def test_recipients_are_flush_left_with_a_full_width_colon(tmp_path):
    doc = render(tmp_path / "a.docx", recipients="区直各部门：")
    paragraph = paragraph_by_text(doc, "区直各部门：")
    assert alignment(paragraph) == WD_ALIGN_PARAGRAPH.LEFT
    assert ind(paragraph.style) is None and ind(paragraph) is None


def test_body_paragraphs_are_indented_two_characters_and_may_be_bold(document):
    text = "各单位要高度重视，按照数据共享需求清单按时报送，确保数据真实、准确、完整。"
    paragraph = paragraph_by_text(document, text)
    assert paragraph.style.name == "公文正文"
    assert alignment(paragraph) == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert all(run.font.bold for run in paragraph.runs)


def test_attachments_are_numbered_and_aligned_under_the_first_name(document):
    first = paragraph_by_text(document, "附件：1．迟报单位名单")
    second = paragraph_by_text(document, "2．数据质量评分表")
    assert first.paragraph_format.space_before == Pt(LINE_PITCH_PT)  # 正文下空一行
    # Both start their number at 5 characters: 2 of indent + "附件：".
    first_ind, second_ind = ind(first), ind(second)
    assert int(first_ind.get(qn("w:leftChars"))) - int(first_ind.get(qn("w:hangingChars"))) == 200
    assert int(second_ind.get(qn("w:leftChars"))) - int(second_ind.get(qn("w:hangingChars"))) == 500


def test_a_single_attachment_has_no_number(tmp_path):
    doc = render(tmp_path / "a.docx", attachments=["迟报单位名单"])
    assert "附件：迟报单位名单" in [p.text for p in doc.paragraphs]


def test_signature_is_centred_over_the_date_which_ends_four_characters_in(document):
    signature = paragraph_by_text(document, "周村区人民政府办公室")
    date = paragraph_by_text(document, "2025年6月30日")
    assert alignment(signature) == alignment(date) == WD_ALIGN_PARAGRAPH.RIGHT
    assert ind(date).get(qn("w:rightChars")) == "400"
    # 10 characters above a 6.5-character date ending 4 characters in: (4 + (6.5 - 10) / 2) = 2.25.
    assert ind(signature).get(qn("w:rightChars")) == "225"
    assert signature.paragraph_format.space_before == Pt(2 * LINE_PITCH_PT)  # room for the seal
    children = list(document.element.body)
    assert children.index(date._p) == children.index(signature._p) + 1


def test_copy_note_sits_between_two_rules_and_ends_with_a_full_stop(document):
    cell = document.tables[-1].rows[0].cells[0]
    assert cell.text == "抄送：区委办公室，区人大常委会办公室。"
    borders = document.tables[-1]._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:top")).get(qn("w:val")) == "single"
    assert borders.find(qn("w:bottom")).get(qn("w:val")) == "single"
    assert borders.find(qn("w:left")).get(qn("w:val")) == "nil"
    assert all(run.font.size == Pt(14) for run in cell.paragraphs[0].runs)


# --- tables --------------------------------------------------------------------------------------


def test_a_table_has_a_bold_repeated_header_borders_and_the_given_widths(document):
    table = document.tables[0]
    assert len(table.rows) == 1 + len(LATE_UNITS)
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == ["序号", "单位", "应报次数", "迟报次数"]
    assert all(run.font.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [[cell.text for cell in row.cells] for row in table.rows[1:]] == LATE_UNITS

    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [Mm(width).twips for width in (15, 81, 30, 30)]
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        assert borders.find(qn(f"w:{side}")).get(qn("w:val")) == "single", side

    cell = table.rows[1].cells[1]
    assert cell.paragraphs[0].style.name == "表格文字"
    assert style_east_asia(cell.paragraphs[0].style) == "仿宋_GB2312"
    assert all(
        run.font.size == Pt(12) and run_east_asia(run) == "仿宋_GB2312" for run in cell.paragraphs[0].runs
    )


def test_table_widths_default_to_equal_and_shrink_to_the_type_area(tmp_path):
    doc = render(
        tmp_path / "a.docx",
        body=[
            Table(["甲", "乙"], [["1", "2"]]),
            Table(["甲", "乙"], [["1", "2"]], widths_mm=[200, 100], font_pt=14),
        ],
        copy_note=None,
    )
    for table, expected in zip(doc.tables, ([78, 78], [104, 52]), strict=True):
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert grid == [Mm(width).twips for width in expected]
    assert doc.tables[1].rows[1].cells[0].paragraphs[0].runs[0].font.size == Pt(14)


def test_a_table_row_of_the_wrong_length_is_refused(tmp_path):
    with pytest.raises(ValueError, match="row 1 has 1 cells, expected 2"):
        render(tmp_path / "a.docx", body=[Table(["甲", "乙"], [["1"]])])


# --- page numbers --------------------------------------------------------------------------------


def test_page_numbers_are_a_page_field_between_dashes_odd_right_even_left(document):
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer is True
    for footer, expected in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        assert not footer.is_linked_to_previous
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == expected
        xml = paragraph._p
        kinds = [char.get(qn("w:fldCharType")) for char in xml.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [instr.text.strip() for instr in xml.iter(qn("w:instrText"))] == ["PAGE"]
        assert paragraph.text == "— 1 —"  # the cached result between the dashes
        assert all(run_east_asia(run) == "宋体" and run.font.size == Pt(14) for run in paragraph.runs)


# --- odds and ends -------------------------------------------------------------------------------


def test_a_plain_document_without_head_or_signature(tmp_path):
    doc = render(
        tmp_path / "a.docx",
        issuer_mark=None,
        doc_number=None,
        recipients=None,
        attachments=[],
        signature=None,
        date=None,
        copy_note=None,
        body=[Paragraph("第一段。\n第二段。"), PageBreak(), Paragraph("第三段。")],
    )
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts == [TITLE, "第一段。", "第二段。", "第三段。"]
    title = paragraph_by_text(doc, TITLE)
    assert title.paragraph_format.space_before is None  # no red head: the title opens the page
    assert not doc.tables
    assert any(br.get(qn("w:type")) == "page" for br in doc.element.body.iter(qn("w:br")))


def test_date_without_signature_and_multi_line_title(tmp_path):
    doc = render(tmp_path / "a.docx", title="关于开展儿童友好城市建设\n工作的通知", signature=None)
    title = doc.paragraphs[2]
    assert title.text == "关于开展儿童友好城市建设\n工作的通知"
    assert paragraph_by_text(doc, "2025年6月30日").paragraph_format.space_before == Pt(2 * LINE_PITCH_PT)


def test_core_properties_are_chinese_and_name_no_tool(document):
    properties = document.core_properties
    assert properties.title == TITLE
    assert properties.subject == "周政办字〔2023〕8号"
    assert properties.author == "周村区人民政府办公室"
    assert properties.language == "zh-CN"
    assert "python-docx" not in (properties.comments + properties.author + properties.last_modified_by)


def test_characters_xml_cannot_hold_are_dropped(tmp_path):
    doc = render(tmp_path / "a.docx", body=[Paragraph("数据\x0b真实\x00准确")])
    assert "数据真实准确" in [p.text for p in doc.paragraphs]


def test_a_failed_render_leaves_the_previous_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "通报.docx"
    path.write_bytes(b"previous")
    with pytest.raises(ValueError, match="heading level"):
        render(path, body=[Heading("五级", 5)])
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通报.docx"]


def test_an_empty_title_is_refused(tmp_path):
    with pytest.raises(ValueError, match="title"):
        render(tmp_path / "a.docx", title="  ")


def test_chinese_dates_and_numbers():
    assert cn_date(datetime.date(2025, 6, 30)) == "2025年6月30日"
    assert cn_date(datetime.datetime(2023, 1, 5, 23, 59)) == "2023年1月5日"
    assert [cn_numeral(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]
    assert [heading_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3．", "（3）"]
    with pytest.raises(ValueError):
        heading_number(5, 1)


# --- LibreOffice ---------------------------------------------------------------------------------


def test_libreoffice_converts_it_to_an_a4_pdf(tmp_path, soffice_writer):
    import pdfplumber

    source = tmp_path / "tongbao.docx"
    render(source)
    pdf_path = soffice_writer(source, "pdf")
    assert pdf_path.exists() and pdf_path.stat().st_size > 0
    with pdfplumber.open(pdf_path) as pdf:
        first = pdf.pages[0]
        assert (first.width, first.height) == pytest.approx((595.3, 841.9), abs=1)
        text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "")
    assert "周政办字〔2023〕8号" in text
    assert "迟报单位名单" in text and "2025年6月30日" in text
    assert re.search(r"—1—", text)


def test_libreoffice_lays_out_22_lines_of_28_characters_with_odd_and_even_page_numbers(
    tmp_path, soffice_writer, cjk_fonts
):
    import pdfplumber

    # No punctuation, so that no line-breaking rule moves a character to the next line.
    sentence = "各单位要高度重视认真落实数据共享需求清单确保涉税数据真实准确完整"
    source = tmp_path / "long.docx"
    render(source, body=[Paragraph(sentence * 40)], attachments=[], signature=None, date=None, copy_note=None)
    pdf_path = soffice_writer(source, "pdf")
    bottom_of_type_area = Mm(297 - 35).pt
    with pdfplumber.open(pdf_path) as pdf:
        second = pdf.pages[1]
        lines = [line for line in second.extract_text_lines() if line["top"] < bottom_of_type_area]
        footer = [line for line in second.extract_text_lines() if line["top"] >= bottom_of_type_area]
        first_footer = [
            line for line in pdf.pages[0].extract_text_lines() if line["top"] >= bottom_of_type_area
        ]
    assert len(lines) == 22
    assert [len(line["text"].replace(" ", "")) for line in lines[:-1]] == [28] * 21
    # Page 2 (even) numbered on the left, page 1 (odd) on the right.
    assert footer[0]["text"].replace(" ", "") == "—2—" and footer[0]["x1"] < second.width / 2
    assert first_footer[0]["text"].replace(" ", "") == "—1—" and first_footer[0]["x0"] > second.width / 2


def test_property_elements_are_in_schema_order(tmp_path):
    """Word refuses a document whose w:pPr / w:rPr / w:tblPr children are out of schema order."""
    import zipfile

    from gongzhi.core.exporters.docx import _PPR_ORDER, _RPR_ORDER, _TBLPR_ORDER

    path = tmp_path / "a.docx"
    render(path)
    orders = {"pPr": _PPR_ORDER, "rPr": _RPR_ORDER, "tblPr": _TBLPR_ORDER}
    with zipfile.ZipFile(path) as archive:
        parts = [
            name
            for name in archive.namelist()
            if re.fullmatch(r"word/(document|styles|footer\d*)\.xml", name)
        ]
        assert len(parts) >= 4
        for name in parts:
            root = parse_xml(archive.read(name))
            for local, order in orders.items():
                for element in root.iter(qn(f"w:{local}")):
                    tags = ["w:" + child.tag.rsplit("}", 1)[1] for child in element]
                    positions = [order.index(tag) for tag in tags]
                    assert positions == sorted(positions), (name, local, tags)
