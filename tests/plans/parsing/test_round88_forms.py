"""Forms that round 88 read, found on the blind sets r915–r926 (a ministry's plan for the elderly and
digital services, a province's AI plan, a county's plan for old people's sport). All the snippets
are synthetic (（测试）): the places, the units and the figures are made up. Each form is written in
two spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import sentence_figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("聚焦测试前沿基础理论，每年布局150项以上测试基础研究项目。", [(">=", 150, "项")]),
        ("在测试领域布局20个重点研发专项。", [(">=", 20, "个")]),
    ],
)
def test_work_laid_out_is_counted(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("指导支持企业研制推出100款以上具备适老化特征的测试智能产品，覆盖手机、电视。", [(">=", 100, "款")]),
        ("推出测试适老化应用30款。", [(">=", 30, "款")]),
        ("依照测试条例第三十条第2款的规定执行。", []),
    ],
)
def test_models_of_a_product_are_counted(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("80%以上村（社区）建立测试老年人体育组织。", [(">=", 80, "%")]),
        ("80%左右村（社区）、机关及企事业单位建立测试老年人体育组织。", [(">=", 80, "%")]),
        ("90%左右乡镇、70%左右行政村建有测试健身场所。", [(">=", 90, "%"), (">=", 70, "%")]),
        ("30%左右达到测试能效标杆水平。", [(">=", 30, "%")]),
    ],
)
def test_a_share_of_the_places_that_set_up_or_have_something(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("抓住国家加快测试铁路建设机遇，今明两年投资530亿元。", [(">=", 530, "亿元")]),
        ("测试干线公路全年投资100亿元。", [(">=", 100, "亿元")]),
        ("今年计划投资20亿元，建设测试民航基础设施。", [(">=", 20, "亿元")]),
        ("测试项目总投资530亿元。", []),
    ],
)
def test_the_money_a_span_of_time_is_to_see_invested(sentence, expected):
    assert sentence_figures(sentence) == expected
