"""Forms that round 92 read, found on the long tail of the corpus and on the blind sets r939–r950.
All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each form
is written in two spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import sentence_figures

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "加快测试片区1#排洪渠、2#排洪渠工程和测试村测试溪4个小流域治理工作。",
            [(">=", 4, "个")],
        ),
        (
            "推进甲-乙、丙-丁、戊-己3个公路沿线绿化整治工作；推动测试一路、测试二路2条道路改造工作。",
            [(">=", 3, "个"), (">=", 2, "条")],
        ),
        # the things named and counted, but no work to build or put right after them
        ("推进测试一路、测试二路2条道路的命名。", []),
        ("加快甲镇、乙镇2个镇的宣传培训工作。", []),
    ],
)
def test_the_things_pushed_named_before_their_count_and_their_work(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("declaration", "sides"),
    [("两省市列首位的为牵头单位，下同", 2), ("双方排在第一位的为牵头单位", 2), ("三地列首位的为牵头单位", 3)],
)
def test_a_joint_plan_declares_the_first_of_each_sides_group_the_lead(declaration, sides):
    text = (
        "测试甲市测试乙省联合行动方案\n一、重点任务\n"
        "1．协同开发测试资源。推动共建测试基地。（责任单位：甲市能源局、市经信委；乙省能源局、经信厅；"
        f"丙地测试局、测试办；测试集团公司；{declaration}）\n"
        "2．加快测试电网建设。推动测试电网一体化。（责任单位：甲市发展改革委；乙省发展改革委、水利厅；"
        "丙地测试委；测试集团公司）\n"
    )
    (document,) = parse_text(text).documents
    first_leads = [
        ["甲市能源局", "乙省能源局", "丙地测试局"],
        ["甲市发展改革委", "乙省发展改革委", "丙地测试委"],
    ]
    for task, leads in zip(document.tasks, first_leads, strict=True):
        assert [u.name for u in task.units if u.role == "lead"] == leads[:sides]
        assert "测试集团公司" in [u.name for u in task.units if u.role == "responsible"]


def test_one_declared_first_lead_without_sides_keeps_one_lead():
    text = (
        "测试市行动方案\n一、重点任务\n"
        "1．协同开发测试资源。推动共建测试基地。（责任单位：市能源局、市经信委；市水利局；列首位的为牵头单位）\n"
    )
    (task,) = parse_text(text).documents[0].tasks
    assert [u.name for u in task.units if u.role == "lead"] == ["市能源局"]


_ONE_LINE_HEAD = (
    "测试区管委会办公室关于印发《测试小镇2019年工作实施方案》的通知 区直有关单位：现将方案印发给你们，请认真贯彻落实。"
    " 测试区管委会办公室 2019年4月26日测试小镇2019年工作实施方案 为推进测试小镇建设，现制定本实施方案。"
    "一、总体目标紧紧围绕测试小镇建设，做大做强园区。二、测试小镇工作任务根据测试小镇工作目标，推动各项工作取得新突破。"
)


@pytest.mark.parametrize("comma", ["，", ","])
def test_a_two_phrase_heading_run_into_its_first_point_on_one_line(comma):
    text = (
        _ONE_LINE_HEAD
        + f"（一）多项产业协同发展{comma}助推小镇人气集聚1.设置测试商城。将测试市场楼作为临时商场。"
        "牵头单位：区免税办责任单位：区交通集团配合单位：区财金局，测试海关"
        "2.打造测试灯光秀项目。依托现有的高塔进行必要的美化。牵头单位：区交通集团（测试办）责任单位：区两岸公司"
        f"（二）突出测试元素{comma}丰富小镇业态1.打造测试工坊。营造创意氛围。牵头单位：区台湾工作部责任单位：区两岸公司"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "1."]
    assert {(u.name, u.role) for u in document.tasks[0].units} == {
        ("区免税办", "lead"),
        ("区交通集团", "responsible"),
        ("区财金局", "cooperating"),
        ("测试海关", "cooperating"),
    }
    # (a label glued after a name's own bracket starts a list of its own)
    assert {(u.name, u.role) for u in document.tasks[1].units} == {
        ("区交通集团（测试办）", "lead"),
        ("区两岸公司", "responsible"),
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the things just named counted again, a vague number, the size of each thing counted
        ("认真谋划测试小镇、测试园这两个重要平台。", []),
        ("建设上述3个测试中心。", []),
        ("改造成数十个30-50㎡青年创客喜爱的测试空间。", []),
        ("新建10个200平方米的测试驿站。", [(">=", 10, "个")]),
        ("新建测试驿站10个，面积200平方米。", [(">=", 10, "个"), (">=", 200, "平方米")]),
        # events a period, written in words
        ("争取每周举办一场“测试沙龙”活动。", [(">=", 1, "场")]),
        ("每月举办一场测试培训活动。", [(">=", 1, "场")]),
        ("举办一场测试推介会。", []),
    ],
)
def test_counts_named_again_vague_or_of_each_and_events_a_period(sentence, expected):
    assert sentence_figures(sentence) == expected


def test_the_kinds_of_pilot_a_scheme_offers_are_no_tasks():
    text = (
        "测试市试点示范实施方案\n一、总体要求\n（一）指导思想\n坚持测试引领。\n二、试点类型\n"
        "按创建对象的类型不同，主要开展两类试点。\n"
        "综合性区域试点。面向测试新城，围绕区域目标，强化规划引领。\n"
        "产业园区试点。着力优化园区产业空间布局，推进循环化改造。\n"
        "三、试点内容\n（一）能源领域\n1.发展测试可再生能源。实施测试专项工程。\n"
        "2.加快测试电力系统建设。研究测试电网技术。\n"
        "四、做好测试垃圾分类\n推动各级测试机构全面实施垃圾分类。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "四、"]


@pytest.mark.parametrize("dropped", ["进", "理"])
def test_an_attachment_titled_a_character_apart_from_the_notice_is_its_attachment(dropped):
    title = "关于加强测试机构药事管理促进合理用药的意见"
    printed = title.replace(dropped, "", 1)
    text = (
        "测试委 测试部关于印发加强测试机构药事管理促进合理用药的意见的通知\n"
        "各省、自治区、直辖市人民政府：\n"
        f"经国务院同意，现将《{title}》印发给你们，请认真贯彻执行。\n"
        "测试委 测试部\n2020年2月21日\n"
        f"{printed}\n"
        "为进一步加强测试机构药事管理，现提出以下意见。\n"
        "一、加强测试药品配备管理\n（一）规范测试用药目录。医疗机构要及时优化本机构用药目录。\n"
        "（二）完善测试采购机制。全面推进药品集中采购。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the projects a rule is for, named by their kind or right after the bounded size
        ("新建供暖（制冷）面积10000平方米及以上的浅层地热能项目，由区级投资主管部门实施备案管理。", []),
        ("新建10000平方米以下项目及存量项目向区级投资主管部门登记。", []),
        ("完成1000立方米以下高炉、100吨以下转炉升级改造。", []),
        # not the work's own figure right after its verb
        ("“十四五”期间力争引导完成50万平方米以上的建筑调适示范项目。", [(">=", 50, "万平方米")]),
    ],
)
def test_sizes_that_sort_the_projects_and_plants_a_rule_is_for(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a noun and its count alone after a target, 共 of a compound (共享, 共建) no 共计
        (
            "到2025年，建成测试创新联盟5家，市级测试中心10家，大型仪器资源共享平台1家。",
            [(">=", 5, "家"), (">=", 10, "家"), (">=", 1, "家")],
        ),
        ("新建测试驿站20个，共建共治示范点3个。", [(">=", 20, "个"), (">=", 3, "个")]),
        ("新建测试驿站20个，共3个街道。", [(">=", 20, "个")]),
    ],
)
def test_a_compound_with_gong_is_still_an_elided_target(sentence, expected):
    assert sentence_figures(sentence) == expected


def test_the_things_named_counted_then_dated_and_done():
    from gongzhi.plans.parsing.targets import extract

    found = extract(
        "测试钢铁集团等6条铁路专用线力争2021年底前建成投用，测试热电有限公司等5条铁路专用线力争2022年建成投用。"
    )[0]
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in found] == [
        (">=", 6, "条", 2021),
        (">=", 5, "条", 2022),
    ]
    assert extract("测试甲公司等3家企业负责实施。")[0] == []


def test_a_section_of_work_named_for_the_goal_it_completes_run_into_its_text():
    # a PDF's text layer joins the heading to the first line of its text
    text = (
        "2022年测试省公共机构节约工作要点\n"
        "2022年是实施测试规划的关键之年。全省各级公共机构要狠抓工作落实。\n"
        "一、完成能源资源消费年度“双控”目标深化公共机构能源资源消费“双控”制度，确保全省公共机构能源消费总量"
        "控制在263万吨标准煤以内。\n"
        "二、持续开展示范创建\n深入开展节约型机关创建行动，确保70%以上的县级机关建成节约型机关。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["一、", "二、"]
