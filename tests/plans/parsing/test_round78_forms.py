"""Forms that round 78 read, found on the blind set r875–r880 (a ministry's plan as a PDF's text
layer: its table of indicators kept apart by spaces, a kind column before the indicator's, the
year columns named 2020年（现状值）). All the snippets are synthetic (（测试）): the places, the units
and the figures are made up. Each form is written in two spellings or more so that a rule fitting
one text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

ROWS = [
    "测试耕地安全利用率 90%左右 93%左右 约束性",
    "土壤",
    "生态环境",
    "重点测试用地安全利用1 — 有效保障 约束性",
    "测试点位V类水比例2 25%左右 24%左右 预期性",
    "地下水",
    "“双源”测试点位水质 — 总体保持稳定 预期性",
    "测试村庄数量 — 新增8万个 预期性",
    "测试污水治理率3 25.5% 40% 预期性",
]


def _plan(header: str, wrapped: bool) -> str:
    lines = ["测试部关于印发测试土壤保护规划的通知", "一、总体要求", "（一）主要目标"]
    if wrapped:  # a PDF's text layer: its paragraphs cut at one width (a table's lines are not)
        body = "到2025年，全国测试土壤环境质量总体保持稳定，测试农用地安全利用得到巩固提升。" * 14
        lines += [body[k : k + 38] for k in range(0, len(body) - 38, 38)]
        # the table's title as wide as the text: the text layer goes on into the header below it
        lines.append("表1 “十四五”测试土壤、地下水和农业农村生态环境保护主要指标测试用测试测试")
    else:
        lines += ["到2025年，测试土壤环境质量总体保持稳定。", "表1 测试主要指标"]
    lines += [header, *ROWS, "二、主要任务", "（一）推进测试土壤污染防治。各地要加强测试。"]
    return "\n".join(lines)


@pytest.mark.parametrize("wrapped", [False, True])
@pytest.mark.parametrize(
    "header",
    ["类 型 指标名称 2020年（现状值） 2025年 指标属性", "类别 主要指标 2020年(现状值) 2025年(目标值) 属性"],
)
def test_a_spaced_table_of_indicators_reads_the_goal_year_column(header, wrapped):
    document = parse_text(_plan(header, wrapped)).documents[0]
    goals = {(t.indicator, t.value, t.deadline_year) for t in document.targets}
    assert ("测试耕地安全利用率", 93, 2025) in goals
    assert ("测试污水治理率3", 40, 2025) in goals
    assert not any(t.value in (90, 25.5) for t in document.targets)  # (现状值: where things stand)
