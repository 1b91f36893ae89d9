"""Forms that round 81 read, found on the blind set r875–r880 (a county's two-year plan of public
toilets and transfer stations). All the snippets are synthetic (（测试）): the places, the units and the
figures are made up. Each form is written in two spellings or more so that a rule fitting one text
fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _targets(sentence: str):
    text = f"测试方案\n一、重点任务\n（一）{sentence}（牵头单位：测试区建设局）\n（二）加强测试。\n"
    return [(t.comparator, t.value, t.unit) for t in parse_text(text).documents[0].tasks[0].targets]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("结合全区测试公园建设进度，拟建测试公园附属公厕150座左右，由公园建设单位负责实施。", 150, "座"),
        ("同步拟建测试景区旅游公厕30座，由测试旅游公司负责。", 30, "座"),
    ],
)
def test_what_is_planned_to_be_built_is_a_goal(sentence, value, unit):
    assert (">=", value, unit) in _targets(sentence)
