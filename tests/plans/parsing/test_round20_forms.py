"""Forms that round 20 (the blind set r199–r208 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某区), the units and the figures are made
up. Each form is written in two spellings so that a rule fitting only one text fails. Expected
values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes, first_task_targets

from gongzhi.plans.parsing import parse_bytes, parse_text


@pytest.mark.parametrize("space", [" ", ""])
def test_items_numbered_with_the_sentence_full_stop(space):
    text = (
        "某某市2021年测试为民办实事项目如下（测试）：\n"
        f"1。{space}新改扩建20所测试幼儿园；\n2。{space}持续实施测试健康工程；\n3。{space}新建10家测试照护机构；\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1。", "2。", "3。"]
    assert [[(g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [(20, "所")],
        [],
        [(10, "家")],
    ]


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_table_one_cell_a_paragraph_with_section_headings_between_its_rows(gap):
    cells = [
        "序号", "主要工作举措", "牵头单位", "配合单位", "责任领导",
        "一、做大测试产业",
        "1", "加快构建测试产业体系。", "区甲局", "区乙局、区丙局",
        "2", "推动测试项目开工建设。", "区丁委", "区乙局", "测试领导甲",
        "二、提升测试服务",
        "3", "完善测试服务体系。", "区戊局", "区甲局", "测试领导乙",
    ]  # fmt: skip
    text = "某某区2024年测试工作任务分解表（测试）" + gap + gap.join(cells) + "\n"
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units, t.cooperating_units) for t in document.tasks] == [
        ("1", ["区甲局"], ["区乙局", "区丙局"]),
        ("2", ["区丁委"], ["区乙局"]),
        ("3", ["区戊局"], ["区甲局"]),
    ]
    assert [t.path[-1] for t in document.tasks] == [
        "一、做大测试产业",
        "一、做大测试产业",
        "二、提升测试服务",
    ]


@pytest.mark.parametrize(("star", "dot"), [("★", "."), ("☆", "、")])
def test_a_number_merged_over_rows_that_number_themselves_and_a_starred_lead(star, dot):
    rows = [
        ["序号", "重点工作目标任务", "责任单位"],
        ["1", f"1{dot}测试生产总值增长5%以上。", f"{star}区甲委、乙局"],
        [None, f"2{dot}测试预算收入增长6%以上。", f"{star}区丙局、丁局"],
        [None, f"3{dot}测试投资增长10%以上。", f"区戊局、{star}区己局"],
    ]
    data = docx_bytes(
        ["某某区2024年测试重点工作目标任务分解落实方案（测试）"], rows, merges=[((1, 0), (3, 0))]
    )
    (document,) = parse_bytes(data, "方案.docx").documents
    assert [(t.number, t.lead_units, t.responsible_units) for t in document.tasks] == [
        (f"1{dot}", ["区甲委"], ["乙局"]),
        (f"2{dot}", ["区丙局"], ["丁局"]),
        (f"3{dot}", ["区己局"], ["区戊局"]),
    ]


@pytest.mark.parametrize("past", ["刚刚过去的2020年", "刚过去的2020年"])
def test_this_year_after_the_year_just_past(past):
    text = (
        f"民生无小事（测试）。{past}，市委、市政府实施36个测试项目。今年，某某市将实施39个测试项目，如下：\n"
        "1. 新建10家测试照护机构；\n2. 打造14个测试养老中心；\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.value, g.deadline_year) for t in document.tasks for g in t.targets] == [(10, 2021), (14, 2021)]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("改善全市60所测试学校教室环境。", 60, "所"), ("为约9200名测试对象提供免费评定服务。", 9200, "名")],
)
def test_schools_improved_and_about_a_count_served(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "实施13所测试小学清凉工程,惠及学生1.5万人次。",
            [(">=", 13, "所", 2020), (">=", 1.5, "万人次", 2020)],
        ),
        ("改造10千伏测试线路8.46公里,受益群众5万人。", [(">=", 8.46, "公里", 2020)]),
        ("有效改善9万人口的测试饮水安全问题。", []),
    ],
)
def test_people_a_service_reaches_against_beneficiaries_of_works(sentence, expected):
    assert first_task_targets(sentence) == expected
