"""Forms that round 23 (the blind set r229–r237 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the figures are made up. Each form is written in two
spellings so that a rule fitting only one text fails. Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _targets(sentence: str, title: str = "某某市测试创建行动方案（测试）") -> list[tuple]:
    text = f"{title}\n1.测试事项。{sentence}\n2.完善测试设施。\n"
    (document,) = parse_text(text).documents
    return [(g.comparator, g.value, g.unit, g.deadline_year) for g in document.tasks[0].targets]


@pytest.mark.parametrize("done", ["已达标", "已经完成"])
def test_a_year_of_work_already_done_is_no_deadline(done):
    sentence = f"对2020年{done}的测试街镇进行提档升级，提档升级比例达到50%以上。"
    assert _targets(sentence) == [(">=", 50, "%", None)]


@pytest.mark.parametrize("word", ["涉及", "波及"])
def test_the_ji_of_a_verb_after_a_target_is_no_and(word):
    sentence = f"5月底前开工测试改造项目50个，{word}居民6.2万户。"
    assert _targets(sentence) == [(">=", 50, "个", None)]
