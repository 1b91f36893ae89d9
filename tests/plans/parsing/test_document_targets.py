"""Document targets (issue 12): quantified goals of goal sections and boxed 专栏 are listed on the
document (``documents[].targets``), not on a task; a time-boxed plan's end year dates the undated ones."""

from gongzhi.plans.parsing import parse_text


def _keys(targets):
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in targets]


PLAN = """示例县数字经济发展三年行动方案（2024—2026年）
一、发展目标
到2025年，全县数字经济核心产业营业收入超100亿元。新建5G基站500个以上。数字经济核心产业增加值年均增长10%。
全县规模以上工业企业数字化改造覆盖率达到90%。
二、重点任务
（一）建设数字基础设施。新建数据中心2个。（牵头单位：县发展改革局；责任单位：县工信局）
专栏1 数字基础设施重点工程
建成千兆光网小区300个。
（二）培育数字企业。引进数字企业20家。（牵头单位：县商务局）
"""


def test_goal_section_targets_are_the_documents_and_take_the_plan_end_year():
    (document,) = parse_text(PLAN).documents
    assert _keys(document.targets) == [
        (">", 100, "亿元", 2025),
        (">=", 500, "个", 2025),  # the 到2025年 of its paragraph
        ("increase_by", 10, "%", None),  # a yearly rate keeps no year but its own
        (">=", 90, "%", 2026),  # a paragraph without a year: the end of （2024—2026年）
        (">=", 300, "个", 2026),  # the boxed 专栏, moved off the task it stands in
    ]
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
    # the tasks' undated targets too: the plan's end year is their deadline
    assert _keys(document.tasks[0].targets) == [(">=", 2, "个", 2026)]
    assert _keys(document.tasks[1].targets) == [(">=", 20, "家", 2026)]


def test_a_yearly_rate_without_its_own_year_stays_undated():
    text = PLAN.replace("到2025年，全县数字经济核心产业营业收入超100亿元。新建5G基站500个以上。", "")
    (document,) = parse_text(text).documents
    assert ("increase_by", 10, "%", None) in _keys(document.targets)
    text = PLAN.replace(
        "数字经济核心产业增加值年均增长10%", "数字经济核心产业增加值年均增长10%，到2026年达到200亿元"
    )
    (document,) = parse_text(text).documents
    assert ("increase_by", 10, "%", None) in _keys(document.targets)
    assert (">=", 200, "亿元", 2026) in _keys(document.targets)


def test_an_open_ended_document_leaves_undated_goals_undated():
    text = PLAN.replace("三年行动方案（2024—2026年）", "行动方案")
    (document,) = parse_text(text).documents
    assert (">=", 90, "%", None) in _keys(document.targets)
    assert [_keys(t.targets) for t in document.tasks] == [[(">=", 2, "个", None)], [(">=", 20, "家", None)]]


def test_json_carries_the_document_targets():
    data = parse_text(PLAN).to_json()
    (document,) = data["documents"]
    assert [t["value"] for t in document["targets"]] == [100, 500, 10, 90, 300]
    assert set(document["targets"][0]) == {
        "indicator",
        "comparator",
        "value",
        "value_max",
        "unit",
        "deadline_year",
        "per",
        "text",
        "span",
    }


def test_a_task_in_a_goal_section_keeps_its_targets_dated_by_an_annual_plan():
    text = """示例市2024年重点工作责任分解
一、全年主要预期目标
1.地区生产总值增长6%以上。（牵头单位：市发展改革委）
二、重点工作
2.推进项目建设。（牵头单位：市住建局）
"""
    (document,) = parse_text(text).documents
    assert document.targets == []
    assert _keys(document.tasks[0].targets) == [("increase_by", 6, "%", 2024)]


def test_without_units_a_goal_section_is_not_a_task():
    text = """示例县关于推进海绵城市建设的实施方案
一、工作目标
到2025年底，50平方公里以上建设用地面积达到海绵城市建设要求。
二、主要措施
（一）统筹规划建设。
（二）加强运行维护。
"""
    (document,) = parse_text(text).documents
    assert document.task_rule == "fallback_leaves"
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
    assert _keys(document.targets) == [(">=", 50, "平方公里", 2025)]


def test_a_section_of_goals_and_tasks_keeps_its_tasks():
    text = """示例县关于推进全民健身的实施意见
一、主要目标和重点任务
到2025年，经常参加体育锻炼人数比例达到40%。
（一）完善健身设施。新建健身步道20公里。
（二）丰富赛事活动。每年举办赛事不少于10场。
"""
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
    assert _keys(document.targets) == [(">=", 40, "%", 2025)]
    assert _keys(document.tasks[0].targets) == [(">=", 20, "公里", None)]


def test_a_box_with_numbered_lines_gives_its_targets_to_the_document():
    text = """示例市数字经济发展规划（2021—2025年）
一、发展目标
到2025年，数字经济核心产业增加值占地区生产总值比重达到10%。
二、重点任务
（一）建设新型基础设施。加快网络建设。（牵头单位：市工信局）
专栏1 新型基础设施重点工程
1.网络建设。建成5G基站2万个。
2.数据中心建设。建成标准机架1万架以上。
（二）培育数字产业。引进数字企业20家。（牵头单位：市商务局）
"""
    (document,) = parse_text(text).documents
    assert _keys(document.targets) == [
        (">=", 10, "%", 2025),
        (">=", 2, "万个", 2025),
        (">=", 1, "万架", 2025),
    ]
    assert [(t.number, _keys(t.targets)) for t in document.tasks] == [
        ("（一）", []),
        ("（二）", [(">=", 20, "家", 2025)]),
    ]


def test_the_goal_sentences_of_a_general_requirements_section():
    text = """示例县关于加快发展养老服务的实施意见
一、总体要求。以习近平新时代中国特色社会主义思想为指导，坚持政府主导。到2025年，养老机构护理型床位占比达到55%，建成街道综合养老服务中心10个。
二、重点任务
（一）完善服务网络。新建社区养老服务站20个。
"""
    (document,) = parse_text(text).documents
    assert _keys(document.targets) == [(">=", 55, "%", 2025), (">=", 10, "个", 2025)]
    assert [t.number for t in document.tasks] == ["（一）"]


def test_the_period_of_a_plan():
    from gongzhi.plans.parsing.targets import plan_period_end

    assert plan_period_end(["某市行动方案（2024年至2026年）"], "") == 2026
    assert plan_period_end(["某市2024年工作要点"], "") == 2024
    assert plan_period_end(["“十四五”养老服务体系规划"], "") == 2025
    assert (
        plan_period_end([None, "关于印发某市行动方案的通知"], "现将《某市行动方案（2023—2025年）》印发")
        == 2025
    )
    assert plan_period_end(["关于加快发展体育竞赛表演产业的指导意见"], "") is None
    # a title naming its length, the years in the text before the first item
    assert (
        plan_period_end(["某市制造业数字化转型三年行动计划"], "从2024年起，用三年时间，制定本计划。") == 2026
    )
    assert plan_period_end(["某县两年攻坚行动方案"], "2023—2024年，全县…") == 2024
    assert plan_period_end(["某市制造业数字化转型三年行动计划"], "请认真贯彻落实。") is None
    assert plan_period_end(["关于推进某项工作的实施意见"], "从2024年起，…") is None  # no length named


def test_an_annual_plan_dates_every_undated_task_target_with_its_year():
    text = """示例县政府工作报告2024年重点工作责任分解
一、经济发展
1.全县生产总值增长6%左右。（责任单位：县发改局）
2.新增城镇就业3000人。（责任单位：县人社局）
3.每年培训农民1000人次。（责任单位：县农业农村局）
"""
    (document,) = parse_text(text).documents
    assert [_keys(t.targets) for t in document.tasks] == [
        [("increase_by", 6, "%", 2024)],
        [(">=", 3000, "人", 2024)],
        [(">=", 1000, "人次", None)],  # a yearly rate keeps no year but its own
    ]
    other = parse_text(text.replace("政府工作报告", "")).documents[0]  # 示例县2024年重点工作责任分解
    assert [t.targets[0].deadline_year for t in other.tasks] == [2024, 2024, None]
    undated = parse_text(text.replace("政府工作报告2024年", "")).documents[0]  # no period stated
    assert [t.targets[0].deadline_year for t in undated.tasks] == [None, None, None]


def test_a_time_boxed_plan_dates_its_undated_task_targets_with_its_end_year():
    text = """示例县全民健身三年行动方案（2024—2026年）
一、重点任务
1.建设体育公园。新建体育公园3个，2025年底前完成选址。到2025年，健身设施覆盖率达到100%。（牵头单位：县体育局）
2.开展赛事。每年举办赛事不少于10场次，参赛人数超过2万人次，群众满意度达到90%。（牵头单位：县体育局）
3.推动体教融合。中小学生每天校外体育活动时间不少于1小时。（牵头单位：县教育局）
"""
    (document,) = parse_text(text).documents
    assert [_keys(t.targets) for t in document.tasks] == [
        [(">=", 3, "个", 2026), (">=", 100, "%", 2025)],  # its own year wins
        # 每年 governs the count after it (a yearly rate: no deadline), not the level
        [(">=", 10, "场次", None), (">", 2, "万人次", None), (">=", 90, "%", 2026)],
        [(">=", 1, "小时", 2026)],  # only a yearly rate keeps none
    ]
    assert [t.per for t in document.tasks[1].targets] == ["年", "年", None]


def test_a_task_table_row_keeps_the_year_of_its_deadline_cell():
    text = """示例市义务教育三年行动计划（2024—2026年）
一、重点任务
序号\t工作任务\t牵头单位\t完成时限
1\t组建教育集团不少于20个。\t市教育局\t2025年底前
2\t课后服务参与率稳定在95%以上。\t市教育局\t持续推进
"""
    (document,) = parse_text(text).documents
    assert [_keys(t.targets) for t in document.tasks] == [[(">=", 20, "个", 2025)], [(">=", 95, "%", 2026)]]


def test_an_indicator_table_in_a_box():
    text = """示例市养老服务体系建设规划（2021—2025年）
一、发展目标
到2025年，养老服务体系更加完善。
专栏1 主要指标
指标\t单位\t2020年\t2025年\t属性
养老机构护理型床位占比\t%\t45\t≥55\t约束性
每千名老年人拥有养老床位数（张）\t\t35\t40\t预期性
二、重点任务
（一）完善服务网络。新建社区养老服务站20个。（牵头单位：市民政局）
"""
    (document,) = parse_text(text).documents
    assert [(t.indicator, *k) for t, k in zip(document.targets, _keys(document.targets), strict=True)] == [
        ("养老机构护理型床位占比", ">=", 55, "%", 2025),
        ("每千名老年人拥有养老床位数", "=", 40, "张", 2025),  # a bare value: a level, as 为40
    ]
    assert _keys(document.tasks[0].targets) == [(">=", 20, "个", 2025)]


def test_the_period_of_another_document_named_in_the_preamble_does_not_time_box_the_plan():
    from gongzhi.plans.parsing.targets import plan_period_end

    head = "中共中央、国务院印发的《某某建设实施纲要（2015—2020年）》要求完善制度（测试）。"
    assert plan_period_end(["关于全面推行某某机制的指导意见"], head) is None
