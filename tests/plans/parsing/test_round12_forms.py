"""Forms that round 12 (r122, r126–r128, r104, r69, r85, r89 and the missing targets of
tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某区, 甲市), the units and the figures are
made up. Each form is written in two spellings so that a rule fitting only one text fails.
Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

# ---------------------------------------------------------------- 1. a page of a paginated copy on one line


_FILLER = "围绕测试主题持续推进相关工作，完善配套制度，加强统筹协调，形成工作合力，确保各项措施落到实处。" * 2


@pytest.mark.parametrize(
    ("head", "label"),
    [
        ("[接上页] (2)", "省直配合单位"),
        ("[续上页] （3）", "市级配合单位"),
    ],
)
def test_a_page_run_into_one_line_from_inside_an_item(head, label):
    line = (
        f"{head}建设某某测试基地。{_FILLER} "
        f"2.共同推动甲类产业发展。{_FILLER}({label}:甲局、乙委、丙厅) "
        f"3.大力拓展乙类合作。{_FILLER}({label}:丁局)"
    )
    (document,) = parse_text(f"|\n{line}\n").documents
    assert [(t.number, t.cooperating_units, t.lead_units) for t in document.tasks] == [
        ("2.", ["甲局", "乙委", "丙厅"], []),
        ("3.", ["丁局"], []),
    ]


@pytest.mark.parametrize("label", ["省直配合单位", "县级责任单位"])
def test_a_label_qualified_by_its_level(label):
    text = f"某某区测试工作方案\n一、重点任务\n1.推进测试工作。（{label}：甲局、乙局）\n2.完善测试机制。（牵头单位：丙局）\n"
    (document,) = parse_text(text).documents
    task = document.tasks[0]
    got = task.cooperating_units if "配合" in label else task.responsible_units
    assert got == ["甲局", "乙局"]


# ---------------------------------------------------------------- 2. an HTML table saved with its cells broken over lines


def _broken(rows: list[list[list[str]]], pad: str = " " * 12) -> str:
    """A table as a web page saves it: each row opens on a ``|`` line, each cell's lines padded,
    closed by ``|``, blank lines between the cells."""
    out = []
    for row in rows:
        out.append("| ")
        for cell in row:
            lines = cell or [""]
            out.extend(f"{pad} {ln} " for ln in lines[:-1])
            out.append(f"{pad} {lines[-1]} " if lines[-1] else pad)
            out.append(f"{pad} | ")
            out.append(pad)
        out.append(" " * 8)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        (
            [["序", "号"], ["工作任务"], ["牵头单位"], ["责任单位"], ["完成时限"]],
            [
                [["1"], ["建立某某区测试协调机制。"], ["甲局"], ["乙局"], ["2025年9月底"]],
                [["2"], ["编制测试目录，推进测试归集。"], ["丙局"], [], ["2025年12月底"]],
                [["3"], ["建设测试共享平台。"], ["丁中心"], ["区直相关部门", "各镇(街道)"], ["2026年"]],
            ],
            [
                ("1", ["甲局"], ["乙局"]),
                ("2", ["丙局"], []),
                ("3", ["丁中心"], ["区直相关部门", "各镇(街道)"]),
            ],
        ),
        (
            [["编号"], ["重点", "任务"], ["牵头部门"], ["配合部门"]],
            [
                [["1"], ["完善某某县测试制度，", "形成长效机制。"], ["县甲委"], ["县乙局"]],
                [["2"], ["开展测试专项行动。"], ["县丙局", "县丁局"], ["各乡镇"]],
            ],
            [
                ("1", ["县甲委"], ["县乙局"]),
                ("2", ["县丙局", "县丁局"], ["各乡镇"]),
            ],
        ),
    ],
)
def test_a_table_saved_with_its_cells_broken_over_padded_lines(header, rows, expected):
    text = "| \n             附件1 \n            某某区测试工作 \n            任务分工  | \n        ||||\n"
    text += _broken([header, *rows])
    (document,) = parse_text(text).documents
    second = [t.responsible_units or t.cooperating_units for t in document.tasks]
    assert [(t.number, t.lead_units, s) for t, s in zip(document.tasks, second, strict=True)] == expected
    assert all("|" not in t.text for t in document.tasks)


def test_a_lone_bar_line_before_prose_is_left_alone():
    text = "|\n某某区测试工作方案\n一、重点任务\n1.推进测试工作。（牵头单位：甲局）\n"
    (document,) = parse_text(text).documents
    assert [t.lead_units for t in document.tasks] == [["甲局"]]


# ---------------------------------------------------------------- 3. unnumbered titled items, no unit anywhere


@pytest.mark.parametrize(
    ("lead", "items"),
    [
        (
            "某某市发布2025年为老服务8件实事，分别为——",
            [
                "社区助餐服务项目。新建社区助餐点30个，开展助餐服务2000场次。",
                "“银龄课堂”项目。开设老年课堂15个。",
                "居家适老化改造工程。完成困难老人家庭改造300户。",
            ],
        ),
        (
            "甲县2024年民生实事如下：",
            [
                "  农村道路提升行动。新改建农村公路50公里。",
                "  校园安全守护计划。为全县中小学配备安保人员。",
            ],
        ),
    ],
)
def test_unnumbered_titled_paragraphs_are_the_tasks_of_a_list_naming_no_unit(lead, items):
    text = "\n".join(["专题首页", "某某实事发布", "发布日期: 2025-03-01", lead, *items]) + "\n"
    (document,) = parse_text(text).documents
    titles = [item.strip().split("。")[0] for item in items]
    assert [(t.number, t.text.split("。")[0], t.units) for t in document.tasks] == [
        ("", title, []) for title in titles
    ]
    assert document.tasks[0].targets


def test_one_titled_paragraph_alone_is_no_list():
    text = "某某区测试公告\n特此公告。\n测试工作项目。开展测试工作。\n"
    with pytest.raises(Exception, match="未找到编号条目"):
        parse_text(text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("增建测试服务站(某某之家)8家。", (">=", 8, "家")),
        ("面向甲类人员、乙类人员等开办“测试暑期课堂”250个。", (">=", 250, "个")),
        ("为1.6万名某某籍2023级初一学生免费开展测试筛查。", (">=", 1.6, "万名")),
        ("为300名2024届毕业生提供测试服务。", (">=", 300, "名")),
    ],
)
def test_counts_added_opened_and_served_in_a_list_of_projects(sentence, expected):
    text = f"某某市2025年测试实事\n测试服务项目。{sentence}\n测试保障项目。新建测试站点10个。\n"
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.tasks[0].targets] == [expected]


# ---------------------------------------------------------------- 4. a goal table flattened one cell a line, no 序号


def _flat(lines: list[str], blank: bool) -> str:
    return ("\n\n" if blank else "\n").join(lines) + "\n"


@pytest.mark.parametrize(
    ("lines", "blank", "expected"),
    [
        (
            [
                "某某省测试规划目标责任分解书",
                "领域",
                "主要目标",
                "主要责任单位",
                "责任单位",
                "1.居民享有良好的测试服务。",
                " ",
                "——到2030年，测试覆盖率达到85%以上。",
                "省甲厅",
                "省乙委",
                "省丙局",
                "2.提高测试保障水平。",
                "——测试达标率达到90%以上。",
                "省甲厅",
                "省丁厅",
                "——测试事故率降低。",
                "省戊局",
                "1.测试教育全面推进。",
                "省己厅",
                "省乙委",
            ],
            True,
            [
                ("1.", ["省甲厅"], ["省乙委", "省丙局"]),
                ("2.", ["省甲厅", "省戊局"], ["省丁厅"]),
                ("1.", ["省己厅"], ["省乙委"]),
            ],
        ),
        (
            [
                "甲市测试发展纲要任务分解",
                "类别",
                "发展目标",
                "牵头部门",
                "参与部门",
                "1、测试服务体系基本建成，城乡测试服务均衡发展。",
                "市甲局",
                "市乙局",
                "2、测试人才队伍不断壮大。",
                "市丙局",
                "市丁局",
                "市戊局",
            ],
            False,
            [
                ("1、", ["市甲局"], ["市乙局"]),
                ("2、", ["市丙局"], ["市丁局", "市戊局"]),
            ],
        ),
    ],
)
def test_a_goal_table_flattened_one_cell_a_line(lines, blank, expected):
    (document,) = parse_text(_flat(lines, blank)).documents
    second = [t.responsible_units or t.cooperating_units for t in document.tasks]
    assert [(t.number, t.lead_units, s) for t, s in zip(document.tasks, second, strict=True)] == expected


def test_a_flattened_goal_table_keeps_its_targets():
    lines = [
        "领域",
        "主要目标",
        "主要责任单位",
        "责任单位",
        "1.测试服务水平提高。",
        "——测试覆盖率达到85%以上。",
        "省甲厅",
    ]
    lines += ["2.测试保障更加有力。", "——测试达标率达到90%以上。", "省乙厅", "省丙厅"]
    (document,) = parse_text("某某省测试规划（2021—2025年）目标分解\n" + _flat(lines, True)).documents
    assert [[(g.comparator, g.value, g.unit) for g in t.targets] for t in document.tasks] == [
        [(">=", 85, "%")],
        [(">=", 90, "%")],
    ]


# ---------------------------------------------------------------- 5. a table one cell a block, a | line after each cell


def _bars(rows: list[list[str]]) -> str:
    return "".join(f"{cell}\n|\n" if cell else "|\n" for row in rows for cell in row)


@pytest.mark.parametrize(
    ("rows", "paths", "expected"),
    [
        (
            [
                ["1", "一、主要预期目标", "测试产量50万吨以上。", "甲科", "张某某", "2025年底前", "5550001"],
                ["2", "测试产值增长10%以上。", "乙中心", "", "2025年底前", "5550002"],
                [
                    "3",
                    "二、重点工作",
                    "新建测试基地3个。",
                    "甲科\n丙中心",
                    "李某\n王某",
                    "2025年底前",
                    "5550001\n5550003",
                ],
            ],
            [["一、主要预期目标"], ["一、主要预期目标"], ["二、重点工作"]],
            [("1", ["甲科"], 2025), ("2", ["乙中心"], 2025), ("3", ["甲科", "丙中心"], 2025)],
        ),
        (
            [
                ["1", "完成测试道路改造20公里，推进测试工程。", "县甲局", "赵某", "2026年6月底"],
                ["2", "开展测试培训活动，培训人员500人次。", "县乙局\n县丙局", "钱某", "2026年12月底"],
            ],
            [[], []],
            [("1", ["县甲局"], 2026), ("2", ["县乙局", "县丙局"], 2026)],
        ),
    ],
)
def test_a_headerless_table_with_a_bar_line_after_each_cell(rows, paths, expected):
    (document,) = parse_text(_bars(rows)).documents
    got = [(t.number, t.responsible_units, t.targets[0].deadline_year) for t in document.tasks]
    assert got == expected
    assert all(not t.lead_units and "某" not in "".join(t.responsible_units) for t in document.tasks)
    assert [t.path for t in document.tasks] == paths


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("育成具有自主知识产权的“甲优258”“乙麦229”测试品种2个。", (">=", 2, "个")),
        ("新建“测试1号”示范园3个。", (">=", 3, "个")),
    ],
)
def test_a_quoted_name_with_digits_in_the_object_of_a_count(sentence, expected):
    text = f"某某市2025年测试实事\n测试种业项目。{sentence}\n测试保障项目。新建测试站点10个。\n"
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.tasks[0].targets] == [expected]


# ---------------------------------------------------------------- 6. a notice and the document it prints: one document


@pytest.mark.parametrize(
    ("named", "printed"),
    [
        (
            "《某某区关于落实2025年<甲市政府工作报告>任务分工方案》",
            "某某区关于落实2025年《甲市政府工作报告》任务分工方案",
        ),
        ("《2025年区〈政府工作报告〉重点工作分工方案》", "2025年区《政府工作报告》重点工作分工方案"),
        ("2025年某某市测试工作要点", "2025年全市测试工作要点"),
        ("2025年甲县测试工作要点", "2025年全县测试工作要点"),
    ],
)
def test_a_notice_naming_its_document_with_other_marks_or_its_place_is_one_document(named, printed):
    text = (
        "各镇人民政府，区政府各部门：\n"
        f"现将{named}印发给你们，请认真贯彻落实。\n"
        "某某区人民政府\n"
        "2025年3月1日\n"
        f"{printed}\n"
        "一、重点任务\n"
        "1.推进测试工作。（牵头单位：甲局）\n"
        "2.完善测试机制。（牵头单位：乙局）\n"
    )
    result = parse_text(text)
    assert len(result.documents) == 1
    assert [t.lead_units for t in result.documents[0].tasks] == [["甲局"], ["乙局"]]


# ---------------------------------------------------------------- 7. more verbs and measures of 实事 lists


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("为70周岁及以上老年人投保1.2万份意外伤害保险。", (">=", 1.2, "万份")),
        ("为测试人员投保3000份团体保险。", (">=", 3000, "份")),
        ("导入省外测试院校技能人才150人。", (">=", 150, "人")),
        ("导入测试企业12家。", (">=", 12, "家")),
        ("河湖库塘清淤8万方。", (">=", 8, "万方")),
        ("完成某某河清淤5000方。", (">=", 5000, "方")),
    ],
)
def test_insured_brought_in_and_dredged_counts(sentence, expected):
    text = f"某某县2025年测试实事\n测试保障项目。{sentence}\n测试水利项目。新建测试泵站2座。\n"
    (document,) = parse_text(text).documents
    assert [(g.comparator, g.value, g.unit) for g in document.tasks[0].targets] == [expected]
