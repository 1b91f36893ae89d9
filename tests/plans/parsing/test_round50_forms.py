"""Forms that round 50 read, from the misses left on the seen corpus.

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import one_item_targets

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "到2025年，建成1000亩以上开放休闲林地5个，300亩以上开放休闲林地6个。",
            [(">=", 5, "个", 2025), (">=", 6, "个", 2025)],
        ),
        (
            "到2026年，新建200平方米及以上的测试驿站3座，改造50平方米以下测试小屋12处。",
            [(">=", 3, "座", 2026), (">=", 12, "处", 2026)],
        ),
    ],
)
def test_a_size_class_before_the_noun_counted_is_not_a_target(sentence, expected):
    # 1000亩以上 says which woods are counted; the count after the noun is the target
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试区级部门每年要对本行政区域内30%以上的测试单位开展执法稽查。", [(">=", 30, "%", None)]),
        ("每年应对全区20%以上的测试街道实施考核。", [(">=", 20, "%", None)]),
        ("每年要对辖区内不少于15%的测试企业进行抽查。", [(">=", 15, "%", None)]),
    ],
)
def test_the_share_of_the_bodies_a_check_reaches_is_a_target(sentence, expected):
    # 对本行政区域内30%以上的…开展稽查: the work reaches that share of the bodies named after it
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        # (round 53: the period stays in the measure as printed, as the blind sets read it)
        ("到2026年，测试污水处理能力达到2.4万吨/天。", 2.4, "万吨/天"),
        ("到2026年，新增测试供水能力5000立方米/日。", 5000, "立方米/日"),
    ],
)
def test_a_capacity_per_day_is_so_much_a_day(sentence, value, unit):
    text = (
        f"测试区行动方案（测试）\n\n一、主要任务\n（一）建设测试设施。{sentence}（牵头单位：测试区水务局）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.value, t.unit, t.per, t.deadline_year) for t in document.tasks[0].targets] == [
        (value, unit, None, 2026)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试部门主要负责人每年至少召开1次专题会议。", [(">=", 1, "次", None)]),
        ("到2026年，累计划设测试航线150条以上。", [(">=", 150, "条", 2026)]),
        ("到2027年，新划设测试停车泊位800个。", [(">=", 800, "个", 2027)]),
        ("每季度召开测试街道、居委会、业委会、物业企业四方联席会议。", []),
        ("由测试居委会牵头，每月召开三方协调会议。", []),
    ],
)
def test_meetings_held_and_lines_laid_out_are_counted_but_parties_are_not(sentence, expected):
    # 召开1次会议 and 划设150条航线 are counts of work; 四方联席会议 names the parties at the table
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，增设测试物资仓库2000㎡。", [(">=", 2000, "㎡", 2025)]),
        ("到2026年，完成测试人行道贯通25400㎡（三年累计）。", [(">=", 25400, "㎡", 2026)]),
    ],
)
def test_the_square_metre_sign_is_a_measure(sentence, expected):
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("将测试证书办理时限从20日缩减至8个工作日。", [("<=", 8, "个工作日", None)]),
        ("测试审批时限由15个工作日缩减到5个工作日。", [("<=", 5, "个工作日", None)]),
        ("测试事项办理时间缩减3个工作日。", [("decrease_by", 3, "个工作日", None)]),
    ],
)
def test_a_time_limit_cut_to_a_level_or_by_an_amount(sentence, expected):
    # 缩减至 is a ceiling reached (as 压缩至); 缩减 alone, a decrease by so much
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("实现“1分钟内首次响应，90%解决率”。", [("<=", 1, "分钟", None), (">=", 90, "%", None)]),
        ("确保“30分钟内到达现场，95%处置率”。", [("<=", 30, "分钟", None), (">=", 95, "%", None)]),
    ],
)
def test_a_time_within_then_a_rate_listed_after_it(sentence, expected):
    # 1分钟内 bounds the time from above; the rate listed after it is a floor
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("目前已新增测试路边停车泊位15个；目前主体工程完成70%。", []),
        ("截至目前，已完成年度计划的100.69%，已建成测试驿站3座。", []),
        ("到2026年，对已建成的120个测试小区实施改造。", [(">=", 120, "个", 2026)]),
        ("到2026年，已建成小区改造率达到90%。", [(">=", 90, "%", 2026)]),
    ],
)
def test_progress_reported_is_not_a_target(sentence, expected):
    # 目前已新增…15个 is work done; 已建成的120个小区 names the estates the work is to reach
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("对测试联合体项目，按项目总投入20%给予三年最高1500万元资助。", []),
        ("对测试企业按设备投资额10%给予补助。", []),
        ("到2025年，测试项目按时完成率达到95%。", [(">=", 95, "%", 2025)]),
    ],
)
def test_the_rate_a_payment_is_computed_at_is_not_a_target(sentence, expected):
    # 按项目总投入20%给予资助 says how the money is computed (as 按…的20%给予)
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("按就业类别给予测试企业最高10000元/人的补贴。", []),
        ("对测试院校按就业人数给予1000元/人奖励。", []),
        ("到2025年，测试园区全员劳动生产率达到46000元/人以上。", [(">=", 46000, "元/人", 2025)]),
    ],
)
def test_money_handed_out_per_head_is_not_a_target(sentence, expected):
    # 给予最高10000元/人 is a subsidy per head; 劳动生产率46000元/人 is a level to reach
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2026年，实现测试站点50米范围内公交配套服务占比达到90%。", [(">=", 90, "%", 2026)]),
        ("到2027年，实现测试学校周边200米范围内交通设施配置率达到100%。", [(">=", 100, "%", 2027)]),
        ("到2026年，新建测试绿道50公里。", [(">=", 50, "公里", 2026)]),
    ],
)
def test_the_area_around_a_place_is_not_a_target(sentence, expected):
    # 站点周边50米内 and 100米范围内 say where the work is; the share or the length built is the target
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("做好测试建筑修缮，实现“三面整洁、三台点缀”。", []),
        ("针对测试路段节点，实现“三口优化、三场融合”。", []),
        ("到2025年，实施“十大工程”，新建测试学校三所。", [(">=", 3, "所", 2025)]),
    ],
)
def test_the_numerals_of_a_quoted_slogan_are_not_counts(sentence, expected):
    # “三台点缀” is the slogan's word for the three kinds of balcony, not three machines
    assert one_item_targets(sentence) == expected
