"""Forms that round 16 (the blind set r159–r168 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某省, 甲市), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize("year", [2013, 2016])
def test_the_year_of_the_report_whose_work_the_opinion_divides(year):
    text = (
        "某某省人民政府关于落实《政府工作报告》重点工作责任分工的意见（测试）\n"
        "各市人民政府，省政府各有关直属单位：\n"
        f"按照省委经济工作会议的部署，现就{year}年《政府工作报告》确定的重点工作任务提出责任分工意见如下：\n"
        "一、全省经济社会发展主要目标\n"
        "（一）地区生产总值增长11%左右。（省发改委负责）\n"
        "（二）公共财政收入增长13%左右。（省财政厅主办，省税务局协办）\n"
    )
    (document,) = parse_text(text).documents
    assert [[(g.value, g.deadline_year) for g in t.targets] for t in document.tasks] == [
        [(11, year)],
        [(13, year)],
    ]


@pytest.mark.parametrize("colon", ["：", ":"])
def test_a_document_run_into_one_line_with_nothing_between_its_paragraphs(colon):
    filler = "围绕测试主题持续推进相关工作，完善配套制度，加强统筹协调，形成工作合力。" * 3
    line = (
        f"为深入贯彻落实《某某省测试政策措施》，现结合我市实际，制定实施方案如下{colon}一、工作目标{filler}"
        f"二、工作措施（一）降低测试成本。1.严格执行测试标准。{filler}[责任单位{colon}市甲局、市乙局，各区政府，排在首位为牵头单位，下同]"
        f"2.降低测试用电成本。{filler}[责任单位{colon}市丙局]"
    )
    (document,) = parse_text(f"某某市测试实施方案（测试）\n{line}\n").documents
    assert [(t.number, t.lead_units, t.responsible_units) for t in document.tasks] == [
        ("1.", ["市甲局"], ["市乙局", "各区政府"]),
        ("2.", ["市丙局"], []),
    ]


@pytest.mark.parametrize("ending", ["（甲厅、乙委等负责）", "（丙厅、丁办负责）"])
def test_a_lead_sentence_over_paragraphs_that_each_carry_their_units(ending):
    text = (
        "某某省关于测试重点工作部门分工的意见（测试）\n"
        "一、保持测试持续健康发展\n"
        "（一）推动测试稳定健康发展，必须充分发挥甲、乙、丙均衡拉动作用。\n"
        f"认真贯彻落实积极的测试政策，多渠道促进测试增收。{ending}\n"
        "发挥测试投资的关键作用，引导资金投向测试民生。（戊厅负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["", ""]
    assert document.tasks[0].text.startswith("认真贯彻落实")
    assert document.tasks[1].responsible_units == ["戊厅"] or document.tasks[1].lead_units == ["戊厅"]


@pytest.mark.parametrize("group", ["测试经济区建设领导小组成员单位", "测试工作联席会议成员部门"])
def test_the_members_of_a_group_and_another_unit(group):
    text = f"某某省测试意见责任分工（测试）\n一、测试任务\n（一）推进测试建设。责任单位：省发改委牵头，{group}及省地震局配合。\n（二）完善测试机制。（省财政厅负责）\n"
    (document,) = parse_text(text).documents
    assert document.tasks[0].cooperating_units == [group, "省地震局"]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("新聘、续聘测试护林员15.2万名", 15.2, "万名"), ("选派测试特派员1200名", 1200, "名")],
)
def test_people_taken_on_or_sent(sentence, value, unit):
    text = f"某某省2020年测试民生实事（测试）\n一、测试项目\n1.{sentence}。（牵头单位：甲厅）\n2.完善测试设施。（牵头单位：乙厅）\n"
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.tasks[0].targets] == [(">=", value, unit)]
