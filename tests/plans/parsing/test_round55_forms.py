"""Forms that round 55 read, found on the blind set r755–r764. All the snippets are synthetic
(（测试）): the places, the units and the figures are made up. Each form is written in two
spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _units(clause: str) -> list[tuple[str, str]]:
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）建设测试设施。推进测试工作。{clause}\n"
    (document,) = parse_text(text).documents
    return [(u.name, u.role) for u in document.tasks[0].units]


def _item(sentence: str) -> list[tuple]:
    text = (
        f"测试区行动方案（测试）\n\n一、主要任务\n（一）建设测试设施。{sentence}（牵头单位：测试区绿化局）\n"
    )
    (document,) = parse_text(text).documents
    return [(t.comparator, t.value, t.unit) for t in document.tasks[0].targets]


@pytest.mark.parametrize(
    "clause",
    [
        "（责任单位∶测试区自然资源局、测试区发展改革委）",
        "（牵头单位∶测试区自然资源局；配合单位∶测试区发展改革委）",
    ],
)
def test_the_ratio_sign_printed_for_the_colon_of_a_unit_label(clause):
    names = [name for name, _role in _units(clause)]
    assert names == ["测试区自然资源局", "测试区发展改革委"]


@pytest.mark.parametrize(
    ("clause", "last"),
    [
        ("(责任单位:测试区扶贫办牵头,测试区民政局等有关部门参加,各镇街落实)", ("各镇街", "responsible")),
        (
            "（责任单位：测试区农业局牵头，测试区财政局、测试区水利局参加，各镇街落实）",
            ("各镇街", "responsible"),
        ),
    ],
)
def test_a_generic_unit_closed_by_luoshi_is_named_without_the_verb(clause, last):
    assert _units(clause)[-1] == last


def test_the_rest_of_a_first_is_lead_declaration_names_no_unit():
    clause = "（测试区中医局、测试区发展改革委负责。列第一位者为牵头部门或单位，其他有关部门和单位按职责分工负责，下同）"
    assert _units(clause) == [("测试区中医局", "lead"), ("测试区发展改革委", "responsible")]
    # (outside a declaration the same words are a generic unit, as the README reads them)
    assert _units("（测试区发改委牵头，其他有关部门按职责分工负责）")[-1] == ("其他有关部门", "responsible")


def _wrapped(paragraph: str, width: int = 60) -> str:
    """``paragraph`` broken at a display width, as a PDF's text layer is."""
    lines, line, used = [], "", 0
    for ch in paragraph:
        w = 1 if ch.isascii() else 2
        if used + w > width:
            lines.append(line)
            line, used = "", 0
        line, used = line + ch, used + w
    return "\n".join([*lines, line]) + "\n"


@pytest.mark.parametrize("figure", ["1.5", "2.5"])
def test_a_decimal_opening_a_wrapped_line_continues_the_sentence(figure):
    # a PDF text layer wrapped at one width: 超过 / 1.5 的数据中心 is a figure, not heading 1.5
    lead = "到2025年，测试区数据中心和测试网络基本形成绿色集约的一体化运行格局，全区算力有序增长。普及推广节能技术电能利用效率超过"
    pad = "测" * ((60 - (sum(1 if c.isascii() else 2 for c in lead) % 60)) // 2)
    paragraph = (
        lead.replace("普及", pad + "普及")
        + f"{figure}的数据中心完成改造；全区现有和新建的大型数据中心平均电能利用效率降到1.3以下，测试效能提升20%以上。"
        + "测试区数据中心运行电能平均利用效率和可再生能源利用率明显提升，健全测算体系和统计方法，建立监测机制。"
    )
    body = _wrapped(paragraph)
    assert f"\n{figure}的" in body  # (the figure opens a line)
    text = (
        "测试区数据中心绿色发展若干举措（测试）\n一、工作目标\n"
        + body
        + "二、重点任务\n（一）优化布局。（责任单位：测试区大数据局）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.deadline_year) for t in document.targets] == [
        ("<=", 1.3, 2025),
        ("increase_by", 20, 2025),
    ]


def _bar_table(rows: list[list[str]]) -> str:
    lines = []
    for row in rows:
        for cell in row:
            lines.extend([*cell.split("\n"), "|"])
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("numbers", "unit_header"),
    [(["14", "80", "135"], "牵头责任单位"), (["1", "2", "3"], "牵头单位")],
)
def test_a_table_one_cell_a_line_with_bar_lines_and_its_header(numbers, unit_header):
    rows = [
        ["序号", "主要工作目标", "目标任务主要内容", unit_header, "上半年落实情况"],
        [
            numbers[0],
            "推动测试产业提质",
            "做大做优测试产业。",
            "测试县发展改革委\n测试县经济和信息化局",
            "累计外出招商6天。",
        ],
        [numbers[1], "建设测试宜居城市", "创成测试园林城市。", "测试县文明办", "制定实施方案。"],
        [numbers[2], "办好测试民生实事", "全力做好测试健康服务。", "测试县卫生健康委", "累计报告2547例。"],
    ]
    (document,) = parse_text(_bar_table(rows)).documents
    assert [(t.number, [u.name for u in t.units], t.targets) for t in document.tasks] == [
        (numbers[0], ["测试县发展改革委", "测试县经济和信息化局"], []),
        (numbers[1], ["测试县文明办"], []),
        (numbers[2], ["测试县卫生健康委"], []),
    ]


def test_bar_lines_after_a_header_with_falling_numbers_are_no_table():
    rows = [
        ["序号", "主要工作目标", "目标任务主要内容", "牵头单位"],
        ["14", "推动测试产业提质", "做大做优测试产业。", "测试县发展改革委"],
        ["3", "建设测试宜居城市", "创成测试园林城市。", "测试县文明办"],
    ]
    assert (
        not parse_text(_bar_table(rows) + "一、测试\n（一）推进测试工作。（牵头单位：测试局）\n")
        .documents[0]
        .tasks[0]
        .number.isdigit()
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "到2025年，全区40%以上大型商场（建筑面积达到10万平方米及以上）基本满足绿色商场创建要求。",
        "到2025年，全区60%以上测试医院（床位在500张以上）实现智慧管理。",
    ],
)
def test_a_size_in_brackets_after_a_noun_defines_the_things_named(sentence):
    assert [t[2] for t in _item(sentence)] == ["%"]


def test_a_breakdown_in_brackets_keeps_its_figure():
    # (（其中…）: a breakdown, not a class)
    assert (">=", 200, "个") in _item("完成测试改造（其中新建200个以上）工程。")


@pytest.mark.parametrize(
    "sentence",
    [
        "对于规模超过100个标准机架（2.5KW）的数据中心逐一登记造册。",
        "对机柜数量超过300个标准机柜（单机柜功率2.5KW）的数据中心开展节能诊断。",
    ],
)
def test_a_threshold_with_its_own_bracket_before_de_is_a_scope(sentence):
    assert _item(sentence) == []


@pytest.mark.parametrize(
    "title",
    [
        "测试市测试区关于印发测试城市副中心(测试区)国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要区级任务分工方案的通知",
        "测试市人民政府办公室关于印发《测试市贯彻落实国民经济和社会发展第十四个五年规划纲要重点任务和主要指标责任分工方案》的通知",
    ],
)
def test_a_long_notice_title_on_one_line_names_the_plan_and_its_period(title):
    text = (
        f"{title}\n\n测政办发〔2021〕8号\n\n各街道办事处：\n\n现印发给你们，请认真贯彻落实。\n\n"
        "一、重点任务\n（一）推进测试工作，新建测试驿站12个。（牵头单位：区发改委）\n"
    )
    (document,) = parse_text(text).documents
    assert document.notice_title == title
    assert document.end_year == 2025
    assert [t.deadline_year for t in document.tasks[0].targets] == [2025]


@pytest.mark.parametrize(
    ("heading", "year"),
    [("一、省政府工作报告“十四五”时期重点工作涉测任务", 2025), ("一、2021—2023年重点工作涉测任务", 2023)],
)
def test_a_section_heading_naming_a_period_dates_its_undated_task_figures(heading, year):
    # an annual list (its title's year 2021) with a section of the period's goals
    text = (
        "2021年测试市重点工作责任分解\n\n"
        f"{heading}\n（一）稳定测试粮食生产，粮食产量稳定在120亿斤以上。（责任单位：测试市农业农村局）\n"
        "二、2021年重点工作\n（二）新建测试驿站12个。（责任单位：测试市民政局）\n"
    )
    (document,) = parse_text(text).documents
    assert [[t.deadline_year for t in task.targets] for task in document.tasks] == [[year], [2021]]
