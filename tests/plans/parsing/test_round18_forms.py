"""Forms that round 18 (the blind set r179–r188 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县), the units and the figures are made
up. Each form is written in two spellings so that a rule fitting only one text fails. Expected
values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import first_task_targets


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("新增3岁以下测试照护机构3家。", 3, "家"), ("新建0-3岁测试托育园5所。", 5, "所")],
)
def test_an_age_inside_the_object_names_who_it_serves(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("开设100个测试托管班。", 100, "个"), ("规范测试站牌设置1500个。", 1500, "个")],
)
def test_classes_opened_and_signs_set_up(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("对28所测试学校食堂安装验收平台。", 28, "所"), ("对12家测试企业开展安全检查。", 12, "家")],
)
def test_the_things_a_measure_is_carried_out_on(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize("sentence", ["对3岁以下测试儿童开展筛查。", "对一批测试企业开展检查。"])
def test_an_age_or_an_article_after_dui_is_no_target(sentence):
    assert first_task_targets(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("新修高标准测试农田10万亩。", 10, "万亩"),
        ("投运测试公交车200辆。", 200, "辆"),
        ("测试铁路全天开行列车38对。", 38, "对"),
        ("推进300堂测试知识巡讲。", 300, "堂"),
        ("统筹谋划测试储备项目121个。", 121, "个"),
    ],
)
def test_more_verbs_and_measures_seen_on_the_corpus(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [("在100所测试中小学实施智慧校园工程。", 100, "所"), ("推动全市100家测试企业上云。", 100, "家")],
)
def test_the_places_a_measure_is_carried_out_in(sentence, value, unit):
    assert first_task_targets(sentence) == [(">=", value, unit, 2020)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("在30个工作日内完成测试审批。", [("<=", 30, "个工作日", 2020)]), ("全市3家测试医院参与。", [])],
)
def test_a_time_limit_after_zai_or_a_bare_count_is_no_count_target(sentence, expected):
    assert first_task_targets(sentence) == expected
