"""Forms that round 19 (the blind set r189–r198 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某省, 甲县), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes, first_task_targets

from gongzhi.plans.parsing import parse_bytes, parse_text


@pytest.mark.parametrize("dot", [" .", " ．"])
def test_a_number_with_a_space_before_its_full_stop(dot):
    text = (
        "某某省2023年测试民生实事（测试）\n一、测试就业方面(2项)\n"
        f"1{dot}城镇新增测试就业23万人。\n2{dot}根治测试欠薪行为。\n3{dot}建设100个测试中心。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == [f"1{dot}", f"2{dot}", f"3{dot}"]
    assert [[(g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [(23, "万人")],
        [],
        [(100, "个")],
    ]


@pytest.mark.parametrize("count", ["(2项)", "（共3件）"])
def test_the_count_of_a_headings_items_is_no_target(count):
    text = (
        f"某某省2023年测试民生实事（测试）\n一、测试保障方面{count}\n1.建设50个测试站。\n2.完善测试制度。\n"
    )
    (document,) = parse_text(text).documents
    assert [[(g.value, g.unit) for g in t.targets] for t in document.tasks] == [[(50, "个")], []]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("为1.6万人(次)有需求的测试对象开展职业技能培训和创业培训。", 1.6, "万人(次)"),
        ("为8000户困难测试家庭和村级测试服务场所实施无障碍改造。", 8000, "户"),
    ],
)
def test_people_served_by_a_long_object(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize("verb", ["做好", "完成"])
def test_the_year_of_the_purpose_clause_before_xianjiu(verb):
    text = (
        "某某省人民政府关于落实《测试报告》重点工作部门分工的意见（测试）\n"
        f"为认真{verb}2019年政府工作，实现测试目标，现就测试报告确定的重点工作提出部门分工意见如下：\n"
        "一、主要预期目标\n主要预期目标：测试增长7%；测试失业率5%左右。\n"
        "二、重点工作\n（一）推进测试建设。（省甲厅牵头）\n"
    )
    (document,) = parse_text(text).documents
    assert document.end_year == 2019
    assert {g.deadline_year for g in document.targets} == {2019}


@pytest.mark.parametrize(
    "opening", ["2016年是测试规划的开局之年", "2016年是\n测试规划和\n测试攻坚的关键之年"]
)
def test_a_work_plan_that_opens_by_naming_its_year(opening):
    text = (
        f"{opening}，也是测试攻坚之年。总的工作要求是：坚持测试方针，抓好测试工作。\n"
        "1.加大测试扶贫力度。全年完成测试脱贫40万人以上。（责任单位：省有关部门）\n"
    )
    (document,) = parse_text(text).documents
    assert document.title != "2016年是测试规划和"
    assert [(g.value, g.deadline_year) for g in document.tasks[0].targets] == [(40, 2016)]


@pytest.mark.parametrize("verb", ["惠及", "受益"])
def test_the_beneficiaries_after_a_target_are_no_target(verb):
    sentence = f"硬化测试道路10万平方米并安装测试路灯1000盏,{verb}17个乡镇。"
    assert first_task_targets(sentence) == [(">=", 10, "万平方米", 2020), (">=", 1000, "盏", 2020)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("在39个村改造升级10千伏测试线路16.66公里。", [(">=", 16.66, "公里", 2020)]),
        (
            "在39个村改造升级10千伏测试线路16.66公里、0.4千伏线路200公里。",
            [(">=", 16.66, "公里", 2020), (">=", 200, "公里", 2020)],
        ),
        ("对全县17所乡(镇)测试幼儿园全面提档升级。", [(">=", 17, "所", 2020)]),
    ],
)
def test_places_with_a_quantity_of_work_after_them_and_a_voltage(sentence, expected):
    assert first_task_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("打通测试城区“断头路”20条。", 20, "条"), ("解决测试照明问题2500个。", 2500, "个")],
)
def test_roads_opened_and_problems_solved(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize("sentence", ["解决测试绿地500米服务半径盲区。", "消除测试公园300米半径盲区。"])
def test_a_radius_is_no_target(sentence):
    assert first_task_targets(sentence) == []


@pytest.mark.parametrize(("place", "generic"), [("岳麓区", "市直相关单位"), ("甲县", "有关部门")])
def test_a_place_and_a_generic_unit_joined_by_he(place, generic):
    text = f"某某市测试目标任务分解（测试）\n1.开展测试景区整治。（责任单位：测试局、{place}和{generic}）\n"
    (document,) = parse_text(text).documents
    assert document.tasks[0].responsible_units == ["测试局", place, generic]


@pytest.mark.parametrize(
    ("paragraphs", "name"),
    [(["市政", "府办", "公厅"], "市政府办公厅"), (["市", "监", "察", "局"], "市监察局")],
)
def test_a_lead_name_printed_down_a_narrow_cell(paragraphs, name):
    data = docx_bytes(
        ["某某市测试目标任务责任分解表（测试）"],
        [
            ["牵头单位", "目标任务", "责任单位"],
            [paragraphs, "强化测试监督。", "市直各单位"],
            [["产业科", "市测试中心"], "推进测试工作。", "市乙局"],
        ],
    )
    result = parse_bytes(data, "分解表.docx")
    (document,) = result.documents
    assert [t.lead_units for t in document.tasks] == [[name], ["产业科", "市测试中心"]]
    # the source view marks the whole cell, as printed
    (lead,) = [u for u in document.tasks[0].units if u.role == "lead"]
    assert result.text[lead.span[0] : lead.span[1]] == " ".join(paragraphs)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("农村测试贫困人口减少60万以上。", [("decrease_by", 60, "万", 2020)]),
        ("测试就业人数增加2万。", [("increase_by", 2, "万", 2020)]),
    ],
)
def test_a_magnitude_alone_after_a_word_of_change(sentence, expected):
    assert first_task_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("实施测试路灯照明提升2万盏。", [(">=", 2, "万盏", 2020)]),
        ("测试床位数增加100张。", [("increase_by", 100, "张", 2020)]),
    ],
)
def test_things_improved_by_named_work_against_a_level_raised(sentence, expected):
    assert first_task_targets(sentence) == expected
