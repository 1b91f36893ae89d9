"""Forms that round 45 read, from the seen part of the blind sets r547–r623 (five-year plans of
Shanghai districts): review and outlook sections before the plan (“十三五”规划总体完成情况,
“十四五”期间推进形势) are no work, a section of work inside a goal section (三、总体发展目标 over
（三）重点工作) is, a flattened indicator table whose 类别 column comes before 序号 keeps to its
rows, and an indicator table's value cell may print its measure (80万平方米).

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize(
    ("review", "outlook"),
    [
        ("一、“十三五”规划总体完成情况", "二、“十四五”期间推进形势"),
        ("一、测试规划实施成效", "二、面临的机遇和挑战"),
    ],
)
def test_review_and_outlook_sections_are_no_work(review, outlook):
    text = (
        "甲测试区旧区改造“十四五”规划（测试）\n"
        f"{review}\n（一）总量目标顺利实现\n五年累计完成测试旧改10个地块。\n"
        "（二）重点项目有序推进\n1.旧区改造\n启动测试项目7个。\n2.架空线入地\n完成测试道路84条。\n"
        f"{outlook}\n（一）任务仍十分繁重\n全区仍余留测试地块39个。\n"
        "（二）关键问题需要聚焦\n1.筹资需要新举措。资金仍是瓶颈。\n2.保护进入新阶段。需要新办法。\n"
        "三、重点任务\n（一）强化协调，推动测试工程建设\n加快推进测试项目。\n"
        "（二）聚焦重点，推进测试区域联动\n推进测试区域开发。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
    assert document.tasks[0].text.startswith("（一）强化协调")


@pytest.mark.parametrize("goal", ["三、总体发展目标", "三、发展目标"])
@pytest.mark.parametrize("work", ["（三）重点工作", "（三）主要任务"])
def test_a_section_of_work_inside_a_goal_section(goal, work):
    text = (
        "乙测试区重大项目“十四五”规划（测试）\n"
        "一、发展基础\n五年完成测试投资100亿元。\n"
        f"{goal}\n（一）指导思想\n以测试为引领。\n"
        "（二）规划目标\n到2025年，完成测试竣工面积180万平方米。\n"
        f"{work}\n1.强化协调，努力推动测试工程建设\n加快测试工程。\n"
        "2.聚焦重点，着力推进测试功能区联动\n推进测试联动，建成测试绿地18公顷。\n"
        "四、保障措施\n（一）优化体制机制\n完善测试机制。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]
    assert [(t.comparator, t.value, t.unit) for t in document.tasks[1].targets] == [(">=", 18, "公顷")]
    # the goal paragraph stays a goal of the document, not of a task
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        (">=", 180, "万平方米", 2025)
    ]


@pytest.mark.parametrize(("value", "expected"), [("80万平方米", (80, "万平方米")), ("3200张", (3200, "张"))])
def test_a_flattened_indicator_table_with_its_category_before_the_number(value, expected):
    text = (
        "丙测试区住房发展“十五五”规划（测试）\n"
        "一、发展目标和主要指标\n（一）发展目标\n到2030年，测试住房体系更加完善。\n（二）主要指标\n"
        "表1  丙测试区住房发展主要指标\n\n类别\n\n序号\n\n指标名称\n\n属性\n\n“十五五”目标\n\n"
        f"住房保障\n\n1\n\n新增筹措测试床位\n\n预期性\n\n{value}\n\n"
        "住宅市场\n\n2\n\n供给测试商品住宅面积\n\n预期性\n\n全面完成\n\n"
        "旧房改造\n\n3\n\n完成测试住宅改造\n\n预期性\n\n基本完成\n\n"
        "4\n\n启动测试隐患房屋处置\n\n预期性\n\n全面启动，稳步推进\n\n"
        "二、主要任务\n\n（一）促进测试市场平稳发展\n\n1、建立测试联动机制\n\n适应测试市场新形势。\n\n"
        "2、稳健发展测试租赁市场\n\n落实租购并举。\n\n"
        "（二）加快测试旧房改造\n\n1、攻坚推进测试住宅改造\n\n全面梳理测试房屋。\n"
    )
    (document,) = parse_text(text).documents
    # the rows after the table are the plan's tasks, not cells of its last row
    assert [t.number for t in document.tasks] == ["1、", "2、", "1、"]
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("=", *expected, 2030)
    ]


@pytest.mark.parametrize("caption", ["重点任务一览表", "主要任务清单"])
@pytest.mark.parametrize("measure", ["举措", "主要举措"])
def test_body_items_and_an_annex_task_table_when_no_unit_is_named(caption, measure):
    text = (
        "丁测试区节能降碳“十五五”规划（测试）\n"
        "一、总体要求\n（一）指导思想\n以测试为引领。\n"
        "二、主要任务\n（一）构筑测试产业生态\n1.吸引测试企业聚集。支持测试产业发展。\n"
        "2.探索开展测试预算管理。定期开展评估。\n"
        "三、保障措施\n（一）强化组织保障\n建立测试机制。\n"
        f"附件：\n\n{caption}\n\n重点任务\n\n序号\n\n{measure}\n\n主要内容\n\n"
        "构筑测试产业生态\n\n1\n\n吸引测试企业聚集\n\n支持测试产业发展。\n\n"
        "2\n\n探索开展测试预算管理\n\n定期开展评估。\n\n"
        "保障措施\n\n3\n\n强化组织保障\n\n建立测试机制。\n"
    )
    (document,) = parse_text(text).documents
    # the body's two items and the table's two rows of work; not the 保障措施 row, nor the caption
    assert [(t.number, t.text.replace("\n", "")[:8]) for t in document.tasks[:2]] == [
        ("1.", "1.吸引测试企业"),
        ("2.", "2.探索开展测试"),
    ]
    assert [(t.number, t.title, t.text) for t in document.tasks[2:]] == [
        ("1", "吸引测试企业聚集", "支持测试产业发展。"),
        ("2", "探索开展测试预算管理", "定期开展评估。"),
    ]


@pytest.mark.parametrize(
    ("review", "outlook", "goal_header"),
    [
        ("一、发展现状及成效", "二、“十五五”发展要求及趋势挑战", "目标值(2030年）"),
        ("一、现状和成效", "二、面临的挑战", "目标值（2030年）"),
    ],
)
def test_a_five_year_plan_with_indicator_and_project_tables(review, outlook, goal_header):
    text = (
        "戊测试区水务“十五五”规划（测试）\n"
        f"{review}\n（一）安全为重\n五年新建测试泵站5座，达标率提高到90%。\n"
        f"{outlook}\n1.测试安全保障能力需进一步提升\n仍有短板。\n"
        "三、发展目标\n（一）主要指标\n\n序号\n\n类别\n\n指标名称\n\n指标属性\n\n现状值(2025年）\n\n"
        f"{goal_header}\n\n1\n\n水安全\n\n测试积水点消除比例\n\n预期性\n\n40.8%\n\n100%\n\n"
        "2\n\n测试堤防达标率\n\n预期性\n\n—\n\n90%\n\n"
        "四、“十五五”主要任务\n（一）提升测试水安全\n1.推进测试防汛工程\n开展测试泵闸改造。\n"
        "2.强化测试排水\n改造测试管道。\n"
        "附件：测试重点项目清单\n\n序号\n\n项目类型\n\n项目名称\n\n具体内容\n\n"
        "一\n\n水安全\n\n1\n\n泵闸工程\n\n测试泵闸新建工程\n\n新建测试泵闸一座\n\n"
        "2\n\n测试泵闸改造工程\n\n拆除重建测试泵闸\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.title) for t in document.tasks] == [
        ("1.", "推进测试防汛工程"),
        ("2.", "强化测试排水"),
        ("1", "测试泵闸新建工程"),
        ("2", "测试泵闸改造工程"),
    ]
    # the goal column's figures, not the 现状值 ones (40.8%) nor the review's (90%)
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("=", 100, "%", 2030),
        ("=", 90, "%", 2030),
    ]


@pytest.mark.parametrize("intro", ["各成员单位职责分工如下：", "各部门工作职责如下："])
def test_duties_announced_at_the_end_of_a_long_leading_group_paragraph(intro):
    members = "、".join(f"区测试{k}局" for k in range(1, 40))
    text = (
        "己测试区农村房屋隐患排查整治工作方案（测试）\n"
        "一、总体要求\n力争用3年左右时间完成测试整治。\n"
        f"二、组织保障\n成立测试工作领导小组，由分管副区长任组长，成员单位包括{members}。\n{intro}\n"
        "1.区测试民宗办负责指导测试场所加强安全管理。\n2.区测试教育局负责指导测试校舍排查。\n"
        "三、工作任务\n（一）全面部署\n1.建立测试工作小组。各乡镇建立工作小组。\n"
    )
    (document,) = parse_text(text).documents
    duties = [(t.number, t.responsible_units) for t in document.tasks if t.units]
    assert duties == [("1.", ["区测试民宗办"]), ("2.", ["区测试教育局"])]


@pytest.mark.parametrize("unit_header", ["责任单位", "牵头部门"])
def test_body_items_beside_an_annex_table_that_names_the_units(unit_header):
    text = (
        "庚测试区2025年垃圾分类实施方案（测试）\n"
        "一、工作目标\n到2025年，测试达标率达到95%以上。\n"
        "二、主要任务\n（一）强化测试治理\n1.强化测试多方参与。完善测试机制。\n2.融入测试基层治理。推进测试网格。\n"
        "附件\n\n2025年测试任务清单\n\n"
        f"序号\n\n任务内容\n\n{unit_header}\n\n1\n\n强化测试多方参与\n\n区测试绿化市容局\n\n"
        "2\n\n融入测试基层治理\n\n区测试社工部\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("1.", []),
        ("2.", []),
        ("1", ["区测试绿化市容局"]),
        ("2", ["区测试社工部"]),
    ]


@pytest.mark.parametrize(
    "sentence",
    ["新建和存量测试住宅二次供水设施产权逐步移交供水企业。", "新建测试开关站内电气设备按最终规模一次建成。"],
)
def test_a_secondary_or_single_step_kind_is_no_count(sentence):
    text = f"辛测试区住宅治理三年行动方案（2025—2027年）（测试）\n一、主要任务\n1.{sentence}（责任单位：区测试房管局）\n"
    (document,) = parse_text(text).documents
    assert document.tasks[0].targets == []


@pytest.mark.parametrize("sentence", ["每年对员工至少组织一次测试培训。", "每季度不少于二次开展测试巡查。"])
def test_a_count_with_its_floor_stays_a_target(sentence):
    text = f"壬测试区消防管理办法（测试）\n一、主要任务\n1.{sentence}（责任单位：区测试消防救援支队）\n"
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.unit) for t in document.tasks[0].targets] == [(">=", "次")]


@pytest.mark.parametrize(("purpose", "principle"), [("目的和依据", "管理原则"), ("制定目的", "监管原则")])
def test_articles_of_purpose_and_principle_are_no_work(purpose, principle):
    text = (
        "癸测试街道小型工程管理若干意见（测试）\n"
        f"第一条　{purpose}\n根据测试规定，制定本意见。\n"
        f"第二条　{principle}\n小型工程管理遵循“谁建设、谁负责”的原则。\n"
        "第三条　备案管理\n小型工程实行备案管理。\n"
        "第四条　现场监管\n测试人员开展现场巡查。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["第三条", "第四条"]


@pytest.mark.parametrize(("verb", "lead_word"), [("是", "总牵头单位"), ("为", "牵头部门")])
def test_duty_paragraphs_that_say_what_the_unit_is(verb, lead_word):
    text = (
        "子测试区二次供水设施改造实施意见（测试）\n"
        "一、总体目标\n完成测试小区改造。\n"
        "二、加强组织领导\n（一）推进平台\n建立测试联席会议。\n（二）职责分工\n"
        f"区测试水务局{verb}设施改造的{lead_word}。负责制定测试计划。\n"
        f"区测试房管局{verb}结合旧住房改造开展设施改造的具体实施单位。负责组织实施。\n"
        "区测试财政局负责落实区级配套资金。\n"
    )
    (document,) = parse_text(text).documents
    assert [[(u.name, u.role) for u in t.units] for t in document.tasks] == [
        [("区测试水务局", "lead")],
        [("区测试房管局", "responsible")],
        [("区测试财政局", "responsible")],
    ]


@pytest.mark.parametrize("name_header", ["指标", "指标名称"])
def test_an_indicator_table_without_a_column_of_work_holds_no_tasks(name_header):
    text = (
        "丑测试区绿色产业“十五五”规划（测试）\n"
        "一、总体目标\n到2030年，测试产业规模明显提升。\n表1：测试主要指标\n\n"
        f"序号\n\n{name_header}\n\n单位\n\n“十五五”目标\n\n"
        "1\n\n测试产业规模（期末）\n\n亿元\n\n力争1300亿元\n\n"
        "2\n\n新增测试功能性机构（五年累计）\n\n家\n\n10家左右\n\n"
        "3\n\n创建测试特色空间载体（五年累计）\n\n家\n\n5家\n\n"
        "二、主要任务\n1.实施测试梯度赋能，推动企业升级。\n2.全面挖掘测试潜力，加速转型。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]
