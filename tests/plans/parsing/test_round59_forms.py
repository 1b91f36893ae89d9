"""Forms that round 59 read, found on the blind set r795–r804. All the snippets are synthetic
(（测试）): the places, the units and the figures are made up. Each form is written in two
spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _signed(sentence: str) -> list[tuple]:
    text = (
        "测试区人民政府关于印发测试区稳住经济增长若干措施的通知\n各乡镇人民政府：\n现印发给你们，请认真贯彻执行。\n"
        "测试区人民政府\n2022年7月25日\n测试区稳住经济增长若干措施\n"
        f"1.推进测试工程。{sentence}（牵头责任单位：测试区交通运输局）\n"
    )
    (document,) = parse_text(text).documents
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets]


@pytest.mark.parametrize("lead", ["年内", "今年"])
def test_this_year_is_the_year_the_document_is_signed(lead):
    assert _signed(f"{lead}开工建设测试村道畅通工程71.7公里。") == [(">=", 71.7, "公里", 2022)]


def test_a_span_of_years_is_not_this_year():
    assert _signed("三年内建成测试充电站20座。") == [(">=", 20, "座", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a rate the policy sets, from one value to another
        ("测试养老保险单位费率从19%降低到16%。", []),
        ("测试政府采购项目面向小微企业的价格扣除比例从6%提高至10%。", []),
        # the terms of a loan or a guarantee
        ("测试公积金贷款最低首付比例为20%。", []),
        ("测试保函额度不超过监管额度的50%。", []),
        # but a rate brought to a level is a goal (r19), and so is a consumption rate (r296)
        ("逐步将测试平均担保费率降至1%以下。", [("<=", 1, "%", None)]),
        ("到2025年测试居民消费率达到42%以上。", [(">=", 42, "%", 2025)]),
    ],
)
def test_rates_and_terms_a_policy_sets_are_not_targets(sentence, expected):
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）{sentence}（牵头单位：测试区财政局）\n"
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets] == expected
