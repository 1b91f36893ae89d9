"""Forms that the sixth blind set (r83–r92 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县, 测试区), the units and the figures are
made up. Each form is written in two spellings (another wording, number, unit or layout) so that
a rule fitting only one text fails. Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text
from gongzhi.plans.parsing import targets as T
from gongzhi.plans.parsing.reading import _join_pipe_rows


def _keys(targets) -> list[tuple]:
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline_year) for t in targets]


# ---------------------------------------------------------------- 1. a table saved one row a line, cells between |


@pytest.mark.parametrize(
    ("header", "trailing"),
    [("序号 | 项目名称 |", " |"), ("序号｜项目名称", "")],
)
def test_a_table_saved_with_bars_is_read_as_a_task_list(header, trailing):
    text = (
        "1月20日，某某县人民代表大会票决确定2025年某某县民生实事项目，共3项，分别是（测试）:\n"
        f"{header}\n"
        f"1 | 安康颐养项目：新改建农村互助颐养小院6个（测试）{trailing}\n"
        f"2 | 名医下乡项目：建设名医基层工作站5个（测试）{trailing}\n"
        f"3 | 快递进村项目：开通运行100个村物流点（测试）{trailing}\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1", "2", "3"]
    assert [_keys(t.targets) for t in document.tasks] == [
        [(">=", 6, None, "个", 2025)],
        [(">=", 5, None, "个", 2025)],
        [(">=", 100, None, "个", 2025)],
    ]


def test_a_portals_fields_between_bars_stay_lines():
    raw = ["索 引 号 | 测试-00001 | 公开方式 | 主动公开 |", "发布机构 | 测试县人民政府办公室 |"]
    assert _join_pipe_rows(list(raw)) == raw


# ---------------------------------------------------------------- 2. a list run into one paragraph after its introduction


@pytest.mark.parametrize(
    ("intro", "sep"),
    [
        ("会上确定2016年县委县政府为民兴办3件实事（测试）。这三件实事是：", "。"),
        ("2019年某某县十件民生实事分别是:", "；"),
    ],
)
def test_items_run_into_the_paragraph_after_an_introduction_are_the_tasks(intro, sep):
    text = (
        "某某县新闻（测试）\n"
        f"{intro}1.新修高标准基本农田10万亩{sep}2.改造农村危旧房1320户{sep}3.新增城镇就业2300人。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "3."]
    year = 2016 if "2016" in intro else 2019
    assert _keys(document.tasks[1].targets) == [(">=", 1320, None, "户", year)]


def test_an_introduction_with_one_number_only_is_not_a_list():
    text = "某某县新闻（测试）\n会议明确的重点是：1.5万亩高标准农田的建设进度要加快（测试）。\n一、加强领导（测试）。\n"
    (document,) = parse_text(text).documents
    assert "1." not in [t.number for t in document.tasks]


# ---------------------------------------------------------------- 3. verbs


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("新(改、扩)建村级医疗卫生机构27家（测试）。", 27, "家"),
        ("新（改扩）建中小学3所（测试）。", 3, "所"),
        ("为既有住宅加装电梯14家（测试）。", 14, "家"),
        ("乡村公路大中修17公里（测试）。", 17, "公里"),
    ],
)
def test_works_verbs_give_a_count_to_reach(sentence, value, unit):
    assert [(t.comparator, t.value, t.unit) for t in T.extract(sentence)[0]] == [(">=", value, unit)]


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("免费为1000人筛查脑卒中（测试）。", "免费筛查脑卒中"),
        ("为600名残疾人开展辅助器具适配服务（测试）。", "残疾人开展辅助器具适配服务"),
    ],
)
def test_the_people_served_are_a_count_to_reach_named_by_the_service(sentence, indicator):
    (target,) = T.extract(sentence)[0]
    assert (target.comparator, target.indicator.removesuffix("（测试）")) == (">=", indicator)


# ---------------------------------------------------------------- 4. 等区级有关部门


@pytest.mark.parametrize("tail", ["等区级有关部门", "等县直相关单位"])
def test_a_trailing_etc_with_a_level_is_dropped_and_open_ended(tail):
    text = (
        "测试区2024年目标任务分解清单（测试）\n"
        f"1.推进测试项目建设。（牵头单位：测试区财政局；配合单位：测试区发改局、测试区科技局{tail}）\n"
        "2.推进测试园区建设。（牵头单位：测试区发改局）\n"
    )
    (document,) = parse_text(text).documents
    task = document.tasks[0]
    assert task.cooperating_units == ["测试区发改局", "测试区科技局"]
    assert task.open_ended


# ---------------------------------------------------------------- 5. the same header over each section's table


@pytest.mark.parametrize("blank", [True, False], ids=["paragraphs", "lines"])
def test_a_header_repeated_over_a_one_row_table_continues_the_task_table(blank):
    sep = "\n\n" if blank else "\n"
    header = ["序号", "目标任务", "牵头单位", "配合单位"]
    first = [
        *header,
        "1",
        "一般公共预算收入增长5%（测试）",
        "测试区财政局",
        "测试区税务局",
        "2",
        "推进测试改革（测试）",
        "测试区财政局",
        "各镇(街道)",
    ]
    second = [*header, "1", "地区生产总值增长6%左右（测试）", "测试区发改局", "各镇(街道)"]
    text = (
        "2024年测试区政府工作报告目标任务分解清单（测试）\n\n一、区长牵头重点工作\n\n"
        + sep.join(first)
        + "\n\n二、常务副区长牵头重点工作\n\n"
        + sep.join(second)
        + "\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units) for t in document.tasks] == [
        ("1", ["测试区财政局"]),
        ("2", ["测试区财政局"]),
        ("1", ["测试区发改局"]),
    ]
