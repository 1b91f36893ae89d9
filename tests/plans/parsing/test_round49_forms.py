"""Forms that round 49 read, from the blind set r662–r683 once scored: a flattened task table
whose 序号 cells were dropped by the page (rows of the other columns only), an extract of a
longer task table whose rows start at 68, and (see the other tests) the rest of that set's misses.

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _paragraphs(*cells: str) -> str:
    return "".join(f"{c}\n\n" for c in cells)


@pytest.mark.parametrize(
    "header",
    [("序号", "目标与任务", "牵头责任单位", "责任单位"), ("序号", "重点工作", "牵头单位", "配合单位")],
)
def test_a_table_whose_number_cells_were_dropped_gives_a_task_a_row(header):
    text = (
        "测试市人民政府办公室关于分解下达2020年度重点工作任务的通知（测试）\n\n各测试区人民政府：\n\n现将任务分解下达。\n\n附件\n\n2020年度重点工作任务分解表\n\n"
        + _paragraphs(
            *header,
            "加快推进测试国土空间规划编制，让测试城市更有颜值。",
            "测试市自然资源局",
            "各测试区政府、测试开发区管委会",
            "扎实打好测试污染防治攻坚战。",
            "测试市生态环境局",
            "各测试区政府",
        )
    )
    (document,) = parse_text(text).documents
    assert [(t.text, [(u.name, u.role) for u in t.units]) for t in document.tasks] == [
        (
            "加快推进测试国土空间规划编制，让测试城市更有颜值。",
            [
                ("测试市自然资源局", "lead"),
                ("各测试区政府", "responsible" if header[3] == "责任单位" else "cooperating"),
                ("测试开发区管委会", "responsible" if header[3] == "责任单位" else "cooperating"),
            ],
        ),
        (
            "扎实打好测试污染防治攻坚战。",
            [
                ("测试市生态环境局", "lead"),
                ("各测试区政府", "responsible" if header[3] == "责任单位" else "cooperating"),
            ],
        ),
    ]


@pytest.mark.parametrize("sections", [True, False])
def test_an_extract_of_a_task_table_numbers_its_rows_as_printed(sections):
    heads = (
        ["二、全力以赴扩投资，筑牢测试经济根基", "三、全力以赴惠民生，加快测试社会事业发展"]
        if sections
        else []
    )
    text = "测试区教育局2025年重点工作任务分解表（测试）\n\n" + _paragraphs(
        "序号",
        "重点工作任务",
        "主要责任单位",
        "协同配合单位",
        *heads,
        "68",
        "持续推进测试学前教育普及普惠。",
        "测试区教育局",
        "测试区政府有关部门，各测试乡镇人民政府。",
        "69",
        "积极引进测试优质教育资源。",
        "测试区教育局",
        "测试区投资促进中心。",
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.text, [u.name for u in t.units]) for t in document.tasks] == [
        (
            "68",
            "持续推进测试学前教育普及普惠。",
            ["测试区教育局", "测试区政府有关部门", "各测试乡镇人民政府"],
        ),
        ("69", "积极引进测试优质教育资源。", ["测试区教育局", "测试区投资促进中心"]),
    ]


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            "一、强化测试科技创新(新区测试科技和人才局〈区测试科技局〉牵头)\n推进测试创新平台建设。",
            [("新区测试科技和人才局〈区测试科技局〉", "lead")],
        ),
        (
            "一、加快测试产业升级\n推进测试园区改造。（新区测试经济发展局〈区测试经信局〉牵头，区测试财政局配合）",
            [("新区测试经济发展局〈区测试经信局〉", "lead"), ("区测试财政局", "cooperating")],
        ),
    ],
)
def test_a_unit_with_its_second_name_in_angle_brackets(item, units):
    # one body with two names (a new area's bureau that is also the district's): one unit
    text = f"测试区推动经济高质量发展若干政策（测试）\n\n{item}\n二、优化测试营商环境（区测试发改局牵头）\n推进测试改革。\n"
    (document,) = parse_text(text).documents
    assert [[(u.name, u.role) for u in t.units] for t in document.tasks] == [
        units,
        [("区测试发改局", "lead")],
    ]
