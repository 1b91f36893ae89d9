"""Forms that round 28 read: what round 27 left on r273 (a unit sentence of its own), then the
forms the blind sets r279–r298 of tests/corpus showed after their one scoring.

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes

from gongzhi.plans.parsing import parse_bytes, parse_text


def _units(task) -> tuple[list[str], list[str]]:
    return list(task.lead_units), list(task.responsible_units)


@pytest.mark.parametrize(
    ("sentence", "lead", "responsible"),
    [
        (
            "由市测试局、农业测试局，各县(市)、区人民政府负责落实。",
            [],
            ["市测试局", "农业测试局", "各县(市)、区人民政府"],
        ),
        ("由市测试委员会负责。", ["市测试委员会"], []),
    ],
)
def test_a_closing_sentence_naming_units_and_a_verb_is_the_items_unit_clause(sentence, lead, responsible):
    text = (
        "关于分解测试重点工作的通知（测试）\n"
        "（一）继续实施测试补贴，确保补贴总额高于上年。" + sentence + "\n"
        "（二）完善测试设施。由市乙测试局负责落实。\n"
    )
    (document,) = parse_text(text).documents
    first, second = document.tasks
    assert _units(first) == (lead, responsible)
    assert _units(second) == (["市乙测试局"], [])


@pytest.mark.parametrize("prose", ["由市测试局负责制定具体办法。", "具体办法由市测试局负责，各地抓好落实。"])
def test_a_by_sentence_that_goes_on_after_the_verb_is_prose(prose):
    text = "测试工作方案（测试）\n一、重点任务\n（一）完善测试制度。" + prose + "\n（二）健全测试机制。\n"
    (document,) = parse_text(text).documents
    assert all(_units(t) == ([], []) for t in document.tasks)


# ---------------------------------------------------------------- the blind set r279–r296


@pytest.mark.parametrize(("first", "second"), [("⑴", "⑵"), ("⒈", "⒉")])
def test_numbers_printed_as_one_character(first, second):
    text = (
        "关于落实测试规划任务分工的通知（测试）\n一、主要目标和任务分工\n"
        f"{first}测试覆盖率达到97%。\n责任单位:省测试厅。\n"
        f"{second}测试保有量保持在6120万亩。\n责任单位:省乙测试厅。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, list(t.responsible_units)) for t in document.tasks] == [
        (first, ["省测试厅"]),
        (second, ["省乙测试厅"]),
    ]


@pytest.mark.parametrize(
    "chrome",
    [["当前位置:首页", "> 政务公开 > 工作报告"], ["测试简历馆", "位置:首页 > 职场 > 工作报告"]],
)
def test_a_breadcrumb_broken_over_lines_or_under_the_sites_name_is_not_the_title(chrome):
    rows = [
        ["序号", "内容与要求", "责任单位"],
        ["1", "确保测试总值增长7%左右。", "市测试委"],
        ["2", "推进测试项目建设。", "市乙测试局"],
    ]
    data = docx_bytes([*chrome, "市政府2020年测试重点工作进展情况表"], rows)
    (document,) = parse_bytes(data, "进展.docx").documents
    assert document.title == "市政府2020年测试重点工作进展情况表"
    assert [(g.value, g.deadline_year) for t in document.tasks for g in t.targets] == [(7, 2020)]


@pytest.mark.parametrize("date_line", ["(二OO八年二月二十六日)", "（二〇〇八年二月二十六日）"])
def test_a_bracketed_date_above_the_notice_is_its_date(date_line):
    text = (
        f"{date_line}\n测府办〔2008〕18号\n各镇人民政府:\n"
        "根据区委全会精神,经区政府常务会议研究同意,现将《2008年测试工作目标任务分解》印发给你们。\n"
        "一、促进经济发展。\n1、加强测试运行分析。(牵头单位:测试委)\n▲测试增加值增长14%左右。\n"
        "2、推进测试建设。(牵头单位:乙测试局)\n"
    )
    (document,) = parse_text(text).documents
    assert document.date == "2008-02-26"
    assert document.title != date_line
    assert [(g.value, g.deadline_year) for t in document.tasks for g in t.targets] == [(14, 2008)]


@pytest.mark.parametrize("dash", ["--", "——"])
def test_a_unit_line_closes_the_block_of_paragraphs_above_it(dash):
    text = (
        "测试生活污水处理率达到90%以上。\n"
        f"{dash}由省测试厅、省测试委会同有关部门和各市(州)组织落实。\n"
        "挖掘测试增收潜力,促进农民持续增收。\n"
        "加强测试村庄建设,建成1000个示范宜居村庄。\n"
        f"{dash}由省乙测试厅(省测试办)会同有关部门组织落实。\n"
    )
    (document,) = parse_text(text).documents
    first, second = document.tasks
    assert list(first.lead_units) == ["省测试厅", "省测试委"]
    assert list(first.cooperating_units) == ["有关部门", "各市(州)"]
    assert second.text.startswith("挖掘测试增收潜力")
    assert list(second.lead_units) == ["省乙测试厅(省测试办)"]
    assert [g.value for g in second.targets] == [1000]


@pytest.mark.parametrize("space", [" ", "\u3000"])
def test_a_copy_run_into_one_line_that_breaks_off_after_two_numbered_paragraphs(space):
    body = "为深入贯彻测试决策部署,结合实际,制定以下工作要点。" + "测试" * 100
    text = (
        "测试省深化改革2020年工作要点（测试）\n"
        f"{body}。{space}一、持续深化测试改革{space}(一)完善测试清单制度。修订测试办法,完善动态管理机制。"
        "〔省测试办牵头,省直有关部门(单位)及各市(州)人民政府按职责分工负责〕\n"
    )
    (document,) = parse_text(text).documents
    (task,) = document.tasks
    assert task.number == "(一)"
    assert list(task.lead_units) == ["省测试办"]
    assert list(task.responsible_units) == ["省直有关部门(单位)", "各市(州)人民政府"]


@pytest.mark.parametrize(
    ("number", "title"), [(None, "强化测试创新能力。"), ("（一）", "加强测试力量建设。")]
)
def test_a_title_sentence_row_without_units_in_a_task_table_is_a_group(number, title):
    rows = [
        ["序号", "重点工作", "牵头单位", "配合单位"],
        [number, title, None, None],
        ["1", "加快建设测试创新轴。", "市测试局", "甲区政府"],
        ["2", "做好测试实验室筹建工作。", "市测试局", "市乙测试局"],
    ]
    (document,) = parse_bytes(docx_bytes(["2021年测试重点工作责任分工（测试）"], rows), "分工.docx").documents
    assert [(t.number, list(t.lead_units)) for t in document.tasks] == [
        ("1", ["市测试局"]),
        ("2", ["市测试局"]),
    ]


@pytest.mark.parametrize(
    "clause",
    ["督查办对2021年政府工作报告重点工作任务推进情况进行了汇总", "现对2021年测试重点任务进展情况作了梳理"],
)
def test_the_year_of_the_sentence_that_introduces_a_progress_report(clause):
    text = (
        "区政府:\n"
        f"按照区政府工作安排,{clause},现将具体情况报告如下。\n"
        "|序号|预期目标|责任单位\n|1|测试总值增长6%以上。|区测试委\n|2|测试投资增长8%。|区乙测试局\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.value, g.deadline_year) for t in document.tasks for g in t.targets] == [(6, 2021), (8, 2021)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("树立测试示范村12个。", [(">=", 12, "个", 2020)]),
        ("腾出测试用能120万吨标准煤。", [(">=", 120, "万吨标准煤", 2020)]),
    ],
)
def test_more_verbs_and_measures(sentence, expected):
    from built_files import first_task_targets

    assert first_task_targets(sentence) == expected


# ---------------------------------------------------------------- the blind set r299–r316 (round 29)


@pytest.mark.parametrize("group", ["区政府重点工作", "重\n点\n工\n作"])
def test_scored_rows_numbered_after_a_group_column_with_a_note_row(group):
    rows = [
        ["考核条目", None, "考核细则", None],
        [group, "1", "上报区政府测试工作实施方案。", "未报扣10分"],
        [group, "2", "测试实施方案无阶段性目标，无具体措施。", "扣5分"],
        [group, "3", "上报测试报告。", "未报扣10分"],
        [group, "4", "上报测试工作期末总结报告。", "未报扣10分"],
        ["备注", None, "仅有列督事项的单位，考核扣分分值加倍。", "加倍"],
    ]
    merges = [((1, 0), (4, 0))]
    data = docx_bytes(["测试工作考核细则（试行）（测试）"], rows, merges)
    (document,) = parse_bytes(data, "细则.docx").documents
    assert [t.number for t in document.tasks] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("lead", ["2025年，", "2025年底，"])
def test_a_goal_paragraph_of_the_general_requirements_opening_with_a_bare_year(lead):
    text = (
        "关于支持测试市加快发展的若干意见（测试）\n一、总体要求\n以测试思想为指导，推动测试市加快建设。\n"
        f"{lead}测试地区生产总值达1.7万亿元以上，常住人口超1000万人。\n"
        "二、重点任务\n（一）提升测试承载能力。加快建设测试枢纽。\n（二）完善测试设施。\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit, g.deadline_year) for g in document.targets] == [
        (">=", 1.7, "万亿元", 2025),
        (">", 1000, "万人", 2025),
    ]


@pytest.mark.parametrize("period", ["2021—2023年", "2021-2023年"])
def test_a_period_that_opens_the_sentence_is_the_deadline_of_its_rates_too(period):
    text = (
        "测试区重大项目建设三年行动计划（测试）\n一、工作目标\n"
        f"{period}，测试重大项目投资确保完成年均增长15%以上目标，3年累计完成投资3.84万亿元左右。\n"
        "二、重点任务\n（一）推进测试项目。\n（二）完善测试机制。\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.value, g.deadline_year) for g in document.targets] == [(15, 2023), (3.84, 2023)]


@pytest.mark.parametrize("verb", ["落实", "负责落实"])
def test_the_verb_after_the_last_unit_of_a_standing_sentence(verb):
    text = (
        "测试产业链发展意见（测试）\n"
        f"1.发展测试产业链。〔责任单位:省测试厅。以下均需各市人民政府,测试实验区管委会{verb},不再列出〕\n"
        "2.完善测试机制。〔责任单位:省乙测试厅〕\n"
    )
    (document,) = parse_text(text).documents
    assert list(document.tasks[0].responsible_units) == ["省测试厅", "各市人民政府", "测试实验区管委会"]


# ---------------------------------------------------------------- the blind set r319–r334 (round 30)


@pytest.mark.parametrize(("principles", "schedule"), [("总体原则", "计划安排"), ("基本遵循", "推进步骤")])
def test_principles_and_a_schedule_frame_the_work_of_a_document_without_units(principles, schedule):
    text = (
        "测试植物推广应用三年行动计划（测试）\n"
        f"一、{principles}\n（一）因地制宜、适地适树\n在测试绿地推广应用。\n（二）控制成本、经济节约\n节约测试成本。\n"
        "二、主要任务\n（一）加大测试推广应用力度\n新增测试点位30个。\n（二）提升测试养护水平\n加强测试养护。\n"
        f"三、{schedule}\n（一）制定方案阶段\n2024年8月底前，制定测试方案。\n（二）实施阶段\n2025年6月底前，完成测试。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.text[:9] for t in document.tasks] == ["（一）加大测试推广", "（二）提升测试养护"]


@pytest.mark.parametrize(("arrangement", "requirement"), [("工作安排", "工作要求"), ("时间安排", "保障措施")])
def test_items_under_unnumbered_headings_that_frame_the_work(arrangement, requirement):
    text = (
        "测试区燃气安全专项整治工作方案（测试）\n\n总体要求\n\n认真贯彻测试要求。\n\n重点整治内容\n\n"
        "1.对未落实测试责任制的，依法处理。\n\n2.对违规使用测试气瓶的，依法处理。\n\n"
        f"{arrangement}\n\n结合实际，专项整治将分3个阶段进行。\n\n(一)集中攻坚阶段。2023年9月底前，全面排查。\n\n"
        f"(二)巩固提升阶段。2024年3月底前，全面整改。\n\n{requirement}\n\n(一)提高政治站位。\n\n(二)压实工作责任。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]
    assert [g for t in document.tasks for g in t.targets] == []


@pytest.mark.parametrize("limit", ["连接软管长度超过2米", "存放气瓶总重量超过60公斤"])
def test_a_quantity_in_the_case_of_a_rule_is_not_a_target(limit):
    from built_files import first_task_targets

    assert first_task_targets(f"对测试机构{limit}、私接测试管道的，要依法责令限期改正。") == []


@pytest.mark.parametrize("process", ["管控流程", "工作流程"])
def test_a_procedure_section_frames_the_work(process):
    text = (
        "测试区海绵城市建设管理办法（测试）\n一、重点任务\n1.强化测试规划管控。按年度开展评估。\n"
        f"2.编制测试系统方案。\n二、{process}\n（一）规划阶段\n组织修编测试规划。\n（二）项目前期阶段\n做好测试审批。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]


@pytest.mark.parametrize("section", ["重点任务", "主要任务"])
def test_a_task_section_without_units_in_a_document_whose_steps_carry_them(section):
    text = (
        "高效办成测试“一件事”实施方案（测试）\n"
        f"一、{section}\n（一）优化测试流程。合并简化申请材料。\n（二）优化改造测试系统。完成系统升级。\n"
        "二、实施步骤\n（一）部署实施阶段。制定测试方案。（责任部门：市测试委、市测试局。时间节点：2025年3月）\n"
        "（二）正式运行阶段。系统上线运行。（责任部门：市测试委。时间节点：2025年5月）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.text[:7], list(t.responsible_units)) for t in document.tasks] == [
        ("（一）优化测试", []),
        ("（二）优化改造", []),
        ("（一）部署实施", ["市测试委", "市测试局"]),
        ("（二）正式运行", ["市测试委"]),
    ]


# ---------------------------------------------------------------- the blind set r339–r346 (round 31)


@pytest.mark.parametrize("colon", ["：", ":"])
def test_each_units_duties_on_a_line_of_their_own(colon):
    text = (
        "测试区应急避难场所建设实施方案（测试）\n一、目标任务\n（一）到2025年，全区建成避难场所面积达到87.75万平方米。\n"
        "二、实施要求\n（一）科学规划，合理布局。各镇测试规划。\n（二）做好保障，落实经费。\n"
        "三、职责分工\n按照条块结合的原则，各部门分工如下。\n"
        f"区测试办{colon}负责制定测试规划和年度建设计划。\n区乙测试局{colon}参与制定测试规划。\n"
        f"各镇政府、街道办事处{colon}按照区规划要求，制定本地测试计划。\n"
    )
    (document,) = parse_text(text).documents
    assert [list(t.responsible_units) for t in document.tasks] == [
        ["区测试办"],
        ["区乙测试局"],
        ["各镇政府", "街道办事处"],
    ]
    assert [(g.value, g.unit, g.deadline_year) for g in document.targets] == [(87.75, "万平方米", 2025)]


@pytest.mark.parametrize("duty", ["牵头协调督促本区测试工作落实。", "负责测试项目的年度预算安排。"])
def test_each_units_duties_under_an_item_titled_by_the_unit(duty):
    text = (
        "测试区海绵城市建设管理办法（测试）\n一、重点任务\n1.强化测试规划管控。\n2.编制测试系统方案。\n"
        f"二、职责分工\n（一）区测试委\n{duty}\n（二）区乙测试局\n负责测试资金保障。\n"
    )
    (document,) = parse_text(text).documents
    role = "lead" if duty.startswith("牵头") else "responsible"
    assert [(t.number, [(u.name, u.role) for u in t.units]) for t in document.tasks] == [
        ("1.", []),
        ("2.", []),
        ("（一）", [("区测试委", role)]),
        ("（二）", [("区乙测试局", "responsible")]),
    ]


@pytest.mark.parametrize("heading", ["五、强化保障，支撑测试平台建设", "五、建设方式"])
def test_more_headings_that_frame_the_work(heading):
    text = (
        "测试平台三年行动计划（测试）\n一、建立测试基座\n（一）完善测试数据。\n（二）深化测试平台功能。\n"
        f"{heading}\n（三）加快关键技术攻关。\n（四）推进标准规范建设。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


@pytest.mark.parametrize(
    ("sentence", "expected"), [("补建测试消火栓169具。", (169, "具")), ("补建测试设施24处。", (24, "处"))]
)
def test_rebuilt_things_counted(sentence, expected):
    from built_files import first_task_targets

    assert [(v, u) for _c, v, u, _y in first_task_targets(sentence)] == [expected]


# ---------------------------------------------------------------- the blind set r349–r355 (round 32)


@pytest.mark.parametrize("change", ["-8%", "5个百分点"])
def test_the_numbered_rows_of_an_indicator_box_are_not_tasks(change):
    rows = [
        ["序号", "指　  标", "2010年", "2015年", "2015年比2010年增长"],
        ["1", "测试需氧量排放总量（万吨）", "2551.7", "2347.6", change],
        ["2", "测试氨氮排放总量（万吨）", "264.4", "238.0", "-10%"],
        ["3", "测试城市空气质量达标比例（%）", "72", "≥80", "8个百分点"],
    ]
    paragraphs = [
        "测试环境保护规划（测试）",
        "一、环境形势",
        "测试环境形势依然严峻。",
        "二、主要目标",
        "专栏1：主要指标",
    ]
    (document,) = parse_bytes(docx_bytes(paragraphs, rows), "规划.docx").documents
    assert document.tasks == []
    assert (">=", 80, "%") in [(g.comparator, g.value, g.unit) for g in document.targets]


@pytest.mark.parametrize("separator", ["", "　"])
def test_a_headings_title_run_into_its_first_item_in_a_copy_on_one_line(separator):
    body = "为进一步优化测试环境，经国务院同意，现提出以下意见。" + "测试" * 120
    text = (
        f"关于测试营商环境的意见（测试）\n{body}。一、持续提升测试便利度{separator}（一）优化测试审批流程。"
        "加强测试衔接。（国家测试委、国务院相关部门和单位及各地区按职责分工负责）"
        "（二）简化测试审批。推行测试改革。（测试部负责）二、完善测试机制（三）建立测试制度。（测试办负责）"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）", "（三）"]
    assert list(document.tasks[0].responsible_units)[-2:] == ["国务院相关部门和单位", "各地区"]


@pytest.mark.parametrize("item", ["（四）加强组织领导。", "（四）强化组织领导。"])
def test_organising_the_work_is_not_a_task_of_a_document_without_units(item):
    text = (
        "关于改善测试人居环境的指导意见（测试）\n一、总体要求\n以测试思想为指导。\n"
        "二、完善机制，持续推进测试改善\n（一）建立测试投入机制。加大测试投入。\n（二）健全测试管护机制。\n"
        f"{item}各地区、各部门要充分认识改善测试环境的重要意义。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


@pytest.mark.parametrize(
    ("header", "cells", "expected"),
    [
        ("2015年比2010年增长", ["-8%", "5个百分点"], [("decrease_by", 8, "%"), ("increase_by", 5, "百分点")]),
        (
            "比2020年增减",
            ["+10%", "-2.7个百分点"],
            [("increase_by", 10, "%"), ("decrease_by", 2.7, "百分点")],
        ),
    ],
)
def test_the_change_column_of_an_indicator_table(header, cells, expected):
    rows = [
        ["序号", "指标", "2010年", "2015年", header],
        ["1", "测试排放总量（万吨）", "2551.7", "2347.6", cells[0]],
        ["2", "测试水质达标比例（%）", "55", ">60", cells[1]],
    ]
    paragraphs = ["测试环境保护规划（测试）", "二、主要目标", "专栏1：主要指标"]
    (document,) = parse_bytes(docx_bytes(paragraphs, rows), "规划.docx").documents
    changes = [(g.comparator, g.value, g.unit) for g in document.targets if g.comparator.endswith("_by")]
    assert changes == expected
    assert all(g.deadline_year == 2015 for g in document.targets)


@pytest.mark.parametrize("signed", ["2011年9月7日", "二〇一一年九月七日"])
def test_a_figure_of_a_year_before_the_document_is_not_a_goal(signed):
    text = (
        f"国务院关于印发测试环境保护规划的通知（测试）\n各省人民政府：\n现将《测试环境保护规划》印发给你们。\n国务院\n{signed}\n"
        "测试环境保护规划\n一、主要目标\n到2015年，测试达标比例达到80%。\n注：2010年测试达标比例为72%。\n"
        "二、重点任务\n（一）加强测试治理。\n（二）完善测试制度。\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.value, g.deadline_year) for g in document.targets] == [(80, 2015)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("居民消费价格涨幅3%左右。", ("=", 3, "%")), ("测试价格总水平涨幅在3%以内。", ("<=", 3, "%"))],
)
def test_a_price_rise_held_to_a_level(sentence, expected):
    from built_files import first_task_targets

    assert [t[:3] for t in first_task_targets(sentence)] == [expected]


# ---------------------------------------------------------------- the blind set r359–r364 (round 33)


@pytest.mark.parametrize("subheading", ["（四）健全相关保障机制", "（四）完善组织保障体系"])
def test_a_subheading_of_work_inside_a_task_section_is_not_framing(subheading):
    text = (
        "测试区工业遗产保护利用若干举措（测试）\n一、重点举措\n（一）加强测试保护\n1.开展测试普查。\n2.建立测试名录。\n"
        f"{subheading}\n3.完善测试激励政策。\n4.加强测试人才培养。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "3.", "4."]


@pytest.mark.parametrize("verb", ["负责", "依法"])
def test_duties_written_with_the_unit_as_the_subject(verb):
    text = (
        "测试区装修垃圾管理实施方案（测试）\n一、重点任务\n（一）规范测试投放。\n（二）完善测试收运。\n"
        f"二、职责分工\n区测试局{verb}本区测试工作的全面管理和指导。\n"
        "各街道、镇作为本辖区测试工作的责任主体，负责组织实施。\n三、经费保障\n（一）落实测试经费。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, list(t.responsible_units)) for t in document.tasks] == [
        ("（一）", []),
        ("（二）", []),
        ("", ["区测试局"]),
        ("", ["各街道、镇"]),
    ]


# ---------------------------------------------------------------- the blind set r367–r374 (round 34)


@pytest.mark.parametrize("verb", ["牵头负责", "牵头协调"])
def test_a_paragraph_of_work_that_opens_with_the_units_that_lead_it(verb):
    text = (
        "关于做好测试激励措施落实工作的通知（测试）\n一、资金支持措施方面\n"
        f"区测试委{verb}，指导各部门及早谋划一批项目。\n二、用地指标支持措施方面\n"
        f"区测试局、区乙测试办{verb}，迅速组织调查摸底。\n"
    )
    (document,) = parse_text(text).documents
    assert [list(t.lead_units) for t in document.tasks] == [["区测试委"], ["区测试局", "区乙测试办"]]


@pytest.mark.parametrize("label", ["整改要求:", "整改措施："])
def test_a_line_whose_work_opens_with_by_whom(label):
    text = (
        "1、测试大桥西侧有垃圾死角。\n"
        f"{label}由县测试站负责清除上述地段垃圾死角。\n"
        "2、测试花园围墙上有野广告。\n"
        f"{label}由包片单位县测试局负责清除。\n"
        "3、测试路沿线商户占道经营。\n"
        f"{label}按照先劝阻、再处罚的要求，由县测试中心、县测试大队负责对各自片区进行整治。\n"
    )
    (document,) = parse_text(text).documents
    assert [(list(t.lead_units), list(t.responsible_units)) for t in document.tasks] == [
        (["县测试站"], []),
        (["县测试局"], []),
        ([], ["县测试中心", "县测试大队"]),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("90%的测试卫生院达到服务能力推荐标准。", (">=", 90)),
        ("2017年底前，80%以上的测试机构要配备执法终端。", (">=", 80)),
    ],
)
def test_a_share_of_a_kind_before_what_it_must_do(sentence, expected):
    from built_files import first_task_targets

    assert [t[:2] for t in first_task_targets(sentence)] == [expected]


# ---------------------------------------------------------------- the blind set r375–r390 (round 35)


@pytest.mark.parametrize("empty", ["——", "无"])
def test_a_unit_cell_left_empty_on_purpose(empty):
    rows = [
        ["序号", "工作任务", "牵头单位", "配合单位"],
        ["1", "完善测试垃圾管理制度。", "区测试局", empty],
        ["2", "加强测试运输监管。", "区乙测试局", "各街镇"],
    ]
    (document,) = parse_bytes(docx_bytes(["测试任务分工表（测试）"], rows), "分工.docx").documents
    assert [[u.name for u in t.units] for t in document.tasks] == [["区测试局"], ["区乙测试局", "各街镇"]]


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        ("县测试局、交通部门", ["县测试局", "交通部门"]),
        ("县测试局、水利、电力部门", ["县测试局", "水利", "电力部门"]),
    ],
)
def test_units_that_carry_out_the_item_together(units, expected):
    text = (
        "测试乡基础设施建设工程实施方案（测试）\n一、建设目标任务\n从2005年起，用3年左右时间，完成测试乡基础设施建设。\n"
        f"二、建设内容\n（一）新建测试道路20条。由{units}共同组织实施。\n（二）新建测试桥梁2座。由县测试局负责。\n"
    )
    (document,) = parse_text(text).documents
    assert list(document.tasks[0].responsible_units) == expected
    assert [(g.value, g.deadline_year) for t in document.tasks for g in t.targets] == [(20, 2007), (2, 2007)]


@pytest.mark.parametrize("section", ["三、组织领导与责任分工", "三、责任分工"])
def test_items_titled_by_their_units_in_a_section_of_responsibilities(section):
    text = (
        "测试区清水行动工作方案（测试）\n一、工作内容\n（一）严把测试源头关\n聚焦测试源头治理。\n"
        f"{section}\n（一）区测试局\n开展行业部署和宣传。\n（二）区乙测试委、区丙测试局等建设主管部门\n压实建设单位主体责任。\n"
    )
    (document,) = parse_text(text).documents
    duties = [t for t in document.tasks if t.units]
    assert [(list(t.responsible_units), t.open_ended) for t in duties] == [
        (["区测试局"], False),
        (["区乙测试委", "区丙测试局"], True),
    ]


@pytest.mark.parametrize("places", ["徐汇、黄浦、普陀", "浦东、静安"])
def test_the_count_of_places_just_named_is_not_a_target(places):
    from built_files import first_task_targets

    sentence = f"到2028年，测试业营收超过4500亿元，{places}等3个集聚区合计营收占全市比重达到50%。"
    assert [t[:3] for t in first_task_targets(sentence)] == [(">", 4500, "亿元"), (">=", 50, "%")]


# ---------------------------------------------------------------- the blind set r391–r397 (round 36)


@pytest.mark.parametrize("places", ["各街镇", "各镇（街道）"])
def test_a_bare_closing_list_may_name_the_places_bodies(places):
    text = (
        "测试区盘活低效用地行动方案（测试）\n一、行动内容\n"
        f"1.开展测试收储。鼓励收储低效用地。（{places}、区测试局、区测试中心）\n2.加强测试监管。（区乙测试局）\n"
    )
    (document,) = parse_text(text).documents
    assert [list(t.responsible_units) for t in document.tasks] == [
        [places, "区测试局", "区测试中心"],
        ["区乙测试局"],
    ]


@pytest.mark.parametrize("header", ["单位", "部门"])
def test_a_table_of_units_and_their_duties(header):
    rows = [
        [header, "职责分工"],
        ["区测试局", "拟定本区测试整治工作方案，明确工作要求。"],
        ["区乙测试委", "负责整治清单内相关项目的立项工作。"],
    ]
    (document,) = parse_bytes(
        docx_bytes(["测试违法用地整治三年行动方案（测试）", "附件2"], rows), "方案.docx"
    ).documents
    assert [list(t.responsible_units) for t in document.tasks] == [["区测试局"], ["区乙测试委"]]
