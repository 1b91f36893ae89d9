"""Forms that round 53 read. All the snippets are synthetic (（测试）): the places, the units and
the figures are made up. Each form is written in two spellings or more so that a rule fitting one
text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import one_item_targets

from gongzhi.plans.parsing import parse_text


def _goals(text: str) -> list[tuple]:
    (document,) = parse_text(text).documents
    return [(g.comparator, g.value, g.unit, g.deadline_year) for g in document.targets]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2022至2025年测试区新建民用建筑中绿色建筑占比分别达到80%、90%、95%、100%。",
            [(">=", 80, "%", 2022), (">=", 90, "%", 2023), (">=", 95, "%", 2024), (">=", 100, "%", 2025)],
        ),
        (
            "2024—2026年，测试区新增托位分别为300个、400个、500个。",
            [("=", 300, "个", 2024), ("=", 400, "个", 2025), ("=", 500, "个", 2026)],
        ),
    ],
)
def test_a_span_of_years_with_fenbie_gives_each_year_its_figure(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_a_span_of_years_without_fenbie_or_of_another_length_keeps_one_year():
    # a period (2021—2025年年均增长) is no list of years; three figures for four years are not theirs
    assert one_item_targets("2021—2025年测试区地区生产总值年均增长6%。") == [("increase_by", 6, "%", 2025)]
    assert one_item_targets("2022至2025年测试区占比分别达到80%、90%、95%。") == [
        (">=", 80, "%", 2025),
        (">=", 90, "%", 2025),
        (">=", 95, "%", 2025),
    ]


@pytest.mark.parametrize(
    ("sentence", "unit", "per"),
    [
        ("到2025年，测试区新增污水处理能力20万立方米/日。", "万立方米/日", None),
        ("到2025年，测试区生活垃圾焚烧处理能力达到8万吨/天左右。", "万吨/天", None),
        ("到2025年，测试园区危险废物集中处置能力不低于12万吨/年。", "万吨/年", None),
        ("到2025年，测试园区功率半导体产能达到1.5万片/月。", "万片/月", None),
    ],
)
def test_a_rate_keeps_its_period_in_the_measure(sentence, unit, per):
    # (no per: per 年 would make 12万吨/年 a yearly change)
    text = (
        f"测试区行动方案（测试）\n\n一、主要任务\n（一）建设测试设施。{sentence}（牵头单位：测试区水务局）\n"
    )
    (document,) = parse_text(text).documents
    ((target),) = document.tasks[0].targets
    assert (target.unit, target.per, target.deadline_year) == (unit, per, 2025)


def test_a_rate_in_a_table_cell_keeps_its_period_too():
    from gongzhi.plans.parsing.targets import cell_value_targets

    (target,) = cell_value_targets("36吨/日", "测试湿垃圾分类量", (0, 1), 2024)
    assert (target.comparator, target.value, target.unit, target.per) == ("=", 36, "吨/日", None)
    (target,) = cell_value_targets("1.2万吨／年", "测试处置量", (0, 1), 2024)
    assert (target.unit, target.per) == ("万吨/年", None)


def test_the_paragraph_of_an_item_over_tasks_holds_the_documents_goals():
    # 1.海塘达标。…达标率达73%。 over the tasks (1) (2): its figures are the plan's, not a task's;
    # the count of the items below it (实施以下3项) and a length of time are not
    text = "\n".join(
        [
            "测试区水务发展“十四五”规划（测试）",
            "一、主要任务",
            "1.海塘达标。“十四五”期间，协调推进79公里海塘达标建设，全区主海塘达标率达73%。实施以下2项工程，用3年完成。",
            "（1）测试岛主海塘推进达标建设68公里。（责任单位：测试区水务局）",
            "（2）测试乡主海塘推进达标建设11公里。（责任单位：测试乡人民政府）",
            "2.河道整治。“十四五”期间，三岛共整治河道118公里，骨干河道整治率达到52%。",
            "（1）治理测试河8条段。（责任单位：测试区水务局）",
        ]
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（1）", "（2）", "（1）"]
    assert [(g.comparator, g.value, g.unit, g.deadline_year) for g in document.targets] == [
        (">=", 79, "公里", 2025),
        (">=", 73, "%", 2025),
        (">=", 118, "公里", 2025),
        (">=", 52, "%", 2025),
    ]


def test_an_item_that_is_a_task_keeps_its_figures():
    text = "\n".join(
        [
            "测试区行动方案（测试）",
            "一、主要任务",
            "1.海塘达标。到2025年，全区主海塘达标率达73%。（责任单位：测试区水务局）",
            "（1）推进测试岛海塘建设。",
            "（2）推进测试乡海塘建设。",
        ]
    )
    (document,) = parse_text(text).documents
    assert document.targets == []
    assert [(t.value, t.unit) for task in document.tasks for t in task.targets] == [(73, "%")]


@pytest.mark.parametrize(
    "sentence",
    [
        "到2025年，全区70%街道基本成为测试街道。",
        "到2025年，70%的测试小区成为示范小区。",
        "到2025年，本区70%测试道路成为精品道路。",
    ],
)
def test_a_share_of_the_places_that_become_something(sentence):
    assert one_item_targets(sentence) == [(">=", 70, "%", 2025)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新建3所测试学校2700个学位。", [(">=", 3, "所", None), (">=", 2700, "个", None)]),
        ("全年培训31个测试家庭医生服务团队124人以上。", [(">=", 31, "个", None), (">=", 124, "人", None)]),
        ("新建10个测试养老服务中心500张床位。", [(">=", 10, "个", None), (">=", 500, "张", None)]),
    ],
)
def test_a_second_count_right_after_the_first_ones_object(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_a_ratio_or_a_description_after_a_count_is_no_second_count():
    # 按500户配1名: a ratio; 全长约4.3公里, 总投资: what the work is, not a second target
    assert one_item_targets("原则上按500户配1名测试保洁员。") == []
    assert one_item_targets("新建3所测试学校总投资2亿元。") == [(">=", 3, "所", None)]


@pytest.mark.parametrize(
    "sentence",
    ["测试教师交流比例占符合条件教师的15%以上。", "测试区交流轮岗教师占符合交流条件教师总数的15%以上。"],
)
def test_a_share_of_a_base_with_zhan_and_no_verb(sentence):
    assert one_item_targets(sentence) == [(">=", 15, "%", None)]


def test_zhan_di_is_no_share():
    assert one_item_targets("测试公园占地的10%用于停车。") == []


def test_an_indicator_table_one_cell_a_line_with_a_wrapped_name_and_a_period_goal_column():
    # 序号 / 指标 / 单位 / 属性 / “十五五”期间目标, one row a block, a name wrapped over two lines
    rows = [
        ["1", "测试城中村改造", "定性", "约束性", "至2030年，基本完成城中村改造"],
        ["2", "实施测试小区", "改造面积", "万平方米", "预期性", "300"],
        ["3", "新增供应测试住房规模", "万平方米", "预期性", "170"],
        ["4", "测试社区占比", "%", "预期性", "87"],
    ]
    text = "\n".join(
        [
            "测试区住房发展“十五五”规划（测试）",
            "一、发展目标",
            "到2030年，测试区住房保障体系更加完善。",
            "表1 测试区住房发展主要指标表",
            "序号",
            "指标",
            "单位",
            "属性",
            "“十五五”期间目标",
            "",
            *("\n".join(row) + "\n" for row in rows),
            "二、重点任务",
            "（一）推进测试住房建设。（责任单位：测试区房管局）",
        ]
    )
    assert _goals(text) == [
        ("=", 300, "万平方米", 2030),
        ("=", 170, "万平方米", 2030),
        ("=", 87, "%", 2030),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("确保每月全覆盖一次。", [("=", 1, "次", None)]),
        ("测试车站每半年应组织区域联络各方开展一次联合应急演练。", [("=", 1, "次", None)]),
        ("每季度完成1次测试信号灯全覆盖配时优化调整。", [(">=", 1, "次", None)]),
        ("每年至少开展一次测试演练。", [(">=", 1, "次", None)]),
    ],
)
def test_how_often_in_words_is_a_count(sentence, expected):
    # 一次 after 每月 / 每半年 is how often (not the article of 建设一批平台, nor 二次供水)
    assert one_item_targets(sentence) == expected


def test_yi_ci_without_a_period_stays_a_kind_or_an_article():
    assert one_item_targets("推进测试二次供水设施改造。") == []
    assert one_item_targets("实行测试事项一次告知。") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2024年底前，培树测试领域2-3家示范企业。", [("range", 2, "家", 2024)]),
        ("力争到2028年底，形成50个以上测试示范应用项目。", [(">=", 50, "个", 2028)]),
        (
            "至2030年，新改建10座测试口袋公园，开放5处机关附属空间。",
            [(">=", 10, "座", 2030), (">=", 5, "处", 2030)],
        ),
    ],
)
def test_peishu_xingcheng_and_kaifang_govern_counts(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_a_verb_used_as_an_attribute_or_before_an_article_governs_nothing():
    # 面向公众开放的基地1000平方米: what the base is; 形成…一张图: a name, not a count
    assert one_item_targets("建设1个区级面向公众开放的测试宣传基地1000平方米。") == [(">=", 1, "个", None)]
    assert one_item_targets("形成测试行业全要素一张图展示。") == []


def test_counts_listed_after_a_semicolon_share_the_verb_before_it():
    assert one_item_targets(
        "到2025年，全面推进居住区1371个测试投放点微更新；340个投放点专项更新；建成80个精品小区。"
    ) == [
        (">=", 1371, "个", 2025),
        (">=", 340, "个", 2025),
        (">=", 80, "个", 2025),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“十四五”新建测试陆上风电场不少于2座，力争新增光伏装机60万千瓦。",
            [(">=", 2, "座", 2025), (">=", 60, "万千瓦", 2025)],
        ),
        ("“十三五”完成测试农田改造5万亩。", [(">=", 5, "万亩", 2020)]),
        ("落实“十四五”规划，新建3座测试水闸。", [(">=", 3, "座", None)]),
    ],
)
def test_a_quoted_plan_period_opening_its_clause_dates_what_follows(sentence, expected):
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("其中测试工业投资、高新产业投资增速达20%。", [("increase_by", 20, "%", None)]),
        ("测试区专业服务业增加值年均增速保持5%左右。", [("increase_by", 5, "%", None)]),
        ("测试区外商直接投资增速5%。", [("increase_by", 5, "%", None)]),
    ],
)
def test_a_growth_rate_reached_is_a_rise(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_reaches_of_a_river_are_a_measure():
    assert one_item_targets("治理测试河等8条段骨干河道。") == [(">=", 8, "条段", None)]
    assert one_item_targets("每年推进40-50条段测试精品道路建设。") == [("range", 40, "条段", None)]


def test_no_unit_is_no_unit_whether_empty_or_null():
    from corpus_metrics import target_key

    written = {"comparator": "=", "value": 2.5, "value_max": None, "unit": "", "deadline_year": 2022}
    assert target_key(written) == target_key({**written, "unit": None})
    assert target_key(written) != target_key({**written, "unit": "%"})


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        (
            [
                "（一）实施阶段",
                "1.2025年6月底前，新增测试点位30个、特色道路10条。",
                "2.2026年11月底前，新增测试点位40个，总计达100个。",
            ],
            [(">=", 30, "个", 2025), (">=", 10, "条", 2025), (">=", 40, "个", 2026), (">=", 100, "个", 2026)],
        ),
        (
            [
                "（一）建设筹备阶段（2024年年底前）",
                "推进测试平台前期工作。",
                "（二）建设及试运行阶段（2025年年底前）",
                "累计划设测试航线不少于150条。",
            ],
            [(">=", 150, "条", 2025)],
        ),
    ],
)
def test_what_a_stage_of_the_schedule_is_to_have_done_is_a_goal_of_the_plan(stages, expected):
    text = "\n".join(
        [
            "测试区推广应用三年行动计划（2024-2026年）（测试）",
            "一、主要任务",
            "（一）加大测试推广力度。（牵头单位：测试区绿化局）",
            "二、实施步骤",
            *stages,
            "三、保障措施",
            "（一）加强组织领导。",
        ]
    )
    assert _goals(text) == expected


def test_points_listed_with_the_measure_on_the_last_one_are_points():
    assert one_item_targets("测试溶剂型工业涂料、油墨使用比例分别降低20个、10个百分点。") == [
        ("decrease_by", 20, "百分点", None),
        ("decrease_by", 10, "百分点", None),
    ]


def test_a_specification_inside_a_breakdown_is_no_quantity():
    assert one_item_targets(
        "到2020年，全区新增测试收运车40辆（其中载重量1吨的湿垃圾收运车32辆、餐厨垃圾车4辆、后装式压缩车4辆）。"
    ) == [(">=", 40, "辆", 2020), (">=", 32, "辆", 2020), (">=", 4, "辆", 2020), (">=", 4, "辆", 2020)]


def test_a_preamble_that_announces_the_work_holds_the_goals_of_a_plan_without_a_goal_section():
    text = "\n".join(
        [
            "测试区2025年生活垃圾分类工作实施方案（测试）",
            "为推进测试区生活垃圾分类，高质量完成各项工作：全区完成18个高标准分类小区、9个惠民回收服务点；"
            "达标率稳定在95%以上，生活垃圾回收利用率达到47%。",
            "一、重点任务",
            "（一）推动源头设施改造。（责任单位：测试区绿化市容局）",
        ]
    )
    assert _goals(text) == [
        (">=", 18, "个", 2025),
        (">=", 9, "个", 2025),
        (">=", 95, "%", 2025),
        (">=", 47, "%", 2025),
    ]


def test_a_preamble_of_background_or_without_the_announcement_holds_no_goal():
    for preamble in (
        "测试区已完成18个高标准分类小区，达标率达到95%。",  # (no announcement of the work to come)
        "过去一年，测试区高质量完成各项工作：全区完成18个高标准分类小区。",  # the past
    ):
        text = "\n".join(
            [
                "测试区2025年生活垃圾分类工作实施方案（测试）",
                preamble,
                "一、重点任务",
                "（一）推动源头设施改造。（责任单位：测试区绿化市容局）",
            ]
        )
        assert _goals(text) == [], preamble


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("扩充测试公办幼儿园学位至1800个。", [(">=", 1800, "个", None)]),
        ("提升全区测试轨道交通600米覆盖半径至85%以上。", [(">=", 85, "%", None)]),
        ("压减测试A类站点到5个。", [("<=", 5, "个", None)]),
    ],
)
def test_a_thing_raised_or_cut_to_a_level(sentence, expected):
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试社区内至少有1处口袋公园或社区花园。", [(">=", 1, "处", None)]),
        ("每名测试队员每月至少办理1件一般性程序案件。", [(">=", 1, "件", None)]),
        ("治理测试河等8条段共计69公里骨干河道。", [(">=", 8, "条段", None), (">=", 69, "公里", None)]),
        ("新建测试地下水监测井30口。", [(">=", 30, "口", None)]),
    ],
)
def test_more_ways_to_state_a_count(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_each_share_listed_before_one_verb_is_a_target():
    assert one_item_targets("到2022年，95%的省级、90%的市级和70%的县级测试机关达到创建标准。") == [
        (">=", 95, "%", 2022),
        (">=", 90, "%", 2022),
        (">=", 70, "%", 2022),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，测试区铁钢比下降至0.75以下。", [("<=", 0.75, "", 2025)]),
        ("到2025年，测试数据中心平均电能利用效率（PUE）值达到1.25以下。", [("<=", 1.25, "", 2025)]),
        ("测试区工业增加值达到100亿元。", [(">=", 100, "亿元", None)]),
    ],
)
def test_a_ratio_or_a_value_brought_to_a_bound_has_no_measure(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_equal_figures_listed_for_different_things_are_each_a_goal():
    text = "\n".join(
        [
            "测试省节能减排工作方案（测试）",
            "一、主要目标",
            "到2025年，测试省化学需氧量、氨氮、氮氧化物排放总量比2020年分别下降8%、8%、10%以上。",
            "二、重点任务",
            "（一）推进测试工业节能。（牵头单位：测试省工信厅）",
        ]
    )
    assert _goals(text) == [
        ("decrease_by", 8, "%", 2025),
        ("decrease_by", 8, "%", 2025),
        ("decrease_by", 10, "%", 2025),
    ]


def test_an_average_rise_over_a_five_year_period_is_reached_at_its_end():
    # (a yearly quota in the same period keeps no year, as round 52 has it)
    assert one_item_targets("“十四五”期间，测试港集装箱铁水联运量年均增长15%以上。") == [
        ("increase_by", 15, "%", 2025)
    ]
    assert one_item_targets("“十三五”期间，每年重点推进测试整治20万平方米。") == [
        (">=", 20, "万平方米", None)
    ]


def _units(text: str) -> list[list[tuple[str, str]]]:
    (document,) = parse_text(text).documents
    return [[(u.name, u.role) for u in task.units] for task in document.tasks]


def test_a_bare_level_before_the_body_it_shares_is_one_unit():
    text = "测试方案（测试）\n一、重点任务\n（一）推进测试节能。（责任单位：市、区机管局，市、区财政局）\n"
    assert _units(text) == [[("市、区机管局", "responsible"), ("市、区财政局", "responsible")]]
    text = "测试方案（测试）\n一、重点任务\n（一）推进测试规划。（省、市自然资源部门负责）\n"
    assert _units(text) == [[("省、市自然资源部门", "lead")]]


def test_a_rate_bounded_before_the_plant_it_sorts_and_what_is_forbidden_are_no_targets():
    assert one_item_targets("重点推动200万吨/年及以下测试炼油装置、30万吨/年及以下乙烯装置加快退出。") == []
    assert one_item_targets("严禁新建1000万吨/年以下测试常减压装置。") == []
    assert one_item_targets("到2025年，测试园区危险废物集中处置能力不低于12万吨/年。") == [
        (">=", 12, "万吨/年", 2025)
    ]


def test_an_efficiency_written_as_a_ratio_has_no_measure():
    assert one_item_targets(
        "到2025年，测试区大型数据中心电能利用效率不超过1.3，数据中心电能利用效率普遍不超过1.5。"
    ) == [("<=", 1.3, "", 2025), ("<=", 1.5, "", 2025)]


def test_a_notice_issuing_two_documents_printed_one_after_the_other():
    text = "\n".join(
        [
            "测试省人民政府办公厅关于印发测试产业若干政策和测试产业行动计划（2021-2023年）的通知",
            "（测政办秘〔2021〕82号）",
            "各市人民政府，省政府各部门：",
            "《测试产业若干政策》《测试产业行动计划（2021-2023年）》已经省政府同意，现印发给你们，请认真贯彻执行。",
            "测试省人民政府办公厅",
            "2021年9月2日",
            "测试产业若干政策",
            "一、支持测试平台建设。对测试平台给予奖励。",
            "二、支持测试人才培养。每年培训1000名测试人才。",
            "本政策自2021年开始执行，由测试省经信厅负责解释。",
            "测试产业行动计划（2021-2023年）",
            "一、重点任务",
            "（一）建设测试网络。（责任单位：测试省通信管理局）",
        ]
    )
    documents = parse_text(text).documents
    assert [d.title for d in documents][1:] == ["测试产业行动计划（2021-2023年）"]
    assert [t.number for t in documents[1].tasks] == ["（一）"]


def test_numerals_of_a_kind_opening_a_wrapped_line_are_no_heading():
    text = "\n".join(
        [
            "测试市绿色建筑行动方案（测试）",
            "一、重点任务",
            "1．推进测试绿色建材应用。到2022年，获得绿色建筑",
            "一、二星级评价标识的建筑项目中绿色建材比例应分别达到70%、80%。（市住房城乡建设局）",
            "2．推进测试建筑垃圾利用。（市城管局）",
        ]
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1．", "2．"]
    assert [(g.value, g.unit) for g in document.tasks[0].targets] == [(70, "%"), (80, "%")]


def test_a_year_inside_brackets_dates_only_what_they_hold():
    assert one_item_targets(
        "到2022年，测试区绿色建筑占比达到70%以上（其中，2021年达到60%），星级绿色建筑面积占比达到20%以上（2021年达到10%）。"
    ) == [(">=", 70, "%", 2022), (">=", 60, "%", 2021), (">=", 20, "%", 2022), (">=", 10, "%", 2021)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2023年，测试动力电池循环利用示范项目10个。", [(">=", 10, "个", 2023)]),
        ("到2023年，推进“分布式光伏＋充电桩”一体化测试项目10个。", [(">=", 10, "个", 2023)]),
        ("到2023年，现有测试学校10所。", []),  # a baseline
        ("测试区学校10所。", []),  # no year to see it by
    ],
)
def test_a_count_the_year_is_to_see_stated_with_no_verb(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_so_much_a_head_keeps_its_denominator():
    assert one_item_targets("到2023年，测试公共机构日人均生活垃圾排放量降低至0.7千克/人。") == [
        ("<=", 0.7, "千克/人", 2023)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2030年，累计盘活测试低效产业用地5000亩。", [(">=", 5000, "亩", 2030)]),
        ("到2025年，实现测试光伏发电装机量1GW以上。", [(">=", 1, "GW", 2025)]),
        ("每年分行业、分领域发布100个测试场景清单。", [(">=", 100, "个", None)]),
        ("到2025年，测试连续拉晶技术应用范围95%以上。", [(">=", 95, "%", 2025)]),
        (
            "到2025年，测试锂电材料、光纤行业非电能源占比分别在7%、2%以下。",
            [("<=", 7, "%", 2025), ("<=", 2, "%", 2025)],
        ),
    ],
)
def test_more_verbs_measures_and_bounds(sentence, expected):
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "到2022年，完成70%以上的测试区级机关，合计135家以上达到创建要求。",
            [(">=", 70, "%", 2022), (">=", 135, "家", 2022)],
        ),
        ("每年面向3万名测试专业技术人才开展培训。", [(">=", 3, "万名", None)]),
        ("年内全县查处测试非法捕捞案件10例以上。", [(">=", 10, "例", None)]),
        ("成立10支测试志愿者队伍，举办100场宣传活动。", [(">=", 10, "支", None), (">=", 100, "场", None)]),
    ],
)
def test_a_total_a_public_served_and_more_verbs(sentence, expected):
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2030年，全区面积80%以上达到测试海绵城市建设要求。", [(">=", 80, "%", 2030)]),
        ("全市城镇25%面积达到测试雨水排水能力。", [(">=", 25, "%", None)]),
        ("对2000户经济困难失能、部分失能测试老年人建设家庭养老床位。", [(">=", 2000, "户", None)]),
        ("在6座测试市属公园先行启动试点工作。", [(">=", 6, "座", None)]),
    ],
)
def test_a_share_of_the_whole_area_and_the_places_or_people_a_measure_reaches(sentence, expected):
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全力推进全省20个具有支撑性、关键性的测试重点项目。", [(">=", 20, "个", None)]),
        ("提档升级7个测试小区健身场地设施。", [(">=", 7, "个", None)]),
    ],
)
def test_quan_li_tui_jin_and_ti_dang_sheng_ji(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_this_year_is_the_year_the_document_was_signed():
    text = "\n".join(
        [
            "关于印发《测试区营商环境工作方案》的通知",
            "各成员单位：",
            "现将《测试区营商环境工作方案》印发给你们，请认真贯彻执行。",
            "测试区营商环境联席会议办公室",
            "2024年3月1日",
            "测试区营商环境工作方案",
            "一、重点任务",
            "1.开展外资企业服务。今年计划组织外资企业圆桌会议3场。（责任单位：测试区商务委）",
            "2.优化测试服务。组织企业座谈会3场。（责任单位：测试区发改委）",
        ]
    )
    documents = parse_text(text).documents
    tasks = documents[-1].tasks
    assert [(t.value, t.deadline_year) for t in tasks[0].targets] == [(3, 2024)]
    assert [(t.value, t.deadline_year) for t in tasks[1].targets] == [(3, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("在城镇、工业、农业等领域推进10个测试试点项目。", [(">=", 10, "个", None)]),
        (
            "2025年，全市充（换）电站3000座、测试充电桩16万个以上。",
            [(">=", 3000, "座", 2025), (">=", 16, "万个", 2025)],
        ),
    ],
)
def test_fields_before_the_verb_and_a_list_of_counts_the_year_is_to_see(sentence, expected):
    assert one_item_targets(sentence) == expected


def test_an_indicator_table_one_cell_a_line_with_merged_and_empty_cells():
    # 类别 merged down (printed before its first row's number), 一级指标 merged down (rows 2 and 4
    # print none), row 4's baseline empty: the goal is the last cell of each row
    rows = [
        ["测试宜居城区", "1", "推进老旧小区整治", "老旧小区整治改造面积", "万平方米", "预期性", "240", "300"],
        ["2", "推进老旧小区整治", "完整社区覆盖率", "％", "预期性", "-", "60"],
        ["测试活力城区", "3", "推进商业设施更新", "推动商务楼宇更新数量", "个", "预期性", "-", "≥10"],
        ["4", "老旧街区改造数量", "个", "预期性", "≥5"],
        ["测试韧性城区", "5", "加强基础设施建设", "燃气老化管道改造数量", "公里", "约束性", "355", "421"],
        ["6", "人均应急避难面积", "平方米", "约束性", "＞1.5", "＞1.7"],
    ]
    text = "\n".join(
        [
            "测试区城市更新“十五五”规划（测试）",
            "一、发展目标",
            "到2030年，测试区城市更新取得明显成效。",
            "主要指标表",
            *[
                "类别",
                "序号",
                "一级指标",
                "二级指标",
                "单位",
                "属性",
                "“十四五”",
                "完成值",
                "“十五五”",
                "目标值",
            ],
            "",
            *("\n".join(row) + "\n" for row in rows),
            "二、重点任务",
            "（一）推进测试更新。（责任单位：测试区规划资源局）",
        ]
    )
    assert _goals(text) == [
        ("=", 300, "万平方米", 2030),
        ("=", 60, "%", 2030),
        (">=", 10, "个", 2030),
        (">=", 5, "个", 2030),
        ("=", 421, "公里", 2030),
        (">", 1.7, "平方米", 2030),
    ]
