"""Numbering styles (data), levels by first appearance, short titles, metadata helpers."""

import pytest

from gongzhi.plans.parsing import parse_text
from gongzhi.plans.parsing.metadata import parse_date
from gongzhi.plans.parsing.numbering import STYLES, LevelTracker, cn_to_int, match_marker
from gongzhi.plans.parsing.outline import split_title


@pytest.mark.parametrize(
    ("line", "style", "number"),
    [
        ("一、总体要求", "cn_comma", "一、"),
        ("（一）指导思想。坚持", "cn_paren", "（一）"),
        ("(二)工作目标", "cn_paren", "(二)"),
        ("1．实施行动", "arabic_dot", "1．"),
        ("12.实施行动", "arabic_dot", "12."),
        ("1、实施行动", "arabic_comma", "1、"),
        ("（1）加强规划", "arabic_paren", "（1）"),
        ("(41)加强规划", "arabic_paren", "(41)"),
        ("①严格落实", "circled", "①"),
        ("第一章 总则", "chapter", "第一章"),
        ("第二节 规划", "section", "第二节"),
        ("第十二条 本办法", "article", "第十二条"),
    ],
)
def test_markers(line, style, number):
    marker = match_marker(line)
    assert (marker.style, marker.number) == (style, number)


@pytest.mark.parametrize(
    "line", ["2023年3月28日", "1.5万人", "十四五时期", "一是加强", "（2021—2025年）", "1．", "12岁儿童"]
)
def test_not_markers(line):
    assert match_marker(line) is None


def test_styles_are_a_table():
    keys = [s.key for s in STYLES]
    assert len(keys) == len(set(keys)) >= 10


def test_levels_follow_first_appearance():
    tracker = LevelTracker()
    # A document that puts 1． above （一）: the order of first appearance wins.
    assert [
        tracker.place(s) for s in ["cn_comma", "arabic_dot", "cn_paren", "cn_paren", "arabic_dot", "cn_comma"]
    ] == [
        0,
        1,
        2,
        2,
        1,
        0,
    ]


def test_a_major_style_climbs_out_of_stray_minor_numbering():
    tracker = LevelTracker()
    assert [tracker.place(s) for s in ["arabic_dot", "arabic_dot", "cn_comma", "arabic_dot"]] == [0, 0, 0, 1]
    tracker = LevelTracker()
    assert [
        tracker.place(s)
        for s in ["chapter", "article", "cn_paren", "article", "section", "article", "chapter"]
    ] == [
        0,
        1,
        2,
        1,
        1,
        2,
        0,
    ]


@pytest.mark.parametrize(
    ("rest", "title"),
    [
        ("加强儿童友好规划设计。推动将建设儿童友好城市纳入规划。", "加强儿童友好规划设计"),
        ("完善儿童友好社会政策", "完善儿童友好社会政策"),
        ("成立区、镇（街道）、社区（学校）三级儿童议事会，广泛开展活动。", None),
        ("指导思想：坚持以人民为中心。", "指导思想"),
    ],
)
def test_short_titles(rest, title):
    assert split_title(rest) == title


def test_chinese_numerals_and_dates():
    assert cn_to_int("二十八") == 28
    assert cn_to_int("一百零五") == 105
    assert cn_to_int("二〇二三") == 2023
    assert parse_date("2023年3月28日") == "2023-03-28"
    assert parse_date("二〇二三年三月二十八日") == "2023-03-28"
    assert parse_date("2023年13月1日") is None


def test_numbering_runs_on_across_sections_and_paths_name_the_ancestors():
    text = (
        "某县人民政府\n关于印发某县行动方案的通知\n某政发[2024]3号\n各乡镇人民政府：\n现印发给你们。\n"
        "一、重点任务\n（一）完善政策\n1．政策设计\n（1）加强规划。内容。（牵头单位：县发展改革局）\n"
        "（2）体现视角。内容。（牵头单位：县自然资源局）\n（二）提升服务\n2．幼有善育\n"
        "（3）托育扩容，内容。（牵头单位：县卫生健康局）\n二、保障措施\n（一）加强领导。内容。\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.doc_number == "某政发[2024]3号"
    assert [(t.number, t.path) for t in doc.tasks] == [
        ("（1）", ["一、重点任务", "（一）完善政策", "1．政策设计"]),
        ("（2）", ["一、重点任务", "（一）完善政策", "1．政策设计"]),
        ("（3）", ["一、重点任务", "（二）提升服务", "2．幼有善育"]),
    ]
    assert [t.title for t in doc.tasks] == ["加强规划", "体现视角", None]


def test_fallback_to_leaf_items_of_the_main_section_when_no_clause_exists():
    text = (
        "某市城市更新实施方案\n一、总体要求\n（一）指导思想。略。\n二、主要任务\n（一）改造老旧小区\n"
        "1．完成改造小区100个。\n2．加装电梯不少于50部。\n（二）完善设施。到2025年，新建停车位2000个。\n三、保障措施\n（一）加强领导。略。\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.task_rule == "fallback_leaves"
    assert [t.number for t in doc.tasks] == ["1．", "2．", "（二）"]
    assert doc.title == "某市城市更新实施方案"
    assert all(not t.units for t in doc.tasks)


def test_doc_number_variants_and_red_header_layout():
    text = (
        "示例县人民政府文件\n示政发[2024]8号\n示例县人民政府关于加强某项工作的意见\n各乡镇人民政府：\n"
        "一、完善制度。（牵头单位：县财政局）\n示例县人民政府\n二〇二四年四月十日\n"
    )
    (doc,) = parse_text(text).documents
    assert (doc.issuer, doc.doc_number, doc.date) == ("示例县人民政府", "示政发[2024]8号", "2024-04-10")
    assert doc.title == "示例县人民政府关于加强某项工作的意见"


def test_attachment_list_with_several_items():
    text = (
        "示例县人民政府办公室\n关于印发两个方案的通知\n示政办发〔2024〕9号\n各乡镇人民政府：\n现印发给你们。\n"
        "附件：1．示例县甲方案\n      2．示例县乙方案\n示例县人民政府办公室\n2024年5月1日\n附件1\n示例县甲方案\n"
        "一、完善制度。（牵头单位：县财政局）\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.attachments == ["示例县甲方案", "示例县乙方案"]
    assert [t.number for t in doc.tasks] == ["一、"]
