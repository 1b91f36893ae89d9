"""Forms that round 37 read, from what the seen corpus still missed at the start of the seventh
session (tests/corpus, 351 documents): quota tables, ...

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes

from gongzhi.plans.parsing import ParseError, parse_bytes, parse_text


def _targets(task) -> list[tuple]:
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in task.targets]


@pytest.mark.parametrize(
    ("place", "quota", "measure_line", "unit", "year"),
    [
        ("街镇", "2026年\n任务量", "制表日期：2026.1　　　　　　单位：亩", "亩", 2026),
        ("县（市、区）", "目标任务数（万元）", "", "万元", None),
    ],
)
def test_a_quota_table_gives_each_place_its_share_as_a_task(place, quota, measure_line, unit, year):
    rows = [
        ["序号", place, quota, "其中重点任务量"],
        ["1", "甲测试镇", "122.52", "100"],
        ["2", "乙测试街道", "3.01", "0"],
        ["合计", "", "125.53", "100"],
    ]
    paragraphs = ["测试用地整治任务分解表（测试）", *([measure_line] if measure_line else [])]
    (document,) = parse_bytes(docx_bytes(paragraphs, rows), "分解表.docx").documents
    assert [(t.number, list(t.responsible_units)) for t in document.tasks] == [
        ("1", ["甲测试镇"]),
        ("2", ["乙测试街道"]),
    ]
    first, second = document.tasks
    assert _targets(first) == [("=", 122.52, unit, year)]
    assert _targets(second) == [("=", 3.01, unit, year)]
    assert first.text.startswith("甲测试镇：") and "122.52" in first.text
    assert not any("100" in p or "122.52" in p for p in first.path)  # the other figures are no group


def test_a_table_of_written_tasks_under_a_task_header_is_not_a_quota_table():
    rows = [
        ["序号", "街镇", "目标任务"],
        ["1", "甲测试镇", "完成测试道路改造10条，年底前全部完工。"],
        ["2", "乙测试街道", "新建测试公园2个。"],
    ]
    (document,) = parse_bytes(docx_bytes(["测试任务表（测试）"], rows), "任务表.docx").documents
    assert [t.text for t in document.tasks] == [rows[1][2], rows[2][2]]


@pytest.mark.parametrize(("period", "year"), [("“十四五”期间", 2025), ("十三五时期", 2020)])
def test_a_five_year_period_named_in_the_sentence_dates_its_figures(period, year):
    text = (
        "关于加强测试设施建设的实施意见（测试）\n一、主要任务\n"
        f"1．完善测试站点布局。加快测试站建设，{period}，全市测试站数量增长18%以上。（市测试局负责）\n"
    )
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [("increase_by", 18, "%", year)]


@pytest.mark.parametrize(
    "report",
    [
        "测试市长在政府工作报告中，提出了2013年市政府要做好的8项重点工作",
        "2013年测试县重点工作已经县政府常务会议研究确定",
    ],
)
def test_the_year_of_the_work_named_just_before_the_sentence_that_introduces_it(report):
    text = (
        f"各乡镇，县直各部门：\n{report}。现将重点工作任务分解如下：\n一、加快测试产业转型\n"
        "1．测试装备板块主营业务收入超400亿元。（牵头单位：县测试局）\n"
    )
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [(">", 400, "亿元", 2013)]


@pytest.mark.parametrize(
    "sentence", ["根据工作安排，2018年，我们继续制定和公开相关指标", "2019年，我局将确定并公布以下测试指标"]
)
def test_the_year_whose_indicators_the_preamble_says_it_sets(sentence):
    year = int(sentence.split("年")[0][-4:])
    text = (
        f"为加强信息公开，从2016年开始，测试部每年都公开关键业绩指标。{sentence}，接受社会监督。\n"
        "序号 | 指标名称 | 预期效果 | 完成时限 | 牵头负责司局\n"
        "1 | 测试示范平台遴选数量 | 80个 | 12月 | 测试司\n"
        "2 | 测试用户普及率 | 85% | 12月 | 乙测试司\n"
    )
    (document,) = parse_text(text).documents
    assert [_targets(t) for t in document.tasks] == [[("=", 80, "个", year)], [("=", 85, "%", year)]]


@pytest.mark.parametrize("label", ["任务目标", "建设内容"])
def test_a_label_glued_to_the_unit_list_ends_the_unit_clause(label):
    text = (
        "关于下达2024年测试县民生实事项目任务的通知（测试）\n一、测试老旧小区改造项目\n牵头单位:县测试局\n"
        f"责任单位:甲测试镇{label}:2024年计划改造完成测试家园等住宅小区，改造总建筑面积不少于10万平方米。\n"
    )
    (document,) = parse_text(text).documents
    (task,) = document.tasks
    assert list(task.responsible_units) == ["甲测试镇"]
    assert _targets(task) == [(">=", 10, "万平方米", 2024)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2024年度计划对甲测试小区、乙测试家园等20个排水单元进行雨污管网分流改造。", (">=", 20, "个", 2024)),
        ("对辖区80条背街小巷破损路面、井盖、道牙进行维修更换。", (">=", 80, "条", 2024)),
        ("对进入普通学校就读且需陪读的约242个残疾儿童家庭发放陪读补助。", (">=", 242, "个", 2024)),
        ("为80万农村35—64岁妇女免费做“两癌”检查。", (">=", 80, "万", 2024)),
    ],
)
def test_a_count_of_the_things_or_people_a_measure_is_carried_out_on(sentence, expected):
    text = f"2024年测试县民生实事项目（测试）\n一、测试民生工程\n{sentence}（牵头单位：县测试局）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [expected]


def test_a_benefit_paid_to_named_firms_is_still_not_a_target():
    text = "2024年测试县重点工作（测试）\n一、测试产业\n对年销售收入首次超过1000万元的企业给予一次性奖励。（牵头单位：县测试局）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == []


# ---------------------------------------------------------------- the blind set r407–r421 (round 37)


@pytest.mark.parametrize(("leader", "coop"), [("由测试副市长负责，", "相关部门"), ("", "市乙测试局")])
def test_a_paragraph_that_opens_with_the_leader_the_lead_unit_and_those_that_cooperate(leader, coop):
    text = (
        "1、在测试市设立综合改革试验区事宜\n"
        f"{leader}市测试委牵头，{coop}配合，尽快完成实施方案，报省政府审批。\n"
        "2、测试大气污染防治研究项目\n"
        f"{leader}市丙测试局牵头，{coop}配合，细化分工、落实责任。\n"
    )
    (document,) = parse_text(text).documents
    assert [(list(t.lead_units), list(t.cooperating_units)) for t in document.tasks] == [
        (["市测试委"], [coop]),
        (["市丙测试局"], [coop]),
    ]


@pytest.mark.parametrize(
    "label", ["发文机构:  发文文号:  测政办发〔2020〕14号", "发文单位：  公文时效:  有效"]
)
def test_portal_field_lines_are_not_the_title_and_a_work_report_share_out_takes_its_signing_year(label):
    text = (
        "索引号:  TEST-2020-007225 主题分类: \n"
        f"{label}\n"
        "发文日期:  2020年05月21日 发布日期:  2020-05-26 14:04\n"
        "测试市人民政府办公室关于\n落实《政府工作报告》重点工作分工的意见\n"
        "各区县人民政府：\n现将《政府工作报告》重点工作予以分解，请抓好落实。\n一、确保年度目标\n"
        "1. 生产总值增长5%左右。(市测试委负责)\n2. 城镇登记失业率控制在4%以内。(市乙测试局负责)\n"
    )
    (document,) = parse_text(text).documents
    assert document.title == "测试市人民政府办公室关于落实《政府工作报告》重点工作分工的意见"
    assert [_targets(t) for t in document.tasks] == [
        [("increase_by", 5, "%", 2020)],
        [("<=", 4, "%", 2020)],
    ]


@pytest.mark.parametrize(("title", "year"), [("第十四个五年规划纲要", 2025), ("“十四五”规划纲要", 2025)])
def test_a_plan_named_by_its_five_year_period_in_words(title, year):
    text = (
        f"测试区国民经济和社会发展{title}区级任务分工方案\n一、主要指标\n"
        "1.城区道路路网密度达到5.1公里/平方公里。\n牵头单位:区测试局\n"
    )
    (document,) = parse_text(text).documents
    assert document.end_year == year
    assert _targets(document.tasks[0]) == [(">=", 5.1, "公里/平方公里", year)]


@pytest.mark.parametrize(("rate", "value"), [("常住人口城镇化率", 79.5), ("森林覆盖率", 36)])
def test_an_item_that_is_one_indicator_and_its_level(rate, value):
    text = (
        "测试市2022年《政府工作报告》目标任务责任分解方案\n一、主要预期目标\n"
        f"1.{rate}{value}%。(牵头单位:市测试委)\n"
        "2.全市测试率80%，比上年提高1个百分点。(牵头单位:市乙测试局)\n"
    )
    (document,) = parse_text(text).documents
    first, second = document.tasks
    assert _targets(first) == [("=", value, "%", 2022)]
    assert ("=", 80, "%", 2022) not in _targets(second)


@pytest.mark.parametrize("bracket", ["（间）", "(间)"])
def test_a_measure_with_its_alternative_in_brackets(bracket):
    text = f"2023年测试民生实事（测试）\n一、测试安居工程\n新增筹集保障性租赁住房不少于22万套{bracket}。\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [(">=", 22, f"万套{bracket}", 2023)]  # as printed


@pytest.mark.parametrize("part", ["(含渡改桥3座)", "（其中新建3座）"])
def test_a_part_counted_in_brackets_does_not_hide_the_count(part):
    text = f"2023年测试民生实事（测试）\n一、测试农村公路\n对248座农村危旧桥梁{part}进行全面改造。\n"
    (document,) = parse_text(text).documents
    assert (">=", 248, "座", 2023) in _targets(document.tasks[0])


# ---------------------------------------------------------------- round 37, third part (seen documents)


def _document_targets(document) -> list[tuple]:
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets]


@pytest.mark.parametrize("lead", ["“十四五”期间", "到2025年"])
def test_a_goal_clause_inside_the_general_requirements_paragraph(lead):
    text = (
        "关于稳定测试粮食生产的工作方案（测试）\n一、总体要求\n"
        f"坚决守住测试耕地红线，防止耕地“非粮化”，{lead}粮食生产面积稳定在170万亩以上，年产量稳定在90万吨以上。\n"
        "二、主要任务\n（一）严格测试耕地用途管制。（责任单位：市测试局）\n"
    )
    (document,) = parse_text(text).documents
    assert _document_targets(document) == [(">=", 170, "万亩", 2025), (">=", 90, "万吨", 2025)]


@pytest.mark.parametrize("verb", ["改造提升", "新建提升"])
def test_an_area_of_work_improved_is_a_quantity_to_reach_not_a_rise(verb):
    text = (
        "测试农田建设方案（测试）\n一、主要任务\n"
        f"（一）到2025年，完成新增建设13万亩、{verb}11万亩高标准农田任务。（责任单位：市测试委）\n"
    )
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [(">=", 13, "万亩", 2025), (">=", 11, "万亩", 2025)]


@pytest.mark.parametrize(
    ("work", "expected"),
    [
        ("新建扩建通村屯公路20条131.4公里", [(">=", 20, "条", 2007), (">=", 131.4, "公里", 2007)]),
        (
            "新建桥梁2座170米，架设10kv线路3公里",
            [(">=", 2, "座", 2007), (">=", 170, "米", 2007), (">=", 3, "公里", 2007)],
        ),
    ],
)
def test_work_counted_then_measured(work, expected):
    text = (
        "测试民族乡2005—2007年建设实施方案（测试）\n一、建设项目\n"
        f"（一）交通项目。安排村屯项目20个，{work}，共投资400万元。由县测试局、交通局共同组织实施。\n"
    )
    (document,) = parse_text(text).documents
    assert [t for t in _targets(document.tasks[0]) if t[2] != "个"] == expected  # (项目20个 aside)


@pytest.mark.parametrize("opening", ["2025年，是测试产业发展的攻坚之年", "2025年是测试产业发展的关键之年"])
def test_the_years_goals_stated_before_the_first_item(opening):
    text = (
        "测试市委关于推进测试产业发展的实施意见（测试）\n"
        f"{opening}，必须坚持创新驱动。全年全社会研发投入突破100亿元、增长10%以上，"
        "力争测试产业增加值达到500亿元。\n一、强化测试创新\n（一）建设测试平台。（市测试局负责）\n"
    )
    (document,) = parse_text(text).documents
    assert _document_targets(document) == [
        (">", 100, "亿元", 2025),
        ("increase_by", 10, "%", 2025),
        (">=", 500, "亿元", 2025),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("为全省65岁以上老年人、4.5万名一线干部免费体检一次。", (">=", 4.5, "万名", 2020)),
        ("对40万贫困劳动力开展技能培训。", (">=", 40, "万", 2020)),
        ("为500名贫困“两癌”妇女提供救助。", (">=", 500, "名", 2020)),
        ("十是为全市2000名残疾儿童实施康复训练和救助。", (">=", 2000, "名", 2020)),
        ("计划增设测试充电桩约50个。", (">=", 50, "个", 2020)),
        ("在居民小区增配125台自动式体外除颤器。", (">=", 125, "台", 2020)),
    ],
)
def test_people_served_and_things_added(sentence, expected):
    text = f"2020年测试省民生实事（测试）\n一、测试民生工程\n{sentence}（牵头单位：省测试厅）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [expected]


@pytest.mark.parametrize("star", ["*", "＊"])
def test_a_starred_item_of_a_list_is_counted(star):
    text = f"2025年测试区实事项目（测试）\n2.{star}新增1家社区长者食堂、{star}3家乡村长者照护之家。\n"
    (document,) = parse_text(text).documents
    found = document.tasks[0].targets
    assert [(t.value, t.unit) for t in found] == [(1, "家"), (3, "家")]
    assert found[1].indicator == "乡村长者照护之家"


# ---------------------------------------------------------------- the blind set r427–r442 (round 38)


@pytest.mark.parametrize("cut", ["五是加大\n测试卫生投入，", "五是加大测试卫生\n投入，"])
def test_a_run_in_list_broken_over_lines_goes_on(cut):
    text = (
        "测试县确定今年为民十件实事\n这10件实事分别为：一是实施测试水库整治；二是实施污水处理厂二期工程；三是加快测试小区治理；"
        f"四是改造测试学校10所以上；{cut}支持县医院升级；六是完成县乡道升级改造不少于50公里；七是新增停车位300个。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["一是", "二是", "三是", "四是", "五是", "六是", "七是"]
    assert _targets(document.tasks[5]) == [(">=", 50, "公里", None)]


@pytest.mark.parametrize(("count", "sep"), [("十", ";"), ("10", "；")])
def test_an_announced_list_in_one_sentence_parted_by_semicolons(count, sep):
    items = [
        "实施测试停车场建设，全县新增停车位500个以上",
        "加快测试燃气管道延伸，新增天然气入户1800户以上",
        "实施测试内涝治理",
        "持续改善测试办学条件",
        "推进测试殡葬服务中心运行",
        "实施测试大桥地质灾害防御工程",
        "建成测试妇女儿童活动中心",
        "建设测试体育馆",
        "开展测试国土绿化，新增街头绿地3-5处",
        "积极开展测试文化惠民活动",
    ]
    text = (
        f"测试县今年将办好{count}件民生实事\n2024年，测试县将扎实干好“{count}件民生实事”。\n"
        f"这“{count}件民生实事”分别是:{sep.join(items)}。(记者 测试)\n"
    )
    (document,) = parse_text(text).documents
    assert [t.text for t in document.tasks] == items
    assert _targets(document.tasks[0]) == [(">=", 500, "个", 2024)]


def test_a_semicolon_sentence_that_does_not_hold_the_announced_count_is_not_a_list():
    text = "测试县今年将办好十件民生实事\n这些实事分别是:实施停车场建设;加快燃气管道延伸;实施内涝治理。\n"
    with pytest.raises(ParseError):
        parse_text(text)


@pytest.mark.parametrize("second", ["（二）", "（四）"])
def test_a_heading_run_into_its_first_item_with_no_stop(second):
    first = "（一）" if second == "（二）" else "（三）"
    text = (
        "关于加强测试沿线安全环境治理工作的意见\n一、总体要求\n坚持安全第一。\n"
        f"二、完善工作机制，压实各方责任，提升多方共治合力{first}发挥测试联席会议统筹协调作用。测试联席会议加强研判。"
        f"{second}压实各方治理责任。测试单位落实主体责任。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == [first, second]


@pytest.mark.parametrize(("figure", "unit"), [("1000兆比特/秒", "兆比特/秒"), ("100Mbps", "Mbps")])
def test_bandwidth_measures_and_a_situation_section(figure, unit):
    text = (
        "测试信息化规划\n一、发展现状与形势\n（一）发展成就。测试网络用户年增速保持在30%以上。\n"
        "（二）发展形势。测试技术加速演进。\n二、发展目标\n"
        f"到2020年，城镇地区提供{figure}以上接入服务能力。\n三、主要任务\n（一）建设测试网络。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）"]
    assert _document_targets(document) == [(">=", int(figure[: -len(unit)]), unit, 2020)]


@pytest.mark.parametrize("verb", ["建成投用", "新建"])
def test_places_named_then_counted(verb):
    text = (
        "2022年测试县民生实事进度表（测试）\n序号 | 工作任务 | 牵头单位\n"
        f"1 | {verb}甲测试、乙测试、丙测试等8家卫生院 | 县测试局\n2 | 新增学位3800位 | 县乙测试局\n"
    )
    (document,) = parse_text(text).documents
    assert [_targets(t) for t in document.tasks] == [[(">=", 8, "家", 2022)], [(">=", 3800, "位", 2022)]]


def test_a_rank_is_not_a_count():
    text = "2022年测试县重点工作（测试）\n一、测试经济\n力争综合实力进入全省前3位。（牵头单位：县测试局）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == []


@pytest.mark.parametrize("header", ["评分标准", "考核标准"])
def test_the_criteria_column_of_a_scoring_table_states_the_figures(header):
    text = (
        f"测试镇建设考核评分表（测试）\n序号 | 考核要点 | 分值 | {header}\n"
        "1 | 完善测试配套设施 | 2.5 | 自来水普及率达95%以上，得0.5分；污水处理率达70%得0.5分 |\n"
        "2 | 提升测试防灾能力 | 1 | 应急避难场所人均面积达1.5平方米得0.5分 |\n"
    )
    (document,) = parse_text(text).documents
    assert [_targets(t) for t in document.tasks] == [
        [(">=", 95, "%", None), (">=", 70, "%", None)],
        [(">=", 1.5, "平方米", None)],
    ]


@pytest.mark.parametrize("verb", ["推进", "推动"])
def test_places_named_after_push_then_counted(verb):
    text = f"测试海绵城市实施意见（测试）\n一、主要任务\n1.{verb}甲测试、乙测试等23个城镇雨水排水系统建设。（责任单位：市测试局）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [(">=", 23, "个", None)]


@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        ("市内仓顶光伏装机容量1.5万千瓦以上", (">=", 1.5, "万千瓦", 2027)),
        ("测试服务业营收在200亿元以上持续增长", (">=", 200, "亿元", 2027)),
    ],
)
def test_an_amount_noun_bounded_by_its_suffix(goal, expected):
    text = f"测试光伏实施方案（测试）\n一、工作目标\n到2027年，{goal}。\n二、主要任务\n（一）建设测试光伏。\n"
    (document,) = parse_text(text).documents
    assert _document_targets(document) == [expected]


def test_a_capacity_threshold_naming_what_is_closed_is_a_scope():
    text = (
        "测试环境保护决定（测试）\n一、主要任务\n（一）对投产20年以上或装机容量10万千瓦以下的电厂，限期改造或者关停。"
        "（牵头单位：测试局）\n"
    )
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == []


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("⑻城镇基本养老保险覆盖人数1708万人。", ("=", 1708, "万人", 2015)),
        ("3．测试参保率95%。", ("=", 95, "%", 2015)),
    ],
)
def test_an_item_that_is_one_count_and_its_level_before_its_unit_lines(item, expected):
    text = f"测试振兴规划重点工作分工（2012—2015年）（测试）\n{item}\n责任单位:省测试厅。\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("引进测试总部型企业(地区总部、研发中心)6家。", (">=", 6, "家", 2020)),
        ("为全县1.7万余名持证残疾人免费购买意外伤害保险。", (">=", 1.7, "万名", 2020)),
        ("新增城镇就业3万多人。", (">=", 3, "万人", 2020)),
    ],
)
def test_an_object_with_its_parts_in_brackets_and_more_than_a_magnitude(sentence, expected):
    text = f"2020年测试区重点工作（测试）\n一、测试经济\n{sentence}（牵头单位：区测试局）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("对在测试机构训练的约414个0—6岁残疾儿童困难家庭发放生活补助。", [(">=", 414, "个", 2025)]),
        ("测试铁路投资8000亿元以上。", [(">=", 8000, "亿元", 2025)]),
        ("对总投资5000万元以上的制造业项目给予补助。", []),
    ],
)
def test_ages_of_the_people_served_and_a_sectors_investment(sentence, expected):
    text = f"2025年测试省民生实事（测试）\n一、测试工程\n{sentence}（牵头单位：省测试厅）\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == expected


@pytest.mark.parametrize("unit_header", ["负责科室", "责任单位"])
def test_a_pipe_table_with_no_number_column_but_task_and_unit_columns(unit_header):
    text = (
        "测试局2024年政务公开工作要点（测试）\n一、工作要点\n1.深入推进测试政策解读。\n2.注重回应测试关切。\n"
        f"二、重点工作任务分解\n重点任务 | 工作内容 | {unit_header} |\n"
        "政策解读 | 对测试政策文件进行全面解读，创新解读形式。 | 综合科 |\n"
        "回应关切 | 对群众普遍关注的测试热点问题及时回应。 | 各科室 |\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.title, list(t.responsible_units)) for t in document.tasks] == [
        ("政策解读", ["综合科"]),
        ("回应关切", ["各科室"]),
    ]


def test_portal_fields_between_pipes_stay_lines():
    text = (
        "索引号: | TEST-2024-01 | 发布机构: | 测试局 |\n主题分类: | 综合政务 | 发文日期: | 2024-01-05 |\n"
        "测试工作方案（测试）\n一、重点任务\n（一）完善测试机制。（牵头单位：县测试局）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）"]


# ---------------------------------------------------------------- the blind set r447–r464 (round 39)


@pytest.mark.parametrize(("target_header", "year"), [("“十五五”目标", 2030), ("十四五末目标值", 2025)])
def test_a_five_year_plan_with_its_situation_parts_and_an_indicator_table(target_header, year):
    text = (
        "测试区绿化“十五五”规划（测试）\n第一部分：发展基础\n一、规划执行情况\n测试绿地建设成效显著。\n"
        "第二部分：发展趋势\n一、从发展背景看，新时代提出新要求\n测试要求更高。\n第三部分：指导方针\n一、指导思想\n坚持测试。\n"
        "第四部分：发展目标和主要指标\n一、主要指标\n表2 测试主要指标表\n"
        f"序号 | 指标名称 | 单位 | “十四五”现状 | {target_header}\n"
        "1 | 新建绿地 | 万平方米 | 90.87 | 35\n2 | “美丽街区”建设 | 条（段） | 50 | 15\n"
        "第五部分：主要任务\n一、绿化建设\n1、推进测试绿道建设。\n2、提升测试公园品质。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1、", "2、"]
    assert _document_targets(document) == [("=", 35, "万平方米", year), ("=", 15, "条（段）", year)]
    assert [n.title for n in document.outline][:2] == ["发展基础", "发展趋势"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("店招店牌整治1500块，户外广告整治230块。", [(">=", 1500, "块", 2030), (">=", 230, "块", 2030)]),
        ("新开工老旧小区改造221个3万户。", [(">=", 221, "个", 2030), (">=", 3, "万户", 2030)]),
        ("对全市义务教育阶段4500名学生实施“营养改善计划”。", [(">=", 4500, "名", 2030)]),
    ],
)
def test_counted_signs_households_after_a_count_and_pupils_of_a_stage(sentence, expected):
    text = f"测试区市容“十五五”规划（测试）\n一、主要任务\n1、{sentence}\n"
    (document,) = parse_text(text).documents
    assert _targets(document.tasks[0]) == expected
    assert document.tasks[0].targets[0].indicator != "整治"  # (the thing named before its verb)


# ---------------------------------------------------------------- the blind set r467–r482 (round 40)


@pytest.mark.parametrize("gap", [" ", ""])
def test_a_departments_own_offices_closing_its_items(gap):
    text = (
        "对省政府2007年工作目标任务中涉及我厅目标任务分解落实方案（测试）\n一、目标分解\n"
        f"5.城镇居民人均可支配收入增长9%。{gap}(工资处、就管中心)\n7.城镇登记失业率控制在4%。{gap}(就业处)\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, list(t.responsible_units)) for t in document.tasks] == [
        ("5.", ["工资处", "就管中心"]),
        ("7.", ["就业处"]),
    ]


def test_a_bracket_naming_places_is_no_unit_list():
    text = "测试工作方案（测试）\n一、主要任务\n（一）整治测试点位。（多处）\n（二）修复测试道路。（此处）\n"
    (document,) = parse_text(text).documents
    assert [list(t.responsible_units) for t in document.tasks] == [[], []]


@pytest.mark.parametrize("mark", ["", "☑"])
def test_named_projects_each_followed_by_their_content(mark):
    text = (
        "测试街道2024年十件民生实事项目出炉\n2024年，测试街道将实施十件民生实事项目。项目内容具体包括：\n\n"
        f"{mark}环卫设施维护项目：对辖区270余座化粪池进行清掏维护。\n\n"
        f"{mark}公交车站升级改造项目：对测试小学公交站进行升级改造。\n\n"
        f"{mark}老旧房屋整治工程：对测试社区4栋开展安全隐患整治。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.text.lstrip("☑")[:6] for t in document.tasks] == [
        "环卫设施维护",
        "公交车站升级",
        "老旧房屋整治",
    ]
    assert all(t.number in ("", mark) for t in document.tasks)  # (a bullet numbers nothing)


@pytest.mark.parametrize("opens", ["具体包括", "主要包括"])
def test_an_announced_list_after_includes_with_no_colon(opens):
    text = (
        "测试街道确定2019四大民生实事项目\n会议听取了街道2018年度工作及民生实事项目完成情况。\n"
        f"最终，确定了4个项目为测试街道2019年民生实事项目。{opens}完成测试小区整治提升工作；"
        "完成测试综合体装修；着力建设20个社区的污水零直排工程；建立17个社区消防宣传点。\n"
    )
    (document,) = parse_text(text).documents
    assert len(document.tasks) == 4
    assert _targets(document.tasks[2]) == [(">=", 20, "个", 2019)]


# ---------------------------------------------------------------- the blind set r487–r498 (round 41)


@pytest.mark.parametrize("lead", ["到2025年", "2025年"])
def test_a_goal_statement_with_no_item(lead):
    text = (
        "测试县出台了科技发展“十四五”规划\n近日，测试县人民政府办公室印发了《测试县科技发展“十四五”规划》。\n"
        f"{lead}，全区高新技术企业突破75家。到2027年，测试企业在2022年的基础上实现“双倍增”，分别超过90家和870家。\n"
    )
    (document,) = parse_text(text).documents
    assert document.tasks == []
    assert _document_targets(document) == [
        (">", 75, "家", 2025),
        (">", 90, "家", 2027),
        (">", 870, "家", 2027),
    ]


def test_the_size_of_an_announced_list_is_no_target():
    text = (
        "测试街道2024年民生实事项目出炉\n2024年，测试街道将实施十件民生实事项目。\n"
        "测试设施维护项目：对辖区270座化粪池进行清掏维护。\n测试公交站改造项目：对测试小学公交站进行升级改造。\n"
    )
    (document,) = parse_text(text).documents
    assert all(t.unit != "件" for t in document.targets)


@pytest.mark.parametrize("number", ["1.", "1、"])
def test_a_numbered_project_merged_down_over_its_work_rows(number):
    rows = [
        ["项目名称", "工作任务", "计划完成时间", "牵头单位"],
        [
            f"{number}测试人居环境提升项目",
            "对测试路等3条城区道路进行综合提升改造；",
            "2021年11月",
            "测试建设局",
        ],
        [f"{number}测试人居环境提升项目", "新建城市口袋公园2处；", "2021年11月", "测试城投集团"],
        ["2.测试公墓建设项目", "新建生态公益性墓地15处。", "2021年12月", "测试民政局"],
    ]
    (document,) = parse_bytes(docx_bytes(["2021年测试县民生实事进展登记表"], rows), "登记表.docx").documents
    assert [(t.number, t.title, list(t.lead_units)) for t in document.tasks] == [
        (number, "测试人居环境提升项目", ["测试建设局", "测试城投集团"]),
        ("2.", "测试公墓建设项目", ["测试民政局"]),
    ]
    assert _targets(document.tasks[0]) == [(">=", 3, "条", 2021), (">=", 2, "处", 2021)]


@pytest.mark.parametrize("label", ["2022年目标值", "“十五五”目标"])
def test_an_indicator_table_laid_on_its_side(label):
    rows = [
        ["主要指标", "测试粮食综合生产能力", "测试农业科技进步贡献率", "测试农村卫生厕所普及率"],
        [label, ">6亿吨", "61.5%", ">85%"],
        ["属性", "约束性", "预期性", "预期性"],
    ]
    year = 2022 if "2022" in label else 2030
    (document,) = parse_bytes(docx_bytes(["测试乡村振兴主要指标"], rows), "指标.docx").documents
    assert _document_targets(document) == [
        (">", 6, "亿吨", year),
        ("=", 61.5, "%", year),
        (">", 85, "%", year),
    ]


@pytest.mark.parametrize(
    ("tail", "role"),
    [("按职责组织落实", "responsible"), ("按职责组织配合", "cooperating"), ("按职责牵头负责", "lead")],
)
def test_units_that_act_within_their_remit(tail, role):
    text = (
        "测试燃气安全专项整治实施方案（测试）\n一、主要任务\n"
        f"38．推进测试报警装置的安装工作。（市测试委牵头负责，市乙测试局{tail}）\n"
    )
    (document,) = parse_text(text).documents
    (task,) = document.tasks
    assert "市测试委" in task.lead_units
    assert [u.name for u in task.units if u.role == role and u.name == "市乙测试局"] == ["市乙测试局"]
