"""Forms that the seventh blind set (r93–r101 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县, 测试区), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _keys(targets) -> list[tuple]:
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline_year) for t in targets]


# ---------------------------------------------------------------- 1. X、Y分别牵头 inside a 责任单位 list


@pytest.mark.parametrize(
    ("units", "lead", "responsible"),
    [
        ("测试市人力社保局、测试市农业农村局分别牵头", ["测试市人力社保局", "测试市农业农村局"], []),
        (
            "测试省政府办公厅、测试省财政厅牵头，测试省商务厅、测试省文旅厅",
            ["测试省政府办公厅", "测试省财政厅"],
            ["测试省商务厅", "测试省文旅厅"],
        ),
    ],
)
def test_units_marked_as_leading_inside_a_list_lead(units, lead, responsible):
    text = (
        "测试市政府工作报告重点工作责任分解（测试）\n"
        "1.推进测试就业工程建设（测试）。\n"
        f"责任单位：{units}\n"
        "2.推进测试园区建设（测试）。\n"
        "责任单位：测试市发改委\n"
    )
    (document,) = parse_text(text).documents
    task = document.tasks[0]
    assert (task.lead_units, task.responsible_units) == (lead, responsible)


# ---------------------------------------------------------------- 2. 相关市、县政府


@pytest.mark.parametrize("levels", ["相关市、县政府", "有关县、区人民政府"])
def test_a_list_of_levels_after_xiangguan_is_one_unit(levels):
    text = (
        "测试省促进经济稳增长的若干措施（测试）\n"
        f"1.加快测试铁路建设。（测试省发改委、测试省交通厅、{levels}负责）\n"
        "2.加快测试机场建设。（测试省发改委负责）\n"
    )
    (document,) = parse_text(text).documents
    assert document.tasks[0].responsible_units == ["测试省发改委", "测试省交通厅", levels]


# ---------------------------------------------------------------- 3. a progress table with a two-row header


@pytest.mark.parametrize("plan_column", ["7月工作计划", "下步工作计划"])
def test_a_progress_tables_second_header_row_and_progress_columns_are_not_tasks(plan_column):
    rows = [
        ["序号", "项目名称", "具体内容", "2025年进展情况", "2025年进展情况"],
        ["序号", "项目名称", "具体内容", "截至6月底进展", plan_column],
        ["1", "测试教育提升工程", "为教室安装空调300台（测试）", "已完成招标", "完成安装"],
        ["2", "测试养老服务工程", "新建养老服务中心2个（测试）", "开工建设", "主体完工"],
    ]
    text = "2025年测试区民生实事项目进展表（测试）\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1", "2"]
    assert [_keys(t.targets) for t in document.tasks] == [
        [(">=", 300, None, "台", 2025)],
        [(">=", 2, None, "个", 2025)],
    ]


# ---------------------------------------------------------------- 4. a progress report's own lines


@pytest.mark.parametrize("label", ["完成情况：", "进展情况:"])
def test_the_progress_lines_of_a_report_are_not_targets(label):
    text = (
        "测试区民生实事项目推进情况（测试）\n"
        "一、测试交通畅行项目\n"
        "目标任务：开工建设主干公路15公里（测试）。\n"
        "责任单位：测试区交通局\n"
        f"{label}已开工建设8公里，新改建测试线7.7公里（测试）。\n"
        "二、测试养老服务项目\n"
        "目标任务：新建养老服务中心2个（测试）。\n"
        "责任单位：测试区民政局\n"
    )
    (document,) = parse_text(text).documents
    assert [[t.value for t in task.targets] for task in document.tasks] == [[15], [2]]


# ---------------------------------------------------------------- 5. a standing sentence inside the unit clause


@pytest.mark.parametrize(
    "sentence",
    ["除专门列出外，以下任务均涉及各市（州）数据管理部门，不再重复", "以下任务均涉及各县区政府，不再列出"],
)
def test_a_standing_sentence_in_the_unit_clause_names_no_unit(sentence):
    text = (
        "测试省数字化建设2026年工作要点（测试）\n"
        f"1.发展测试算力产业。加快建设测试数据中心（测试）。（责任单位：测试省大数据局、测试省工信厅。{sentence}）\n"
        "2.推进测试数据共享。（责任单位：测试省大数据局）\n"
    )
    (document,) = parse_text(text).documents
    units = document.tasks[0].responsible_units
    assert units[:2] == ["测试省大数据局", "测试省工信厅"]
    assert not any(w in u for u in units for w in ("以下", "不再", "除专门"))
