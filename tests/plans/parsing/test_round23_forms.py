"""Forms that round 23 (the blind set r229–r237 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the figures are made up. Each form is written in two
spellings so that a rule fitting only one text fails. Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import first_task_targets


def _targets(sentence: str) -> list[tuple]:
    return first_task_targets(sentence, title="某某市测试创建行动方案（测试）", units="")


@pytest.mark.parametrize("done", ["已达标", "已经完成"])
def test_a_year_of_work_already_done_is_no_deadline(done):
    sentence = f"对2020年{done}的测试街镇进行提档升级，提档升级比例达到50%以上。"
    assert _targets(sentence) == [(">=", 50, "%", None)]


@pytest.mark.parametrize("word", ["涉及", "波及"])
def test_the_ji_of_a_verb_after_a_target_is_no_and(word):
    sentence = f"5月底前开工测试改造项目50个，{word}居民6.2万户。"
    assert _targets(sentence) == [(">=", 50, "个", None)]
