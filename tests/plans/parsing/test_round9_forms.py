"""Forms that the eighth blind set (r102–r109 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县, 测试区), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _keys(targets) -> list[tuple]:
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline_year) for t in targets]


# ---------------------------------------------------------------- 1. ( 二 ): spaces inside the brackets


@pytest.mark.parametrize("second", ["( 二 )", "（ 二）"])
def test_a_number_with_spaces_inside_its_brackets_is_an_item(second):
    text = (
        "测试委关于开展测试信用行动的通知（测试）\n"
        "一、重点任务\n"
        "(一)加强测试信用制度建设。完善测试制度（测试）。\n"
        f"{second}强化测试信用统筹规划。出台测试规划（测试）。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["(一)", second]


# ---------------------------------------------------------------- 2. 等省有关部门


@pytest.mark.parametrize("tail", ["等省有关部门", "等市相关单位"])
def test_a_trailing_etc_with_a_bare_level_is_dropped(tail):
    text = (
        "测试省促进民间投资若干措施（测试）\n"
        f"1.加快测试项目建设。（测试省发展改革委、测试省能源局{tail}按职责分工负责）\n"
        "2.优化测试审批。（测试省政务服务数据管理局负责）\n"
    )
    (document,) = parse_text(text).documents
    task = document.tasks[0]
    assert task.responsible_units == ["测试省发展改革委", "测试省能源局"]
    assert task.open_ended


# ---------------------------------------------------------------- 3. 一是…二是… as the only list


@pytest.mark.parametrize("sep", ["。", "；"])
def test_a_list_written_as_yishi_ershi_is_read_when_nothing_else_is_numbered(sep):
    text = (
        "2025年测试省政府10件惠民实事确定（测试）\n"
        "测试省政府2025年惠民实事具体为：一是稳定和扩大就业，实现城镇新增就业50万人以上"
        f"{sep}二是深化养老服务，开展6000户老年人家庭适老化改造{sep}三是实施校园食品安全守护行动。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["一是", "二是", "三是"]
    assert _keys(document.tasks[1].targets) == [(">=", 6000, None, "户", 2025)]


def test_yishi_inside_a_numbered_task_stays_its_text():
    text = (
        "测试区重点工作（测试）\n"
        "1.推进测试产业发展。一是培育测试企业；二是建设测试园区。（牵头单位：测试区发改局）\n"
        "2.推进测试城市更新。（牵头单位：测试区住建局）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]


# ---------------------------------------------------------------- 4. a table with its cells between spaces


@pytest.mark.parametrize(
    "header", ["序号 重点工作任务 主要责任单位 协同配合单位", "序号  工作任务  牵头单位  配合单位"]
)
def test_a_table_saved_with_spaces_between_cells_is_read(header):
    text = (
        "测试区2025年政府工作报告重点工作任务分解表（测试）\n"
        f"{header}\n"
        "一、主要预期目标\n"
        "1 地区生产总值增长6.5%左右。 测试区发改委 测试区政府各部门,各乡镇人民政府\n"
        "2 一般公共预算收入增长5%左右。 测试区财政局\n"
        "测试区税务局\n"
        "测试区政府有关部门\n"
        "3 固定资产投资增长7.5%左右。 测试区发改委 测试区工信局、测试区住建局\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units) for t in document.tasks] == [
        ("1", ["测试区发改委"]),
        ("2", ["测试区财政局", "测试区税务局"]),
        ("3", ["测试区发改委"]),
    ]
    assert document.tasks[1].cooperating_units == ["测试区政府有关部门"]
    # the section row between the rows is the outline's heading in force: shown once
    assert [t.path for t in document.tasks] == [["一、主要预期目标"]] * 3
    assert _keys(document.tasks[0].targets) == [("increase_by", 6.5, None, "%", 2025)]
