"""Forms that the fourth blind set (r63–r73 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县, 测试区), the units and the figures are
made up. Each form is written in two spellings (another wording, number, unit or punctuation) so
that a rule fitting only one text fails. Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

# ---------------------------------------------------------------- 1. the year of a 分工 document


@pytest.mark.parametrize(
    ("notice", "year"),
    [
        ("县政府研究确定了《2025年某某县政府重要工作事项责任分工》，现印发给你们", 2025),
        ("现将《测试区落实2023年政府工作报告任务分工》印发给你们", 2023),
    ],
)
def test_the_year_of_a_division_of_work_is_the_deadline_of_its_undated_targets(notice, year):
    # the notice issuing it names the year (the portal's header rows stand where a title would)
    text = (
        "索 引 号 | 测试-00001 | 公开方式 | 主动公开 |\n"
        "各镇政府，各街道办事处（测试）:\n"
        f"为全面完成年度各项任务，{notice}，请认真贯彻落实。\n"
        "一、主要预期目标\n"
        "1.地区生产总值增长6%。(牵头单位:测试县发展和改革局)\n"
        "2.一般公共预算收入增长3.5%左右。(牵头单位:测试县财政局)\n"
    )
    (document,) = parse_text(text).documents
    years = [t.deadline_year for task in document.tasks for t in task.targets]
    assert years == [year, year]


def test_a_division_of_work_naming_no_year_gives_no_year():
    text = (
        "某某县落实政府工作报告责任分工（测试）\n"
        "1.地区生产总值增长6%。(牵头单位:测试县发展和改革局)\n"
        "2.一般公共预算收入增长3.5%。(牵头单位:测试县财政局)\n"
    )
    (document,) = parse_text(text).documents
    assert [t.deadline_year for task in document.tasks for t in task.targets] == [None, None]
