"""Forms that round 21 (the blind set r209–r217 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某市, 甲县), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import first_task_targets

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize("verb", ["负责考核", "负责组织实施"])
def test_a_sections_own_sentence_names_the_lead_of_its_items(verb):
    text = (
        "某某市2010年度测试责任目标考核办法（测试）\n"
        "一、测试综合指标考核\n"
        f"主要考核2项指标，由市甲委{verb}，市乙局提供数据。\n"
        "1.测试生产总值（250分）。\n2.测试财政收入（250分）。\n"
        "二、测试项目建设考核\n"
        "1.测试项目开工率（100分）。（牵头单位：市丙局）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units) for t in document.tasks] == [
        ("1.", ["市甲委"]),
        ("2.", ["市甲委"]),
        ("1.", ["市丙局"]),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "报告指出，2022年县政府将继续优先保障民生投入，重点抓好10件民生实事：",
        "2022年，全县将集中力量办好十件民生实事，具体如下：",
    ],
)
def test_the_year_of_the_sentence_that_announces_the_list(sentence):
    text = f"某某县测试新闻（测试）\n{sentence}\n(1)新增测试就业5500人以上。\n(2)改造测试危桥4座。\n"
    (document,) = parse_text(text).documents
    assert [(g.value, g.deadline_year) for t in document.tasks for g in t.targets] == [
        (5500, 2022),
        (4, 2022),
    ]


@pytest.mark.parametrize(
    "past",
    ["刚刚过去的2020年，测试市实施36个为民办实事项目", "刚过去的2020年，测试市36个实事项目已顺利完成"],
)
def test_a_sentence_on_last_years_list_gives_no_year(past):
    text = f"测试要闻（测试）\n{past}。\n1. 新建10家测试照护机构；\n2. 打造14个测试养老中心；\n"
    (document,) = parse_text(text).documents
    assert {g.deadline_year for t in document.tasks for g in t.targets} != {2020}


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("城镇及农村妇女“两癌”免费检查5300人。", 5300, "人"), ("改造测试老旧小区10栋。", 10, "栋")],
)
def test_people_examined_and_buildings_renovated(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize("item_header", ["实事项目", "项目名称"])
def test_the_items_own_cell_states_targets_beside_its_measures(item_header):
    text = (
        "某某区2022年测试民生实事项目工作举措及实施计划（测试）\n"
        f"序号 | {item_header} | 工作举措及实施计划 | 责任单位 |\n"
        "1 | 新增测试公办学位6800个。 | 1.4月底前测试幼儿园主体完工。 2.9月底前完成测试学位500个。 | 区甲局 |\n"
        "2 | 完善测试服务体系。 | 1.6月底前建成测试驿站2家。 | 区乙局 |\n"
    )
    (document,) = parse_text(text).documents
    assert [[(g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [(6800, "个"), (500, "个")],
        [(2, "家")],
    ]
