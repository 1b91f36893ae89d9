"""Forms that round 15 (the blind set r149–r158 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某区, 甲市), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize(("dash", "colon"), [("——", "："), ("", ":")])
def test_actions_of_numbered_tasks(dash, colon):
    text = (
        "2026年某某市测试行动方案（测试）\n一、统筹测试任务\n"
        f"行动1{colon}加强测试引领\n"
        f"{dash}任务1{colon}开展测试规划编制工作\n。强化测试规划的引领作用。\n"
        f"{dash}任务2{colon}推进测试名城保护\n。完成测试规划报批。\n"
        f"行动2{colon}发挥测试机制作用\n"
        f"{dash}任务3{colon}推动重点地区测试提升\n。加快推进测试片区功能提升。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == [f"任务1{colon}", f"任务2{colon}", f"任务3{colon}"]
    assert all(t.text.startswith("任务") for t in document.tasks)
    assert document.tasks[2].path[-1].startswith("行动2")


@pytest.mark.parametrize("units", ["省财政厅、省物价局等单位", "省教育厅、省人社厅等部门"])
def test_cooperating_units_after_a_lead_named_first(units):
    text = (
        "某某省测试民生实事分工方案（测试）\n一、测试任务\n"
        f"1、提高测试补助标准。(由省民政厅牵头,会同{units}负责落实)\n"
        "2、完成测试改造。(省住房城乡建设厅负责)\n"
    )
    (document,) = parse_text(text).documents
    task = document.tasks[0]
    assert task.lead_units == ["省民政厅"]
    assert task.cooperating_units == units.split("等")[0].split("、")
    assert task.open_ended


@pytest.mark.parametrize("space", ["", " "])
def test_a_list_numbered_by_numbers_glued_to_short_titles(space):
    text = (
        "本报讯 今年的测试民生实事都有啥？（测试）\n"
        f"1{space}开展测试技能培训\n全年开展测试培训300万人次。\n"
        f"2{space}改善测试学校条件\n全年新开工测试学校150所。\n"
        f"3{space}提升测试服务能力\n(1)全年共培训测试团队1250个;(2)加强测试经费保障。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1", "2", "(1)", "(2)"]


def test_a_single_number_glued_to_a_line_is_no_list():
    text = "某某区测试方案（测试）\n一、重点任务\n1.推进测试工作。（牵头单位：甲局）\n5G测试网络覆盖全区\n2.完善测试机制。（牵头单位：乙局）\n"
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]


@pytest.mark.parametrize(
    ("dateline", "year"),
    [("来源：某某晚报 • 2023-02-24 09:45:53", 2023), ("发布时间：2021年3月5日", 2021)],
)
def test_this_years_list_under_a_dated_release_takes_the_releases_year(dateline, year):
    text = (
        "某某市今年全力办好10件测试实事（测试）\n"
        f"{dateline}\n"
        "记者获悉，今年某某市政府将全力办好10件民生实事。\n"
        "1.新建3座测试人行天桥，让群众出行更安全。\n"
        "2.新建测试充电桩200个。\n"
    )
    (document,) = parse_text(text).documents
    assert [[(g.value, g.deadline_year) for g in t.targets] for t in document.tasks] == [
        [(3, year)],
        [(200, year)],
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("继续抓好30个重大测试项目", 30, "个"), ("新建测试公园，施划停车位1000个以上", 1000, "个")],
)
def test_projects_taken_in_hand_and_parking_spaces_marked_out(sentence, value, unit):
    text = f"某某市2023年测试实事（测试）\n一、测试项目\n1.{sentence}。（牵头单位：甲局）\n2.完善测试设施。（牵头单位：乙局）\n"
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.tasks[0].targets] == [(">=", value, unit)]
