"""Forms that round 79 read, found on the blind set r875–r880 (a provincial plan as a PDF's text
layer, cut at one width, with a table of contents whose dot leaders run wider than the text). All
the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each form is
written in two spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

WIDTH = 30  # characters a line (60 columns)
CLAUSE = "（责任单位：测试生态环境厅牵头，省测试局、省乡村振兴局等按职责分工负责）"


def _wrapped(paragraph: str, cut_in: str) -> list[str]:
    """The paragraph cut every WIDTH characters, padded so that a cut falls inside `cut_in`."""
    at = paragraph.index(cut_in) + 2
    pad = (WIDTH - at % WIDTH) % WIDTH
    text = "测" * pad + paragraph
    return [text[k : k + WIDTH] for k in range(0, len(text), WIDTH)]


def _plan(leader: str) -> str:
    body = "测试工作要坚持问题导向和目标导向，统筹推进测试农村生态环境保护，持续改善测试人居环境质量。" * 3
    toc = [
        f"{label}{leader * 60} {page}"
        for label, page in (("一、现状与形势", 1), ("二、总体要求", 3), ("三、重点任务", 5))
    ]
    lines = ["测试省农业农村生态环境保护规划", "目 录", *toc, "附件 1" + leader * 70, "一、现状与形势"]
    for _ in range(3):
        lines += _wrapped(body, "统筹")
    lines += ["二、重点任务", "（一）推进测试污水治理"]
    lines += _wrapped("科学修订完善测试县域农村生活污水治理专项规划或方案。" + CLAUSE, "乡村振兴")
    lines += ["（二）强化测试分类治理"]
    lines += _wrapped("完善测试行政村分类治理名录，科学划分治理类和管控类行政村。" + CLAUSE, "乡村振兴")
    lines += _wrapped(body, "统筹")
    return "\n".join(lines)


@pytest.mark.parametrize("leader", [".", "…"])
def test_a_table_of_contents_does_not_hide_that_the_text_is_cut_at_one_width(leader):
    document = parse_text(_plan(leader)).documents[0]
    first = document.tasks[0]
    assert [getattr(u, "name", u) for u in first.lead_units] == ["测试生态环境厅"]
    assert [getattr(u, "name", u) for u in first.responsible_units] == ["省测试局", "省乡村振兴局"]
