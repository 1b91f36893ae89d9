"""Forms that round 60 read: some found on the corpus' missed targets before the blind set r805–r814
was seen, the rest on that set after its first score. All the snippets are synthetic (（测试）): the
places, the units and the figures are made up. Each form is written in two spellings or more so
that a rule fitting one text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import io

import pytest

from gongzhi.plans.parsing import parse_bytes, parse_text


def _task_targets(sentence: str) -> list[tuple]:
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）{sentence}（牵头单位：测试区住房城乡建设局）\n"
    (document,) = parse_text(text).documents
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，新增测试公墓墓穴10000穴以上。", [(">=", 10000, "穴", 2025)]),
        ("全年完成测试建筑工地隐患排查3轮。", [(">=", 3, "轮", None)]),
        ("安装测试路灯杆300根。", [(">=", 300, "根", None)]),
        ("整治测试河道12段。", [(">=", 12, "段", None)]),
        # after a numeral word the same characters are an ordinal or an idiom (guards: pass before too)
        ("启动新一轮测试城市更新。", []),
        ("用一段时间完成测试整治。", []),
    ],
)
def test_measures_read_after_a_figure_only(sentence, expected):
    assert _task_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("亮化测试农村公路75公里。", [(">=", 75, "公里", None)]),
        ("开发测试社会工作类服务岗位150个。", [(">=", 150, "个", None)]),
        ("新辟测试公交线路10条，优化调整20条。", [(">=", 10, "条", None), (">=", 20, "条", None)]),
        ("栽植测试行道树2000株。", [(">=", 2000, "株", None)]),
    ],
)
def test_more_verbs_of_work(sentence, expected):
    assert _task_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试区细颗粒物（PM2.5）平均浓度在29微克/立方米左右。", [("=", 29, "微克/立方米", None)]),
        ("测试区二氧化氮年均浓度在25微克/立方米以下。", [("<=", 25, "微克/立方米", None)]),
        # a size in a scope is no level held (a guard)
        ("对建筑面积在500平方米以下的测试楼宇实行备案。", []),
    ],
)
def test_a_measured_level_held_at(sentence, expected):
    assert _task_targets(sentence) == expected


@pytest.mark.parametrize(("first", "second"), [("2022", "2030"), ("2025", "2035")])
def test_paired_years_pair_every_indicator_of_the_sentence(first, second):
    sentence = (
        f"到{first}年和{second}年，测试居民体质合格人数比例分别不少于90.5%和92%，"
        "测试经常参加体育锻炼人数比例达到37%及以上和40%及以上。"
    )
    assert _task_targets(sentence) == [
        (">=", 90.5, "%", int(first)),
        (">=", 92, "%", int(second)),
        (">=", 37, "%", int(first)),
        (">=", 40, "%", int(second)),
    ]


@pytest.mark.parametrize("dash", ["--", "——", "－－"])
def test_goal_lines_after_a_goal_paragraph_of_the_preamble(dash):
    text = (
        "测试场景创新三年行动方案（测试）\n"
        "为推动测试产业发展，制定本方案。\n"
        "到2027年，基本构建测试应用场景服务体系，取得以下成效:\n"
        f"{dash}场景创新生态加快起势。推出测试标杆场景20个以上，提供场景对接服务不低于2000次。\n"
        f"{dash}产业发展质效提升。孵化测试省级重点项目500个以上。\n"
        "二、实施测试场景培创行动\n"
        "（一）建设测试场景库。建立测试场景库。（测试省发展改革委负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        (">=", 20, "个", 2027),
        (">=", 2000, "次", 2027),
        (">=", 500, "个", 2027),
    ]


_CELL_TABLE = """测试市数字经济行动计划（测试）
一、总体要求
（一）发展目标
到2027年,测试数字经济发展跃上新台阶。
表1 测试市数字经济主要指标
类别 |
主要指标 |
单位 |
2022年 |
{year}年 |
来源 |
总体 |
测试数字经济增加值占GDP的比重 |
% |
45.4 |
{share} |
测试市统计局 |
测试数字经济重点企业 |
家 |
/ |
500 |
测试市经济信息委 |
|
测试数字经济示范项目 |
个 |
/ |
150 |
测试市经济信息委 |
|
数字产业化 |
测试核心产业增加值 |
亿元 |
2240 |
4000 |
测试市统计局 |
二、重点任务
（一）建设测试数据中心。建成测试数据中心2个。（测试市经济信息委负责）
"""


@pytest.mark.parametrize(("year", "share"), [(2027, 50), (2026, 55)])
def test_an_indicator_table_one_cell_a_line_with_merged_cells(year, share):
    # the merged 类别 cells leave rows of unequal length: each row is found by its measure cell
    (document,) = parse_text(_CELL_TABLE.format(year=year, share=share)).documents
    assert [(t.indicator, t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("测试数字经济增加值占GDP的比重", "=", share, "%", year),
        ("测试数字经济重点企业", "=", 500, "家", year),
        ("测试数字经济示范项目", "=", 150, "个", year),
        ("测试核心产业增加值", "=", 4000, "亿元", year),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2023年，测试脱贫户人均纯收入年均增长率均达19.2%以上。", [("increase_by", 19.2, "%", 2023)]),
        ("测试农村居民人均可支配收入增长率达到8%。", [("increase_by", 8, "%", None)]),
    ],
)
def test_a_growth_rate_reached_is_the_rise(sentence, expected):
    assert _task_targets(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "对于测试高血压、测试糖尿病等5个群众需求大、各地普遍开展的门诊慢特病，推进跨省直接结算。",
        "针对测试甲区、测试乙区等3个重点区域，开展专项整治。",  # a guard: passes before too
    ],
)
def test_the_size_of_a_set_the_work_is_about_is_no_target(sentence):
    assert _task_targets(sentence) == []


@pytest.mark.parametrize(("second", "third"), [(5, 3), (8, 2)])
def test_items_listed_after_a_target_with_a_size_in_their_object(second, third):
    sentence = (
        f"到2025年，新培育年销售收入首次突破100亿元的测试企业15家、首次突破500亿元的测试企业{second}家、"
        f"首次突破1000亿元的测试企业{third}家左右。"
    )
    assert _task_targets(sentence) == [
        (">=", 15, "家", 2025),
        (">=", second, "家", 2025),
        (">=", third, "家", 2025),
    ]


@pytest.mark.parametrize("verb", ["引育", "引进"])
def test_a_clause_opening_on_every_year_governs_the_counts_after_it(verb):
    text = (
        "测试省制造业创新能力提升三年行动计划（2023—2025年）\n"
        "一、主要目标\n"
        "到2025年，测试制造业创新能力显著增强。\n"
        f"——人才队伍持续塑强。每年实施一期测试领军人才项目，精准{verb}100位左右企业类人才、50位左右平台类人才。\n"
        "二、重点任务\n"
        "（一）建设测试创新中心。建成测试创新中心3家。（牵头单位：测试省工业和信息化厅）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.value, t.unit, t.per, t.deadline_year) for t in document.targets] == [
        (100, "位", "年", None),
        (50, "位", "年", None),
    ]


def test_a_total_over_years_ends_the_yearly_scope():
    # 每年… then a three-year total and its breakdown: the breakdown is the period's, not yearly
    sentence = (
        "2021—2023年，测试重大项目投资年均增长15%以上。其中，每年推进测试重大项目2000项以上，"
        "3年累计完成投资1.5万亿元左右（其中，新开工测试重大项目不少于1200项）。"
    )
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）{sentence}（牵头单位：测试区发展改革局）\n"
    (document,) = parse_text(text).documents
    per = {(t.value, t.unit): t.per for t in document.tasks[0].targets}
    assert per[(1.5, "万亿元")] is None
    assert per[(1200, "项")] is None  # a guard: passes before too


# ---- after the first score of the blind set r815–r824


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2027年，累计更新测试医疗设备3万台（套）。", [(">=", 3, "万台（套）", 2027)]),
        ("报废更新测试农机3000台(套)。", [(">=", 3000, "台(套)", None)]),
        # a ratio with its colon: the first term the value, the rest its measure
        ("到2027年测试新能源车桩比达到1.9:1。", [(">=", 1.9, ":1", 2027)]),
        ("测试专职心理健康教育教师师生比不低于1∶4000。", [(">=", 1, "∶4000", None)]),
        # 以上 counts the figure in
        ("到2027年建成测试综合分拣中心超7个以上。", [(">=", 7, "个", 2027)]),
        # counted, then measured
        (
            "到2027年累计完成改造测试煤电机组规模16台980万千瓦以上。",
            [(">=", 16, "台", 2027), (">=", 980, "万千瓦", 2027)],
        ),
        ("测试人工智能算力规模突破3500PFlops。", [(">", 3500, "PFlops", None)]),
        # the share of the things named before it, then its verb
        ("全市测试信用企业80%达到市级信用建设标准。", [(">=", 80, "%", None)]),
        ("测试区建成区绿化覆盖率40%。", [("=", 40, "%", None)]),  # a guard: a level, no verb after it
    ],
)
def test_measures_ratios_and_shares_of_r815_to_r824(sentence, expected):
    assert _task_targets(sentence) == expected


@pytest.mark.parametrize("digits", ["㈠㈡", "（一）（二）"])
def test_one_character_bracketed_numerals_number_items(digits):
    first, second = digits[: len(digits) // 2], digits[len(digits) // 2 :]
    text = (
        "测试市食品安全工作方案（测试）\n"
        f"{first}饮用水源得到有效治理。\n"
        "1、加强对水源的监测与治理。增加测试饮用水源监测频率。\n"
        "责任部门:测试市环保局、测试市水利局\n"
        f"{second}全面推开食品安全信用体系建设工作,食品安全信用企业达到80%以上。\n"
        "2、全市测试信用企业80%达到市级信用建设标准。\n"
        "责任部门:测试市市场监管局\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units], [t.value for t in t.targets]) for t in document.tasks] == [
        ("1、", ["测试市环保局", "测试市水利局"], []),
        ("2、", ["测试市市场监管局"], [80]),
    ]
    assert [(t.comparator, t.value) for t in document.targets] == [(">=", 80)]


@pytest.mark.parametrize("label", ["承办单位", "协办单位"])
def test_an_item_naming_only_a_sections_goal_is_no_task(label):
    text = (
        "测试县治理餐桌污染工作方案（测试）\n"
        "一、治理畜牧业产品污染\n"
        f"（一）{label}：测试县经贸局。\n"
        "（二）治理目标：测试定点屠宰区域的肉品卫生指标合格率均达到90%以上。\n"
        "（三）主要措施：\n"
        "1.加强测试定点屠宰管理。（测试县经贸局负责，测试县农业局配合）\n"
    )
    (document,) = parse_text(text).documents
    assert "（二）" not in [t.number for t in document.tasks]
    assert [(t.comparator, t.value, t.unit) for t in document.targets] == [(">=", 90, "%")]


def _xlsx(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _matrix(first_goal: int) -> bytes:
    return _xlsx(
        [
            ["测试市2019年十大民生工程项目完成情况表（测试）"],
            ["地区", "测试城镇新增就业(人)", None, None, "测试城镇登记失业率低于(%)", None, None],
            [None, "目标任务", "进度", "完成比例(%)", "目标任务", "进度", "完成比例(%)"],
            ["全市", first_goal, 52242, 187.9, 4.3, 3.57, None],
            ["甲区", 8000, 22921, 286.5, 4.3, 3.48, None],
        ]
    )


@pytest.mark.parametrize("first_goal", [27800, 30000])
def test_a_table_of_places_by_indicators_gives_each_place_its_goals(first_goal):
    (document,) = parse_bytes(_matrix(first_goal), "测试.xlsx").documents
    assert [(t.comparator, t.value, t.unit) for t in document.targets] == [
        ("=", first_goal, "人"),
        ("<", 4.3, "%"),
        ("=", 8000, "人"),
        ("<", 4.3, "%"),
    ]


def test_a_task_header_printed_once_over_several_columns():
    data = _xlsx(
        [
            ["现将我区2017年度民生工程目标任务分解下达你们，请认真组织实施。"],
            ["测试区2017年度民生工程目标任务分解表"],
            ["项 目", None, None, "目标", "责任单位"],
            ["就业促进工程", "促进城乡劳动者就业", "测试城镇新增就业人数(人)", 1300, "测试区人社局"],
            ["就业促进工程", "促进城乡劳动者就业", "测试城镇失业人员再就业(人)", 250, "测试区人社局"],
        ]
    )
    (document,) = parse_bytes(data, "测试.xlsx").documents
    assert [t.text[:8] for t in document.tasks] == ["测试城镇新增就业", "测试城镇失业人员"]
    assert [
        [(g.comparator, g.value, g.unit, g.deadline_year) for g in t.targets] for t in document.tasks
    ] == [
        [("=", 1300, "人", 2017)],
        [("=", 250, "人", 2017)],
    ]


@pytest.mark.parametrize("header", ["牵头组织实施单位", "牵头单位"])
def test_a_lead_column_named_with_organise_and_implement(header):
    text = (
        "测试市政府工作报告重点工作分工（测试）\n"
        f"| 序号 | 工作任务 | {header} | 完成时限 |\n"
        "| --- | --- | --- | --- |\n"
        "| 1 | 抓好测试财税金融工作。 | 测试市财政局 | 年底 |\n"
    )
    (document,) = parse_text(text).documents
    assert [(u.name, u.role) for u in document.tasks[0].units] == [("测试市财政局", "lead")]


# ---- round 61, on the corpus' misses again


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试县城新建住宅高度严格控制在18层以下。", [("<=", 18, "层", None)]),
        ("推进测试政务外网建设，公共服务域带宽达到5000M以上。", [(">=", 5000, "M", None)]),
        # a building described, a pressure: no limit (guards)
        ("更新改建沿街2层测试商铺。", []),
        ("推进70MPa在内的测试加氢站项目落地。", []),
        # the first batch, counted all the same
        ("2025年推动首批95个测试公共体育场馆免费开放。", [(">=", 95, "个", 2025)]),
    ],
)
def test_storeys_megabits_and_a_first_batch(sentence, expected):
    assert _task_targets(sentence) == expected


@pytest.mark.parametrize(("count", "unit"), [(14, "座"), (20, "处")])
def test_a_line_of_a_list_that_opens_on_its_count(count, unit):
    text = (
        "测试区2014年实事项目（测试）\n"
        "一、城市运行\n"
        "测试防汛墙改建200米。\n"
        f"{count}{unit}测试生活垃圾小型压缩站改造。\n"
        "二、平安创建\n"
        "测试小区安装监控探头300个。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit) for t in document.tasks[0].targets] == [
        (">=", 200, "米"),
        (">=", count, unit),
    ]
