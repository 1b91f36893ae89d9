"""Forms that the fifth blind set (r74–r82 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县, 测试区), the units and the figures are
made up. Each form is written in two spellings (another wording, number, unit or layout) so that
a rule fitting only one text fails. Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text
from gongzhi.plans.parsing import targets as T
from gongzhi.plans.parsing.reading import _join_bare_cells


def _keys(targets) -> list[tuple]:
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline_year) for t in targets]


# ---------------------------------------------------------------- 1. a table flattened with no separator

ROWS = [
    ("发展目标", "1", "测试区地区生产总值增长6.5%以上。", "测试区发改局、测试区财政局", "测试区发改局"),
    ("发展目标", "2", "测试区固定资产投资增长25%。", "测试区发改局", "测试区发改局"),
    ("民生实事", "3", "新建测试公园2个。", "测试区建设局、测试区城管局", "测试区建设局"),
]


def _bare(header, rows, *, blank: bool) -> str:
    """One cell a line (or a paragraph between blank lines); the 分类 cell, merged over its rows,
    printed once, before the number of its first row (as a web page's table is saved)."""
    cells = list(header)
    category = None
    for row in rows:
        if row[0] != category:
            cells.append(row[0])
            category = row[0]
        cells.extend(row[1:])
    return ("\n\n" if blank else "\n").join(cells) + "\n"


@pytest.mark.parametrize("blank", [True, False], ids=["paragraphs", "lines"])
@pytest.mark.parametrize(
    "header",
    [("分类", "序号", "事项", "责任单位", "牵头单位"), ("类别", "序号", "工作任务", "责任单位", "牵头单位")],
)
def test_a_table_flattened_with_no_separator_is_read_as_a_task_table(header, blank):
    title = "测试区2023年政府工作报告重点工作责任分解（测试）\n\n"
    (document,) = parse_text(title + _bare(header, ROWS, blank=blank)).documents
    assert [t.number for t in document.tasks] == ["1", "2", "3"]
    # the 分类 printed once stands over each of its rows
    assert [t.path[-1] for t in document.tasks] == ["发展目标", "发展目标", "民生实事"]
    # the lead written again among the responsible units keeps both roles, as written
    assert [(t.lead_units, t.responsible_units) for t in document.tasks] == [
        (["测试区发改局"], ["测试区发改局", "测试区财政局"]),
        (["测试区发改局"], ["测试区发改局"]),
        (["测试区建设局"], ["测试区建设局", "测试区城管局"]),
    ]
    assert _keys(document.tasks[0].targets) == [("increase_by", 6.5, None, "%", 2023)]
    assert _keys(document.tasks[2].targets) == [(">=", 2, None, "个", 2023)]


@pytest.mark.parametrize(
    "lines",
    [
        # no unit column: a list of words, not a task table
        ["序号", "名称", "备注", "1", "甲（测试）", "乙", "2", "丙", "丁"],
        # the numbers do not run 1, 2, 3
        ["序号", "事项", "责任单位", "1", "甲（测试）", "乙单位", "3", "丙", "丁单位"],
    ],
)
def test_short_lines_that_are_not_a_clear_table_stay_lines(lines):
    assert _join_bare_cells(list(lines)) == list(lines)


# ---------------------------------------------------------------- 2. who qualifies, not a target


@pytest.mark.parametrize(
    "sentence",
    [
        "小微企业当年新招用人员数量达到职工人数25%（超过100人的企业达到15%）并签订劳动合同的，可申请贷款（测试）。",
        "企业研发投入占比达到5%以上并通过认定的，给予一次性奖励（测试）。",
    ],
)
def test_a_figure_in_the_condition_of_a_benefit_is_not_a_target(sentence):
    assert T.extract(sentence)[0] == []


def test_a_figure_the_work_must_reach_before_a_benefit_sentence_is_still_a_target():
    text = "到2025年，测试区企业研发投入占比达到5%以上。符合条件的，可申请奖励（测试）。"
    assert _keys(T.extract(text)[0]) == [(">=", 5, None, "%", 2025)]


# ---------------------------------------------------------------- 3. N日内


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("各区政府要在本意见印发之日起30日内，制定出台具体实施办法（测试）。", 30),
        ("自本通知印发之日起15日内完成清理（测试）。", 15),
    ],
)
def test_days_within_are_a_time_limit(sentence, value):
    assert _keys(T.extract(sentence)[0]) == [("<=", value, None, "日", None)]


@pytest.mark.parametrize("sentence", ["每月15日前报送数据（测试）。", "于6月30日召开推进会（测试）。"])
def test_a_day_of_the_month_is_not_a_limit(sentence):
    assert T.extract(sentence)[0] == []


# ---------------------------------------------------------------- 4. the parts of money handed out


@pytest.mark.parametrize(
    "sentence",
    [
        "安排58亿元财政资金保障政府投资项目，其中，道路建设10亿元，环境整治6亿元（测试）。",
        "拨付专项资金3000万元，其中教育设施建设1200万元、安置房建设800万元（测试）。",
    ],
)
def test_the_parts_of_funding_handed_out_are_not_targets(sentence):
    assert T.extract(sentence)[0] == []


def test_the_parts_of_an_amount_to_reach_stay_targets():
    text = "2023年完成固定资产投资120亿元，其中工业投资50亿元（测试）。"
    assert [t.value for t in T.extract(text)[0]] == [120, 50]


# ---------------------------------------------------------------- 5. a quota (额度) to reach


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("2023年政府专项债储备额度45亿元以上（测试）。", 45, "亿元"),
        ("2024年测试区信贷投放额度3000万元以上（测试）。", 3000, "万元"),
    ],
)
def test_a_quota_bounded_by_yishang_is_a_target(sentence, value, unit):
    assert [(t.comparator, t.value, t.unit) for t in T.extract(sentence)[0]] == [(">=", value, unit)]


# ---------------------------------------------------------------- 6. a section's opening goals


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "全面实施扩大有效投资行动，2023年全区固定资产投资力争完成381亿元、增速6%。",
            [(">=", 381, None, "亿元", 2023), ("increase_by", 6, None, "%", 2023)],
        ),
        ("2024年目标：新增测试企业50家以上。", [(">=", 50, None, "家", 2024)]),
    ],
)
def test_the_goals_opening_a_section_are_document_targets(opening, expected):
    text = (
        "测试区关于推动经济高质量发展的若干政策（测试）\n"
        "一、扩大有效投资政策\n"
        f"{opening}\n"
        "1. 强化项目资金保障。强化重点项目要素保障（测试）。\n"
        "2. 向上争取资金支持。争取政策性资金对重大项目的支持（测试）。\n"
    )
    (document,) = parse_text(text).documents
    assert _keys(document.targets) == expected
    assert [t.number for t in document.tasks] == ["1.", "2."]
    assert all(t.targets == [] for t in document.tasks)


# ---------------------------------------------------------------- 7. 1*. (a featured item)


@pytest.mark.parametrize(("first", "second"), [("1* .", "2*."), ("1＊．", "2．")])
def test_a_number_marked_with_an_asterisk_is_an_item_of_the_list(first, second):
    text = (
        "测试区营商环境行动方案（测试）\n"
        "一、推进营商环境评价指标提升\n"
        "（一）企业开办、经营及退出。在市场准入、准营和退出等方面深入推进改革（测试）。\n"
        f"{first}开展“一证多址”改革。对部分高频经营许可证实行备案管理（测试）。\n"
        f"{second}开展企业住所标准化登记。建立统一的住所登记负面清单（测试）。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == [first, second]
    assert [t.text.removeprefix(t.number)[:6] for t in document.tasks] == ["开展“一证多", "开展企业住所"]
