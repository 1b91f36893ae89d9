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
