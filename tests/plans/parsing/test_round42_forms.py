"""Forms that round 42 read, from the blind set r507–r543 (31 whole plans of Shanghai city offices,
districts and a town): duty sections whose items are titled by their unit, bare closing brackets
with generic names, ``相关部门：`` lines, flattened tables with a two-row header, a lead label
that names its offices, and items without units beside items with units.

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _targets(task) -> list[tuple]:
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline_year) for t in task.targets]


@pytest.mark.parametrize("section", ["三、分工与职责", "三、职责与分工"])
def test_units_as_headings_over_their_duty_lists(section):
    text = (
        "甲测试区关于加强测试垃圾管理的实施意见（测试）\n"
        "一、测试垃圾定义\n本意见所称测试垃圾，是指测试工程产生的弃料。\n"
        "二、处置管理要求\n（一）加强申报\n1.测试单位应当申报处置计划。\n2.测试单位应当委托运输。\n"
        f"{section}\n"
        "（一）甲测试区绿化市容局\n区绿化市容局是本区测试垃圾的主管部门，主要履行以下职责：\n"
        "1.组织制定测试标准；\n2.开展测试检查工作。\n"
        "（二）甲测试区城管执法局\n区城管执法局主要履行以下职责：\n1.查处违法测试行为。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.responsible_units) for t in document.tasks] == [
        ("（一）", ["甲测试区绿化市容局"]),
        ("（二）", ["甲测试区城管执法局"]),
    ]
    first = document.tasks[0]
    assert "开展测试检查工作" in first.text  # the duties below are the task's text, not tasks


@pytest.mark.parametrize(("separator", "role"), [("：负责", "responsible"), (":牵头", "lead")])
def test_items_of_a_duty_section_labelled_by_their_unit(separator, role):
    text = (
        "关于进一步规范甲测试镇测试垃圾治理的通知（测试）\n一、工作目标\n测试垃圾全程分类处置。\n"
        "二、职责分工\n"
        f"（一）城运测试中心{separator}测试垃圾处理的监督管理，做好申报备案工作。\n"
        f"（二）规建测试办{separator}督促测试建设单位履行申报责任。\n"
        "三、主要任务\n（一）强化源头管控\n健全测试申报制度。\n"
    )
    (document,) = parse_text(text).documents
    duties = [t for t in document.tasks if t.units]
    assert [(t.number, [(u.name, u.role) for u in t.units]) for t in duties] == [
        ("（一）", [("城运测试中心", role)]),
        ("（二）", [("规建测试办", role)]),
    ]


@pytest.mark.parametrize("units", ["乙测试区财政局", "乙测试区商务委、乙测试投资集团"])
def test_a_duty_item_titled_by_its_unit_then_a_full_stop(units):
    text = (
        "乙测试区排水管理体制改革实施方案（测试）\n二、改革任务\n（一）测试方案编制\n编制测试方案。\n"
        "三、职责分工\n"
        f"（一）{units}。负责测试运维成本的把控；负责绩效评价。\n"
        "（二）乙测试城投集团。负责制定过渡期测试方案。\n"
        "四、组织架构\n成立由区分管领导牵头的测试专班。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.responsible_units for t in document.tasks if t.units] == [units.split("、"), ["乙测试城投集团"]]
    assert not any(t.number == "四、" for t in document.tasks)  # 组织架构 frames the work


@pytest.mark.parametrize(
    "closing",
    [
        "。 (丙测试区水务局（丙测试区海洋局）、相关沿海测试街镇、各岸段使用或管理单位)",
        "。（丙测试区生态环境局、相关沿海测试街镇、各岸段使用或管理单位）",
    ],
)
def test_a_bare_closing_bracket_with_generic_names(closing):
    text = (
        "丙测试区海洋垃圾清理行动方案（测试）\n二、重点任务\n"
        f"1.防治测试垃圾入海。定期清理测试闸口区域漂浮垃圾{closing}\n"
        "2.强化测试巡查。建立测试岸段巡查整改机制。（丙测试区生态环境局）\n"
    )
    (document,) = parse_text(text).documents
    first = document.tasks[0]
    assert "各岸段使用或管理单位" in first.responsible_units
    assert any(name.startswith("相关沿海测试街镇") for name in first.responsible_units)


@pytest.mark.parametrize("label", ["相关部门：", "相关单位："])
def test_a_related_units_line_under_a_task(label):
    text = (
        "丁测试区内部道路整治推进实施方案（测试）\n四、工作任务\n"
        "（一）全面排查，分类建档\n以测试街道为单位全面排查内部道路。\n"
        f"{label}丁测试区建设管理委、丁测试区公安分局、属地测试街道等。\n"
        "（二）一路一策，制定方案\n测试街道制定一路一方案。\n"
        f"{label}属地测试街道、丁测试区规划资源局等。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.responsible_units for t in document.tasks] == [
        ["丁测试区建设管理委", "丁测试区公安分局", "属地测试街道"],
        ["属地测试街道", "丁测试区规划资源局"],
    ]


@pytest.mark.parametrize(
    ("periods", "column"), [("2023年\n2024年\n2025年", "任务目标"), ("2024年\n2025年", "进度安排")]
)
def test_a_flattened_table_with_a_two_row_header(periods, column):
    years = periods.split("\n")
    row1 = [
        "1",
        "推进测试场站智能化",
        "推进全市测试场站升级。",
        *(["/"] * (len(years) - 1)),
        "完成升级",
        "戊测试公交集团",
    ]
    row2 = [
        "2",
        "试点测试第二终端",
        "收集测试车辆运行数据。",
        *[f"第二终端布设{20 + k}辆次" for k in range(len(years))],
        "戊测试交通委、戊测试道路运输局",
    ]
    row3 = [
        "3",
        "推进测试停车场改建",
        "提升测试停车场能级。",
        *(["选取1-2家停车场推进改建"] * len(years)),
        "戊测试公交集团",
    ]
    table = "\n".join(
        [
            "序号",
            "任务名称",
            "任务内容",
            column,
            "实施单位",
            "",
            periods,
            "",
            "（一）夯实测试发展根基",
            "",
            *("\n".join(r) + "\n" for r in (row1, row2, row3)),
        ]
    )
    text = f"戊测试智慧公交三年行动计划（测试）\n附件1\n测试建设任务清单\n{table}"
    (document,) = parse_text(text).documents
    assert [(t.number, t.responsible_units) for t in document.tasks] == [
        ("1", ["戊测试公交集团"]),
        ("2", ["戊测试交通委", "戊测试道路运输局"]),
        ("3", ["戊测试公交集团"]),
    ]
    first_year = int(years[0][:4])
    assert _targets(document.tasks[1]) == [
        (">=", 20 + k, None, "辆次", first_year + k) for k in range(len(years))
    ]
    assert _targets(document.tasks[2]) == [("range", 1, 2, "家", first_year + k) for k in range(len(years))]


@pytest.mark.parametrize("label", ["牵头指导处室", "牵头协调部门"])
def test_a_lead_label_naming_its_offices_and_the_units_that_carry_it_out(label):
    text = (
        "测试电动自行车消防安全综合治理的实施意见（测试）\n三、主要措施\n"
        f"1．强化测试产品质量监督。持续开展测试抽查。（{label}：市局测试监管处，各区测试监管局、测试分局为实施单位，下同）\n"
        f"2．强化测试标准规范。推动测试标准制修订。（{label}：市局测试标准处）\n"
    )
    (document,) = parse_text(text).documents
    first, second = document.tasks
    assert first.lead_units == ["市局测试监管处"]
    assert first.responsible_units == ["各区测试监管局", "测试分局"]
    assert second.lead_units == ["市局测试标准处"]


@pytest.mark.parametrize("unit", ["（责任单位：己测试区规划资源局）", "（责任单位：己测试区财政局）"])
def test_items_beside_items_with_units_are_tasks_of_no_unit(unit):
    text = (
        "己测试区集体建设用地入市试点推进工作方案（测试）\n四、试点主要内容\n"
        "（一）制订试点配套文件\n各职能部门研究制定测试配套文件。\n"
        f"1.《己测试区入市管理办法》{unit}\n"
        f"2.《己测试区收益调节金管理细则》{unit}\n"
        "（二）开展入市地块摸底和意愿调查\n优先寻找测试地块，开展意愿调查。\n"
        "（三）完善所有权确权登记\n做好测试确权登记工作。\n"
        "五、保障措施\n（一）加强组织领导\n成立测试领导小组。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "（二）", "（三）"]
    assert [bool(t.units) for t in document.tasks] == [True, True, False, False]


@pytest.mark.parametrize("year", [2019, 2024])
def test_the_year_the_goal_section_sets_its_goals_for_dates_the_tasks(year):
    text = (
        "庚测试市关于推进测试垃圾全程分类体系建设的实施意见（测试）\n一、总体要求\n"
        f"（一）工作目标。{year}年全市测试垃圾分类工作明确三大目标。一是测试分类全面覆盖。\n"
        "二、重点任务\n（一）完善测试设施。全年完成测试投放点改造1.7万个。\n"
        "（二）加快测试体系建设。建成测试服务点8000个。\n"
    )
    (document,) = parse_text(text).documents
    assert [_targets(t) for t in document.tasks] == [
        [(">=", 1.7, None, "万个", year)],
        [(">=", 8000, None, "个", year)],
    ]


@pytest.mark.parametrize(
    ("words", "comparator"),
    [("大于等于", ">="), ("大于或等于", ">="), ("不小于", ">="), ("小于等于", "<="), ("不大于", "<=")],
)
def test_the_comparators_of_a_standard(words, comparator):
    text = f"测试完整社区建设实施方案（测试）\n二、建设内容\n（一）完善测试设施。测试社区人均有效避难场所面积应{words}1.5平方米。\n"
    (document,) = parse_text(text).documents
    (task,) = document.tasks
    assert _targets(task) == [(comparator, 1.5, None, "平方米", None)]


@pytest.mark.parametrize(("share", "done"), [("100%", "完成微更新改造"), ("90%", "更新完成")])
def test_a_share_right_before_its_verb_of_completion(share, done):
    text = f"测试完整社区建设实施方案（测试）\n二、建设内容\n（一）完善测试设施。测试社区投放点{share}{done}，其余设施逐步改造。\n"
    (document,) = parse_text(text).documents
    (task,) = document.tasks
    assert _targets(task) == [(">=", float(share[:-1]) if "." in share else int(share[:-1]), None, "%", None)]
    assert task.targets[0].indicator.startswith("测试社区投放点")


@pytest.mark.parametrize("category", ["类别", "领域"])
def test_a_flattened_indicator_table_with_a_category_merged_down(category):
    cells = [
        "序号", category, "指标名称", "“十四五”现状值", "“十五五”规划目标", "属性",
        "1", "能力建设", "新建测试救援站（座）", "2", "1", "预期性",
        "2", "万人拥有测试消防员（人）", "3.74", "＞5", "预期性",
        "3", "基层治理", "测试标准化管理达标率", "95%", "98%", "预期性",
        "4", "测试宣传年度覆盖率", "90%", "95%", "预期性",
    ]  # fmt: skip
    text = (
        "测试区消防事业发展“十五五”规划（测试）\n第二章  发展目标\n表1 主要指标\n"
        + "\n\n".join(cells)
        + "\n\n第三章  主要任务\n1.推进测试救援站建设。建成测试救援站1座。\n2.升级测试消防车辆。\n"
    )
    (document,) = parse_text(text).documents
    found = {(t.indicator, t.comparator, t.value, t.unit) for t in document.targets}
    assert ("测试标准化管理达标率", "=", 98, "%") in found
    assert ("测试宣传年度覆盖率", "=", 95, "%") in found  # the last row, its category merged from above
    assert not any(t.value == 90 for t in document.targets)  # where things stand is no target
    assert [t.number for t in document.tasks] == ["1.", "2."]


@pytest.mark.parametrize(
    "intro", ["为保障测试渣土规范消纳，各部门工作职责如下：", "现将各单位职责分工如下："]
)
def test_a_section_whose_intro_announces_the_duties_below(intro):
    text = (
        "测试区规范工程渣土消纳管理意见（测试）\n五、资金保障\n测试消纳费由区财政统筹。\n"
        f"六、保障机制\n{intro}\n"
        "测试区绿化市容局负责测试渣土消纳的统筹管理。\n"
        "测试区交通委负责对运输车辆的监管。\n"
    )
    (document,) = parse_text(text).documents
    assert [[u.name for u in t.units] for t in document.tasks] == [["测试区绿化市容局"], ["测试区交通委"]]


@pytest.mark.parametrize("units", ["区交通委\n区绿容局", "区交通委\n区绿容局\n区建管委"])
def test_a_flattened_project_table_with_section_rows_and_names_one_a_line(units):
    names = units.split("\n")
    paragraphs = [
        "序号", "项目名称", "牵头单位", "建设单位", "建设目标", "所处区域",
        "一", "市政设施类（2个）",
        "1", "测试新城优化市政道路工程", units, "测试新城公司", "在建", "测试新城",
        "2", "测试林润路道路新建工程", "测试工业区管委会", "测试国资集团", "新开工", "测试新城",
    ]  # fmt: skip
    text = (
        "2025年测试区重大工程建设计划（测试）\n附件\n2025年测试区重大工程建设计划表\n\n"
        + "\n\n".join(paragraphs)
        + "\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.lead_units, t.responsible_units) for t in document.tasks] == [
        ("1", names, ["测试新城公司"]),
        ("2", ["测试工业区管委会"], ["测试国资集团"]),
    ]
    assert document.tasks[0].path[-1].startswith("一、市政设施类")


@pytest.mark.parametrize("section", ["四、治理内容", "二、整治对象"])
def test_what_a_campaign_covers_frames_its_work(section):
    text = (
        "测试区高层建筑消防安全综合治理工作方案（测试）\n"
        f"{section}\n（一）易燃可燃外保温材料\n1.测试建筑违规采用易燃可燃外保温材料。\n"
        "2.测试外墙保温防护层破损开裂。\n"
        "五、工作措施\n（一）全面摸清底数\n开展测试建筑排查建档。\n（二）严格执法整治\n依法查处测试违法行为。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


@pytest.mark.parametrize("verb", ["更新", "新建"])
def test_a_yearly_average_of_work_is_per_year(verb):
    text = (
        "测试交通领域设备更新实施方案（2024—2027年）（测试）\n一、测试公交车辆\n"
        f"及时报废到龄的测试车辆，年均{verb}测试公交车1550辆左右。\n"
    )
    (document,) = parse_text(text).documents
    (task,) = document.tasks
    assert [(t.comparator, t.value, t.unit, t.deadline_year, t.per) for t in task.targets] == [
        (">=", 1550, "辆", None, "年")
    ]


@pytest.mark.parametrize("second", ["节能减排重点工作安排", "重点工作安排"])
def test_a_title_printed_over_two_lines_is_no_framing_heading(second):
    first = "测试区2026年碳达峰碳中和及" if second.startswith("节能") else "测试区2026年节能减排"
    text = (
        f"关于印发《{first}{second}》的通知（测试）\n各镇人民政府，区政府各部门：\n"
        f"《{first}{second}》已经区政府同意，现印发给你们。\n测试区发展和改革委员会\n2026年8月20日\n"
        f"{first}\n{second}\n为推进测试工作，现将重点工作安排如下：\n"
        "一、深化源头控碳\n（一）推进测试产业升级。编制测试规划。\n（二）促进测试能源转型。编制测试方案。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


@pytest.mark.parametrize(
    "first",
    [
        "镇测试规建办为限额以下工程项目管理的主管部门，负责推进、协调工程各方。",
        "镇测试规建办负责推进、协调工程各方。",
    ],
)
def test_numbered_duty_items_that_open_with_their_unit(first):
    text = (
        "测试镇限额以下小型建设工程管理的实施意见（测试）\n"
        "四、测试工程具体操作规程\n（一）工程建设项目\n1.适用范围\n本镇测试工程。\n2.申报主体\n测试建设单位。\n"
        f"五、职责分工\n1.{first}\n2.镇测试监察室负责对测试工程管理的行为行使监督职能。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.responsible_units) for t in document.tasks] == [
        ("1.", ["镇测试规建办"]),
        ("2.", ["镇测试监察室"]),
    ]


@pytest.mark.parametrize("attribute", ["预期性", "约束性"])
def test_an_indicator_table_with_an_attribute_column_is_no_task_list(attribute):
    rows = "\n\n".join(
        f"{k}\n测试指标{k}供应规模\n万平方米\n{attribute}\n完成市、区设定指标{100 * k}" for k in range(1, 5)
    )
    text = (
        "测试区住房发展“十五五”规划（测试）\n一、发展目标\n序号\n指标\n单位\n属性\n“十五五”期间目标\n\n"
        f"{rows}\n\n二、重点任务\n（一）加快构建测试住房新模式。健全测试机制。\n（二）推动测试住房保障。完善供应体系。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
