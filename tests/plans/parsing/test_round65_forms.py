"""Forms that round 65 read, found on the blind set r843–r844 (State Council plans as a scraper
stored them). All the snippets are synthetic (（测试）): the places, the units and the figures are
made up. Each form is written in two spellings or more so that a rule fitting one text fails;
expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _lost_heading(kind: str, value: int) -> str:
    # the heading of the work (三、主要任务) and its first items were lost in the copy: the items of
    # work follow 二、指导思想、基本原则和规划目标 under a number met twice
    return "\n".join(
        [
            "测试省环境保护规划",
            "一、环境形势",
            "（一）测试成效明显。测试排放总量下降5%。",
            "二、指导思想、基本原则和规划目标",
            "（一）指导思想。坚持测试发展。",
            "（二）基本原则。坚持测试优先。",
            "（三）规划目标。",
            "到2030年，测试水质优良比例达到80%。",
            f"（三）{kind}",
            "1.实施测试处置工程。",
            f"新增测试处理能力{value}万吨/日。",
            "2.推进测试综合利用。",
            "加快测试综合利用项目建设。",
            "（四）保护测试生态环境。",
            "1.编制测试功能区划。",
            "开展测试生态调查。",
        ]
    )


@pytest.mark.parametrize(("kind", "value"), [("控制测试固体废物污染。", 24), ("加强测试土壤污染防治", 30)])
def test_items_after_a_number_met_twice_under_a_goal_section_are_the_work(kind, value):
    (document,) = parse_text(_lost_heading(kind, value)).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "1."]
    assert document.tasks[0].title == "实施测试处置工程"
    (target,) = document.tasks[0].targets
    assert (target.comparator, target.value, target.unit) == (">=", value, "万吨/日")
    # the goals before the lost heading stay the document's
    assert [(t.value, t.unit, t.deadline_year) for t in document.targets] == [(80, "%", 2030)]


def test_a_goal_section_whose_numbers_never_repeat_keeps_its_items_out_of_the_work():
    # guard: （一）–（四） once each under 二、…规划目标 are that section's own (no task)
    text = (
        _lost_heading("控制测试固体废物污染。", 24)
        .replace("（三）控制", "（四）控制")
        .replace("（四）保护", "（五）保护")
    )
    (document,) = parse_text(text).documents
    assert not any(t.title == "实施测试处置工程" for t in document.tasks)


@pytest.mark.parametrize(
    ("lines", "title", "notice", "number"),
    [
        (
            [
                "测试省人民政府关于印发测试省环境保护",
                "“十五五”规划的通知测政发〔2026〕7号各市人民政府，省政府各部门：",
            ],
            "测试省环境保护“十五五”规划",
            "测试省人民政府关于印发测试省环境保护“十五五”规划的通知",
            "测政发〔2026〕7号",
        ),
        (
            [
                "测试市人民政府办公室关于加强测试监管执法的通知测政办发〔2025〕56号各区县人民政府，市政府各部门：  近年来，测试监管执法取得成效。"
            ],
            "测试市人民政府办公室关于加强测试监管执法的通知",
            None,
            "测政办发〔2025〕56号",
        ),
        (
            ["测试县人民政府办公室转发县测试局关于测试工作意见的通知测政办函〔2024〕9号"],
            "测试县人民政府办公室转发县测试局关于测试工作意见的通知",
            None,
            "测政办函〔2024〕9号",
        ),
    ],
)
def test_a_notice_title_run_into_its_number_and_addressees_is_read_apart(lines, title, notice, number):
    text = "\n".join(
        [
            *lines,
            "现将有关事项通知如下：",
            "一、主要任务",
            "（一）加强测试监管。新建测试站点10个。（测试局负责）",
            "（二）完善测试制度。（测试局负责）",
        ]
    )
    (document,) = parse_text(text).documents
    assert (document.title, document.notice_title, document.doc_number) == (title, notice, number)
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


@pytest.mark.parametrize(
    "cites",
    [
        "根据测试市人民政府关于优化营商环境的意见测政发〔2024〕3号要求，制定本方案。",
        "按照测试市人民政府关于优化营商环境的意见测政发〔2024〕3号精神，现通知如下：",
        "测试市人民政府关于优化营商环境的意见测政发〔2024〕3号提出，现通知如下：",
    ],
)
def test_a_body_sentence_naming_a_number_is_no_header(cites):
    # guard: a sentence that cites another document's number is not split
    text = "\n".join(
        [
            "测试区优化营商环境工作方案",
            cites,
            "一、主要任务",
            "（一）压缩测试审批时限。（测试局负责）",
        ]
    )
    (document,) = parse_text(text).documents
    assert document.title == "测试区优化营商环境工作方案"
    assert document.doc_number is None


def test_a_number_met_twice_under_safeguards_is_no_lost_work():
    # guard: 三、保障措施 1.–3. then a second 1.–2. glossing its terms (名词解释 lost): no work there
    text = "\n".join(
        [
            "测试区营商环境行动计划",
            "一、主要举措",
            "1、做实测试审批中心。发挥测试集成优势。",
            "2、优化测试审批服务。提升测试审批效率。",
            "二、保障措施",
            "1、强化组织实施",
            "2、严格督查考评",
            "1、测试审批中心",
            "2、测试联合报装",
        ]
    )
    (document,) = parse_text(text).documents
    assert [t.title for t in document.tasks] == ["做实测试审批中心", "优化测试审批服务"]


# ---- round 66, on the blind set r847–r854


@pytest.mark.parametrize(
    ("goal_header", "unit"), [("2025年规划目标", "市测试局"), ("2026年目标", "测试区政府")]
)
def test_an_indicator_table_with_a_lead_column_gives_one_task_per_indicator(goal_header, unit):
    text = (
        "测试市海洋生态环境保护规划（测试）\n"
        "一、规划目标\n"
        "到2025年，测试海湾生态环境质量持续改善。\n"
        "表1 测试规划指标\n"
        f"| 类别 | 序号 | 指标 | 单位 | 2020年现状 | {goal_header} | 指标类别 | 牵头单位 |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        f"| 测试质量 | 1 | 测试水质优良比例 | % | 99.3 | ＞99.3 | 约束性 | {unit} |\n"
        f"| ^ | 2 | 测试岸线修复长度 | 千米 | 7.4 | 22.9 | 约束性 | {unit} |\n"
        "二、重点任务\n"
        "（一）加强测试监测。（市测试局负责）\n"
    )
    (document,) = parse_text(text).documents
    year = int(goal_header[:4])
    by_title = {t.title or t.text: t for t in document.tasks}
    assert [(u.name, u.role) for u in by_title["测试水质优良比例"].units] == [(unit, "lead")]
    assert [
        (g.comparator, g.value, g.unit, g.deadline_year) for g in by_title["测试水质优良比例"].targets
    ] == [(">", 99.3, "%", year)]
    assert [(g.comparator, g.value, g.unit) for g in by_title["测试岸线修复长度"].targets] == [
        ("=", 22.9, "千米")
    ]
    # the rows are tasks: their goals are not the document's a second time
    assert not any(t.value in (99.3, 22.9) for t in document.targets)


@pytest.mark.parametrize("column", ["目标指标", "建设目标"])
def test_a_project_table_reads_the_goals_in_its_target_column(column):
    text = (
        "测试省重点工程项目表（测试）\n"
        f"| 地市 | 名称 | 实施内容 | {column} | 责任单位 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 测试市 | 测试渔礁工程 | 在测试海域建设人工渔礁。 | 建造投放人工鱼礁 2.89 万立方米 | 测试县人民政府 |\n"
        "| ^ | 测试湿地修复工程 | 清退测试养殖池塘。 | 增殖放流400万尾，清理互花米草150公顷。 | 测试区人民政府 |\n"
    )
    (document,) = parse_text(text).documents
    assert [[(g.comparator, g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [(">=", 2.89, "万立方米")],
        [(">=", 400, "万尾"), (">=", 150, "公顷")],
    ]


@pytest.mark.parametrize(
    "declaration",
    ["各项任务中排位靠前的责任单位为牵头单位。", "上述任务中排名靠前的单位为牵头单位。"],
)
def test_a_lead_declared_after_the_tasks_holds_for_every_task(declaration):
    text = (
        "测试区人居环境整治实施方案（测试）\n"
        "一、重点任务\n"
        "（一）加快测试垃圾治理。推行干湿分离。（责任单位：区测试局、各乡镇人民政府）\n"
        "（二）推进测试厕所革命。新建公厕10座。（责任单位：区农测局、区测试局）\n"
        "二、保障措施\n"
        f"（一）加快组织实施。{declaration}各责任单位要明确责任部门。\n"
    )
    (document,) = parse_text(text).documents
    assert [[(u.name, u.role) for u in t.units] for t in document.tasks[:2]] == [
        [("区测试局", "lead"), ("各乡镇人民政府", "responsible")],
        [("区农测局", "lead"), ("区测试局", "responsible")],
    ]


def test_a_lead_declared_for_one_task_only_does_not_reach_back():
    # guard: a declaration that names no task list stays where it stands (from there on)
    text = (
        "测试区人居环境整治实施方案（测试）\n"
        "一、重点任务\n"
        "（一）加快测试垃圾治理。推行干湿分离。（责任单位：区测试局、各乡镇人民政府）\n"
        "（二）推进测试厕所革命。排位靠前的责任单位为牵头单位。新建公厕10座。（责任单位：区农测局、区测试局）\n"
    )
    (document,) = parse_text(text).documents
    assert [u.role for u in document.tasks[0].units] == ["responsible", "responsible"]
    assert [u.role for u in document.tasks[1].units] == ["lead", "responsible"]


@pytest.mark.parametrize("glue", ["", " "])
def test_dashed_items_run_into_one_line_are_tasks_of_their_own(glue):
    text = (
        "测试区农村人居环境整治三年行动实施方案（测试）\n"
        "一、总体目标以建设美丽宜居测试乡村为导向，加快补齐测试农村人居环境短板。"
        "——2018年，完成测试村庄生活垃圾治理55个。——2019年，完成测试村庄污水治理35个。\n"
        f"二、重点任务（一）实施测试垃圾治理行动——加快测试垃圾有效治理。推行干湿分离。（责任单位：区测试局、各乡镇人民政府）{glue}"
        "——加快测试农业废弃物处理利用。推进秸秆综合利用。（责任单位：区农测局、各乡镇人民政府）\n"
        "（二）实施测试厕所革命。新建公厕10座。（责任单位：区测试局）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.title) for t in document.tasks] == [
        ("", "加快测试垃圾有效治理"),
        ("", "加快测试农业废弃物处理利用"),
        ("（二）", "实施测试厕所革命"),
    ]
    assert [u.name for u in document.tasks[1].units] == ["区农测局", "各乡镇人民政府"]
    # the goals of 一、总体目标 (its name run into its first sentence) are the document's
    assert sorted((t.value, t.deadline_year) for t in document.targets) == [(35, 2019), (55, 2018)]


def test_a_dash_inside_a_sentence_splits_nothing():
    # guard: a dash that does not follow a sentence's end or a bracket is no item
    text = (
        "测试区行动方案（测试）\n"
        "一、重点任务\n"
        "（一）实施“一革命四行动”——测试垃圾、测试污水、测试农房、测试村貌——全面提升测试人居环境质量。（区测试局负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）"]


# ---- round 67, on r853–r854 (PDF text layers of two provincial plans)


@pytest.mark.parametrize("page", ["6", "……6", " 6"])
def test_a_table_of_contents_is_no_part_of_the_body(page):
    text = "\n".join(
        [
            "测试市环境应急能力建设规划（测试）",
            "目录",
            f"第一章工作回顾及机遇挑战{page}",
            f"第一节工作回顾{page}",
            f"第二节主要短板{page}",
            f"第二章主要任务{page}",
            f"第一节推进测试机制一体化{page}",
            "第一章工作回顾及机遇挑战",
            "第一节工作回顾",
            "测试环境应急体系进一步健全，排查测试企业236家。",
            "第二节主要短板",
            "测试应急能力仍有不足。",
            "第二章主要任务",
            "第一节推进测试机制一体化",
            "1.健全测试应急机制。",
            "完善测试联防联控机制。",
            "2.加强测试应急演练。",
            "各区县每年至少开展1次测试综合演练。",
        ]
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.title) for t in document.tasks] == [
        ("1.", "健全测试应急机制"),
        ("2.", "加强测试应急演练"),
    ]


def test_an_indicator_table_kept_apart_by_spaces_is_read_by_its_columns():
    text = "\n".join(
        [
            "测试省林业草原保护发展规划（测试）",
            "第一章 规划目标",
            "专栏1 测试林业主要指标",
            "主要指标 2020年 2025年 属性",
            "生态保护",
            "测试森林覆盖率（%） 61.5 64 约束性",
            "测试林地保有量（亿亩） 1.5 ≥1.55 约束性",
            "测试保护地面积比率（%） 11.1 ≥10（暂定） 预期性",
            "主要造林树种良种和珍贵乡土树种测试使用率",
            "70 75 预期性",
            "（%）",
            "经济民生",
            "测试林业总产值（亿 3378 4500 预期性",
            "元）",
            "注：1.测试林业指竹、油茶。",
            "第二章 主要任务",
            "一、拓展测试绿化空间",
            "到2025年，完成测试营造林100万亩。",
        ]
    )
    (document,) = parse_text(text).documents
    assert sorted(
        (t.indicator, t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets
    ) == sorted(
        [
            ("测试森林覆盖率", "=", 64, "%", 2025),
            ("测试林地保有量", ">=", 1.55, "亿亩", 2025),
            ("测试保护地面积比率", ">=", 10, "%", 2025),
            ("主要造林树种良种和珍贵乡土树种测试使用率", "=", 75, "%", 2025),
            ("测试林业总产值", "=", 4500, "亿元", 2025),
        ]
    )


def test_a_box_of_projects_under_the_last_item_is_not_its_work():
    text = "\n".join(
        [
            "测试省林业规划（测试）",
            "第一章 主要任务",
            "一、加强测试种质资源保护",
            "开展测试种质资源调查。",
            "二、加强测试种苗市场监管",
            "加大测试种苗质量抽查力度。",
            "专栏2 测试林业重点工程",
            "01 测试石漠化综合治理建设项目",
            "治理测试石漠化3550平方公里。",
            "02 测试国家储备林基地建设项目",
            "建设测试国家储备林1098万亩。",
        ]
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.title) for t in document.tasks] == [
        ("一、", "加强测试种质资源保护"),
        ("二、", "加强测试种苗市场监管"),
    ]
    assert sorted(t.value for t in document.targets) == [1098, 3550]


# ---- round 68, on r848 (a crawled page on one line: bare units clauses glued to the next number)


@pytest.mark.parametrize("sep", ["，", "、"])
def test_items_glued_after_a_bare_units_clause_are_read_apart(sep):
    body = (
        "为做好测试养老托育工作，结合实际，制定本方案。 一、实施背景 测试基础较好，测试需求日益增长，测试供给仍有不足。"
        "二、发展目标 到2025年，测试养老床位总量达到3000张，测试托位总数达到1782个。"
        " 三、重点任务（六）兜底线、促普惠、测试协同发展1.强化测试兜底保障。健全测试补贴制度，到2025年，测试服务覆盖率达到100%。"
        f"责任单位：区测试事业局、测试发展局{sep}各片区管理局2.加快补齐测试服务短板。在街道层面建设测试照料中心。"
        "责任单位：区测试事业局、测试生态局，各片区管理局3.推动测试服务规范发展。开展测试机构等级评定，"
        "到2025年，三星级及以上测试机构达到73家。责任单位：区测试事业局，区消防救援支队四、保障要素（十一）建立测试工作机制。"
        "成立测试工作领导小组。责任单位：区测试事业局、测试发展局"
    )
    text = "测试区“一老一小”整体解决方案（测试）\n" + body + "\n"
    (document,) = parse_text(text).documents
    assert [(t.number, t.title) for t in document.tasks] == [
        ("1.", "强化测试兜底保障"),
        ("2.", "加快补齐测试服务短板"),
        ("3.", "推动测试服务规范发展"),
        ("（十一）", "建立测试工作机制"),
    ]
    assert [u.name for u in document.tasks[0].units] == ["区测试事业局", "测试发展局", "各片区管理局"]
    assert [(g.value, g.unit) for g in document.tasks[2].targets] == [(73, "家")]


def test_a_unit_name_ending_a_sentence_before_a_number_splits_nothing():
    # guard: a number after a name with no units clause before it (no 责任单位：) stays in its sentence
    text = (
        "测试区工作方案（测试）\n"
        "一、重点任务\n"
        "（一）加强测试管理。由区测试局3.5亿元资金统筹安排，测试中心2个月内完成建设，测试工作持续推进，"
        "测试服务水平不断提升，测试体系日益完善，测试机制更加健全，测试能力明显增强，测试队伍不断壮大，"
        "测试保障更加有力，测试环境持续优化，测试成效更加明显，测试群众满意度不断提高，测试基础更加牢固，"
        "测试支撑更加坚实，测试创新更加活跃，测试协同更加高效，测试治理更加精细，测试格局基本形成。"
        "（测试局负责）\n"
        "（二）完善测试制度。（测试局负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


# ---- round 69


@pytest.mark.parametrize(("figures", "values"), [("2%、1%、3%和2%", [2, 1, 3, 2]), ("5%、5%", [5, 5])])
def test_the_same_figure_twice_in_one_goal_clause_is_two_goals(figures, values):
    text = (
        "测试市节能减排重点工作安排（测试）\n"
        "一、工作目标\n"
        f"2021年，测试氮氧化物、测试挥发性有机物等排放总量分别下降{figures}。\n"
        "二、重点任务\n"
        "（一）加强测试节能。（测试局负责）\n"
    )
    (document,) = parse_text(text).documents
    assert sorted(t.value for t in document.targets) == sorted(values)


# ---- round 70, on the blind set r855–r862


def test_a_project_table_reads_its_content_column_not_the_task_it_serves():
    text = (
        "测试区生态文明建设示范区规划重点工程（测试）\n"
        "| 序号 | 项目名称 | 建设内容 | 对应重点任务 | 完成时限 | 责任单位 |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| 1 | 建设测试绿道 | 串联测试生态走廊，建设骨干型绿道100公里。 | 优化测试生态空间格局 | 2025年 | 区测试局 |\n"
        "| 2 | 新建测试健身中心 | 新建综合型市民健身中心1处。 | 完善测试公共服务 | 2026年 | 区体育局 |\n"
    )
    (document,) = parse_text(text).documents
    assert [t.title for t in document.tasks] == ["建设测试绿道", "新建测试健身中心"]
    assert [[(g.value, g.unit, g.deadline_year) for g in t.targets] for t in document.tasks] == [
        [(100, "公里", 2025)],
        [(1, "处", 2026)],
    ]


def _lifted(first: str, second: str) -> str:
    # a PDF's text layer that set every figure on the next line, a space left where it stood
    return "\n".join(
        [
            "测试市人民政府文件",
            "测政〔 〕 号",
            "2022 11",
            "测试市人民政府关于印发测试市绿色低碳发展实施方案的通知",
            "各区人民政府，市人民政府各部门：",
            "现将《测试市绿色低碳发展实施方案》印发给你们，请认真组织实施。",
            "测试市人民政府",
            "年 月 日",
            "2022 3 24",
            "测试市绿色低碳发展实施方案",
            "一、重点任务",
            "（一）推进测试工业绿色升级。 加快实施测试行业绿色化改造，推进测试绿色制造",
            "体系建设，到 年，累计创建测试绿色工厂 家，测试工业固体废物综合利",
            first,
            "用率达到 以上。 （责任单位：市测试局、市发改委）",
            second,
            "（二）加快测试农业绿色发展。 推进秸秆综合利用。 （责任单位：市农测局）",
        ]
    )


@pytest.mark.parametrize(
    ("first", "second", "values"), [("2025 30", "95%", [30, 95]), ("2025 45", "92%", [45, 92])]
)
def test_figures_a_text_layer_set_on_the_next_line_go_back_in_their_gaps(first, second, values):
    (document,) = parse_text(_lifted(first, second)).documents
    assert (document.doc_number, document.date) == ("测政〔2022〕11号", "2022-03-24")
    assert [(t.number, t.title) for t in document.tasks] == [
        ("（一）", "推进测试工业绿色升级"),
        ("（二）", "加快测试农业绿色发展"),
    ]
    assert [(g.value, g.unit, g.deadline_year) for g in document.tasks[0].targets] == [
        (values[0], "家", 2025),
        (values[1], "%", 2025),
    ]
    assert [u.name for u in document.tasks[0].units] == ["市测试局", "市发改委"]


def test_a_row_of_values_after_an_indicator_name_is_no_lifted_figure():
    # guard: a table kept apart by spaces: a name, then its values on the next line
    text = "\n".join(
        [
            "测试省规划（测试）",
            "一、主要目标",
            "到2025年，测试森林覆盖率达到64%，测试林地保有量稳定。",
            "主要造林树种良种和珍贵乡土树种测试使用率",
            "70 75",
            "二、主要任务",
            "（一）加强测试保护。（测试局负责）",
        ]
    )
    (document,) = parse_text(text).documents
    assert [t.value for t in document.targets] == [64]


def test_a_page_that_laid_its_whole_text_in_one_table_cell():
    paragraphs = [
        "各相关部门、测试经营企业：",
        "为进一步规范测试流通秩序，决定在全区开展测试市场集中整治工作，现将有关事项通知如下：",
        "一、整治重点",
        "（一）测试非法运输整治。严厉打击使用非法改装车辆运输测试油品的行为。（责任单位：区交通运输局、区公安分局）",
        "（二）违规仓储测试油品整治。严厉打击违规储存测试油品的行为。（责任单位：区市场监管局、区商务局）",
        "二、工作要求",
        "各部门要加强协作，形成工作合力。",
    ]
    text = (
        "|     |\n| --- |\n| 关于开展2025年全区测试流通市场集中整治的通知 |\n"
        "|     |\n| --- |\n| " + "<br>".join(paragraphs) + " |\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("（一）", ["区交通运输局", "区公安分局"]),
        ("（二）", ["区市场监管局", "区商务局"]),
    ]


@pytest.mark.parametrize(
    "sentence",
    ["新建大型数据中心PUE值（电能利用效率）不超过1.3。", "新建大型数据中心电能利用效率（PUE值）不超过1.3。"],
)
def test_a_pue_bound_with_its_other_name_in_brackets(sentence):
    text = f"测试方案（测试）\n一、重点任务\n（一）{sentence}（测试局负责）\n"
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.tasks[0].targets] == [("<=", 1.3, "")]


# ---- round 71: a crawler's header


@pytest.mark.parametrize("column", ["区管委会办公室文件", "通知公告"])
def test_a_crawlers_header_gives_the_title_not_its_column(column):
    text = "\n".join(
        [
            "标题: 测试区管委会办公室关于印发《测试区人居环境整治三年行动实施方案》的通知",
            "发布时间: 2018-08-22 11:47",
            "文号: ",
            "发布机构: 测试区管委会办公室",
            f"栏目: {column}",
            "原文链接: https://www.example.gov.cn/zwgk/t20190218_12533.htm",
            "本地目录: zwgk/zxwj/201902/12533_测试",
            "页面链接与图片详见 links.tsv(同目录)",
            "==================== 正文 ====================",
            "为加快改善测试农村人居环境，制定本方案。",
            "一、重点任务",
            "（一）实施测试垃圾治理行动。推行干湿分离。（责任单位：区测试局）",
            "（二）实施测试厕所革命。新建公厕10座。（责任单位：区测试局）",
        ]
    )
    (document,) = parse_text(text).documents
    assert document.title == "测试区人居环境整治三年行动实施方案"
    assert document.notice_title == "测试区管委会办公室关于印发《测试区人居环境整治三年行动实施方案》的通知"
    assert document.date == "2018-08-22"
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


def test_a_line_boxed_alone_in_markdown_is_text():
    text = (
        "|     |\n| --- |\n| 关于开展测试市场集中整治的通知 |\n\n"
        "各相关部门：\n现将有关事项通知如下：\n一、整治重点\n（一）测试运输整治。（责任单位：区交通运输局）\n"
    )
    (document,) = parse_text(text).documents
    assert document.title == "关于开展测试市场集中整治的通知"


# ---- round 72, on the blind set r863–r868


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "到2027年更新测试老旧设备5218台，其中2024年850台、2025年1200台、2026年1440台、2027年1728台。",
            [(5218, 2027), (850, 2024), (1200, 2025), (1440, 2026), (1728, 2027)],
        ),
        (
            "到2027年新购置测试环卫设备32台（套），其中2024年21台（套）、2025年4台（套）。",
            [(32, 2027), (21, 2024), (4, 2025)],
        ),
    ],
)
def test_a_total_and_its_yearly_parts_are_a_goal_each(sentence, expected):
    text = (
        f"测试区设备更新行动方案（测试）\n一、重点任务\n1.推动测试设备更新。{sentence}（区测试局牵头负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.value, g.deadline_year) for g in document.tasks[0].targets] == expected
    assert {g.comparator for g in document.tasks[0].targets} == {">="}


def test_parts_of_another_measure_are_not_the_totals_years():
    # guard: 其中 parts in money under a total of units are no yearly goals of those units
    text = (
        "测试区设备更新行动方案（测试）\n一、重点任务\n"
        "1.推动测试设备更新。到2027年更新测试设备500台，其中2024年3亿元、2025年4亿元。（区测试局牵头负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.value, g.unit) for g in document.tasks[0].targets] == [(500, "台")]


def test_duties_that_open_with_the_bodys_name_run_into_its_work():
    text = "\n".join(
        [
            "测试区综合防控儿童青少年近视工作实施方案（测试）",
            "一、工作措施",
            "（一）开展测试视力筛查行动。各中小学每学期开展2次视力监测。",
            "二、职责分工",
            "（一）区测试工作部按照部署落实完善学校校医职称评审政策。",
            "（二）区宣传与影视发展部充分发挥电视、网络等作用，宣传近视防控知识。",
            "（三）区社会事业局",
            "1.加强测试视力健康管理。建立视力健康档案。",
            "2.开展测试视力监测。每学期开展2次。",
            "（四）强化测试监督考核。将近视防控纳入考核。",
        ]
    )
    (document,) = parse_text(text).documents
    duties = [(t.number, [u.name for u in t.units]) for t in document.tasks if t.units]
    assert duties == [
        ("（一）", ["区测试工作部"]),
        ("（二）", ["区宣传与影视发展部"]),
        ("（三）", ["区社会事业局"]),
    ]


def test_a_section_heading_run_into_an_item_numbered_on_and_units_ending_in_a_company():
    body = (
        "为推动测试国企提升发展，结合实际，制定本方案。 一、主要任务 （一）经营效益提升1.明确测试年度经营目标。"
        "测试区属国企营业总收入同比增长10%以上，利润总额同比增长6%以上，测试成本费用率控制在85%以内。"
        "责任单位：各区属国企（二）产业化水平提升2.聚焦测试国企主业发展。于6月前公布实施企业发展战略规划，"
        "聚焦主业谋发展，做强做优做大测试主业，提升测试国企核心竞争力。责任单位：各区属国企，区国资局（三）资产效益提升3.加快测试资产资源重组整合。"
        "由区国资局牵头委托第三方咨询机构开展测试战略研究，于年底前基本完成全区国有企业战略性重组方案，"
        "推动测试资源向优势企业集中，提高测试国有资本配置效率。责任单位：区国资局"
    )
    assert len(body) >= 300  # (a line this long is a page run into one line)
    (document,) = parse_text("测试区“国企提升发展年”行动方案（测试）\n" + body + "\n").documents
    assert [(t.number, t.title) for t in document.tasks] == [
        ("1.", "明确测试年度经营目标"),
        ("2.", "聚焦测试国企主业发展"),
        ("3.", "加快测试资产资源重组整合"),
    ]
    assert [[u.name for u in t.units] for t in document.tasks] == [
        ["各区属国企"],
        ["各区属国企", "区国资局"],
        ["区国资局"],
    ]


def test_a_version_number_after_a_heading_is_no_item():
    # guard: 建设3.0版 is a figure in the title, not an item 3.
    text = "测试方案（测试）\n一、主要任务\n（一）建设测试平台3.0版本，提升测试服务能力和水平，推动测试平台迭代升级。（测试局负责）\n"
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）"]


# ---- round 74, on r871 (a Markdown scrape)


@pytest.mark.parametrize("bold", [True, False])
def test_a_markdown_page_with_bold_numbers_and_escaped_dots(bold):
    def item(n: int, title: str, body: str) -> str:
        number = f"**{n}\\.**" if bold else f"{n}\\."
        return f"{number} **{title}** {body}（区发改委、区科经委）"

    text = "\n".join(
        [
            "# 测试新区碳达峰实施方案（测试）",
            "",
            "**（一）推进测试能源绿色低碳转型**",
            "",
            item(1, "大力发展测试可再生能源。", "“十四五”期间力争新增测试光伏装机容量60万千瓦以上。"),
            "",
            item(2, "严格控制测试煤炭消费。", "持续推进测试煤炭消费减量替代。"),
            "",
            item(3, "加快测试新型电力系统建设。", "到2025年，测试储能规模达到10万千瓦。"),
        ]
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.title) for t in document.tasks] == [
        ("1.", "大力发展测试可再生能源"),
        ("2.", "严格控制测试煤炭消费"),
        ("3.", "加快测试新型电力系统建设"),
    ]
    assert [(g.value, g.unit) for t in document.tasks for g in t.targets] == [(60, "万千瓦"), (10, "万千瓦")]


@pytest.mark.parametrize("heading", ["三、主要内容及职责分工", "三、重点任务和责任分工"])
def test_a_section_of_work_and_its_duties_keeps_its_items(heading):
    text = "\n".join(
        [
            "测试区宜居环境建设行动计划实施方案（测试）",
            "一、主要目标",
            "到2015年，测试城乡环境明显改善。",
            "二、组织领导",
            "区管委会成立测试指挥部。",
            heading,
            "（一）建设测试美丽乡村。实施项目：1个测试示范乡。（责任单位：区测试局）",
            "（二）打造测试完整社区。实施内容：打造设施完备、服务齐全的测试社区，完善测试社区服务功能。",
            "（三）整治提升测试城镇节点。实施内容：整治测试河道两岸景观，提升测试城镇环境面貌。",
            "四、保障措施",
            "（一）加强组织领导。",
        ]
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）", "（三）"]


def test_a_section_of_duties_alone_still_frames():
    # guard: 五、职责分工 (duties alone, no work named) is no section of work
    text = "\n".join(
        [
            "测试区工作方案（测试）",
            "一、重点任务",
            "（一）加强测试管理。（区测试局负责）",
            "二、职责分工",
            "（一）加强测试协调。",
        ]
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）"]


# ---- round 76, on r874: each body's part in prose after 责任分工：


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "责任分工：区测试局负责开展规划编制工作，各乡镇人民政府组织实施，区直有关责任部门配合。",
            [
                ("区测试局", "responsible"),
                ("各乡镇人民政府", "responsible"),
                ("区直有关责任部门", "cooperating"),
            ],
        ),
        (
            "责任分工：由各片区开发管理局负责，区测试集团有限公司组织实施，区测试与建设局等区直部门配合。",
            [
                ("各片区开发管理局", "responsible"),
                ("区测试集团有限公司", "responsible"),
                ("区测试与建设局", "cooperating"),
            ],
        ),
    ],
)
def test_each_bodys_part_written_in_prose_after_the_duties_label(clause, expected):
    text = (
        "测试区宜居环境建设行动计划实施方案（测试）\n一、主要内容及职责分工\n"
        f"（一）建设测试美丽乡村。实施内容：开展测试村庄整治，改善测试人居环境。{clause}\n"
        "（二）打造测试完整社区。实施内容：打造设施完备的测试社区。责任分工：区测试局负责。\n"
    )
    (document,) = parse_text(text).documents
    assert [(u.name, u.role) for u in document.tasks[0].units] == expected


def test_prose_after_the_duties_label_that_names_no_body_gives_no_unit():
    # guard: 区直各部门各司其职 and 作为业主单位 are no clause of a body and its verb
    text = (
        "测试区行动方案（测试）\n一、主要内容及职责分工\n"
        "（一）建设测试社区。实施内容：开展测试社区整治。责任分工：各司其职，协同推进，确保按期完成。\n"
        "（二）打造测试街区。实施内容：开展测试街区整治。责任分工：区测试局负责。\n"
        "（三）提升测试节点。实施内容：开展测试节点整治。责任分工：区测试局负责。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("（一）", []),
        ("（二）", ["区测试局"]),
        ("（三）", ["区测试局"]),
    ]
