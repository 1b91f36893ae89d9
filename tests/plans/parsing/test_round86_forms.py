"""Forms that round 86 read (from the blind set r899–r902 and the corpus left over from it). All the
snippets are synthetic (（测试）): the places, the units and the figures are made up. Each form is
written in two spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize(
    ("heading", "space", "goals", "expected"),
    [
        (
            "主要目标",
            " ",
            "到2020年，测试溪流水质达标率总体达60%以上，取缔测试排污口；测试港口污水达标排放率达到100%。",
            [(">=", 60, "%", 2020), (">=", 100, "%", 2020)],
        ),
        (
            "工作目标",
            "\u3000",
            "到2026年底，全区测试公园达到15座，测试绿道长度不少于40公里。",
            [(">=", 15, "座", 2026), (">=", 40, "公里", 2026)],
        ),
    ],
)
def test_a_goal_heading_a_space_apart_from_its_text_on_one_line(heading, space, goals, expected):
    filler = (
        "加强测试巡查，全面排查测试企业，依法查处测试违法行为，推动测试整改落实到位，形成测试长效机制。"
        "强化测试部门协同，定期通报测试进展，确保测试工作取得实效。"
    )
    text = " ".join(
        [
            "测试区测试工作方案",
            f"一、总体要求 坚持测试原则，统筹推进测试工作，{filler}",
            f"二、{heading}{space}{goals}",
            "三、主要任务",
            f"（一）测试排污整治 {filler}（责任单位：测试区生态环境局）",
            f"（二）测试港口整治 {filler}（责任单位：测试区交通局）",
        ]
    )
    document = parse_text(text).documents[0]
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == expected
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
