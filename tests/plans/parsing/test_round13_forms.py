"""Forms that round 13 (the blind set r129–r138 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某区, 甲市), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

# ---------------------------------------------------------------- 1. more unit labels


@pytest.mark.parametrize(("label", "role"), [("支撑单位", "cooperating"), ("支持单位", "cooperating")])
def test_a_supporting_unit_label_cooperates(label, role):
    text = (
        "某某区测试更新计划（测试）\n一、重点任务\n"
        f"1.推进甲片区测试改造。（牵头单位：甲局，{label}：乙局、丙委）\n"
        f"2.完成乙片区测试整治。（牵头单位：丁局、相关街镇，{label}：戊局）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.lead_units, t.cooperating_units) for t in document.tasks] == [
        (["甲局"], ["乙局", "丙委"]),
        (["丁局", "相关街镇"], ["戊局"]),
    ]


@pytest.mark.parametrize("header", ["推进单位", "推进部门"])
def test_a_table_column_of_the_units_that_carry_it_forward_is_responsible(header):
    text = (
        "某某区测试任务清单（测试）\n"
        f"序号 | 工作任务 | {header}\n"
        "1 | 完成甲小区测试改造。 | 甲局、乙街道\n"
        "2 | 推进乙片区测试更新。 | 丙委\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.responsible_units, t.lead_units) for t in document.tasks] == [
        ("1", ["甲局", "乙街道"], []),
        ("2", ["丙委"], []),
    ]


# ---------------------------------------------------------------- 2. a table one cell a line, ``|`` after each cell


def _cells(rows: list[list[str]]) -> str:
    return "\n".join(f"{cell} |" if cell else "|" for row in rows for cell in row) + "\n"


@pytest.mark.parametrize(
    ("header", "value_header"),
    [("牵头负责司局", "预期效果"), ("牵头负责处室", "目标值")],
)
def test_an_indicator_table_one_cell_a_line_with_a_unit_cell_merged_down(header, value_header):
    """Rows of 指标名称 with their value and the lead 司局; the last row lacks its unit cell, merged
    with the row above's (a department over two rows)."""
    rows = [
        ["序号", "指标名称", value_header, "完成时限", header, "备注"],
        ["1", "测试示范区创建数量", "各20个", "2025年6月", "甲司", ""],
        ["2", "测试平台遴选数量", "300项", "2025年12月", "乙司", ""],
        ["3", "测试村覆盖比例", "95%", "2025年12月", "丙司", "测试说明甲。"],
        ["4", "测试用户普及率", "80%左右", "2025年12月", "测试说明乙。"],
    ]
    text = "某部测试关键指标（测试）。\n" + _cells(rows)
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units) for t in document.tasks] == [
        ("1", ["甲司"]),
        ("2", ["乙司"]),
        ("3", ["丙司"]),
        ("4", ["丙司"]),
    ]
    assert [
        [(g.comparator, g.value, g.unit, g.deadline_year) for g in t.targets] for t in document.tasks
    ] == [
        [("=", 20, "个", 2025)],
        [("=", 300, "项", 2025)],
        [("=", 95, "%", 2025)],
        [("=", 80, "%", 2025)],
    ]


@pytest.mark.parametrize("cell", ["确定首批测试名单", "2025年底"])
def test_a_value_cell_without_a_number_and_measure_is_no_target(cell):
    rows = [
        ["序号", "指标名称", "预期效果", "牵头单位"],
        ["1", "测试名单发布", cell, "甲局"],
        ["2", "测试项目数量", "12个", "乙局"],
    ]
    (document,) = parse_text("某某市测试指标（测试）\n" + _cells(rows)).documents
    assert [[(g.comparator, g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [],
        [("=", 12, "个")],
    ]


# ---------------------------------------------------------------- 3. the goals in a 总的要求 paragraph


@pytest.mark.parametrize("lead", ["总的要求是，", "总体要求是："])
def test_the_goals_of_a_general_requirements_paragraph_are_document_targets(lead):
    text = (
        "某某省促进测试产业发展的若干措施（测试）\n"
        f"{lead}坚持测试导向，力争经过3年努力，全省测试产业增加值增长30%以上、达到2.5万亿元。\n"
        "一、夯实测试基础\n"
        "1.建设测试设施。新建测试站点1000个以上。（责任单位：甲厅、乙委）\n"
    )
    (document,) = parse_text(text).documents
    assert sorted((g.comparator, g.value, g.unit) for g in document.targets) == [
        (">=", 2.5, "万亿元"),
        ("increase_by", 30, "%"),
    ]
    (task,) = document.tasks
    assert [(g.comparator, g.value, g.unit) for g in task.targets] == [(">=", 1000, "个")]


# ---------------------------------------------------------------- 4. units assigned at two depths


@pytest.mark.parametrize(
    ("item", "tail"),
    [
        (
            "（一）研究将测试资金直达机制制度化，落实测试政策，为保测试主体提供支撑。",
            "甲部、乙委等国务院相关部门及各地区按职责分工负责",
        ),
        (
            "(一)完善测试监管制度，推动测试服务便利化，持续优化测试环境。",
            "丙部、丁局等相关部门及各地区按职责分工负责",
        ),
    ],
)
def test_an_item_with_its_own_clause_over_sub_measures_with_theirs_is_a_task_too(item, tail):
    text = (
        "测试重点任务分工方案（测试）\n一、把测试政策落到实处\n"
        f"{item}（{tail}）\n"
        "具体措施：\n"
        "1.及时总结测试经验做法，进一步完善测试机制。（戊部牵头，各地区按职责分工负责）\n"
        "2.加强测试监控，确保测试资金落到实处。（己部负责）\n"
    )
    (document,) = parse_text(text).documents
    first, second, third = document.tasks
    assert first.number == item[:3]
    assert first.responsible_units == [tail.split("、")[0], tail.split("、")[1].split("等")[0], "各地区"]
    assert first.open_ended
    assert (second.number, second.lead_units, second.responsible_units) == ("1.", ["戊部"], ["各地区"])
    assert (third.number, third.lead_units) == ("2.", ["己部"])


@pytest.mark.parametrize("heading", ["一、测试科技政策（由甲局牵头实施）", "二、测试人才政策（乙局牵头）"])
def test_a_short_heading_with_a_clause_over_items_with_theirs_stays_a_heading(heading):
    text = (
        "某某市测试政策措施（测试）\n"
        f"{heading}\n"
        "1.支持测试平台建设，给予一次性补助。（责任单位：丙局）\n"
        "2.鼓励测试成果转化。（责任单位：丁局）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]
