"""Forms that round 80 read, found on the blind set r875–r880 (a provincial plan as a PDF's text
layer that prints its two annex plans after it, each under 附件 n and its own title). All the
snippets are synthetic (（测试）): the places, the units and the figures are made up. Each form is
written in two spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

WIDTH = 30


def _cut(paragraph: str) -> list[str]:
    """Cut at the width, its last line full too (附件 2 below it then looks like its tail)."""
    paragraph = paragraph[:-1] + "测" * (-len(paragraph) % WIDTH) + paragraph[-1]
    return [paragraph[k : k + WIDTH] for k in range(0, len(paragraph), WIDTH)]


def _plan(annex: str, kind: str) -> str:
    body = "测试工作要坚持问题导向和目标导向，统筹推进测试农村生态环境保护，持续改善测试人居环境质量。" * 3
    ends = "加强科技指导和帮扶，加大对基层测试从业人员的业务能力培训力度，切实提高测试工作水平。"
    lines = ["测试省“十四五”农业农村生态环境保护规划", "目 录"]
    lines += [f"{t} {'.' * 40} {p}" for t, p in (("一、总体要求", 1), ("二、重点任务", 3))]
    lines += [f"{annex}{n} {'.' * 50}" for n in (1, 2)]
    lines += ["一、总体要求", *_cut(body), "二、重点任务", "（一）推进测试污水治理", *_cut(body + ends)]
    lines += [f"附件：1．测试省农村生活污水治理{kind}", f"2．测试省农业面源污染治理{kind}"]
    for n, topic in ((1, "农村生活污水治理"), (2, "农业面源污染治理")):
        lines += [f"{annex}{n}", f"测试省{topic}{kind}", "（2021—2025年）", *_cut(body)]
        lines += ["一、重点任务", f"（一）加强测试{topic}", *_cut(body + ends)]
    return "\n".join(lines)


@pytest.mark.parametrize("annex", ["附件", "附件 "])
@pytest.mark.parametrize("kind", ["实施方案", "工作计划"])
def test_annex_plans_printed_after_the_plan_are_documents_of_their_own(annex, kind):
    documents = parse_text(_plan(annex, kind)).documents
    assert [d.title for d in documents][1:] == [
        f"测试省农村生活污水治理{kind}",
        f"测试省农业面源污染治理{kind}",
    ]
    assert all(d.tasks for d in documents)
