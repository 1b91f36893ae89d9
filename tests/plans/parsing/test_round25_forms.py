"""Forms that round 25 (the blind set r249–r258 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县), the units and the figures are made
up. Each form is written in two spellings so that a rule fitting only one text fails. Expected
values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes

from gongzhi.plans.parsing import parse_bytes, parse_text

HEADER = ["序号", "指标名称", "单位", "2022年", "2025年", "2027年", "牵头单位", "责任单位"]
ROWS = [
    ["1", "测试预期寿命", "岁", "78.2(2021年)", "≥79.2", "≥80", "县甲局", "县乙局、各乡镇人民政府"],
    ["2", "测试素养水平", "%", "21.6", "≥31.5", "≥33", "县甲局", "县丙中心"],
    HEADER,  # the header again, as a table over two pages prints it
    ["3", "测试过早死亡率", "%", "0.17", "≤12.7", "≤12.5", "县甲局", "县丙中心"],
]


def _check(document) -> None:
    assert [(t.number, t.lead_units) for t in document.tasks] == [
        ("1", ["县甲局"]),
        ("2", ["县甲局"]),
        ("3", ["县甲局"]),
    ]
    assert [
        [(g.comparator, g.value, g.unit, g.deadline_year) for g in t.targets] for t in document.tasks
    ] == [
        [(">=", 79.2, "岁", 2025), (">=", 80, "岁", 2027)],
        [(">=", 31.5, "%", 2025), (">=", 33, "%", 2027)],
        [("<=", 12.7, "%", 2025), ("<=", 12.5, "%", 2027)],
    ]


def test_an_indicator_table_with_year_columns_and_units_in_a_docx():
    data = docx_bytes(["某某县测试寿命提升行动主要目标责任清单（测试）"], [HEADER, *ROWS])
    (document,) = parse_bytes(data, "清单.docx").documents
    _check(document)


def test_an_indicator_table_with_year_columns_and_units_in_text():
    lines = [" | ".join(row) + " |" for row in [HEADER, *ROWS]]
    (document,) = parse_text(
        "某某县测试寿命提升行动主要目标责任清单（测试）\n" + "\n".join(lines) + "\n"
    ).documents
    _check(document)


@pytest.mark.parametrize("label", ["共同责任单位", "共同责任部门"])
def test_a_shared_responsibility_label(label):
    text = (
        "某某区2025年测试民生实事任务分解（测试）\n"
        f"1.新建测试学校3所。（牵头单位：区甲局；{label}：相关镇街）\n"
        "2.开设测试托管班35个。（牵头单位：区乙局）\n"
    )
    (document,) = parse_text(text).documents
    assert (document.tasks[0].lead_units, document.tasks[0].responsible_units) == (["区甲局"], ["相关镇街"])


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_table_one_cell_a_paragraph_with_spaced_headers_and_a_required_figure(gap):
    cells = [
        "序号", "任 务 名 称", "指 标 要 求", "牵 头 部 门", "配 合 部 门", "目 标 类 型",
        "1", "测试生产总值", "增长5.5%(市下达指标)", "区甲局", "区乙局、区丙局", "A类",
        "2", "测试服务业增加值", "增长6%", "区甲局", "区乙局",
    ]  # fmt: skip
    text = "2019年某某区《测试报告》目标任务分解表" + gap + gap.join(cells) + "\n"
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units, t.cooperating_units) for t in document.tasks] == [
        ("1", ["区甲局"], ["区乙局", "区丙局"]),
        ("2", ["区甲局"], ["区乙局"]),
    ]
    assert [[(g.comparator, g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [("increase_by", 5.5, "%")],
        [("increase_by", 6, "%")],
    ]
