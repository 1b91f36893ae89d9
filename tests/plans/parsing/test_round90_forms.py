"""Forms that round 90 read, found on the long tail of the corpus (a county's campaign-year plan for
its state firms, a county's rural living-environment plan, a district's equipment-renewal plan, a
county's plan for old people's sport). All the snippets are synthetic (（测试）): the places, the
units and the figures are made up. Each form is written in two spellings or more so that a rule
fitting one text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import sentence_figures

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize(
    ("campaign", "issued"),
    [("“国企提升发展年”行动方案", "2021年3月29日"), ("项目攻坚年活动实施方案", "2024年2月6日")],
)
def test_a_campaign_named_for_a_year_is_dated_by_the_year_it_is_signed(campaign, issued):
    text = (
        f"测试区管委会办公室关于印发《测试区{campaign}》的通知\n"
        "各片区管理局：\n现印发给你们，请认真贯彻执行。\n测试区管委会办公室\n"
        f"{issued}\n"
        f"测试区{campaign}\n"
        "一、提高测试企业效益。营业总收入同比增长10%以上。（责任单位：测试区国资局）\n"
        "二、引进测试人才。举办大学毕业生招聘会2场次以上。（责任单位：测试区人社局）\n"
    )
    (document,) = parse_text(text).documents
    year = int(issued[:4])
    assert document.end_year == year
    assert [[t.deadline_year for t in task.targets] for task in document.tasks] == [[year], [year]]


def test_a_year_that_is_not_a_campaign_gives_no_deadline():
    text = (
        "测试区管委会办公室关于印发《测试区老年人体育工作实施意见》的通知\n"
        "各片区管理局：\n现印发给你们，请认真贯彻执行。\n测试区管委会办公室\n2021年3月29日\n"
        "测试区老年人体育工作实施意见\n"
        "一、建设测试场地。新建健身步道5条以上。（责任单位：测试区体育局）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.deadline_year for t in document.tasks[0].targets] == [None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试县新建15公顷以上的城市片林。", [(">=", 15, "公顷")]),
        ("测试县新建15个以上的城市公园。", [(">=", 15, "个")]),
        ("测试县打造20家以上的企业技术中心。", [(">=", 20, "家")]),
        # a size class of what is counted after it, and a class the work is for: no target of the size
        ("测试县建成1000亩以上的林地5个。", [(">=", 5, "个")]),
        ("测试省对人口100万以上的城市开展评估。", []),
        ("测试县支持投资500万元以上的项目。", []),
    ],
)
def test_what_a_verb_of_making_makes_is_counted_before_its_kind(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "90%左右乡镇、70%左右行政村（社区）和机关、企事业单位建有测试健身活动场所。",
            [(">=", 90, "%"), (">=", 70, "%")],
        ),
        ("80%以上的乡镇、60%以上的村建有测试健身场所。", [(">=", 80, "%"), (">=", 60, "%")]),
        (
            "95%的省级、90%的市级和70%的县级机关达到测试节约型机关要求。",
            [(">=", 95, "%"), (">=", 90, "%"), (">=", 70, "%")],
        ),
    ],
)
def test_each_share_of_a_list_of_places_takes_the_verb(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("推进测试县房前屋后整治，完成整治60%的村庄。", [(">=", 60, "%")]),
        ("测试县2019年完成75%的村庄整治。", [(">=", 75, "%")]),
        ("测试县推广覆盖30%的村庄实行生活垃圾减量化。", [(">=", 30, "%")]),
        ("测试县对营业收入下降30%的企业给予补贴。", []),
    ],
)
def test_the_share_of_the_places_the_work_is_done_on(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2024年升级替代测试移动警用装备520台。", [(">=", 520, "台")]),
        ("更换测试老旧燃气表3万只。", [(">=", 3, "万只")]),
        ("测试县报废农机装备190台。", [(">=", 190, "台")]),
        # what a thing is changed into: no target
        ("将测试电瓶车更换为载重1吨的新车。", []),
    ],
)
def test_equipment_renewed_is_counted(sentence, expected):
    assert sentence_figures(sentence) == expected


def test_a_rate_a_rule_replaces_is_no_count_of_things_replaced():
    # 替代 is a verb of renewal, 替代比例由30% the rate a rule set before
    assert (">=", 30, "%") not in sentence_figures("能耗等量减量替代比例由30%调整为10%。")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "重点引导打造测试甲镇文创村、测试乙镇风韵古村、测试丙镇海钓村、测试丁镇南岛文化村等15个文化旅游特色村。",
            [(">=", 15, "个")],
        ),
        (
            "完成测试甲路街心公园、测试乙路滨河公园、测试丙路社区公园等3个城市口袋公园建设。",
            [(">=", 3, "个")],
        ),
        # bodies listed, then their count: who acts, not a target
        (
            "区建设管理委、区应急局、区规划资源局、区农业农村委、区市场监管局、区住房保障局等6个牵头部门"
            "的分管领导担任办公室副主任。",
            [],
        ),
    ],
)
def test_the_things_named_then_their_count(sentence, expected):
    assert sentence_figures(sentence) == expected
