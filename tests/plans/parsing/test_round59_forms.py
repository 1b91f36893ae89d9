"""Forms that round 59 read, found on the blind set r795–r804. All the snippets are synthetic
(（测试）): the places, the units and the figures are made up. Each form is written in two
spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _signed(sentence: str) -> list[tuple]:
    text = (
        "测试区人民政府关于印发测试区稳住经济增长若干措施的通知\n各乡镇人民政府：\n现印发给你们，请认真贯彻执行。\n"
        "测试区人民政府\n2022年7月25日\n测试区稳住经济增长若干措施\n"
        f"1.推进测试工程。{sentence}（牵头责任单位：测试区交通运输局）\n"
    )
    (document,) = parse_text(text).documents
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets]


@pytest.mark.parametrize("lead", ["年内", "今年"])
def test_this_year_is_the_year_the_document_is_signed(lead):
    assert _signed(f"{lead}开工建设测试村道畅通工程71.7公里。") == [(">=", 71.7, "公里", 2022)]


def test_a_span_of_years_is_not_this_year():
    assert _signed("三年内建成测试充电站20座。") == [(">=", 20, "座", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a rate the policy sets, from one value to another
        ("测试养老保险单位费率从19%降低到16%。", []),
        ("测试政府采购项目面向小微企业的价格扣除比例从6%提高至10%。", []),
        # the terms of a loan or a guarantee
        ("测试公积金贷款最低首付比例为20%。", []),
        ("测试保函额度不超过监管额度的50%。", []),
        # but a rate brought to a level is a goal (r19), and so is a consumption rate (r296)
        ("逐步将测试平均担保费率降至1%以下。", [("<=", 1, "%", None)]),
        ("到2025年测试居民消费率达到42%以上。", [(">=", 42, "%", 2025)]),
    ],
)
def test_rates_and_terms_a_policy_sets_are_not_targets(sentence, expected):
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）{sentence}（牵头单位：测试区财政局）\n"
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets] == expected


_MARKDOWN = """测试区人民政府办公室关于印发《美丽测试区建设2026年行动计划》的通知

各街道办事处：

现印发给你们，请认真贯彻落实。

测试区人民政府办公室

2026年3月30日

附件1：持续污染防治攻坚2026年行动计划

|     |     |     |     |     |     |     |     |
| --- | --- | --- | --- | --- | --- | --- | --- |
| 序号 | 重点任务 | 工作措施 | 完成时限 | 牵头部门 | 主责单位 | 协办单位 |  |
| 一、共筑美丽蓝天 |
| 1 | 推动机动<br>车结构优化 | 推动测试新能源车保有量进一步提升。 | 年底前 | 区生态环境局 | 区交通委 | 各街镇 |
| 推动测试货车新能源化，新增和更新的配送车{share}为纯电动汽车。 | 年底前 | 区商务局 | —— |
| 配合研究测试摩托车管理方案。 | 年底前 | 区城市管理委<br>测试交通支队 | 区生态环境局 |
| 1 | 推动机动<br>车结构优化 | 落实测试补能规划，建成测试超充站{stations}座。 | 年底前 | 区发展改革委 | 区城市管理委 | 各街镇 |
| 2 | 加强油品<br>监管 | 督促测试加油站夏季错峰装卸油。 | 6-9月 | 区商务局 | 区市场监管局 | —— |

附件4：测试区生态环境保护2026年有关指标

|     |     |     |     |
| --- | --- | --- | --- |
| 序号 | 指标名称 | 单位 | 2026年计划值 |
| 1 | PM2.5年均浓度 | 微克/立方米 | 29 |
| 2 | 优良天数比率 | % | 78 |
"""


@pytest.mark.parametrize(("share", "stations"), [("80%", 20), ("90%", 35)])
def test_a_markdown_table_whose_merged_cells_are_printed_once(share, stations):
    # a scraper's Markdown copy of a table with merged cells: rows short of the header continue the
    # row above, a row printing its number and task again after a page break too, <br> inside cells
    (document,) = parse_text(_MARKDOWN.format(share=share, stations=stations)).documents
    tasks = [
        (t.number, [(u.name, u.role) for u in t.units], [t.value for t in t.targets]) for t in document.tasks
    ]
    assert tasks == [
        (
            "1",
            [
                ("区生态环境局", "lead"),
                ("区交通委", "lead"),
                ("各街镇", "cooperating"),
                ("区商务局", "lead"),
                ("区城市管理委", "lead"),
                ("测试交通支队", "lead"),
                ("区生态环境局", "cooperating"),
                ("区发展改革委", "lead"),
            ],
            [float(share[:-1]), stations],
        ),
        ("2", [("区商务局", "lead"), ("区市场监管局", "lead")], []),
    ]
    assert [(t.value, t.unit, t.deadline_year) for t in document.targets] == [
        (29, "微克/立方米", 2026),
        (78, "%", 2026),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("力争2025年底前测试场站并网容量达到85万千伏安。", [(">=", 85, "万千伏安", 2025)]),
        ("新增测试变电容量5万千伏安。", [(">=", 5, "万千伏安", None)]),
        (
            "力争2025年上榜测试黑珍珠餐厅6家、测试必吃榜95家。",
            [(">=", 6, "家", 2025), (">=", 95, "家", 2025)],
        ),
        # a voltage class is no quantity of its own
        ("建成110千伏测试变电站3座。", [(">=", 3, "座", None)]),
    ],
)
def test_kilovolt_amperes_and_listings(sentence, expected):
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）{sentence}（牵头单位：测试区发展改革局）\n"
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试总体近视率每年降低不少于1个百分点。", ("decrease_by", 1, "百分点")),
        ("测试单位产值能耗下降不低于15%。", ("decrease_by", 15, "%")),
        ("测试研发投入强度提高不少于0.5个百分点。", ("increase_by", 0.5, "百分点")),
        # a count added is a count to reach, as 新增 is
        ("测试就业岗位增长不少于100个。", (">=", 100, "个")),
    ],
)
def test_a_change_of_at_least_so_much_is_a_change(sentence, expected):
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）{sentence}（牵头单位：测试区发展改革局）\n"
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit) for t in document.tasks[0].targets] == [expected]
