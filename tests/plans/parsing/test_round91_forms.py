"""Forms that round 91 read, found on the blind sets r927–r938 (a county's task division of a customs
office's measures run into one line, a county's rural-tourism plan, a city's housing and AI-park
measures). All the snippets are synthetic (（测试）): the places, the units and the figures are made
up. Each form is written in two spellings or more so that a rule fitting one text fails; expected
values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import sentence_figures

from gongzhi.plans.parsing import parse_text

_PAD = "为推进测试工作落到实处，按照工作分工和时限要求，结合测试区实际情况，对有关任务分工如下："


def _one_line_division(deadlines: list[str]) -> str:
    items = [
        ("支持测试口岸开放建设", "区测试办", "测试海关", "区交通集团"),
        ("支持测试二桥监管项目建设", "区口岸办", "测试边检站", "区测试公司"),
        ("支持测试离岛免税政策", "测试海关", "区旅发委、经发局", "区免税办"),
        ("支持测试检疫中心建设", "区重点办", "区农发局", "区土开集团"),
    ]
    body = "".join(
        f"{n}、{title}。加强对相关监管设施与信息化项目建设的指导、推进和督促，保障测试项目如期建成。"
        f"牵头单位：{lead}配合单位：{coop}实施单位：{doer}完成时限：{when}"
        for n, (title, lead, coop, doer), when in zip("一二三四", items, deadlines, strict=True)
    )
    return (
        "测试区管委会办公室关于印发《测试海关支持测试区十二条措施任务分解方案》的通知 各有关单位：现将方案印发给你们，"
        "请认真组织实施。 测试区管委会办公室 2019年7月18日测试海关支持测试区十二条措施任务分解方案 "
        + _PAD
        + body
    )


@pytest.mark.parametrize(
    "deadlines",
    [
        ["2019年8月", "2019年11月底", "2019年底", "2019年10月"],
        ["常态化实施", "2019年11月底前", "持续推进", "2020年4月前完成"],
    ],
)
def test_a_task_division_run_into_one_line_is_cut_after_each_deadline(deadlines):
    (document,) = parse_text(_one_line_division(deadlines)).documents
    assert [t.number for t in document.tasks] == ["一、", "二、", "三、", "四、"]
    roles = {(u.name, u.role) for u in document.tasks[2].units}
    assert roles == {
        ("测试海关", "lead"),
        ("区旅发委", "cooperating"),
        ("经发局", "cooperating"),
        ("区免税办", "responsible"),
    }


@pytest.mark.parametrize("glue", ["", "；"])
def test_role_labels_glued_to_the_last_name_before_them_start_lists_of_their_own(glue):
    text = (
        "测试区任务分解方案\n一、支持测试口岸开放建设。加强测试监管设施建设。"
        f"牵头单位：区经发局、区口岸办{glue}配合单位：测试海关{glue}实施单位：区交通集团\n"
        "二、支持测试市场培育。扩大测试商品清单。牵头单位：测试海关\n"
    )
    (document,) = parse_text(text).documents
    assert {(u.name, u.role) for u in document.tasks[0].units} == {
        ("区经发局", "lead"),
        ("区口岸办", "lead"),
        ("测试海关", "cooperating"),
        ("区交通集团", "responsible"),
    }


def test_an_item_whose_one_clause_follows_its_last_point_is_the_task_beside_items_assigned_by_point():
    text = (
        "测试区乡村旅游提质升级行动方案\n"
        "一、重点任务\n"
        "（一）编制测试规划\n根据各村资源禀赋，编制测试规划。\n"
        "1.打造测试延伸产品。依托测试步道，有序开发延伸产品。\n"
        "2.推动测试景村一体化。以测试景区改造提升为契机，打造特色村。\n"
        "3.集成打造测试小镇。按照全域旅游的布局，形成特色小镇产品体系。"
        "（责任单位：区旅游局、农村发展局，各乡镇人民政府）\n"
        "（二）汇聚测试人才力量\n"
        "1.加强测试人才培训。组织开展重点村旅游培训。（责任单位：区旅游局、教育局）\n"
        "2.推进测试创客行动。支持有条件的乡村创建创客基地。（责任单位：区旅游局、团区委）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "1.", "2."]
    assert {u.name for u in document.tasks[0].units} == {"区旅游局", "农村发展局", "各乡镇人民政府"}


def test_points_ending_in_a_bracket_not_read_keep_the_item_from_folding():
    # 4.…（各街镇、区属国企）: a bracket the units may be in, so the points stay the tasks
    text = (
        "测试区存量产业用地盘活方案\n一、重点任务\n"
        "（一）推动测试收购一批\n"
        "1.开展测试资源收购。鼓励区属国企对低效用地进行整体收购。（各街镇、区属国企）\n"
        "2.发挥测试国企作用。提升国企自有土地的价值。（区属国企）\n"
        "3.加强测试转让监管。对存量产业用地实行清单式管理。（区经委、区规划资源局）\n"
        "（二）推动测试转型一批\n"
        "4.开展测试企业改扩建。鼓励存量企业开展零增地改扩建。（区规划资源局、区经委）\n"
        "5.鼓励测试转型升级。引导存量企业自主提升。（区经委）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "3.", "4.", "5."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the longest a rule allows, the norm a benefit follows, a rank, the bodies a measure is for
        ("可适当延长测试商品住房交付期限，最长不超过6个月。", []),
        ("测试土地出让价款缴款期限最长1年。", []),
        ("按照每个正式员工不超过10平方米的标准，给予三年房租补贴。", []),
        ("引进全球自然指数前100名高校的测试毕业生。", []),
        ("对年营业收入达到2000万元以上或年纳税额达到200万元以上的测试企业，给予五年房租补贴。", []),
        ("测试住房公积金贷款额度提高到70万元。", []),
        ("租赁测试场地面积超过300平方米（含）的，给予最长五年的房租补贴。", []),
        # but the time a service is to take, and counts and levels of work, stay targets
        ("测试审批时限原则上不超过7个工作日。", [("<=", 7, "个工作日")]),
        ("测试区新增停车泊位不少于300个。", [(">=", 300, "个")]),
        ("测试企业年营业收入达到2000万元以上。", [(">=", 2000, "万元")]),
    ],
)
def test_the_figures_of_rules_and_benefits_are_no_targets(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年底前，全市首批100个测试示范社区全面建成。", [(">=", 100, "个")]),
        ("到2025年，60个左右测试大中城市率先建成循环利用体系。", [(">=", 60, "个")]),
        ("省、市、县各级100个测试高频事项实现“最多跑一次”。", [(">=", 100, "个")]),
        # what is so already, every one of a set the text names, a level of the things counted
        ("目前，全市100个测试社区已建成服务站。", []),
        ("5个测试新城全部实现公交电子站牌全覆盖。", []),
        ("6个测试水厂供水总量达到3.8万吨/日。", [(">=", 3.8, "万吨/日")]),
    ],
)
def test_a_count_of_things_that_must_reach_a_state(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("坚决守住测试市202万亩耕地保护红线。", [(">=", 202, "万亩")]),
        ("确保全市202万亩耕地、150万亩永久基本农田保护底线。", [(">=", 202, "万亩"), (">=", 150, "万亩")]),
        ("守住测试区生态保护红线1200平方公里。", []),
    ],
)
def test_the_land_a_red_line_keeps_is_a_floor(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize("sentence", ["全年为测试企业减负200亿元以上。", "测试区为企业减负60亿元以上。"])
def test_the_burden_taken_off_firms_is_counted(sentence):
    assert [f[0] for f in sentence_figures(sentence)] == [">="]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，测试市农田灌溉水有效利用系数达到0.55。", [(">=", 0.55, "")]),
        ("测试县农田灌溉水有效利用系数达到 0.5 以上，化肥使用量保持零增长。", [(">=", 0.5, "")]),
    ],
)
def test_a_coefficient_has_no_measure(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("力争全年到位测试上级补助收入30亿元以上。", [(">=", 30, "亿元")]),
        ("力争给予测试企业补助30亿元以上。", []),
    ],
)
def test_a_subsidy_received_is_money_brought_in(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试区房地产项目全流程审批时间控制在21个工作日以内。", [("<=", 21, "个工作日")]),
        ("测试区企业开办时限压缩至1个工作日以内。", [("<=", 1, "个工作日")]),
    ],
)
def test_the_time_a_procedure_takes_held_to_a_bound(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，建成 5 个—6 个测试成果转化示范基地。", [("range", 5, "个")]),
        ("建成5家至8家测试示范企业。", [("range", 5, "家")]),
        # from one level to another: no range
        ("测试区PM2.5浓度从40微克/立方米降到35微克/立方米。", [("<=", 35, "微克/立方米")]),
    ],
)
def test_a_range_that_repeats_its_measure(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("对测试甲村等村(社区)约130棵存在安全隐患的树木进行修枝。", [(">=", 130, "棵")]),
        ("2025年，对1万台投入使用满15年的测试住宅电梯开展安全评估。", [(">=", 1, "万台")]),
        # the places where a quantity of work is done: the quantity is the target
        ("在39个测试村改造线路16.66公里。", [(">=", 16.66, "公里")]),
    ],
)
def test_the_things_a_measure_is_carried_out_on(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年培训10个测试家庭医生服务团队，共40人。", [(">=", 10, "个"), (">=", 40, "人")]),
        ("新建测试公厕10座，共投资500万元。", [(">=", 10, "座")]),
    ],
)
def test_the_total_of_another_measure_of_the_same_work(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("铺设测试大道(电厂-状元街段)供热主管网，全长约4.3公里，提高供热安全。", [(">=", 4.3, "公里")]),
        ("新建测试滨河绿道，总长度12公里。", [(">=", 12, "公里")]),
        # a length that describes, with no work before it
        ("测试河道全长约4.3公里。", []),
    ],
)
def test_the_length_of_the_work_the_clause_before_names(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "到2027年，建设省级“测试”联合实验室20家，争创国家“测试”联合实验室5家左右。",
            [(">=", 20, "家"), (">=", 5, "家")],
        ),
        ("到2027年，争创测试国家级重大创新平台1—2个。", [("range", 1, "个")]),
    ],
)
def test_titles_to_win_are_counted(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "到2025年，测试沿海主要港口75%以上专业化泊位（危险货物泊位除外）具备供应岸电的能力。",
            [(">=", 75, "%")],
        ),
        ("测试区重点企业80%以上生产线完成智能化改造。", [(">=", 80, "%")]),
        # the condition a step waits for
        ("书面征询测试产权人意见，取得总户数95%以上同意后方可实施。", []),
    ],
)
def test_a_share_of_the_things_of_those_named_before_it(sentence, expected):
    assert sentence_figures(sentence) == expected


def test_the_other_figures_of_a_sentence_dated_this_year_take_the_signing_year():
    text = (
        "测试县人民政府关于印发稳住测试经济增长若干措施的通知\n各乡镇人民政府：\n现印发给你们，请认真贯彻落实。\n"
        "测试县人民政府\n2022年5月20日\n稳住测试经济增长若干措施\n"
        "1.加快测试基础设施建设。年内开工建设测试畅通工程71.7公里，建成测试产业环线路90公里，"
        "实施测试公路安防工程65.9公里。（牵头单位：县交通局）\n"
        "2.扩大测试有效投资。新建测试公园3个。推进测试项目。（牵头单位：县发改局）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.deadline_year for t in document.tasks[0].targets] == [2022, 2022, 2022]
    assert [t.deadline_year for t in document.tasks[1].targets] == [None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试区森林抚育34.9万亩。", [(">=", 34.9, "万亩")]),
        ("完成测试林场中幼林抚育2万亩。", [(">=", 2, "万亩")]),
    ],
)
def test_forest_tended_is_counted(sentence, expected):
    assert sentence_figures(sentence) == expected


def test_a_measure_with_its_alternative_in_brackets_is_kept_as_printed():
    assert sentence_figures("2024年更新测试车船18辆（艘），2025年更新测试车船23辆(艘)。") == [
        (">=", 18, "辆（艘）"),
        (">=", 23, "辆(艘)"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the cap of a benefit just named, the part of a price paid, a step after which something may be done
        ("对获得测试奖项的企业，按照上级到位资金的30%给予奖励，每家企业不超过50万元。", []),
        ("土地出让合同签订后一个月内缴纳测试土地出让价款的50%。", []),
        ("高层住宅单体工程主体完成50％即可申请测试住房公积金贷款。", []),
        # but the investment each firm must make, and a share of work to reach
        ("新建测试项目每家企业投资不低于5000万元。", [(">=", 5000, "万元")]),
        ("测试主体工程完成60%以上。", [(">=", 60, "%")]),
    ],
)
def test_caps_payments_and_conditions_are_no_targets(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a rule's deposit raised, the counties a rule is for
        ("测试市竞买保证金由现行的20%提高到30%。", []),
        ("住宅库存去化周期低于12个月（含12个月）的县（市）要相应调整测试土地供应计划。", []),
        # but the share of counties to reach a state
        ("到2025年，55%的县（市、区）通过测试学前教育普及普惠国家认定。", [(">=", 55, "%")]),
    ],
)
def test_rules_for_deposits_and_for_counties_are_no_targets(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2018年，测试甲、测试乙、测试丙、测试丁4个街道率先完成居住区垃圾分类达标创建。", [(">=", 4, "个")]),
        ("测试甲、测试乙、测试丙3个街道创建市级垃圾分类达标街道。", [(">=", 3, "个")]),
        # a share of theirs to reach: the share is the target
        ("测试甲、测试乙、测试丙、测试丁等4个新城建设用地面积50%以上达到测试要求。", [(">=", 50, "%")]),
    ],
)
def test_the_places_named_then_their_count_that_must_reach_a_state(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2023年，全市公共机构推动 15 个测试可再生能源建筑一体化试点项目建设。", [(">=", 15, "个")]),
        ("加快测试镇24公里污水管工程建设。", [(">=", 24, "公里")]),
        ("推动测试电子30条生产线投产。", [(">=", 30, "条")]),
        # a speed class of the lines worked on
        ("加快对时速120公里以上测试线路实施全封闭改造。", []),
    ],
)
def test_the_things_pushed_to_be_built(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "全年争取省市级以上测试科技项目突破30项、资金突破7000万元。",
            [(">", 30, "项"), (">", 7000, "万元")],
        ),
        ("继续实施测试工程，帮助20%的贫困户实现脱贫。", [(">=", 20, "%")]),
    ],
)
def test_money_sought_and_a_share_helped(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "对测试国家货物抵达海关监管作业场所且符合正常放行条件的48小时内放行，其中，易腐货物6小时内放行。",
            [("<=", 48, "小时"), ("<=", 6, "小时")],
        ),
        ("符合条件的测试申请，3个工作日内办结。", [("<=", 3, "个工作日")]),
    ],
)
def test_the_time_a_procedure_takes_for_what_qualifies(sentence, expected):
    assert sentence_figures(sentence) == expected
