"""Forms that round 18 (the blind set r179–r188 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县), the units and the figures are made
up. Each form is written in two spellings so that a rule fitting only one text fails. Expected
values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _targets(sentence: str) -> list[tuple]:
    text = f"某某县2020年测试民生实事（测试）\n1.测试事项。{sentence}（牵头单位：县甲局）\n2.完善测试设施。（牵头单位：县乙局）\n"
    (document,) = parse_text(text).documents
    return [(g.comparator, g.value, g.unit, g.deadline_year) for g in document.tasks[0].targets]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("新增3岁以下测试照护机构3家。", 3, "家"), ("新建0-3岁测试托育园5所。", 5, "所")],
)
def test_an_age_inside_the_object_names_who_it_serves(sentence, value, unit):
    assert _targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("开设100个测试托管班。", 100, "个"), ("规范测试站牌设置1500个。", 1500, "个")],
)
def test_classes_opened_and_signs_set_up(sentence, value, unit):
    assert _targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("对28所测试学校食堂安装验收平台。", 28, "所"), ("对12家测试企业开展安全检查。", 12, "家")],
)
def test_the_things_a_measure_is_carried_out_on(sentence, value, unit):
    assert _targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize("sentence", ["对3岁以下测试儿童开展筛查。", "对一批测试企业开展检查。"])
def test_an_age_or_an_article_after_dui_is_no_target(sentence):
    assert _targets(sentence) == []
