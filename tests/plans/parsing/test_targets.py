"""Quantified targets and milestones."""

import pytest

from gongzhi.plans.parsing.targets import extract


def one(text):
    targets, _ = extract(text)
    assert len(targets) == 1, [(t.indicator, t.value, t.unit) for t in targets]
    t = targets[0]
    return t.indicator, t.comparator, t.value, t.value_max, t.unit, t.deadline_year, t.per


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2025年，每千人口3岁以下婴幼儿托位数达到4.5个。",
            ("每千人口3岁以下婴幼儿托位数", ">=", 4.5, None, "个", 2025, None),
        ),
        ("区普惠性幼儿园覆盖率超过90％。", ("区普惠性幼儿园覆盖率", ">", 90, None, "%", None, None)),
        ("占比达到65％以上。", ("占比", ">=", 65, None, "%", None, None)),
        ("12岁儿童龋患率控制在30%以内。", ("12岁儿童龋患率", "<=", 30, None, "%", None, None)),
        ("到2025年，至少建设3-5处儿童友好街区。", ("建设儿童友好街区", "range", 3, 5, "处", 2025, None)),
        ("至少建设3—5处儿童友好街区。", ("建设儿童友好街区", "range", 3, 5, "处", None, None)),
        ("至少建设3～5处儿童友好街区。", ("建设儿童友好街区", "range", 3, 5, "处", None, None)),
        ("至少建设3至5处儿童友好街区。", ("建设儿童友好街区", "range", 3, 5, "处", None, None)),
        ("建设不少于2个儿童友好主题公园。", ("建设儿童友好主题公园", ">=", 2, None, "个", None, None)),
        (
            "力争儿童总体近视率平均每年降低1个百分点以上。",
            ("儿童总体近视率", "decrease_by", 1, None, "百分点", None, "年"),
        ),
        (
            "中小学、幼儿园每学期至少组织2次家庭教育指导活动。",
            ("组织家庭教育指导活动", ">=", 2, None, "次", None, "学期"),
        ),
        ("镇（街道）配备1名儿童督导员。", ("配备儿童督导员", "=", 1, None, "名", None, "镇（街道）")),
        ("每个乡镇卫生院至少配备2名全科医生。", ("配备全科医生", ">=", 2, None, "名", None, "乡镇卫生院")),
        ("企业开办时间压缩至1个工作日以内。", ("企业开办时间", "<=", 1, None, "个工作日", None, None)),
        ("到2025年，完成新建改扩建中小学5所。", ("完成新建改扩建中小学", ">=", 5, None, "所", 2025, None)),
        ("专任老师比例达到95.8%。", ("专任老师比例", ">=", 95.8, None, "%", None, None)),
        (
            "保障学生每天校园体育活动时间不少于1小时。",
            ("学生校园体育活动时间", ">=", 1, None, "小时", None, "天"),
        ),
        ("全县粮食播种面积稳定在52万亩以上。", ("全县粮食播种面积", ">=", 52, None, "万亩", None, None)),
        ("重大危险源在线监测率保持100%。", ("重大危险源在线监测率", "=", 100, None, "%", None, None)),
        ("农产品加工业产值增长8%。", ("农产品加工业产值", "increase_by", 8, None, "%", None, None)),
        ("服务价格控制在每餐15元以内。", ("服务价格", "<=", 15, None, "元", None, "餐")),
        ("每个乡镇至少建成1处全民健身中心。", ("建成全民健身中心", ">=", 1, None, "处", None, "乡镇")),
        ("到2025年，建成示范学校三所。", ("建成示范学校", ">=", 3, None, "所", 2025, None)),
        ("不良事件发生率低于5%。", ("不良事件发生率", "<", 5, None, "%", None, None)),
        ("PM2.5平均浓度降至35微克/立方米。", ("PM2.5平均浓度", "<=", 35, None, "微克/立方米", None, None)),
    ],
)
def test_target_forms(text, expected):
    assert one(text) == expected


def test_two_targets_in_one_sentence():
    targets, _ = extract("到2025年，每千名儿童拥有儿科执业（助理）医生0.85名、床位增至2.2张。")
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in targets] == [
        (">=", 0.85, "名", 2025),
        (">=", 2.2, "张", 2025),
    ]


def test_respectively():
    targets, _ = extract("到2025年，学生体质健康测试优良率、合格率分别达到55%、95%以上。")
    assert [(t.indicator, t.comparator, t.value, t.unit, t.deadline_year) for t in targets] == [
        ("学生体质健康测试优良率", ">=", 55, "%", 2025),
        ("学生体质健康测试合格率", ">=", 95, "%", 2025),
    ]


def test_each_target_takes_the_year_that_governs_it():
    targets, milestones = extract(
        "到2023年，新建、改建12片多功能运动场地；到2025年，全区至少建设3个儿童友好新型公共阅读空间。"
    )
    assert [(t.value, t.unit, t.deadline_year) for t in targets] == [(12, "片", 2023), (3, "个", 2025)]
    assert milestones == []


def test_no_year_means_null_and_a_later_year_does_not_apply_backwards():
    targets, milestones = extract("新建体育公园3个，2025年底前完成选址工作。")
    assert targets[0].deadline_year is None
    assert [(m.deadline_year, m.text) for m in milestones] == [(2025, "2025年底前完成选址工作")]


@pytest.mark.parametrize(
    "text",
    [
        "着力实施13大行动，落实41项任务。",
        "打造15分钟儿童社区生活圈。",
        "熟练掌握1—2项运动技能。",
        "根据国家发展改革委等23个部门联合印发的《关于推进儿童友好城市建设的指导意见》（发改社会〔2021〕1380号）。",
        "对购买新能源汽车的个人给予每辆3000元补贴。",
        "第十二条 本办法自2024年1月1日起施行。",
        "对新引进的品牌首店给予一次性奖励。",
    ],
)
def test_descriptive_numbers_are_not_targets(text):
    targets, _ = extract(text)
    assert targets == []


def test_milestones_only_when_no_target():
    _, milestones = extract("组织实施项目，2023年实现应建尽建。")
    assert [(m.deadline_year, m.text) for m in milestones] == [(2023, "2023年实现应建尽建")]
    _, milestones = extract("到2024年，适应症脑瘫儿童全部救助到位。")
    assert [(m.deadline_year, m.text) for m in milestones] == [(2024, "到2024年，适应症脑瘫儿童全部救助到位")]
    targets, milestones = extract("到2025年，覆盖率达到90%。")
    assert len(targets) == 1 and milestones == []


def test_baseline_years_are_not_deadlines():
    targets, milestones = extract("单位生产总值能耗比2020年下降13.5%。")
    assert [(t.comparator, t.value, t.deadline_year) for t in targets] == [("decrease_by", 13.5, None)]
    assert milestones == []


def test_spans_point_into_the_text():
    text = "推进建设。到2025年，托位数达到4.5个。（牵头部门：区卫生健康局）"
    targets, _ = extract(text, offset=100)
    (t,) = targets
    assert text[t.span[0] - 100 : t.span[1] - 100] == "托位数达到4.5个"


# ---------------------------------------------------------------- issue 12: the wider grammar


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省人工智能核心产业营业收入超1万亿元。", (">", 1, None, "万亿元")),
        ("全国农机总动力超过10亿千瓦。", (">", 10, None, "亿千瓦")),
        ("全国农机总动力稳定在11亿千瓦左右。", ("=", 11, None, "亿千瓦")),
        ("人才资源总量达到320万名左右。", (">=", 320, None, "万名")),
        ("累计建成5G基站1万个。", (">=", 1, None, "万个")),
        ("细颗粒物年均浓度控制在29微克每立方米以下。", ("<=", 29, None, "微克每立方米")),
        ("确保1年内完成合同用量。", ("<=", 1, None, "年")),
        ("在2—3年内调整到位。", ("range", 2, 3, "年")),
        ("申请材料齐全的，24小时内办结。", ("<=", 24, None, "小时")),
        ("新建体育公园3～5个。", ("range", 3, 5, "个")),
        ("建设两所示范学校。", (">=", 2, None, "所")),
        ("培训三千名网格员。", (">=", 3000, None, "名")),
        ("原则上至少建设一所中等职业学校。", (">=", 1, None, "所")),
        ("力争营业收入突破500亿元。", (">", 500, None, "亿元")),
        ("全省数字经济营业收入超万亿元。", (">", 1, None, "万亿元")),
        ("新能源汽车产业规模突破千亿元。", (">", 1000, None, "亿元")),
        ("年接待游客达百万人次以上。", (">=", 100, None, "万人次")),
        ("人均预期寿命达到80岁。", (">=", 80, None, "岁")),
        ("60岁以上老年人健康管理率达到70%。", (">=", 70, None, "%")),
        ("50平方公里以上建设用地面积达到海绵城市建设要求。", (">=", 50, None, "平方公里")),
    ],
)
def test_magnitudes_comparators_and_time_limits(text, expected):
    targets, _ = extract(text)
    assert [(t.comparator, t.value, t.value_max, t.unit) for t in targets] == [expected]


def test_a_rate_named_yearly_is_not_a_yearly_rate_but_a_yearly_increase_is():
    (t,) = extract("细颗粒物年均浓度控制在29微克每立方米以下。")[0]
    assert t.per is None
    (t,) = extract("农业增加值年均增长5%。")[0]
    assert (t.comparator, t.per) == ("increase_by", "年")


def test_a_list_after_one_verb_gives_one_target_per_number():
    targets, _ = extract(
        "5年内重点引进100名市管企业中高级经营管理人才，选拔100名正职后备人才、200名副职后备人才。"
    )
    assert [(t.comparator, t.value, t.unit) for t in targets] == [
        (">=", 100, "名"),
        (">=", 100, "名"),
        (">=", 200, "名"),
    ]
    targets, _ = extract("重点引进30名金融高级管理人才和50名金融高级专业人才。")
    assert [t.value for t in targets] == [30, 50]
    targets, _ = extract("重点支持300名领军人才赴境外培训，1000名核心人才参加专题研修。")
    assert [t.value for t in targets] == [300, 1000]
    targets, _ = extract("花生种植、收获机械化率分别达到65%和55%。")
    assert [t.value for t in targets] == [65, 55]


def test_a_start_year_is_not_a_deadline_and_a_period_is_not_a_target():
    targets, _ = extract("2012年起5年内，实现人才资源总量达到320万名左右。")
    assert [(t.value, t.unit, t.deadline_year) for t in targets] == [(320, "万名", None)]


@pytest.mark.parametrize(
    "text",
    [
        "对年营业收入2000万元以上的企业给予奖励。",
        "对新认定的企业给予10万元补助。",
        "最高奖励500万元。",
        "设立推动工业强市发展专项引导资金2.43亿元。",
        "提供7×24小时服务。",
        "推广3.0版改革举措。",
        "构建“1+30+N”工作体系。",
        "打造一支懂农业、爱农村的人才队伍。",
        "对现有紧缺人才，5年内享受政府薪酬补贴。",
        "顶岗实习时间一般为6个月。",
        "优先支持其行政区域内1家符合条件的开发区扩区。",
        "分2年给予政府安家补助。",
        "对年纳税额首次超过1000万元的企业，给予一次性奖励50万元。",
        "招聘100名以上员工的企业，给予每人1000元补贴。",
        "市财政每年安排专项资金5000万元，用于支持数字经济发展。",
        "对符合条件的企业按照不超过设备投资额10%的比例给予补助。",
    ],
)
def test_more_numbers_that_are_not_targets(text):
    assert extract(text)[0] == []


def test_a_goal_paragraph_keeps_its_year_over_the_next_sentences():
    text = "到2025年，产业总规模达到2万亿元。推出100项精品赛事。到2030年，总规模超过3万亿元。"
    targets, _ = extract(text, carry_year=True)
    assert [(t.value, t.unit, t.deadline_year) for t in targets] == [
        (2, "万亿元", 2025),
        (100, "项", 2025),
        (3, "万亿元", 2030),
    ]
    targets, _ = extract(text)
    assert [t.deadline_year for t in targets] == [2025, None, 2030]


def test_a_five_year_plan_end_is_a_deadline():
    (t,) = extract("到“十四五”末，全市高新技术企业数量达到5000家。")[0]
    assert (t.value, t.unit, t.deadline_year) == (5000, "家", 2025)


def test_a_list_whose_items_name_their_object_first():
    targets, _ = extract("到2027年，培育省级专精特新中小企业300家、国家级专精特新“小巨人”企业30家。")
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in targets] == [
        (">=", 300, "家", 2027),
        (">=", 30, "家", 2027),
    ]


def test_a_scope_threshold_inside_the_object_does_not_hide_the_count():
    (t,) = extract("培育营业收入超10亿元的企业20家。")[0]
    assert (t.comparator, t.value, t.unit) == (">=", 20, "家")


def test_a_count_after_push_or_achieve():
    targets, _ = extract("推动100家企业上云，带动2000家企业用云。")
    assert [(t.comparator, t.value, t.unit) for t in targets] == [(">=", 100, "家"), (">=", 2000, "家")]
    (t,) = extract("到2025年，实现100%行政村通5G。")[0]
    assert (t.comparator, t.value, t.unit, t.deadline_year) == (">=", 100, "%", 2025)
    assert extract("推动一批项目落地。")[0] == []


def test_a_list_of_changes_without_respectively():
    targets, _ = extract("主要污染物排放总量比2015年下降15%、10%和26%。")
    assert [(t.indicator, t.comparator, t.value) for t in targets] == [
        ("主要污染物排放总量", "decrease_by", 15),
        ("主要污染物排放总量", "decrease_by", 10),
        ("主要污染物排放总量", "decrease_by", 26),
    ]


def test_a_time_limit_set_by_a_rule():
    (t,) = extract("对符合条件的申请，应当在5个工作日内作出决定。")[0]
    assert (t.comparator, t.value, t.unit) == ("<=", 5, "个工作日")
    (t,) = extract("审批时限由20个工作日压缩至5个工作日内。")[0]
    assert (t.indicator, t.comparator, t.value) == ("审批时限", "<=", 5)


# ---------------------------------------------------------------- issue 12: the first blind set, seen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negated floor is a floor
        ("合作机构支小支农担保金额占比不得低于80%（测试）。", [(">=", 80, None, "%")]),
        ("配备的专职人员不应少于3名（测试）。", [(">=", 3, None, "名")]),
        ("平均收费原则上不得超过1.5%（测试）。", [("<=", 1.5, None, "%")]),
        # a share of a named base
        ("审核人员原则上不少于本单位执法人员总数的5%（测试）。", [(">=", 5, None, "%")]),
        ("再担保业务收费，原则上不高于承担风险责任的0.5%（测试）。", [("<=", 0.5, None, "%")]),
        # a share named and bounded by its suffix alone
        ("公办园在园幼儿占比60%以上（测试）。", [(">=", 60, None, "%")]),
        # a rate per 10万
        ("孕产妇死亡率下降到10/10万（测试）。", [("<=", 10, None, "/10万")]),
        # a time limit counted from an event, the work in the next clause
        ("要在决定作出之日起20个工作日内，向社会公布执法信息（测试）。", [("<=", 20, None, "个工作日")]),
        (
            "审核时间一般不少于5个工作日，最长不超过15个工作日（测试）。",
            [(">=", 5, None, "个工作日"), ("<=", 15, None, "个工作日")],
        ),
        # one per scope is a count, not an article
        ("原则上每个省（自治区、直辖市）培育一家龙头机构（测试）。", [(">=", 1, None, "家")]),
    ],
)
def test_floors_shares_and_limits_of_the_seen_blind_set(text, expected):
    targets, _ = extract(text)
    assert [(t.comparator, t.value, t.value_max, t.unit) for t in targets] == expected


@pytest.mark.parametrize(
    "text",
    [
        # an amount qualifying who is supported, its noun after a modifier
        "要重点支持单户担保金额500万元及以下的小微企业（测试）。",
        # the condition of a benefit
        "对平均担保费率不超过1%的担保业务给予适当补贴（测试）。",
        # the basis of a payment
        "按不低于采购金额的30%提前预付给医疗机构（测试）。",
        # an article, not a count
        "打造一支懂农业的干部队伍（测试）。",
        # when a goal is reached (as 到2025年实现…), not a time limit on the work
        "争取三年内实现示例业务市级全覆盖（测试）。",
    ],
)
def test_scopes_conditions_and_payment_bases_are_not_targets(text):
    assert extract(text)[0] == []
