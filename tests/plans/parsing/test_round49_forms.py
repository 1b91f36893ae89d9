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


def _item_targets(title: str, item: str, sentence: str) -> list[tuple]:
    """(comparator, value, unit) of the targets of the one item of a small plan: its title, the
    item's heading with its unit, then the sentence."""
    (document,) = parse_text(f"{title}\n\n一、主要任务\n（一）{item}\n{sentence}\n").documents
    return [(t.comparator, t.value, t.unit) for t in document.tasks[0].targets]


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


@pytest.mark.parametrize("work", ["重点任务或项目", "主要任务及项目"])
def test_a_numbered_list_of_work_by_area_with_no_unit_column(work):
    # 序号 | 主要领域 | 重点任务或项目, the area printed in the first row of its group only
    text = "测试区历史风貌保护规划（测试）\n\n附件2：\n\n测试区重点任务与项目清单\n\n" + _paragraphs(
        "序号",
        "主要领域",
        work,
        "1",
        "甲测试风貌区",
        "测试大楼修缮（179街坊）",
        "2",
        "测试医疗中心改造",
        "3",
        "乙测试风貌区",
        "推进测试居住类历史建筑修缮。",
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.text, t.path[-1]) for t in document.tasks] == [
        ("1", "测试大楼修缮（179街坊）", "甲测试风貌区"),
        ("2", "测试医疗中心改造", "甲测试风貌区"),
        ("3", "推进测试居住类历史建筑修缮。", "乙测试风貌区"),
    ]


@pytest.mark.parametrize(
    "item", ["（二）聚焦测试民生，加快推动测试旧区改造", "2.聚焦测试民生，加快推动测试旧区改造"]
)
def test_titled_paragraphs_under_a_numbered_item_are_that_items_text(item):
    # a plan naming no unit: the deepest numbered level is the task, its 举措 paragraphs its text
    text = (
        "测试区历史风貌保护“十四五”规划（测试）\n\n"
        "二、“十四五”发展环境\n测试文化传承被摆在突出位置。\n"
        "三、主要任务\n"
        f"{item.replace('二', '一').replace('2.', '1.')}\n推进测试风貌区建设。\n"
        f"{item}\n全力推动测试旧区改造。持续优化测试旧改模式。\n全面实施测试历史建筑修缮。提升测试修缮能级。\n"
    )
    (document,) = parse_text(text).documents
    assert len(document.tasks) == 2
    last = document.tasks[1]
    assert last.number == item[: item.index("聚")]
    assert "全力推动测试旧区改造" in last.text and "全面实施测试历史建筑修缮" in last.text


def test_a_sections_own_titled_paragraphs_are_still_its_tasks():
    text = (
        "测试县政府工作报告重点工作（测试）\n\n"
        "三、开展三大测试行动\n今年重点开展以下行动。\n"
        "开展测试粮食安全行动。稳定测试粮食播种面积。\n开展测试乡村振兴行动。建设测试美丽乡村。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.text.split("。")[0] for t in document.tasks] == ["开展测试粮食安全行动", "开展测试乡村振兴行动"]


@pytest.mark.parametrize("measure", ["指标单位", "计量单位"])
def test_an_indicator_tables_measure_column_and_the_next_annex_after_its_last_row(measure):
    text = (
        "测试区风貌保护规划（测试）\n\n一、主要任务\n（一）推进测试修缮\n实施测试修缮工程。\n\n附件1：\n\n“十四五”时期测试区风貌保护和利用规划指标\n\n"
        + _paragraphs(
            "序号",
            "类型",
            "指标名称",
            measure,
            "2025年目标值",
            "属性",
            "1",
            "测试修缮",
            "测试历史建筑修缮面积",
            "万平方米",
            "30",
            "预期性",
            "2",
            "新增测试文物保护员",
            "人",
            ">50",
            "预期性",
            "附件2：",
            "测试重点任务清单",
        )
    )
    (document,) = parse_text(text).documents
    assert [(t.indicator, t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("测试历史建筑修缮面积", "=", 30, "万平方米", 2025),
        ("新增测试文物保护员", ">", 50, "人", 2025),
    ]


@pytest.mark.parametrize(
    ("environment", "chances"),
    [("二、“十四五”发展环境", "三、发展机遇"), ("二、测试风貌区发展环境", "三、测试城市更新发展机遇")],
)
def test_the_environment_and_the_chances_frame_the_work(environment, chances):
    text = (
        "测试区风貌区城市更新“十四五”规划（测试）\n\n"
        f"{environment}\n1.测试文化传承被摆在突出位置。\n2.测试城市更新进入新阶段。\n"
        f"{chances}\n1.风貌保护意识逐步提高，测试社会氛围更好。\n2.测试更新政策逐步完善。\n"
        "四、主要任务\n（一）综合开展测试社区微更新\n1.推进测试街区整治。\n2.实施测试小区改造。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.text.rstrip("。") for t in document.tasks] == ["1.推进测试街区整治", "2.实施测试小区改造"]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("每名测试执法队员在线培训不低于56学时。", 56, "学时"),
        ("每学期开展4课时以上测试理论学习。", 4, "课时"),
    ],
)
def test_hours_of_training_are_a_measure(sentence, value, unit):
    assert _item_targets(
        "测试区执法队伍建设方案（测试）", "提高测试队伍素质（区测试执法局负责）", sentence
    ) == [(">=", value, unit)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("年均更新测试站台门300樘、测试列车12节。", [(">=", 300, "樘"), (">=", 12, "节")]),
        (
            "新建测试分层标组10组，测试监测设施密度不低于60点/百平方公里。",
            [(">=", 10, "组"), (">=", 60, "点/百平方公里")],
        ),
        ("测试地面沉降量持续控制在6毫米/年以内。", [("<=", 6, "毫米/年")]),
    ],
)
def test_measures_of_doors_cars_groups_densities_and_yearly_sinking(sentence, expected):
    assert (
        _item_targets("测试市设施更新方案（测试）", "推进测试设施更新（市测试局负责）", sentence) == expected
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "持续推进居住区289个测试投放点微更新，159个测试投放点专项更新。",
            [(">=", 289, "个"), (">=", 159, "个")],
        ),
        ("2023年，计划推进全区183个测试新建、续建项目。", [(">=", 183, "个")]),
    ],
)
def test_push_on_in_a_place_then_the_things_counted(sentence, expected):
    assert (
        _item_targets("测试区年度实施方案（测试）", "推进测试项目建设（区测试局负责）", sentence) == expected
    )


def test_a_tasks_page_saved_as_labels_and_values_is_one_task():
    text = _paragraphs(
        "具体任务",
        "全面落实测试疫情防控，中医院测试门诊楼建成投运。",
        "责任单位",
        "测试卫健局、测试文旅局",
        "配合单位",
        "各测试乡镇",
        "完成时限",
        "12月底前取得明显成效",
    )
    (document,) = parse_text(text).documents
    assert [(t.text, [(u.name, u.role) for u in t.units], t.deadline) for t in document.tasks] == [
        (
            "全面落实测试疫情防控，中医院测试门诊楼建成投运。",
            [("测试卫健局", "responsible"), ("测试文旅局", "responsible"), ("各测试乡镇", "cooperating")],
            "12月底前取得明显成效",
        )
    ]


def test_two_blocks_of_labels_are_two_tasks():
    text = "\n".join(
        [
            "重点任务",
            "推进测试道路改造。",
            "牵头单位",
            "测试交通局",
            "配合单位",
            "测试财政局",
            "重点任务",
            "建设测试公园2座。",
            "牵头单位",
            "测试绿化局",
            "配合单位",
            "各测试街道",
        ]
    )
    (document,) = parse_text(text).documents
    assert [(t.text, [u.name for u in t.units]) for t in document.tasks] == [
        ("推进测试道路改造。", ["测试交通局", "测试财政局"]),
        ("建设测试公园2座。", ["测试绿化局", "各测试街道"]),
    ]
    assert [(t.value, t.unit) for t in document.tasks[1].targets] == [(2, "座")]


@pytest.mark.parametrize(
    ("heading", "lead"),
    [("一、全面提升测试发展质效", "到2027年，"), ("一、推动测试高质量发展", "力争到2026年，")],
)
def test_a_one_paragraph_section_before_the_work_states_goals(heading, lead):
    text = (
        "测试市物流仓储设施行动方案（测试）\n\n"
        f"{heading}\n围绕测试发展主线，全面促进测试设施高质量发展。{lead}测试物流费用比率力争降至12%以下，"
        "测试高标仓占比达到40%以上。\n"
        "二、前瞻性谋划布局\n1.加强测试一体化布局。（市测试局负责）\n2.推进测试设施建设。（市测试委负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]
    year = int(lead[lead.index("20") : lead.index("20") + 4])
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("<=", 12, "%", year),
        (">=", 40, "%", year),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("继续推进测试拆除工作，累计拆除点位366处。", [(">=", 366, "处")]),
        ("优化调整测试公交线路10条，新增测试充电桩700个。", [(">=", 10, "条"), (">=", 700, "个")]),
    ],
)
def test_demolishing_and_rearranging_count_the_things_done(sentence, expected):
    assert _item_targets("测试区年度工作方案（测试）", "推进测试治理（区测试局负责）", sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全省测试基层医疗机构门诊报销比例=50%，测试住院报销比例≥70%。", [("=", 50, "%"), (">=", 70, "%")]),
        ("测试区域夜间噪声≤55分贝。", [("<=", 55, "分贝")]),
    ],
)
def test_signs_printed_in_a_sentence(sentence, expected):
    assert (
        _item_targets("测试县民生实事方案（测试）", "提高测试保障水平（县测试局负责）", sentence) == expected
    )


def test_a_sign_bounding_a_scope_is_no_target():
    sentence = "对高度≥150米的测试建筑物工程或开挖深度≥15米的测试基坑工程，建设单位应开展单独评估。"
    assert _item_targets("测试市地质安全方案（测试）", "加强测试风险评估（市测试局负责）", sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("在测试公共场所配置自动体外除颤仪15台。", [("=", 15, "台")]),
        ("每30户配置测试保洁员1名。", [("=", 1, "名")]),
    ],
)
def test_equipping_with_a_number_is_that_number(sentence, expected):
    # 配置 as 配备: a staffing or equipment quota, not a floor
    assert (
        _item_targets("测试镇市容管理实施意见（测试）", "落实测试保洁（镇测试办负责）", sentence) == expected
    )


def test_equipping_among_other_work_is_a_count_to_reach():
    sentence = "为测试乡镇、行政村配置、更新健身器械100套。"
    assert _item_targets("测试县文明实事方案（测试）", "完善测试健身设施（县测试局负责）", sentence) == [
        (">=", 100, "套")
    ]
