"""Forms that round 17 (the blind set r169–r178 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某市, 甲县), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize("task_header", ["工 作 任 务", "重 点 任 务"])
def test_a_header_cell_printed_with_spaces_between_its_characters(task_header):
    text = (
        "测试量化指标任务分工（测试）\n"
        f"序号 {task_header} 牵头负责部门\n"
        "1 测试价格涨幅3%左右 甲委\n"
        "2 城镇新增测试就业1000万人以上 乙部\n"
        "3 测试赤字率提高到3% 丙部\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units) for t in document.tasks] == [
        ("1", ["甲委"]),
        ("2", ["乙部"]),
        ("3", ["丙部"]),
    ]


@pytest.mark.parametrize("declaration", ["第一责任单位为牵头单位", "第一单位为牵头单位"])
def test_the_first_unit_declared_lead_in_the_first_clause(declaration):
    text = (
        "某某市测试若干措施（测试）\n"
        f"（一）降低测试成本。落实测试政策。（责任单位：市甲委、市乙局（{declaration}，下同））\n"
        "（二）简化测试审批。推行测试承诺制。（责任单位：市丙局）\n"
    )
    (document,) = parse_text(text).documents
    first, second = document.tasks
    assert (first.lead_units, first.responsible_units) == (["市甲委"], ["市乙局"])
    assert second.lead_units == ["市丙局"]


@pytest.mark.parametrize(
    ("pair", "other"),
    [("各县（市、区）党委和人民政府", "市甲办"), ("测试高新区党工委和管委会", "市乙局")],
)
def test_a_body_named_by_its_two_organs_is_one_unit(pair, other):
    text = (
        "某某市测试主要任务分解表（测试）\n"
        "序号 | 主要任务 | 牵头单位 | 责任单位 |\n"
        f"1 | 建立测试工作体系。 | {other} | {pair} |\n"
        f"2 | 完善测试工作制度。 | {other} | {pair} |\n"
    )
    (document,) = parse_text(text).documents
    assert [t.responsible_units for t in document.tasks] == [[pair], [pair]]
