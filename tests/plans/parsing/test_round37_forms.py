"""Forms that round 37 read, from what the seen corpus still missed at the start of the seventh
session (tests/corpus, 351 documents): quota tables, ...

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes

from gongzhi.plans.parsing import parse_bytes, parse_text


def _targets(task) -> list[tuple]:
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in task.targets]


@pytest.mark.parametrize(
    ("place", "quota", "measure_line", "unit", "year"),
    [
        ("街镇", "2026年\n任务量", "制表日期：2026.1　　　　　　单位：亩", "亩", 2026),
        ("县（市、区）", "目标任务数（万元）", "", "万元", None),
    ],
)
def test_a_quota_table_gives_each_place_its_share_as_a_task(place, quota, measure_line, unit, year):
    rows = [
        ["序号", place, quota, "其中重点任务量"],
        ["1", "甲测试镇", "122.52", "100"],
        ["2", "乙测试街道", "3.01", "0"],
        ["合计", "", "125.53", "100"],
    ]
    paragraphs = ["测试用地整治任务分解表（测试）", *([measure_line] if measure_line else [])]
    (document,) = parse_bytes(docx_bytes(paragraphs, rows), "分解表.docx").documents
    assert [(t.number, list(t.responsible_units)) for t in document.tasks] == [
        ("1", ["甲测试镇"]),
        ("2", ["乙测试街道"]),
    ]
    first, second = document.tasks
    assert _targets(first) == [("=", 122.52, unit, year)]
    assert _targets(second) == [("=", 3.01, unit, year)]
    assert first.text.startswith("甲测试镇：") and "122.52" in first.text


def test_a_table_of_written_tasks_under_a_task_header_is_not_a_quota_table():
    rows = [
        ["序号", "街镇", "目标任务"],
        ["1", "甲测试镇", "完成测试道路改造10条，年底前全部完工。"],
        ["2", "乙测试街道", "新建测试公园2个。"],
    ]
    (document,) = parse_bytes(docx_bytes(["测试任务表（测试）"], rows), "任务表.docx").documents
    assert [t.text for t in document.tasks] == [rows[1][2], rows[2][2]]


@pytest.mark.parametrize(("period", "year"), [("“十四五”期间", 2025), ("十三五时期", 2020)])
def test_a_five_year_period_named_in_the_sentence_dates_its_figures(period, year):
    text = (
        "关于加强测试设施建设的实施意见（测试）\n一、主要任务\n"
        f"1．完善测试站点布局。加快测试站建设，{period}，全市测试站数量增长18%以上。（市测试局负责）\n"
    )
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [("increase_by", 18, "%", year)]


@pytest.mark.parametrize(
    "report",
    [
        "测试市长在政府工作报告中，提出了2013年市政府要做好的8项重点工作",
        "2013年测试县重点工作已经县政府常务会议研究确定",
    ],
)
def test_the_year_of_the_work_named_just_before_the_sentence_that_introduces_it(report):
    text = (
        f"各乡镇，县直各部门：\n{report}。现将重点工作任务分解如下：\n一、加快测试产业转型\n"
        "1．测试装备板块主营业务收入超400亿元。（牵头单位：县测试局）\n"
    )
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [(">", 400, "亿元", 2013)]


@pytest.mark.parametrize(
    "sentence", ["根据工作安排，2018年，我们继续制定和公开相关指标", "2019年，我局将确定并公布以下测试指标"]
)
def test_the_year_whose_indicators_the_preamble_says_it_sets(sentence):
    year = int(sentence.split("年")[0][-4:])
    text = (
        f"为加强信息公开，从2016年开始，测试部每年都公开关键业绩指标。{sentence}，接受社会监督。\n"
        "序号 | 指标名称 | 预期效果 | 完成时限 | 牵头负责司局\n"
        "1 | 测试示范平台遴选数量 | 80个 | 12月 | 测试司\n"
        "2 | 测试用户普及率 | 85% | 12月 | 乙测试司\n"
    )
    (document,) = parse_text(text).documents
    assert [_targets(t) for t in document.tasks] == [[("=", 80, "个", year)], [("=", 85, "%", year)]]


@pytest.mark.parametrize("label", ["任务目标", "建设内容"])
def test_a_label_glued_to_the_unit_list_ends_the_unit_clause(label):
    text = (
        "关于下达2024年测试县民生实事项目任务的通知（测试）\n一、测试老旧小区改造项目\n牵头单位:县测试局\n"
        f"责任单位:甲测试镇{label}:2024年计划改造完成测试家园等住宅小区，改造总建筑面积不少于10万平方米。\n"
    )
    (document,) = parse_text(text).documents
    (task,) = document.tasks
    assert list(task.responsible_units) == ["甲测试镇"]
    assert _targets(task) == [(">=", 10, "万平方米", 2024)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2024年度计划对甲测试小区、乙测试家园等20个排水单元进行雨污管网分流改造。", (">=", 20, "个", 2024)),
        ("对辖区80条背街小巷破损路面、井盖、道牙进行维修更换。", (">=", 80, "条", 2024)),
        ("对进入普通学校就读且需陪读的约242个残疾儿童家庭发放陪读补助。", (">=", 242, "个", 2024)),
        ("为80万农村35—64岁妇女免费做“两癌”检查。", (">=", 80, "万", 2024)),
    ],
)
def test_a_count_of_the_things_or_people_a_measure_is_carried_out_on(sentence, expected):
    text = f"2024年测试县民生实事项目（测试）\n一、测试民生工程\n{sentence}（牵头单位：县测试局）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [expected]


def test_a_benefit_paid_to_named_firms_is_still_not_a_target():
    text = "2024年测试县重点工作（测试）\n一、测试产业\n对年销售收入首次超过1000万元的企业给予一次性奖励。（牵头单位：县测试局）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == []
