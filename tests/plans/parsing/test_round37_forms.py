"""Forms that round 37 read, from what the seen corpus still missed at the start of the seventh
session (tests/corpus, 351 documents): quota tables, ...

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes

from gongzhi.plans.parsing import parse_bytes


def _targets(task) -> list[tuple]:
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in task.targets]


@pytest.mark.parametrize(
    ("place", "quota", "measure_line", "unit", "year"),
    [
        ("街镇", "2026年\n任务量", "制表日期：2026.1　　　　　　单位：亩", "亩", 2026),
        ("县（市、区）", "目标任务数（万元）", "", "万元", None),
    ],
)
def test_a_quota_table_gives_each_place_its_share_as_a_task(place, quota, measure_line, unit, year):
    rows = [
        ["序号", place, quota, "其中重点任务量"],
        ["1", "甲测试镇", "122.52", "100"],
        ["2", "乙测试街道", "3.01", "0"],
        ["合计", "", "125.53", "100"],
    ]
    paragraphs = ["测试用地整治任务分解表（测试）", *([measure_line] if measure_line else [])]
    (document,) = parse_bytes(docx_bytes(paragraphs, rows), "分解表.docx").documents
    assert [(t.number, list(t.responsible_units)) for t in document.tasks] == [
        ("1", ["甲测试镇"]),
        ("2", ["乙测试街道"]),
    ]
    first, second = document.tasks
    assert _targets(first) == [("=", 122.52, unit, year)]
    assert _targets(second) == [("=", 3.01, unit, year)]
    assert first.text.startswith("甲测试镇：") and "122.52" in first.text


def test_a_table_of_written_tasks_under_a_task_header_is_not_a_quota_table():
    rows = [
        ["序号", "街镇", "目标任务"],
        ["1", "甲测试镇", "完成测试道路改造10条，年底前全部完工。"],
        ["2", "乙测试街道", "新建测试公园2个。"],
    ]
    (document,) = parse_bytes(docx_bytes(["测试任务表（测试）"], rows), "任务表.docx").documents
    assert [t.text for t in document.tasks] == [rows[1][2], rows[2][2]]
