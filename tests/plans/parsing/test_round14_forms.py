"""Forms that round 14 (the blind set r139–r148 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某区, 甲市), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

# ---------------------------------------------------------------- 1. units


@pytest.mark.parametrize(
    ("bracket", "levels"),
    [
        ("〔", "各市、县(市、区)人民政府"),
        ("（", "各市、县（市）人民政府"),
    ],
)
def test_levels_organising_the_work_and_a_standing_sentence_for_this_task(bracket, levels):
    close = "〕" if bracket == "〔" else "）"
    text = (
        "某某省测试产业实施意见（测试）\n"
        f"一、科学定位测试产业。精准识别本地区测试产业。{bracket}甲厅、乙委按职责分工负责；{levels}组织落实。"
        f"以下均需{levels}负责，不再列出{close}\n"
        "二、坚持规划引领。编制测试产业规划。（丙厅、丁局按职责分工负责）\n"
    )
    (document,) = parse_text(text).documents
    first, second = document.tasks
    assert first.responsible_units == ["甲厅", "乙委", levels]
    assert second.responsible_units == ["丙厅", "丁局"]


@pytest.mark.parametrize("levels", ["各街镇、开发区", "各镇街、园区"])
def test_towns_and_development_zones_are_one_generic_unit(levels):
    text = f"某某区测试实施意见（测试）\n一、重点任务\n1.建设测试公园。（牵头单位：甲局；配合单位：{levels}）\n2.完善测试设施。（牵头单位：乙局）\n"
    (document,) = parse_text(text).documents
    assert document.tasks[0].cooperating_units == [levels]


@pytest.mark.parametrize(
    ("sentence", "lead", "cooperating", "open_ended"),
    [
        ("由甲委会同乙办、丙部、丁部等部门研究提出落实意见。", ["甲委"], ["乙办", "丙部", "丁部"], True),
        ("由戊部会同己部负责落实。", ["戊部"], ["己部"], False),
    ],
)
def test_units_named_in_the_sentence_of_a_division_notice(sentence, lead, cooperating, open_ended):
    text = (
        "测试政策措施分工的通知（测试）\n一、工作分工\n"
        f"（一）关于“推进测试工作”的问题，{sentence}\n"
        "（二）关于“完善测试制度”的问题，由庚局会同辛局等部门负责落实。\n"
    )
    (document,) = parse_text(text).documents
    task = document.tasks[0]
    assert (task.lead_units, task.cooperating_units, task.open_ended) == (lead, cooperating, open_ended)


def test_a_bare_responsibility_in_prose_assigns_no_unit():
    """``由X负责`` alone is too common in prose to be read as a clause: a document naming no unit
    otherwise keeps its leaf items with no unit."""
    text = (
        "关于测试工作的意见（测试）\n一、主要任务\n"
        "（一）完善测试制度。测试评估由省级测试机构负责组织。\n"
        "（二）健全测试机制。加强测试工作的统筹。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units, t.responsible_units) for t in document.tasks] == [
        ("（一）", [], []),
        ("（二）", [], []),
    ]


# ---------------------------------------------------------------- 2. tables saved as text


@pytest.mark.parametrize("padded", [True, False])
def test_a_row_whose_unit_cell_was_merged_with_the_row_above(padded):
    """Cells between | one row a line; rows 2 and 3 print no 牵头单位 of their own (merged with row
    1's): either one cell short, or padded with an empty cell at the end."""
    tail = " | |" if padded else " |"
    text = (
        "某某县测试实事进展表（测试）\n"
        "序号 | 项目内容 | 月度计划 | 牵头单位 | 落实情况 |\n"
        "1 | 为全县老人免费接种测试疫苗1000人。 | 4月：制定方案。 | 县甲局 | 已完成。已制定方案。 |\n"
        f"2 | 为重点人群免费开展测试筛查500人。 | 4月：完成筛查100人。 | 已完成。完成筛查120人，完成率24%。{tail}\n"
        "3 | 培训测试人员200人。 | 4月：完成培训50人。 | 县乙会 | 已完成。已培训60人。 |\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units) for t in document.tasks] == [
        ("1", ["县甲局"]),
        ("2", ["县甲局"]),
        ("3", ["县乙会"]),
    ]


@pytest.mark.parametrize("units", [["县甲局", "县乙局", "县丙指挥部"], ["县丁局", "县戊中心"]])
def test_a_unit_cell_printed_one_name_a_paragraph(units):
    cells = [
        *("序号", "民生实事", "责任单位", "完成时限"),
        *("1", "启动建设测试河道综合治理工程。", *units, "12月底前"),
        *("2", "新建2座测试人行天桥。", "县己局", "9月投入使用"),
        *("3", "新增测试停车位500个。", "县庚局", "10月底前"),
    ]
    body = "\n\n".join(cells)
    (document,) = parse_text("某某县测试民生实事目标任务分解表（测试）\n\n" + body + "\n").documents
    assert [(t.number, t.responsible_units) for t in document.tasks] == [
        ("1", units),
        ("2", ["县己局"]),
        ("3", ["县庚局"]),
    ]


# ---------------------------------------------------------------- 3. lists and targets


@pytest.mark.parametrize("indent", ["  ", ""])
def test_a_newspaper_list_numbered_by_bare_numbers_before_short_titles(indent):
    text = (
        "——2024年某某省测试民生实事（测试）\n\n"
        f"{indent}某某省公布了2024年测试民生实事。\n\n"
        f"{indent}1 医疗卫生\n\n{indent}为全省老年人免费接种测试疫苗。在公共场所新增配置测试设备1000台。\n\n"
        f"{indent}2 教育助学\n\n{indent}开工建设测试项目208个。\n\n"
        f"{indent}3 养老帮困\n\n{indent}新增测试参保人数20万人以上。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1", "2", "3"]
    assert [[(g.comparator, g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [(">=", 1000, "台")],
        [(">=", 208, "个")],
        [(">=", 20, "万人")],
    ]


def test_a_number_and_title_line_in_a_numbered_document_is_no_item():
    text = "某某区测试方案（测试）\n一、重点任务\n1.推进测试工作。（牵头单位：甲局）\n2 测试说明\n2.完善测试机制。（牵头单位：乙局）\n"
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("为全县60岁以上老年人免费接种测试疫苗24723人。", 24723, "人"),
        ("为乡镇、社区等配置、更新测试器械100套。", 100, "套"),
    ],
)
def test_people_reached_by_a_service_and_equipment_put_in_place(sentence, value, unit):
    text = f"某某县2024年测试实事（测试）\n一、测试项目\n1.{sentence}（牵头单位：甲局）\n2.完善测试设施。（牵头单位：乙局）\n"
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.tasks[0].targets] == [(">=", value, unit)]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"), [("配置测试车辆80余辆", 80, "辆"), ("新建测试公园20多个", 20, "个")]
)
def test_more_than_a_number_counts_as_at_least_it(sentence, value, unit):
    text = f"某某区2019年测试任务清单（测试）\n一、测试任务\n1.{sentence}。（牵头单位：甲局）\n2.完善测试设施。（牵头单位：乙局）\n"
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.tasks[0].targets] == [(">=", value, unit)]


@pytest.mark.parametrize(
    "who", ["以全市就业年龄段的7600多名持证测试人员为主要对象", "以全县3000余户测试家庭为重点"]
)
def test_the_people_a_plan_is_for_are_no_target(who):
    text = (
        "某某市测试就业行动方案（2023—2025年）（测试）\n一、工作目标\n"
        f"{who}，进一步健全测试机制。到2025年，新增测试就业岗位500个以上。\n"
        "二、重点任务\n1.推进测试就业。（牵头单位：甲局）\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.targets] == [(">=", 500, "个")]
