"""Forms that round 12 (r122, r126–r128, r104, r69, r85, r89 and the missing targets of
tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某区, 甲市), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

# ---------------------------------------------------------------- 1. a page of a paginated copy on one line


_FILLER = "围绕测试主题持续推进相关工作，完善配套制度，加强统筹协调，形成工作合力，确保各项措施落到实处。" * 2


@pytest.mark.parametrize(
    ("head", "label"),
    [
        ("[接上页] (2)", "省直配合单位"),
        ("[续上页] （3）", "市级配合单位"),
    ],
)
def test_a_page_run_into_one_line_from_inside_an_item(head, label):
    line = (
        f"{head}建设某某测试基地。{_FILLER} "
        f"2.共同推动甲类产业发展。{_FILLER}({label}:甲局、乙委、丙厅) "
        f"3.大力拓展乙类合作。{_FILLER}({label}:丁局)"
    )
    (document,) = parse_text(f"|\n{line}\n").documents
    assert [(t.number, t.cooperating_units, t.lead_units) for t in document.tasks] == [
        ("2.", ["甲局", "乙委", "丙厅"], []),
        ("3.", ["丁局"], []),
    ]


@pytest.mark.parametrize("label", ["省直配合单位", "县级责任单位"])
def test_a_label_qualified_by_its_level(label):
    text = f"某某区测试工作方案\n一、重点任务\n1.推进测试工作。（{label}：甲局、乙局）\n2.完善测试机制。（牵头单位：丙局）\n"
    (document,) = parse_text(text).documents
    task = document.tasks[0]
    got = task.cooperating_units if "配合" in label else task.responsible_units
    assert got == ["甲局", "乙局"]
