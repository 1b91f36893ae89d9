"""Forms that round 83 read, found on the blind set r881–r886 (carbon-peak and green-economy plans as
PDF text layers). All the snippets are synthetic (（测试）): the places, the units and the figures are
made up. Each form is written in two spellings or more so that a rule fitting one text fails;
expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _tasks(body: list[str]):
    return parse_text("\n".join(["测试市碳达峰工作方案", "一、重点任务", *body])).documents[0].tasks


@pytest.mark.parametrize("declaration", ["（排在第一为牵头单位，下同）", "（列第一的为牵头单位，下同）"])
def test_the_first_unit_leads_after_a_declaration_without_wei(declaration):
    tasks = _tasks(
        [
            "1．制定测试能源领域方案。",
            "责任单位：市测试发展改革委、市测试应急局",
            declaration,
            "完成时限：2022年2月底前",
            "2．制定测试工业领域方案。",
            "责任单位：市测试经信局、市测试商务局",
            "完成时限：2022年2月底前",
        ]
    )
    assert tasks[1].lead_units == ["市测试经信局"]
    assert tasks[1].responsible_units == ["市测试商务局"]


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [
        ("责任单位：市测试交通局、市测试发展改革委、市测试商", "务局、市测试口岸物流办", None),
        (
            "责任单位：市测试财政局、市测试税务局、",
            "市测试自然资源局、市测试生态环境局、市测试水",
            "务局、市测试林业局",
        ),
    ],
)
def test_a_line_of_units_cut_at_the_line_end_goes_on(first, second, third):
    lines = [
        "1．制定测试交通领域方案。",
        first,
        second,
        *([third] if third else []),
        "完成时限：2022年2月底前",
    ]
    lines += ["2．制定测试建筑领域方案。", "责任单位：市测试住建局", "完成时限：2022年3月底前"]
    names = _tasks(lines)[0].responsible_units
    assert ("市测试商务局" in names) or ("市测试水务局" in names and "市测试林业局" in names)
    assert not any(n.endswith(("商", "水")) for n in names)


@pytest.mark.parametrize(
    ("end", "rest"),
    [("测试目标基本实现。 二、推进", "生产体系绿色升级"), ("测试制度体系。 二、", "完善绿色循环流通体系")],
)
def test_a_chapter_heading_at_the_end_of_a_paragraph_line(end, rest):
    text = [
        "测试市绿色低碳发展实施方案",
        "一、总体目标",
        "到2025年，测试绿色生态产业增加值比重达到全省平均水平，测试单位能耗较2020年下降13%，",
        end,
        rest,
        "（一）实施测试工业绿色改造。到2025年，建成测试绿色工厂10家以上。",
        "（二）构建测试农业绿色体系。到2025年，测试秸秆综合利用率达到86%以上。",
    ]
    document = parse_text("\n".join(text)).documents[0]
    numbers = [t.number for t in document.tasks]
    assert "（一）" in numbers and "（二）" in numbers
    first = next(t for t in document.tasks if t.number == "（一）")
    assert [(t.value, t.unit) for t in first.targets] == [(10, "家")]
    assert not any(t.value in (10, 86) for t in document.targets)  # (tasks' targets, not the goal's)


@pytest.mark.parametrize("limit", ["（一般不超过3年）", "（一般不超过 3 年）"])
def test_a_time_limit_in_brackets_takes_the_deadline_stated_in_the_task(limit):
    tasks = _tasks(
        [
            f"1．分类处置。明确测试项目改造升级时限{limit}，力争达到标杆水平。"
            "（责任单位：省测试发展改革委；完成时限：2025年12月）",
            "2．加强测试监管。（责任单位：省测试工信厅；完成时限：2024年6月）",
        ]
    )
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in tasks[0].targets] == [
        ("<=", 3, "年", 2025)
    ]
    assert tasks[0].deadline == "2025年12月"


@pytest.mark.parametrize(
    "sentence",
    [
        "推动实施第一批5个领域测试改造项目。",
        "2022年底前完成第二批3个测试行业的摸底。",
        "提供测试期间综合能耗1万吨标准煤及以上的市属出资企业名单。",
        "梳理年用电量500万千瓦时以上的测试重点企业。",
    ],
)
def test_a_batch_named_or_a_size_that_sorts_bodies_is_no_target(sentence):
    tasks = _tasks(
        [f"（一）{sentence}（牵头单位：测试区发改局）", "（二）加强测试。（牵头单位：测试区经信局）"]
    )
    assert tasks[0].targets == []
