"""Forms that the tenth blind set (r120–r128 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县, 测试区), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _doc(clause: str):
    text = f"测试省社会信用体系建设任务（测试）\n1、开展测试立法调研工作（测试）。{clause}\n2、推进测试平台建设（测试）。（测试委负责）\n"
    (document,) = parse_text(text).documents
    return document.tasks[0]


# ---------------------------------------------------------------- 1. 参加


@pytest.mark.parametrize(
    ("clause", "lead", "cooperating"),
    [
        (
            "(测试发展改革委、测试人民银行牵头负责,测试法制办参加)",
            ["测试发展改革委", "测试人民银行"],
            ["测试法制办"],
        ),
        (
            "（测试发展改革委牵头，测试民政部、测试税务总局参加）",
            ["测试发展改革委"],
            ["测试民政部", "测试税务总局"],
        ),
    ],
)
def test_canjia_cooperates(clause, lead, cooperating):
    task = _doc(clause)
    assert (task.lead_units, task.cooperating_units) == (lead, cooperating)


# ---------------------------------------------------------------- 2. 按照职责分工分别牵头负责


@pytest.mark.parametrize("verb", ["按照职责分工分别牵头负责", "按职责分工分别牵头"])
def test_each_leading_within_its_remit_leads(verb):
    task = _doc(f"（测试发展改革委、测试公安部{verb}，测试民政部参加）")
    assert (task.lead_units, task.cooperating_units) == (["测试发展改革委", "测试公安部"], ["测试民政部"])


@pytest.mark.parametrize("tail", ["各有关部门按照职责分工", "各有关部门按职责分工"])
def test_a_remit_tail_without_a_verb_is_dropped(tail):
    task = _doc(f"（测试人民银行牵头，{tail}负责）")
    assert task.responsible_units == ["各有关部门"]


# ---------------------------------------------------------------- 3. 各开发区、镇(街道)


@pytest.mark.parametrize("levels", ["各开发区、镇(街道)", "各园区、乡镇"])
def test_development_zones_in_a_list_of_levels_are_one_unit(levels):
    text = (
        "测试市2023年政府工作报告重点工作分工（测试）\n"
        "1.地区生产总值增长6%以上。\n"
        "牵头单位：测试市发展和改革局\n"
        f"责任单位：测试市统计局、{levels}\n"
        "2.一般公共预算收入增长5%。\n"
        "牵头单位：测试市财政局\n"
    )
    (document,) = parse_text(text).documents
    assert document.tasks[0].responsible_units == ["测试市统计局", levels]
