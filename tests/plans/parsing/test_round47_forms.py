"""Forms that round 47 read, from the seen part of the blind sets r587–r661 (district water and
low-carbon plans): an indicator table with two goal columns (目标值（2025年） | 目标值（2035年）)
gives a goal for each year, a value cell may print a measure of four characters (128.92平方公里),
a note after the value (≥98%（除危废外）) leaves the value readable, and the preamble's paragraph of
goals (计划到2027年底前，…) gives document targets.

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _plan(header: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"{c}\n\n" for c in header) + "".join(f"{c}\n\n" for row in rows for c in row)
    return (
        "甲测试区水务“十四五”规划（测试）\n"
        "一、发展目标\n（一）总体目标\n到2025年，测试水务体系基本建成。\n（二）主要指标\n\n"
        f"{cells}"
        "二、主要任务\n（一）提升测试防洪能力\n推进测试海塘建设。\n（二）改善测试河湖水质\n整治测试河道。\n"
    )


@pytest.mark.parametrize(
    ("base", "near", "far"),
    [
        ("基准值（2020年）", "目标值（2025年）", "目标值（2035年）"),
        ("现状值(2020年)", "2025年目标", "2035年目标"),
    ],
)
def test_an_indicator_table_with_two_goal_columns_gives_a_goal_for_each_year(base, near, far):
    text = _plan(
        ["序号", "指标名称", "指标属性", base, near, far],
        [
            ["1", "测试海塘达标率", "预期性", "46%", "≥73%", "100%"],
            ["2", "测试管网漏损率", "约束性", "10%", "≤9%", "≤6%"],
        ],
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
    # the baseline column (2020) gives nothing; each goal column its own year
    assert sorted((t.indicator, t.comparator, t.value, t.deadline_year) for t in document.targets) == [
        ("测试海塘达标率", "=", 100, 2035),
        ("测试海塘达标率", ">=", 73, 2025),
        ("测试管网漏损率", "<=", 6, 2035),
        ("测试管网漏损率", "<=", 9, 2025),
    ]


@pytest.mark.parametrize(
    ("near", "value", "unit"), [("128.92平方公里", 128.92, "平方公里"), ("3.5万标准厂房", 3.5, "万标准厂房")]
)
def test_a_value_cell_with_a_measure_of_four_characters(near, value, unit):
    text = _plan(
        ["序号", "指标名称", "指标属性", "基准值（2020年）", "目标值（2025年）"],
        [["1", "测试河湖水面积", "约束性", "120.14", near], ["2", "测试水质达标率", "预期性", "80%", "90%"]],
    )
    (document,) = parse_text(text).documents
    assert [(t.indicator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("测试河湖水面积", value, unit, 2025),
        ("测试水质达标率", 90, "%", 2025),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"), [("≥98%（除危废外）", (">=", 98)), ("95%以上(测试口径)", (">=", 95))]
)
def test_a_note_after_the_value_of_a_cell(cell, expected):
    text = _plan(
        ["序号", "指标名称", "指标属性", "基准值（2020年）", "目标值（2025年）"],
        [
            ["1", "测试污泥资源化利用率", "预期性", "/", cell],
            ["2", "测试水质达标率", "预期性", "（86.4%）", "100%"],
        ],
    )
    (document,) = parse_text(text).documents
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in document.targets] == [
        ("测试污泥资源化利用率", *expected, "%"),
        ("测试水质达标率", "=", 100, "%"),
    ]


@pytest.mark.parametrize(("lead", "year"), [("计划到2027年底前，", 2027), ("力争到2026年，", 2026)])
def test_the_preambles_paragraph_of_goals_gives_document_targets(lead, year):
    text = (
        "乙测试市交通设施更新专项工作方案（测试）\n\n"
        "为贯彻落实测试行动方案精神，2023年以来已更新测试车辆3000辆，结合本市实际，制定本方案。\n\n"
        f"{lead}本市测试公交车全面实现新能源化，累计更新测试公交车6200辆、测试出租汽车1.1万辆。\n\n"
        "一、加快测试客运车辆更新\n（一）推进测试公交车更新。更新测试车辆500辆。\n"
        "二、推进测试设施改造\n（二）实施测试养护工程。完成测试工程20项。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
    # the goal paragraph's figures are the document's, the preamble's past figure (3000辆) none
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        (">=", 6200, "辆", year),
        (">=", 1.1, "万辆", year),
    ]
