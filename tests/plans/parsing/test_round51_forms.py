"""Forms that round 51 read, from the blind set r692–r703 once scored.

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes, one_item_targets

from gongzhi.plans.parsing import parse_text


def _cells(*cells: str) -> str:
    """A table as a web page saves it: one cell a paragraph."""
    return "\n\n".join(cells)


_SECTIONS_AS_ROWS = [
    (
        # 主要任务 printed as section headings between the rows; a lead cell over two paragraphs
        "测试区关于推动测试联运发展的实施意见（测试）\n\n"
        "一、指导思想\n\n坚持测试引领。\n\n"
        "二、加强设施建设\n\n（一）完善测试布局。加快测试设施规划研究。\n\n（二）提升测试能力。推进测试场站建设。\n\n"
        "三、强化实施保障\n\n（三）组建工作专班。统筹推进测试工作。\n\n"
        "附件：测试联运重点任务表\n\n"
        + _cells(
            "主要任务",
            "序号",
            "具体内容",
            "牵头部门",
            "配合部门、单位",
            "一、加强设施建设",
            "1",
            "加快测试设施规划研究，明确测试比例等发展目标。",
            "测试区交通委、",
            "测试区规划资源局",
            "测试区发展改革委、测试港务集团",
            "2",
            "推进测试场站建设，提升测试作业能力。",
            "测试区交通委",
            "测试区财政局、各有关单位",
            "二、强化实施保障",
            "3",
            "统筹推进测试工作，定期开展调研督导。",
            "测试区发展改革委",
            "测试区交通委",
        ),
        {
            "1": (["测试区交通委", "测试区规划资源局"], ["测试区发展改革委", "测试港务集团"]),
            "2": (["测试区交通委"], ["测试区财政局", "各有关单位"]),
        },
        ["（一）", "（二）"],
    ),
    (
        # the same with 类别 over 配合单位, three sections of work, every lead cell in one paragraph
        "测试市测试产业提升行动方案（测试）\n\n"
        "一、推动测试集聚\n\n（一）培育测试主体。引进测试企业。\n\n"
        "二、加快测试转型\n\n（二）推进测试改造。实施测试技改。\n\n"
        "三、加强组织保障\n\n（三）完善工作机制。建立联席会议。\n\n"
        "附件\n\n测试产业提升任务分工表\n\n"
        + _cells(
            "类别",
            "序号",
            "工作任务",
            "牵头单位",
            "配合单位",
            "一、推动测试集聚",
            "1",
            "引进测试企业十家以上。",
            "测试市商务局",
            "测试市经信局",
            "二、加快测试转型",
            "2",
            "实施测试技改项目。",
            "测试市经信局",
            "测试市科技局、测试市财政局",
            "三、加强组织保障",
            "3",
            "建立测试联席会议制度。",
            "测试市发展改革委",
            "各成员单位",
        ),
        {
            "1": (["测试市商务局"], ["测试市经信局"]),
            "2": (["测试市经信局"], ["测试市科技局", "测试市财政局"]),
        },
        ["（一）", "（二）"],
    ),
]


@pytest.mark.parametrize(("text", "rows", "body"), _SECTIONS_AS_ROWS)
def test_a_task_table_whose_first_column_is_printed_as_section_headings(text, rows, body):
    # the table's 主要任务 / 类别 column stands as 一、… lines between the rows, not in each row: the
    # rows start at 序号, so each unit cell stays under its own column; the body, which names no
    # unit, is read beside the table, and neither the body's nor the table's 保障 items are tasks
    (document,) = parse_text(text).documents
    got = {t.number: (t.lead_units, t.cooperating_units) for t in document.tasks if t.number.isdigit()}
    assert got == rows
    assert [t.number for t in document.tasks if not t.number.isdigit()] == body
    assert all(not t.units for t in document.tasks if not t.number.isdigit())


_TIMETABLES = [
    (
        "测试区排水管理改革实施方案（测试）\n\n"
        "一、改革目标\n\n2026年底前完成测试改革。\n\n"
        "二、改革任务\n\n（一）推进平稳移交\n\n1．设施核验：完成测试设施盘点。\n\n2．协议签订：签订测试移交协议。\n\n"
        "附件\n\n测试区排水改革任务时间表\n\n"
        + _cells(
            "项目序号",
            "改革任务",
            "工作要求",
            "完成时间",
            "责任部门",
            "（单位）",
            "配合部门",
            "（单位）",
            "1",
            "设施核验",
            "完成测试设施盘点。",
            "2025年9月",
            "测试区建设管理委",
            "（测试区水务局）",
            "测试城投集团",
            "2",
            "协议签订",
            "签订测试移交协议。",
            "2025年12月",
            "测试区财政局",
            "测试区建设管理委（测试区水务局）",
        ),
        {
            "1": (["测试区建设管理委（测试区水务局）"], ["测试城投集团"]),
            "2": (["测试区财政局"], ["测试区建设管理委（测试区水务局）"]),
        },
    ),
    (
        "测试县供水体制改革工作方案（测试）\n\n"
        "一、建设任务\n\n1.管网改造。改造测试管网。\n\n2.水厂提标。完成测试水厂提标。\n\n"
        "附件：测试县供水改革任务清单\n\n"
        + _cells(
            "任务序号",
            "建设任务",
            "完成时限",
            "责任单位",
            "(牵头)",
            "协办单位",
            "1",
            "改造测试管网。",
            "2025年底",
            "测试县水利局",
            "(测试县供水办)",
            "测试县财政局",
            "2",
            "完成测试水厂提标。",
            "2026年底",
            "测试县水务集团",
            "测试县生态环境局",
        ),
        {
            "1": (["测试县水利局(测试县供水办)"], ["测试县财政局"]),
            "2": (["测试县水务集团"], ["测试县生态环境局"]),
        },
    ),
]


@pytest.mark.parametrize(("text", "rows"), _TIMETABLES)
def test_a_timetable_numbered_by_its_project_column_with_cells_broken_over_two_lines(text, rows):
    # 项目序号 / 任务序号 number the rows; 责任部门 / （单位） is one column and 区建设管理委 /
    # （区水务局） one unit; the body's 改革任务 / 建设任务 section is read beside the table
    (document,) = parse_text(text).documents
    got = {
        t.number: (t.lead_units + t.responsible_units, t.cooperating_units)
        for t in document.tasks
        if t.number.isdigit()
    }
    assert got == rows
    assert len([t for t in document.tasks if not t.number.isdigit()]) == 2


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试管道养护抽查合格率95%（含）以上。", [(">=", 95, "%", None)]),
        ("测试泵站故障率控制在2%(含)以下。", [("<=", 2, "%", None)]),
    ],
)
def test_a_bound_that_includes_itself(sentence, expected):
    # 95%（含）以上: the bound itself included, as 以上 says already
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试污水厂进厂BOD5年均浓度大于100mg/L。", [(">", 100, "mg/L", None)]),
        ("测试出水总磷浓度控制在0.3毫克/升以下。", [("<=", 0.3, "毫克/升", None)]),
    ],
)
def test_a_concentration_is_a_measure(sentence, expected):
    assert one_item_targets(sentence) == expected


_GOAL_TABLES = [
    (
        "测试区排水改革方案（测试）\n\n一、改革目标\n\n"
        "到2026年底，将测试区公共排水设施交由测试集团统一运维，达到预期目标。\n\n"
        "主要指标预期目标\n\n指标名称\n\n预期目标\n\n测试管道养护抽查合格率\n\n95%（含）以上\n\n"
        "防汛抢险处置效率\n\n接到抢险指令后30分钟内抵达现场\n\n"
        "二、工作任务\n\n（一）推进移交。完成测试设施移交。（责任单位：测试区水务局）\n",
        [(">=", 95, "%", 2026), ("<=", 30, "分钟", 2026)],
    ),
    (
        "测试县供水改革方案（测试）\n\n一、工作目标\n\n"
        "2027年底前实现测试县城乡供水一体化，达到如下运营管理目标：\n\n"
        "测试管网漏损率\n\n9%以下\n\n测试水质综合合格率\n\n98%以上\n\n"
        "二、重点任务\n\n（一）改造管网。改造测试老旧管网。（责任单位：测试县水利局）\n",
        [("<=", 9, "%", 2027), (">=", 98, "%", 2027)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), _GOAL_TABLES)
def test_a_table_of_goals_after_the_paragraph_that_announces_them(text, expected):
    # 到2026年底，…，达到预期目标。 then 指标名称 / 预期目标 one cell a line: each value is read with
    # the name on the line before it, in the year of the paragraph that announced them
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == expected


_INDICATOR_TABLES = [
    (
        "测试区国土空间近期规划（测试）\n\n一、总体要求\n\n到2030年，测试区发展取得显著成效。\n\n"
        "专栏1 测试区近期规划核心指标表\n\n"
        + _cells(
            "指标类别",
            "序号",
            "指标项",
            "单位",
            "类型",
            "指标值",
            "现状",
            "近期规划",
            "（2025年）",
            "（2030年）",
            "发展规模",
            "1",
            "测试建设用地总规模",
            "平方千米",
            "约束性",
            "53.75",
            "53.74",
            "2",
            "测试道路网密度",
            "千米/平方千米",
            "约束性",
            "5.8",
            "6.2",
        )
        + "\n\n二、主要任务\n\n（一）优化测试布局。推进测试规划实施。（责任单位：测试区规划资源局）\n",
        [("=", 53.74, "平方千米", 2030), ("=", 6.2, "千米/平方千米", 2030)],
    ),
    (
        "测试县“十五五”交通规划（测试）\n\n一、发展目标\n\n到2030年，测试县交通更加便捷。\n\n"
        "表1 测试县交通发展主要指标\n\n"
        + _cells(
            "指标分类",
            "序号",
            "指标名称",
            "单位",
            "属性",
            "数值",
            "基期",
            "远期目标",
            "(2025年)",
            "(2030年)",
            "设施网络",
            "1",
            "测试公路总里程",
            "公里",
            "预期性",
            "1200",
            "1350",
            "2",
            "测试公交站点覆盖率",
            "%",
            "约束性",
            "90",
            "100",
        )
        + "\n\n二、重点任务\n\n（一）完善路网。推进测试公路建设。（责任单位：测试县交通局）\n",
        [("=", 1350, "公里", 2030), ("=", 100, "%", 2030)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), _INDICATOR_TABLES)
def test_an_indicator_table_whose_header_has_three_rows(text, expected):
    # 指标值 over 现状 / 近期规划, the years (2025年) / (2030年) under them, one cell a line: the
    # years go with their columns, the goal is 近期规划（2030年）'s value, named by 指标项 (not by
    # 指标类别, the category)
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2025、2030年全市测试光伏装机力争达到407、700万千瓦。",
            [(">=", 407, "万千瓦", 2025), (">=", 700, "万千瓦", 2030)],
        ),
        (
            "到2026年、2028年，测试天然气供应能力分别达到137、165亿立方米。",
            [(">=", 137, "亿立方米", 2026), (">=", 165, "亿立方米", 2028)],
        ),
        (
            "2025年和2030年测试产值分别达到100亿元和200亿元。",
            [(">=", 100, "亿元", 2025), (">=", 200, "亿元", 2030)],
        ),
    ],
)
def test_years_listed_before_as_many_figures(sentence, expected):
    # 2025、2030年…407、700万千瓦: the bare 407 shares the measure after 700, and each figure is
    # reached in the year listed at its place
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，测试用电量碳排放强度下降至4吨/万千瓦时。", [("<=", 4, "吨/万千瓦时", 2025)]),
        ("到2027年，测试单位增加值能耗降至0.45吨标准煤/万元。", [("<=", 0.45, "吨标准煤/万元", 2027)]),
    ],
)
def test_an_intensity_is_one_measure(sentence, expected):
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，全面推进居住区1371个测试投放点微更新。", [(">=", 1371, "个", 2025)]),
        ("到2026年，深入推进测试镇45个村测试设施改造。", [(">=", 45, "个", 2026)]),
    ],
)
def test_pushing_on_in_a_place_after_an_adverb_the_core_drops(sentence, expected):
    # 全面推进 / 深入推进 read as fillers leave only the place (居住区): the verb is still 推进
    assert one_item_targets(sentence) == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("经过5年努力，基本建成测试公交网络，中心城测试出行分担率不低于50%。", [(">=", 50, "%", None)]),
        ("用三年左右时间，测试服务体系更加完善，测试覆盖率达到90%以上。", [(">=", 90, "%", None)]),
    ],
)
def test_the_goals_of_a_plan_that_counts_its_years(lead, expected):
    # 总体要求 holding 经过5年努力，…不低于50%: a goal of the document, with no year named
    text = (
        "测试区推进测试工作的指导意见（测试）\n\n一、总体要求\n\n坚持测试优先发展。"
        + lead
        + "\n\n二、主要任务\n\n（一）完善测试网络。推进测试建设。\n\n（二）提升测试服务。优化测试服务。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == expected


@pytest.mark.parametrize(
    ("heading", "items"),
    [
        (
            "二、空间格局\n\n（一）空间发展战略\n\n1.服务测试战略。融入测试大局。\n\n2.测试协同战略。顺应测试发展。",
            2,
        ),
        ("二、总体格局\n\n（一）发展战略\n\n1.测试创新战略。坚持测试引领。", 1),
    ],
)
def test_a_plans_picture_of_itself_named_by_a_bare_noun_is_no_work(heading, items):
    # 二、空间格局 / （一）空间发展战略 describe the plan (no unit named anywhere): its items are
    # not tasks; the 行动任务 section's are
    text = (
        "测试区近期规划（测试）\n\n一、总体要求\n\n坚持测试引领。\n\n"
        + heading
        + "\n\n三、行动任务\n\n（一）推进测试建设。完成测试项目。\n\n（二）提升测试品质。优化测试服务。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"], items


_TABLE_AS_LINES = [
    "测试区重点工作任务分解表（测试）",
    "序号",
    "重点任务",
    "牵头单位",
    "配合单位",
    "1",
    "完成测试管网改造。",
    "测试区水务局",
    "测试区财政局",
    "2",
    "建成测试养老服务中心。",
    "测试区民政局",
    "测试区卫生健康委",
]


def _pdf(lines: list[str]) -> bytes:
    from pdfgen import build_pdf

    return build_pdf([lines])


@pytest.mark.parametrize(("build", "name"), [(docx_bytes, "a.docx"), (_pdf, "a.pdf")])
def test_a_table_typed_one_cell_a_paragraph_in_a_docx_or_a_pdf(build, name):
    # a page pasted into Word (or printed to PDF) keeps the table as paragraphs: rows again, as in
    # a .txt file
    from gongzhi.plans.parsing import parse_bytes

    (document,) = parse_bytes(build(_TABLE_AS_LINES), name).documents
    assert [(t.number, t.lead_units, t.cooperating_units) for t in document.tasks] == [
        ("1", ["测试区水务局"], ["测试区财政局"]),
        ("2", ["测试区民政局"], ["测试区卫生健康委"]),
    ]


def _indicators_then_work(caption: str, period_cells: list[str], section: str) -> str:
    return (
        "测试区城市更新“十五五”规划（测试）\n一、发展目标\n到2030年，测试区更新取得成效。\n"
        + caption
        + "\n"
        + "\n".join(
            [
                "类别",
                "序号",
                "一级指标",
                "二级指标",
                "单位",
                "属性",
                *period_cells,
                "建设测试宜居城区",
                "1",
                "既有测试住宅改造",
                "测试旧住房改造任务",
                "万平方米",
                "预期性",
                "25",
                "1.4",
                "2",
                "推进测试小区改造",
                "测试小区改造面积",
                "万平方米",
                "预期性",
                "240",
                "300",
            ]
        )
        + f"\n{section}\n（一）建设测试城区\n1.加强测试住宅改造\n推进测试危房改造。\n"
        "2.推进测试小区改造\n实施测试小区综合修缮。\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        _indicators_then_work("主要指标表", ["“十四五”", "完成值", "“十五五”", "目标值"], "二、重点任务"),
        _indicators_then_work("表1 测试指标表", ["十四五", "现状值", "十五五", "规划值"], "二、主要任务"),
    ],
)
def test_an_indicator_table_one_cell_a_line_ends_at_the_next_section(text):
    # the last row takes its own cells only: 二、重点任务 after it (no row 3 follows) is a section,
    # and its items are the tasks; “十四五” / 完成值 is one column, the caption (…指标表) none
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]
    # (一级指标 | 二级指标: the finer one names the goal)
    assert [t.indicator for t in document.targets] == ["测试旧住房改造任务", "测试小区改造面积"]
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("=", 1.4, "万平方米", 2030),
        ("=", 300, "万平方米", 2030),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("片区更新数量", "个", "2"), ("商办楼宇更新数量", "个", "25")),
        (("测试公园数量", "座", "4"), ("测试绿道长度", "公里", "3")),
    ],
)
def test_a_rows_figure_equal_to_the_next_rows_number(first, second):
    # 促发展 / 1 / 片区更新数量 / 个 / 预期性 / 2 / 2 / 商办楼宇更新数量 …: the first 2 is row 1's goal,
    # the second row 2's number (the one that gives row 1 as many cells as the header)
    text = (
        "测试区城市更新规划（测试）\n\n一、总体目标\n\n到2030年，测试区更新取得进展。\n\n主要预期指标一览表\n\n"
        + _cells(
            "类别",
            "序号",
            "指标",
            "单位",
            "属性",
            "目标",
            "促发展",
            "1",
            first[0],
            first[1],
            "预期性",
            first[2],
        )
        + "\n\n"
        + _cells(
            "2", second[0], second[1], "预期性", second[2], "3", "测试设施面积", "万平方米", "预期性", "50"
        )
        + "\n\n二、主要任务\n\n（一）推进测试更新。实施测试项目。\n"
    )
    (document,) = parse_text(text).documents
    got = [(t.value, t.unit) for t in document.targets]
    assert got == [
        (float(first[2]) if "." in first[2] else int(first[2]), first[1]),
        (int(second[2]), second[1]),
        (50, "万平方米"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "到2020年，新增测试收运车40辆（其中电动收运车32辆、餐厨垃圾车8辆）。",
            [(">=", 40, "辆", 2020), (">=", 32, "辆", 2020), (">=", 8, "辆", 2020)],
        ),
        (
            "到2026年，建成测试学校12所(其中幼儿园7所、小学5所)。",
            [(">=", 12, "所", 2026), (">=", 7, "所", 2026), (">=", 5, "所", 2026)],
        ),
    ],
)
def test_a_breakdown_in_brackets(sentence, expected):
    # 40辆（其中…32辆、…8辆）: the parts are targets as after ，其中
    assert one_item_targets(sentence) == expected
