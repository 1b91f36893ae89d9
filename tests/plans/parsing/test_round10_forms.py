"""Forms that the ninth blind set (r110–r119 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县, 测试区), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

# ---------------------------------------------------------------- 1. （X主办，Y协办）


@pytest.mark.parametrize(
    ("clause", "lead", "cooperating"),
    [
        ("（测试区发改委、测试区财政局主办）", ["测试区发改委", "测试区财政局"], []),
        (
            "(测试市商务局主办,测试市税务局、测试市财政局协办)",
            ["测试市商务局"],
            ["测试市税务局", "测试市财政局"],
        ),
    ],
)
def test_zhuban_leads_and_xieban_cooperates(clause, lead, cooperating):
    text = (
        "测试区2026年主要目标任务（测试）\n"
        f"1.地区生产总值增长5%左右。{clause}\n"
        "2.一般公共预算收入增长3%。（测试区财政局主办）\n"
    )
    (document,) = parse_text(text).documents
    task = document.tasks[0]
    assert (task.lead_units, task.cooperating_units) == (lead, cooperating)


# ---------------------------------------------------------------- 2. a document run into one line


@pytest.mark.parametrize("space", [" ", "\u3000"])
def test_a_document_run_into_one_line_is_read_by_its_numbered_paragraphs(space):
    preamble = (
        "现将政府工作报告提出的2023年重点工作任务予以分解并明确责任单位，各责任单位要尽快制定具体落实方案（测试）。"
        * 3
    )
    text = (
        f"测试省人民政府关于明确重点工作责任单位的通知（测试）{space}{preamble}{space}"
        f"一、加快提振市场信心{space}(一)全面促进消费增长。{space}"
        f"1.把恢复和扩大消费摆在优先位置，改善消费条件（测试）。(测试省商务厅、测试省财政厅负责){space}"
        f"2.稳定大宗消费，支持住房改善消费（测试）。(测试省商务厅负责){space}"
        f"3.推动服务消费加快恢复（测试）。(测试省文化和旅游厅负责)\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "3."]
    assert document.tasks[2].lead_units == ["测试省文化和旅游厅"]


# ---------------------------------------------------------------- 3. an item titled by the unit that leads it


@pytest.mark.parametrize("title", ["（一）测试省监察厅牵头的工作", "(一)测试省监察厅牵头工作"])
def test_an_item_titled_by_its_lead_unit_is_a_task_that_unit_leads(title):
    text = (
        "测试省2008年工作目标责任分解（测试）\n"
        "一、省长负责的工作\n"
        f"{title}\n"
        "加强行政监察工作（测试）。\n"
        "（二）测试省审计厅牵头的工作\n"
        "全面加强审计工作（测试）。\n"
        "协同单位：测试省直各部门\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.lead_units, t.cooperating_units) for t in document.tasks] == [
        (["测试省监察厅"], []),
        (["测试省审计厅"], ["测试省直各部门"]),
    ]


# ---------------------------------------------------------------- 4. a label run onto the unit list


@pytest.mark.parametrize("label", ["任务目标：", "建设内容:"])
def test_a_label_run_onto_the_unit_list_ends_it(label):
    text = (
        "测试县2024年民生实事票决项目（测试）\n"
        "一、测试老旧小区改造\n"
        "牵头单位：测试县住建局\n"
        f"责任单位：测试镇{label}完成老旧小区改造10万平方米（测试）。\n"
        "二、测试公共充电设施建设\n"
        "牵头单位：测试县发改委\n"
    )
    (document,) = parse_text(text).documents
    assert document.tasks[0].responsible_units == ["测试镇"]
