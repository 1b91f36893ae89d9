"""Forms that the fourth blind set (r63–r73 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某县, 测试区), the units and the figures are
made up. Each form is written in two spellings (another wording, number, unit or punctuation) so
that a rule fitting only one text fails. Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_bytes, parse_text


def _keys(targets) -> list[tuple]:
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline_year) for t in targets]


# ---------------------------------------------------------------- 1. the year of a 分工 document


@pytest.mark.parametrize(
    ("notice", "year"),
    [
        ("县政府研究确定了《2025年某某县政府重要工作事项责任分工》，现印发给你们", 2025),
        ("现将《测试区落实2023年政府工作报告任务分工》印发给你们", 2023),
    ],
)
def test_the_year_of_a_division_of_work_is_the_deadline_of_its_undated_targets(notice, year):
    # the notice issuing it names the year (the portal's header rows stand where a title would)
    text = (
        "索 引 号 | 测试-00001 | 公开方式 | 主动公开 |\n"
        "各镇政府，各街道办事处（测试）:\n"
        f"为全面完成年度各项任务，{notice}，请认真贯彻落实。\n"
        "一、主要预期目标\n"
        "1.地区生产总值增长6%。(牵头单位:测试县发展和改革局)\n"
        "2.一般公共预算收入增长3.5%左右。(牵头单位:测试县财政局)\n"
    )
    (document,) = parse_text(text).documents
    years = [t.deadline_year for task in document.tasks for t in task.targets]
    assert years == [year, year]


def test_a_division_of_work_naming_no_year_gives_no_year():
    text = (
        "某某县落实政府工作报告责任分工（测试）\n"
        "1.地区生产总值增长6%。(牵头单位:测试县发展和改革局)\n"
        "2.一般公共预算收入增长3.5%。(牵头单位:测试县财政局)\n"
    )
    (document,) = parse_text(text).documents
    assert [t.deadline_year for task in document.tasks for t in task.targets] == [None, None]


# ---------------------------------------------------------------- 2. a table flattened one cell a line


def _flattened(rows, bar):
    return "\n".join(f"{cell}{bar}" for row in rows for cell in row) + "\n"


@pytest.mark.parametrize(
    ("title", "year", "header", "bar"),
    [
        (
            "2025年测试区重点工作及责任清单（测试）",
            2025,
            ["序号", "重点工作", "责任领导", "责任单位", "完成时限"],
            " |",
        ),
        ("某某县2024年任务清单（测试）", 2024, ["序号", "工作任务", "责任单位", "完成时间"], "｜"),
    ],
)
def test_a_table_flattened_to_one_cell_a_line_is_read_as_a_task_list(title, year, header, bar):
    bodies = [
        ["完善重点项目服务工作机 制，全力服务重大项目落地（测试）。", "测试招商部、测试安商部"],
        ["力争全年盘活闲置企业10家，盘活存量土地400亩（测试）。", "测试改革办"],
        ["加快推进污水处理厂提升项目（测试）。", "测试规划建设局"],
    ]
    rows = [header]
    for n, (work, unit) in enumerate(bodies, 1):
        person = ["张某（测试）"] if "责任领导" in header else []
        rows.append([str(n), work, *person, unit, "全年"])
    (document,) = parse_text(title + "\n" + _flattened(rows, bar)).documents
    assert [t.number for t in document.tasks] == ["1", "2", "3"]
    assert [t.responsible_units for t in document.tasks] == [
        ["测试招商部", "测试安商部"],
        ["测试改革办"],
        ["测试规划建设局"],
    ]
    assert _keys(document.tasks[1].targets) == [
        (">=", 10, None, "家", year),
        (">=", 400, None, "亩", year),
    ]


def test_cell_lines_whose_rows_are_not_clear_stay_lines():
    # the numbers do not run 1, 2, 3 at a row's first cell: not read as a table
    from gongzhi.plans.parsing.reading import _join_cell_lines

    raw = ["序号 |", "工作 |", "单位 |", "1 |", "甲（测试） |", "乙（测试） |", "3 |", "丙 |", "丁 |"]
    assert _join_cell_lines(list(raw)) == raw
    raw[6] = "2 |"
    assert _join_cell_lines(list(raw))[1] == ("1", "甲（测试）", "乙（测试）")


# ---------------------------------------------------------------- 6. a count, not an increase


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("优化提升50条背街后巷交通组织（测试）。", (">=", 50, None, "条", 2023)),
        ("年内提高12所乡村学校办学条件（测试）。", (">=", 12, None, "所", 2023)),
        # the change of a rate stays an increase
        ("城镇化率提升3个百分点（测试）。", ("increase_by", 3, None, "百分点", 2023)),
        ("研发投入提高10%（测试）。", ("increase_by", 10, None, "%", 2023)),
    ],
)
def test_raising_a_count_of_things_named_after_it_is_a_count(item, expected):
    text = (
        "某某县2023年民生实事任务清单（测试）\n"
        f"1.{item}（牵头单位：测试县城管局）\n"
        "2.新建公厕5座（测试）。（牵头单位：测试县城管局）\n"
    )
    (document,) = parse_text(text).documents
    assert _keys(document.tasks[0].targets) == [expected]


# ---------------------------------------------------------------- 6. a list of time limits


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        (
            "环评报告书14个工作日内、环评报告表7个工作日内、环评登记表3个工作日内完成审批（测试）。",
            [14, 7, 3],
        ),
        ("报告书审批10个工作日以内、报告表5个工作日以内办结（测试）。", [10, 5]),
    ],
)
def test_time_limits_listed_before_their_verb_share_its_bound(sentence, values):
    text = (
        "测试区若干措施（测试）\n"
        f"1.提高审批效率。{sentence}(测试区环保局牵头,测试区政务局配合)\n"
        "2.新建公厕5座（测试）。(测试区城管局牵头)\n"
    )
    (document,) = parse_text(text).documents
    targets = document.tasks[0].targets
    assert [(t.comparator, t.value, t.unit) for t in targets] == [("<=", v, "个工作日") for v in values]
    for t in targets:
        assert t.text in document.tasks[0].text and t.span[1] - t.span[0] == len(t.text)


def test_a_limit_of_another_unit_in_the_list_is_not_given_the_bound():
    text = (
        "测试区若干措施（测试）\n"
        "1.提高审批效率。报告书审批10天、报告表5个工作日内办结（测试）。(测试区环保局牵头)\n"
        "2.新建公厕5座（测试）。(测试区城管局牵头)\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value) for t in document.tasks[0].targets] == [("<=", 5)]


# ---------------------------------------------------------------- 3. a lead unit in the section heading


@pytest.mark.parametrize(
    ("heading", "unit"),
    [
        ("一、测试县示范区管委会牵头工作(3项)", "测试县示范区管委会"),
        ("一、某某区教育局牵头任务（3项）", "某某区教育局"),
    ],
)
def test_a_lead_unit_given_once_in_the_section_heading_leads_its_items(heading, unit):
    text = (
        "各乡镇人民政府，县直各有关单位（测试）:\n"
        "经县政府同意，现将《2025年测试县任务清单》印发给你们，请认真贯彻落实。\n"
        "一、责任到人，闭环管理。任务清单明确12项具体任务（测试）。\n"
        "二、节点管控，动态调度。各单位要紧盯目标任务（测试）。\n"
        "2025年测试县任务清单（测试）\n"
        f"{heading}\n"
        "1.建设养殖基地（测试）。\n"
        "2.打造食用菌生产基地（测试）。\n"
        "3.建设3个产业园（测试）。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2.", "3."]
    for task in document.tasks:
        assert [(u.name, u.role) for u in task.units] == [(unit, "lead")]
        assert text[task.units[0].span[0] : task.units[0].span[1]] == unit


# ---------------------------------------------------------------- 5. unnumbered task paragraphs


@pytest.mark.parametrize(
    ("heading", "titles", "newline"),
    [
        (
            "三、开展两大行动，打造示范县（测试）",
            ["开展粮食安全保障行动。", "开展乡村产业振兴行动。"],
            "\r\n",
        ),
        (
            "二、实施三项工程（测试）",
            ["实施道路提升工程。", "实施水网改造工程。", "推进社区服务提质。"],
            "\n",
        ),
        (
            "二、实施三项工程（测试）",
            ["实施道路提升工程。", "实施水网改造工程。", "推进社区服务提质！"],
            "\n",
        ),
    ],
)
def test_unnumbered_titled_paragraphs_under_a_heading_are_the_tasks(heading, titles, newline):
    lines = [heading, "始终坚持农业农村优先发展，确保农民稳步增收（测试）。"]
    lines += [
        f"{title}全年完成高标准农田建设{k + 2}万亩，新增家庭农场{k + 5}个（测试）。"
        for k, title in enumerate(titles)
    ]
    data = newline.join(lines).encode("utf-8")
    (document,) = parse_bytes(data, "报告.txt").documents
    if titles[-1].endswith("！"):  # a paragraph without a title sentence: the heading is the task
        assert [t.number for t in document.tasks] == ["二、"]
        return
    assert [t.number for t in document.tasks] == [""] * len(titles)
    assert [t.text.split("。")[0] + "。" for t in document.tasks] == titles
    assert [[t.value for t in task.targets] for task in document.tasks] == [
        [k + 2, k + 5] for k in range(len(titles))
    ]


# ---------------------------------------------------------------- 6. a level of funding per head


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("人均基本公共卫生服务经费达102元以上（测试）", [(">=", 102, "元")]),
        ("人均公共文化服务经费达到60元（测试）", [(">=", 60, "元")]),
        # a subsidy handed out per head stays out
        ("人均补助经费达到60元（测试）", []),
    ],
)
def test_funding_per_head_to_reach_is_a_target(sentence, expected):
    text = f"1.主要目标。{sentence}，培育省级样板50个（测试）。（牵头单位：测试县卫健局）\n"
    (document,) = parse_text("某某县2023年卫生健康工作要点（测试）\n" + text).documents
    found = [(t.comparator, t.value, t.unit) for t in document.tasks[0].targets]
    assert found == [*expected, (">=", 50, "个")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("测试县健康发展指数达85", 85), ("某某市营商环境指数达到90.5以上", 90.5)],
)
def test_an_index_reached_without_a_measure_is_a_target(sentence, value):
    text = f"1.主要目标。{sentence}，培育省级样板50个（测试）。（牵头单位：测试县卫健局）\n"
    (document,) = parse_text("某某县2023年工作要点（测试）\n" + text).documents
    found = [(t.comparator, t.value, t.unit) for t in document.tasks[0].targets]
    assert found == [(">=", value, ""), (">=", 50, "个")]
