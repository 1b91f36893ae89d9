"""Forms that round 28 read: what round 27 left on r273 (a unit sentence of its own), then the
forms the blind sets r279–r298 of tests/corpus showed after their one scoring.

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _units(task) -> tuple[list[str], list[str]]:
    return list(task.lead_units), list(task.responsible_units)


@pytest.mark.parametrize(
    ("sentence", "lead", "responsible"),
    [
        (
            "由市测试局、农业测试局，各县(市)、区人民政府负责落实。",
            [],
            ["市测试局", "农业测试局", "各县(市)、区人民政府"],
        ),
        ("由市测试委员会负责。", ["市测试委员会"], []),
    ],
)
def test_a_closing_sentence_naming_units_and_a_verb_is_the_items_unit_clause(sentence, lead, responsible):
    text = (
        "关于分解测试重点工作的通知（测试）\n"
        "（一）继续实施测试补贴，确保补贴总额高于上年。" + sentence + "\n"
        "（二）完善测试设施。由市乙测试局负责落实。\n"
    )
    (document,) = parse_text(text).documents
    first, second = document.tasks
    assert _units(first) == (lead, responsible)
    assert _units(second) == (["市乙测试局"], [])


@pytest.mark.parametrize("prose", ["由市测试局负责制定具体办法。", "具体办法由市测试局负责，各地抓好落实。"])
def test_a_by_sentence_that_goes_on_after_the_verb_is_prose(prose):
    text = "测试工作方案（测试）\n一、重点任务\n（一）完善测试制度。" + prose + "\n（二）健全测试机制。\n"
    (document,) = parse_text(text).documents
    assert all(_units(t) == ([], []) for t in document.tasks)
