"""Forms that round 82 read, found on the corpus (a city's family-doctor plan; a province's rural
environment plan as a PDF's text layer). All the snippets are synthetic (（测试）): the places, the
units and the figures are made up. Each form is written in two spellings or more so that a rule
fitting one text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _targets(sentence: str):
    text = f"测试方案\n一、重点任务\n（一）{sentence}（牵头单位：测试区卫健局）\n（二）加强测试。\n"
    return [(t.comparator, t.value, t.unit) for t in parse_text(text).documents[0].tasks[0].targets]


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("加强15%的测试中医馆内涵建设，提升服务能力。", [15]),
        ("探索在10%的测试服务站设置中医阁，推动适宜技术应用。", [10]),
        ("推动测试医院预留30%的号源（其中专家号源不低于20%）给基层测试医生。", [30, 20]),
        ("在不低于25%的测试村开展垃圾分类。", [25]),
    ],
)
def test_a_share_of_the_things_the_work_is_done_on_is_a_goal(sentence, values):
    got = _targets(sentence)
    assert sorted(v for c, v, u in got if u == "%" and c == ">=") == sorted(values)


def test_a_share_that_is_not_acted_on_stays_out():
    # a share paid, and a share with no verb before it: no goal of the work
    assert _targets("测试补助按照30%的比例发放。") == []


HEADERS = [
    "序号 指标名称 单位 2020 年 2025 年 指标属性",
    "序号 主要指标 计量单位 2020年 2025 年（目标值） 属性",
]
ROWS = [
    "1 测试污水有效治理比例* % 58.37 ≥75 约束性",
    "2 纳入监管测试黑臭水体整治数量 个 5 159 约束性",
    "3 测试化肥施用量 万吨 210.8 ≤210.8 约束性",
    "4 测试农药使用量 万吨 4.21 ≤4.0 预期性",
]


@pytest.mark.parametrize("header", HEADERS)
def test_a_spaced_table_with_numbers_and_a_measure_column(header):
    lines = ["测试省农村生态环境保护规划", "一、总体要求", "（一）主要目标", "到2025年，测试环境持续改善。"]
    lines += ["表 测试主要指标", header, *ROWS, "二、主要任务", "（一）推进测试治理。各地要加强测试。"]
    goals = {
        (t.comparator, t.value, t.unit, t.deadline_year)
        for t in parse_text("\n".join(lines)).documents[0].targets
    }
    assert (">=", 75, "%", 2025) in goals
    assert ("=", 159, "个", 2025) in goals
    assert ("<=", 210.8, "万吨", 2025) in goals
    assert ("<=", 4.0, "万吨", 2025) in goals
    assert not any(g[1] in (58.37, 5, 4.21) for g in goals)  # (2020: where things stand)
