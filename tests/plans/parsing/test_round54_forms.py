"""Forms that round 54 read. All the snippets are synthetic (（测试）): the places, the units and
the figures are made up. Each form is written in two spellings or more so that a rule fitting one
text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import one_item_targets

from gongzhi.plans.parsing import parse_text


def _item(sentence: str) -> list[tuple]:
    """(comparator, value, unit, deadline year, per) of the one item of a plan with no year."""
    text = (
        f"测试区行动方案（测试）\n\n一、主要任务\n（一）建设测试设施。{sentence}（牵头单位：测试区绿化局）\n"
    )
    (document,) = parse_text(text).documents
    return [(t.comparator, t.value, t.unit, t.deadline_year, t.per) for t in document.tasks[0].targets]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2022至2025年测试区新建建筑中绿色建筑占比分别达到80%、90%、95%、100%；到2023年，"
            "测试区星级建筑比例达到35%。",
            [
                (">=", 80, "%", 2022),
                (">=", 90, "%", 2023),
                (">=", 95, "%", 2024),
                (">=", 100, "%", 2025),
                (">=", 35, "%", 2023),
            ],
        ),
        (
            "2024—2026年测试区新增托位分别为300个、400个、500个，同时建成测试驿站12个。",
            [("=", 300, "个", 2024), ("=", 400, "个", 2025), ("=", 500, "个", 2026), (">=", 12, "个", 2026)],
        ),
    ],
)
def test_a_span_of_years_with_fenbie_dates_its_list_even_when_the_sentence_goes_on(sentence, expected):
    # the figures of the list are the leading run of one measure; what follows keeps its own year
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "per"),
    [
        ("每学期落实测试安全教育第一课，开展4课时以上理论学习和1次以上疏散演练。", "学期"),
        ("每季度召开一次测试联席会议，通报不少于3个典型案例。", "季度"),
    ],
)
def test_a_period_opening_the_sentence_in_its_own_clause_governs_the_figures_after_it(sentence, per):
    assert {t[4] for t in _item(sentence)} == {per}


def test_a_period_inside_the_first_clause_governs_nothing_after_it():
    # (测试区每月巡查: how often the patrol is, not the figures of the next clause)
    assert [t[4] for t in _item("测试区每月巡查一遍，开展4课时以上理论学习。")] == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        "在2016年测试区20万平方米治理任务的基础上，每年推进面积不少于20万平方米的整治任务。",
        "在2019年测试站点布局的基础上，每年新建测试站点不少于10个。",
    ],
)
def test_the_year_of_a_baseline_is_no_deadline(sentence):
    (target,) = _item(sentence)
    assert (target[3], target[4]) == (None, "年")


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        ("每年推进总面积不少于20万平方米的整治任务，总计100万平方米。", (">=", 100, "万平方米", None, None)),
        ("每年新建测试绿道不少于30公里，累计建成约150公里。", (">=", 150, "公里", None, None)),
    ],
)
def test_a_total_after_a_yearly_figure_is_a_target_of_its_own_not_a_yearly_one(sentence, total):
    yearly, summed = _item(sentence)
    assert yearly[4] == "年"
    assert summed == total


def test_within_a_period_sentence_the_next_count_of_a_yearly_list_is_yearly_too():
    sentence = "“十三五”期间，每年每名测试队员在线培训不低于56学时、脱产培训不低于50学时。"
    assert _item(sentence) == [(">=", 56, "学时", None, "年"), (">=", 50, "学时", None, "年")]


@pytest.mark.parametrize(
    "sentence",
    [
        "对测试报告的抽样比例不低于工作量的5%（工作量低于200台的，抽样数量不得低于10台）。",
        "测试装置验收抽样比例不低于5%（数量不足600台的，按30台抽样）。",
    ],
)
def test_a_case_in_brackets_after_a_share_does_not_make_the_share_a_rule(sentence):
    assert (">=", 5, "%") in [t[:3] for t in _item(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "因地制宜发展测试产业，全年测试作物播种面积4600万亩，总产1150万吨。",
            [("=", 4600, "万亩"), ("=", 1150, "万吨")],
        ),
        ("全年测试区蔬菜产量85万吨。", [("=", 85, "万吨")]),
    ],
)
def test_the_years_figure_stated_without_a_verb_is_a_level(sentence, expected):
    assert [t[:3] for t in _item(sentence)] == expected


def test_a_whole_year_figure_with_prose_is_no_level():
    # (全年共…: the count of what happened, a sum in prose)
    assert _item("全年共举办测试活动的场次为多次。") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "新增测试点位30个，总计达60个；特色道路10条，总计达20条；特色园5座，总计达10座。",
            [
                (">=", 30, "个"),
                (">=", 60, "个"),
                (">=", 10, "条"),
                (">=", 20, "条"),
                (">=", 5, "座"),
                (">=", 10, "座"),
            ],
        ),
        ("新建测试驿站12个；口袋公园8座。", [(">=", 12, "个"), (">=", 8, "座")]),
    ],
)
def test_a_noun_and_its_count_after_a_semicolon_share_the_verb_before(sentence, expected):
    assert [t[:3] for t in _item(sentence)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "新建、改扩建测试幼儿园28所；计划投资3亿元，新建测试学校40所。",
        "完成测试道路亮化75公里；投资4000万元。",
        "将测试断面由419个增加到574个；同时，将评价因子由12项增加到21项。",
    ],
)
def test_money_or_a_new_clause_after_a_semicolon_is_no_count_of_the_work_before(sentence):
    units = [t[2] for t in _item(sentence)]
    assert "亿元" not in units and "万元" not in units
    assert (">=", 12, "项") not in [t[:3] for t in _item(sentence)]


def _plan(objectives: str, task: str) -> tuple[int | None, list[int | None]]:
    text = (
        "测试区公共机构绿色发展行动方案（测试）\n\n一、总体目标\n"
        f"{objectives}\n二、重点任务\n（一）推进测试工作。{task}（责任单位：测试区机管局）\n"
    )
    (document,) = parse_text(text).documents
    return document.end_year, [t.deadline_year for t in document.tasks[0].targets]


@pytest.mark.parametrize(
    "objectives",
    [
        "经过两年努力，测试区绿色发展取得显著成效。量化目标：到2023年，测试区能源消费总量控制在171万吨标准煤以内。",
        "用3年时间，基本建成测试体系。到 2023 年，测试区光伏装机达到5万千瓦。",
    ],
)
def test_a_plan_that_counts_its_years_is_time_boxed_by_its_goal_year(objectives):
    # its undated task targets take that year, as a titled period would give them
    assert _plan(objectives, "推动600家以上公共机构开展能源审计。") == (2023, [2023])


def test_goals_opening_on_their_year_date_the_undated_task_targets():
    objectives = "2020年，测试区空气质量继续保持领先，PM2.5年均浓度保持在30微克/立方米以下。"
    assert _plan(objectives, "整治测试企业300家。")[1] == [2020]


def test_goals_of_several_years_or_none_leave_task_targets_undated():
    # (to 2023 and to 2025: which year an undated task figure is due is not said)
    objectives = "到2023年，测试区光伏装机达到5万千瓦。到2025年，达到8万千瓦。"
    assert _plan(objectives, "推动600家以上公共机构开展能源审计。")[1] == [None]
    assert _plan("测试区绿色发展取得显著成效。", "推动600家以上公共机构开展能源审计。")[1] == [None]


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("测试岛主海塘推进达标建设68.94公里，主海塘达标率77.6%。", ("=", 77.6, "%")),
        ("新建测试污水管网20公里，污水处理率95%。", ("=", 95, "%")),
    ],
)
def test_a_bare_rate_after_a_count_of_work_is_the_level_it_brings(sentence, level):
    # (with its own bound it keeps it: 覆盖率95%以上 >=)
    assert [t[:3] for t in _item(sentence)][-1] == level
    assert [t[:3] for t in _item(sentence.replace("%。", "%以上。"))][-1] == (">=", level[1], "%")


@pytest.mark.parametrize(
    "sentence",
    [
        "推进归并扩容工程，扩容测试一、测试二、测试三等5座污水处理厂。",
        "提标扩容测试泵站3座。",
    ],
)
def test_kuorong_is_work_done_on_a_count(sentence):
    assert [t[:3] for t in _item(sentence)][-1][0] == ">="
