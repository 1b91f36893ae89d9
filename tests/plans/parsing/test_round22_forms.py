"""Forms that round 22 (the blind set r219–r228 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某区), the units and the figures are made
up. Each form is written in two spellings so that a rule fitting only one text fails. Expected
values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_number_alone_on_its_line_over_its_items_lines(gap):
    text = gap.join(
        [
            "2024年某某区政府为民办实事项目（测试）",
            "1",
            "新增100张测试养护床位",
            "完成300户测试适老化改造",
            "2",
            "新增400个测试充电桩",
            "3",
            "新增250个测试托额",
        ]
    )
    (document,) = parse_text(text + "\n").documents
    assert [t.number for t in document.tasks] == ["1", "2", "3"]
    assert [[(g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [(100, "张"), (300, "户")],
        [(400, "个")],
        [(250, "个")],
    ]


@pytest.mark.parametrize("mark", ["*", "＊"])
def test_a_table_one_cell_a_line_its_rows_short_of_empty_cells_and_a_lead_marked_after(mark):
    cells = [
        "序号", "重点工作", "区本级", "任务数", "责任单位",
        "1", "测试生产总值增长6.5%。", "区甲局",
        "2", "测试投资增长10%左右。", "5%", "区甲局",
        "3", "力争兑现测试资金20亿元。", "9亿元", f"区乙办{mark}、区丙局",
        "4", "推进测试项目340个以上。", "190个", "区甲局",
    ]  # fmt: skip
    text = "2023年某某区测试重点工作责任分解（测试）\n" + "\n".join(cells) + "\n"
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units, t.responsible_units) for t in document.tasks] == [
        ("1", [], ["区甲局"]),
        ("2", [], ["区甲局"]),
        ("3", ["区乙办"], ["区丙局"]),
        ("4", [], ["区甲局"]),
    ]
    assert document.tasks[0].text.startswith("测试生产总值")


@pytest.mark.parametrize("added", ["安排", "清单"])
def test_a_notice_names_its_attachment_without_a_word_the_attachment_adds(added):
    text = (
        "某某区人民政府办公室关于印发2025年区政府测试实事项目的通知\n"
        "某府办发〔2025〕6号\n"
        "各乡镇：\n经区政府同意，现将《2025年区政府测试实事项目》印发给你们，请认真组织实施。\n"
        "某某区人民政府办公室\n2025年2月10日\n"
        f"2025年区政府测试实事项目{added}\n"
        "1.新增测试照护之家3家。\n2.增配测试除颤器125台。\n"
    )
    documents = parse_text(text).documents
    assert len(documents) == 1
    assert [t.number for t in documents[0].tasks] == ["1.", "2."]


@pytest.mark.parametrize("crumb", ["您当前的位置:首页 > 信息公开 > 测试委", "您现在的位置：首页 > 重点工作"])
def test_a_sites_menu_and_breadcrumb_before_the_title(crumb):
    text = (
        f"• 政府信息公开\n{crumb}\n浏览量:  【字体:   】\n\n"
        "县测试委2021年政府工作报告任务分解\n\n"
        "1.实施16个测试卫生院改扩建项目。\n\n牵头责任单位:县测试委\n\n"
        "2.推进测试工作。\n\n牵头责任单位:县甲局\n"
    )
    (document,) = parse_text(text).documents
    assert document.title == "县测试委2021年政府工作报告任务分解"
    assert [(g.value, g.deadline_year) for g in document.tasks[0].targets] == [(16, 2021)]


@pytest.mark.parametrize("label", ["数据提供单位", "数据提供部门"])
def test_the_unit_that_supplies_the_figures_cooperates(label):
    text = (
        "某某市2019年测试目标任务责任分解方案（测试）\n"
        f"（一）测试生产总值增长8%。（牵头单位：市甲委；责任单位：各区县；{label}：市统计局）\n"
        "（二）测试收入增长7.5%。（牵头单位：市乙局）\n"
    )
    (document,) = parse_text(text).documents
    first = document.tasks[0]
    assert (first.lead_units, first.responsible_units, first.cooperating_units) == (
        ["市甲委"],
        ["各区县"],
        ["市统计局"],
    )
