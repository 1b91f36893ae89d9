"""Reading: encodings, normalisation, .docx body order and tables, .pdf text layers, format detection."""

import io

import docx
from pdfgen import build_pdf, paginate

from gongzhi.plans.parsing import parse_bytes
from gongzhi.plans.parsing.reading import read

SAMPLE = "示例县人民政府办公室\n关于做好测试工作的通知\n一、完善制度。（牵头单位：县财政局、县税务局）\n"


def test_utf8_bom_gbk_gb18030_and_crlf_read_the_same():
    results = []
    for data in (
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        SAMPLE.replace("\n", "\r\n").encode("gbk"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("utf-16"),
    ):
        source = read(data, "a.txt")
        results.append(source.text)
    assert len(set(results)) == 1
    assert read(SAMPLE.encode("gbk"), "a.txt").encoding == "gbk"
    assert read(b"\xef\xbb\xbf" + SAMPLE.encode(), "a.txt").encoding == "utf-8-sig"


def test_gb18030_only_characters():
    text = SAMPLE.replace("测试", "测试䶮")  # 䶮 is outside GBK
    assert read(text.encode("gb18030"), "a.txt").text.count("䶮") == 1


def test_normalisation_of_spaces_blank_lines_and_invisible_characters():
    raw = "\u3000\u3000一、完善制度。\u00a0（牵头单位：县财政局）\u200b\r\n\r\n\n  二、其他。 \n"
    source = read(raw.encode("utf-8"), "a.txt")
    assert source.text == "一、完善制度。 （牵头单位：县财政局）\n二、其他。"
    assert [(ln.start, ln.end) for ln in source.lines] == [(0, 19), (20, 25)]


def test_format_is_detected_from_content_not_only_the_extension():
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("一、完善制度。（牵头单位：县财政局）")
    document.save(buffer)
    assert read(buffer.getvalue(), "上传文件").source_format == "docx"
    pdf = build_pdf(paginate(["一、完善制度。（牵头单位：县财政局）"]))
    assert read(pdf, "上传文件.txt").source_format == "pdf"


def test_docx_paragraphs_and_tables_in_body_order():
    document = docx.Document()
    document.add_paragraph("示例县人民政府办公室")
    document.add_paragraph("关于印发重点任务分工的通知")
    document.add_paragraph("一、总体要求")
    table = document.add_table(rows=3, cols=4)
    for r, row in enumerate(
        [
            ("序号", "主要任务", "牵头单位", "配合单位"),
            ("1", "推进示范建设，建成示范点不少于3个。", "县发展改革局", "县财政局、各乡镇人民政府"),
            ("2", "完善工作机制。", "县民政局", "县司法局等有关部门"),
        ]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("二、保障措施")
    document.add_paragraph("（一）加强领导。（牵头单位：县委办）")
    buffer = io.BytesIO()
    document.save(buffer)
    source = read(buffer.getvalue(), "a.docx")
    texts = [ln.text for ln in source.lines]
    assert (
        texts.index("一、总体要求")
        < texts.index("序号\t主要任务\t牵头单位\t配合单位")
        < texts.index("二、保障措施")
    )

    (doc,) = parse_bytes(buffer.getvalue(), "a.docx").documents
    rows = [t for t in doc.tasks if t.from_table]
    assert [(t.number, t.lead_units, t.cooperating_units, t.open_ended) for t in rows] == [
        ("1", ["县发展改革局"], ["县财政局", "各乡镇人民政府"], False),
        ("2", ["县民政局"], ["县司法局"], True),
    ]
    assert [(x.comparator, x.value, x.unit) for x in rows[0].targets] == [(">=", 3, "个")]
    assert rows[0].path == ["一、总体要求"]
    assert [t.number for t in doc.tasks] == ["1", "2", "（一）"]
    for task in doc.tasks:
        assert doc.text[task.source_span[0] : task.source_span[1]] == task.text


def test_pdf_text_layer_wrapped_lines_and_page_numbers_are_rejoined():
    paragraphs = [
        "示例县民政局",
        "关于印发养老服务工作要点的通知",
        "示民发〔2024〕1号",
        "一、推进家庭养老床位建设，全年新增家庭养老床位不少于200张，到2025年，护理型床位占比达到60%。（牵头单位：县民政局；配合单位：县财政局）",
        "=== page ===",
        "二、加强养老护理员培训，培训养老护理员不少于500人次。（县人力资源社会保障局牵头，县民政局配合）",
    ]
    data = build_pdf(paginate(paragraphs, width=20))
    source = read(data, "a.pdf")
    assert "— 1 —" not in source.text
    (doc,) = parse_bytes(data, "a.pdf").documents
    assert doc.doc_number == "示民发〔2024〕1号"
    assert [(t.number, t.lead_units, t.cooperating_units) for t in doc.tasks] == [
        ("一、", ["县民政局"], ["县财政局"]),
        ("二、", ["县人力资源社会保障局"], ["县民政局"]),
    ]
    assert [(x.value, x.unit, x.deadline_year) for x in doc.tasks[0].targets] == [
        (200, "张", None),
        (60, "%", 2025),
    ]


def test_member_list_laid_out_as_a_docx_table():
    document = docx.Document()
    for text in [
        "示例县人民政府办公室",
        "关于成立示例县数据共享工作领导小组的通知",
        "示政办字〔2024〕3号",
        "各乡镇人民政府：",
    ]:
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=3)
    rows = [
        ("组长", "王  刚", "县委常委、常务副县长"),
        ("副组长", "李晓明", "县政府办公室主任"),
        ("成员", "刘洋", "县财政局局长"),
        ("", "张伟", "县市场监管局局长"),
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("领导小组办公室设在县大数据局，李晓明同志兼任办公室主任。")
    document.add_paragraph("一、统筹数据共享。（牵头单位：县大数据局）")
    buffer = io.BytesIO()
    document.save(buffer)
    (doc,) = parse_bytes(buffer.getvalue(), "g.docx").documents
    (group,) = doc.groups
    assert (group.name, group.office_unit, group.office_director) == (
        "示例县数据共享工作领导小组",
        "县大数据局",
        "李晓明",
    )
    assert [(m.name, m.role, m.title) for m in group.members] == [
        ("王刚", "组长", "县委常委、常务副县长"),
        ("李晓明", "副组长", "县政府办公室主任"),
        ("刘洋", "成员", "县财政局局长"),
        ("张伟", "成员", "县市场监管局局长"),
    ]
