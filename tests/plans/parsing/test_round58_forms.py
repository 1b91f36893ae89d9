"""Forms that round 58 read, found on the blind set r785–r794. All the snippets are synthetic
(（测试）): the places, the units and the figures are made up. Each form is written in two
spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _targets(sentence: str) -> list[tuple]:
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）{sentence}（牵头单位：测试区发展改革局）\n"
    (document,) = parse_text(text).documents
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets]


@pytest.mark.parametrize("part", ["一季度经济“开门红”", "上半年稳增长"])
def test_measures_for_a_part_of_the_year_are_dated_by_the_year_they_are_signed(part):
    text = (
        f"测试市发展和改革局关于印发《关于奋力实现{part}的若干措施》的通知\n"
        "各镇人民政府：\n现印发给你们，请认真组织实施。\n测试市发展和改革局\n2026年1月27日\n"
        f"关于奋力实现{part}的若干措施\n"
        "一、推动测试企业复工。元宵节前规上工业企业复工率达到90%以上。（责任单位：测试市工信局）\n"
        "二、扩大测试投资。完成重大项目投资300亿元以上。（责任单位：测试市发改局）\n"
    )
    (document,) = parse_text(text).documents
    assert [[t.deadline_year for t in task.targets] for task in document.tasks] == [[2026], [2026]]


@pytest.mark.parametrize("draft", ["（网上征求意见稿）", "(征求意见稿)"])
def test_a_list_of_shishi_drawn_up_names_its_year(draft):
    text = (
        "为民办实事是区委、区政府历年来一直非常重视的工作。为贯彻测试会议精神，结合我区实际，"
        f"我们编制了《2014年要完成的与人民生活密切相关的实事{draft}》，具体如下：\n"
        "一、安居工程\n各类旧住房综合整治50万平方米。\n"
        "二、养老服务\n新增养老床位100张。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.deadline_year for task in document.tasks for t in task.targets] == [2014, 2014]


@pytest.mark.parametrize("heading", ["（二）主要目标", "二、发展目标"])
def test_the_year_of_a_goal_paragraph_governs_the_dashed_goals_after_it(heading):
    text = (
        "测试省制造业创新能力提升行动方案（测试）\n"
        "一、总体要求\n坚持创新驱动。\n"
        f"{heading}\n"
        "通过实施九大行动，到2025年，测试创新环境进一步优化，创新体系进一步完善。\n"
        "——企业自主创新能力显著提高。省测试研发中心达到2150家左右，国家技术创新示范企业达到70家左右。\n"
        "——优质企业培育规模逐年壮大。每年新培育瞪羚企业400家。\n"
        "三、重点任务\n1.打造测试平台。建成测试平台10个。（牵头单位：测试省工业和信息化厅）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.value, t.deadline_year, t.per) for t in document.targets] == [
        (2150, 2025, None),
        (70, 2025, None),
        (400, None, "年"),
    ]


@pytest.mark.parametrize("year", [2026, 2027])
def test_dashed_goals_after_a_year_in_a_broad_section(year):
    text = (
        "测试市人工智能产业行动计划（测试）\n"
        "一、总体要求\n"
        f"以测试思想为指导，加快培育产业体系。到{year}年，我市人工智能产业总体水平处于全国前列。\n"
        "——创新能力。打造5个以上测试公共服务平台，揭榜测试创新任务15项以上。\n"
        "——技术体系。算力总规模达到12EFLOPS。存储总量达到10EB，先进存储容量占比达到30%以上。\n"
        "二、重点任务\n（一）测试行动\n1.建设测试设施。（责任单位：测试市工业和信息化局）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.value, t.unit, t.deadline_year) for t in document.targets] == [
        (5, "个", year),
        (15, "项", year),
        (12, "EFLOPS", year),
        (10, "EB", year),
        (30, "%", year),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新建测试数据中心能源利用效率（PUE）不高于 1.3，持续提高效益。", [("<=", 1.3, "", None)]),
        ("力争测试能源利用效率(PUE)不高于1.4。", [("<=", 1.4, "", None)]),
        ("到2025年，测试区累计净增森林面积24万亩。", [(">=", 24, "万亩", 2025)]),
        ("完善测试保障设施，建成15分钟商业服务圈60个。", [(">=", 60, "个", None)]),
        ("打造15分钟测试生活圈。", []),
    ],
)
def test_pue_net_additions_and_circles_counted(sentence, expected):
    assert _targets(sentence) == expected


@pytest.mark.parametrize("label", ["完成期限", "完成时限"])
def test_a_deadline_in_the_unit_clause_dates_the_sentence_before_it(label):
    text = (
        "测试省生态环境厅2021—2023年滚动实施方案（测试）\n一、重点任务\n"
        f"（一）测试重点城市完成削减替代燃煤140万吨（责任部门：大气环境处，{label}：2021年四季度）。"
        "新建测试站点20个（责任部门：监测处，完成期限：持续推进）。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.value, t.deadline_year) for t in document.tasks[0].targets] == [(140, 2021), (20, 2023)]


@pytest.mark.parametrize("span", ["三年内", "两年内"])
def test_a_span_of_years_of_its_own_takes_no_year_of_the_sentence(span):
    assert _targets(f"2025年每千人口拥有婴幼儿托位数达4.5个，{span}测试社区托育服务点覆盖率达到60%。") == [
        (">=", 4.5, "个", 2025),
        (">=", 60, "%", None),
    ]


@pytest.mark.parametrize("colon", ["：", ":"])
def test_the_labelled_parts_of_one_item_are_one_task(colon):
    text = (
        "测试省制造业创新能力提升行动方案（测试）\n二、重点任务\n"
        f"1.健全测试创新中心体系。国家测试创新中心{colon}高标准建设国家测试创新中心。（牵头单位：测试省工业和信息化厅）\n"
        f"省测试创新中心{colon}鼓励具备条件的企业牵头创建。（牵头单位：测试省工业和信息化厅）\n"
        f"市测试创新中心{colon}鼓励有条件的市培育。（牵头单位：测试省工业和信息化厅、各市工业和信息化局）\n"
        "2.打造测试企业。培育测试企业。（牵头单位：测试省发展改革委）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("1.", ["测试省工业和信息化厅", "各市工业和信息化局"]),
        ("2.", ["测试省发展改革委"]),
    ]
