"""Forms that round 57 read, found on the blind set r775–r784. All the snippets are synthetic
(（测试）): the places, the units and the figures are made up. Each form is written in two
spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _targets(sentence: str) -> list[tuple]:
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）{sentence}（牵头单位：测试区发展改革局）\n"
    (document,) = parse_text(text).documents
    return [(t.comparator, t.value, t.unit) for t in document.tasks[0].targets]


def _units(clause: str) -> list[tuple[str, str]]:
    text = f"测试区行动方案（测试）\n\n一、主要任务\n（一）建设测试设施。推进测试工作。{clause}\n"
    (document,) = parse_text(text).documents
    return [(u.name, u.role) for u in document.tasks[0].units]


@pytest.mark.parametrize(("title", "year"), [("数字测试2021行动方案", 2021), ("测试市2023工作要点", 2023)])
def test_a_year_written_straight_before_the_plan_it_names_time_boxes_it(title, year):
    text = f"{title}\n\n一、主要任务\n（一）新建测试基站1000个。（测试省大数据局牵头）\n"
    (document,) = parse_text(text).documents
    assert document.end_year == year
    assert [t.deadline_year for t in document.tasks[0].targets] == [year]


def _full(line: str, width: int = 68, *, front: bool = True) -> str:
    """``line`` padded to a justified PDF text layer's full width (a Chinese character counts two),
    in front of it or, for a line opening on its number, after its opening words."""
    while sum(1 if c.isascii() else 2 for c in line) < width - 1:
        line = "测" + line if front else line[:6] + "测" + line[6:]
    return line


# a justified text layer: 24 lines in the band of the full width (digits and punctuation make them
# differ by a few columns) before the lines under test
_BODY = [_full("完善测试设施建设，测试区城镇污水收集处理能力持续提升，测试", 68 - k % 4) for k in range(24)]


@pytest.mark.parametrize(
    ("figure", "after"), [("100%", "，新增测试停车位12万个。"), ("95.5%", "。新增测试停车位12万个。")]
)
def test_a_justified_line_broken_before_a_number_goes_on(figure, after):
    # …公交站点500米覆盖率达到 / 100%，新增…: the number did not fit, the line is short of the band
    text = "\n".join(
        [
            "测试省城乡建设绿色发展若干措施（测试）",
            "一、总体要求",
            *_BODY,
            "（测试省住房城乡建设厅负责）",
            "二、重点任务",
            _full("（一）优化测试交通。推动测试轨道交通与铁路无缝衔接，测试", front=False),
            # (short of the band by the number that did not fit)
            _full("测试中心城区公交站点500米覆盖率达到", 58),
            figure + after + "（测试省交通运输厅牵头）",
            "（二）推进测试设施。建成测试驿站50个。（测试省民政厅牵头）",
        ]
    )
    (document,) = parse_text(text).documents
    tasks = {t.number: t for t in document.tasks}
    assert [(t.value, t.unit) for t in tasks["（一）"].targets] == [(float(figure[:-1]), "%"), (12, "万个")]


@pytest.mark.parametrize("gap", [" ", "  "])
def test_items_run_on_after_a_heading_and_a_closing_unit_clause_are_items(gap):
    # 二、推动测试设施绿色升级 （四）推进…。建立城 / 乡…负责） （五）推进…: a text layer that put the
    # heading and the next items on the lines before them
    text = "\n".join(
        [
            "测试省城乡建设绿色发展若干措施（测试）",
            "一、构建测试发展空间",
            "（一）推动测试城市群绿色发展。落实测试战略，构建测试格局。（测试省发展改革委牵头）",
            *_BODY,
            f"二、推动测试设施绿色升级{gap}（二）推进测试设施一体化。建立城",
            _full("乡测试设施一体化规划建设和管护机制，推进测试设施补短板和更新改造专项"),
            _full("行动，到2025年新建城市道路600公里。（测试省住房城乡建设厅牵头，测试"),
            f"省水利厅等按照职责分工负责）{gap}（三）推进测试生态设施体系化。统筹推进",
            _full("测试城乡绿化和生态廊道建设，构建完整连贯的生态绿地和廊道系统测试测"),
            "试，2025年测试城市建成区绿地率达到37.5%。（测试省自然资源厅牵头）",
        ]
    )
    (document,) = parse_text(text).documents
    tasks = {t.number: t for t in document.tasks}
    assert list(tasks) == ["（一）", "（二）", "（三）"]
    assert [t.value for t in tasks["（二）"].targets] == [600]
    assert [t.value for t in tasks["（三）"].targets] == [37.5]
    assert [u.name for u in tasks["（二）"].units] == ["测试省住房城乡建设厅", "测试省水利厅"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2025年测试非常规水利用量达到15亿立方。", [(">=", 15, "亿立方")]),
        ("测试施工现场建筑垃圾排放不高于300吨/万平方米。", [("<=", 300, "吨/万平方米")]),
        ("测试城市人均用水量不高于120吨/万人。", [("<=", 120, "吨/万人")]),
    ],
)
def test_cubic_metres_as_spoken_and_a_rate_per_area(sentence, expected):
    assert _targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the kinds of a thing listed before it, then its count
        (
            "培育测试重点实验室、测试制造业创新中心、测试工业设计中心等各级各类平台1000家以上。",
            [(">=", 1000, "家")],
        ),
        ("建设测试数据中心、测试超算中心、测试边缘计算节点等新型基础设施20个。", [(">=", 20, "个")]),
        # the count of the fields where the work is done
        ("在10个以上领域实现测试数据实时汇聚。", [(">=", 10, "个")]),
        ("在20个县推广测试模式。", [(">=", 20, "个")]),
        # not the count of the parts of a specification
        ("对测试站点的建筑及场地、压缩设备和箱体、配套设施等四大类22个小项进行改造。", []),
    ],
)
def test_a_count_after_the_kinds_it_covers_or_of_the_fields_worked_in(sentence, expected):
    assert _targets(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "支持测试砂石、煤炭等大宗货物年运输量150万吨以上的大型工矿企业新建铁路专用线。",
        "推动年用电量500万千瓦时以下的中小企业开展测试改造。",
    ],
)
def test_a_bounded_size_before_the_kind_of_body_it_sorts_is_a_scope(sentence):
    assert _targets(sentence) == []


def test_a_scale_reached_is_a_target_and_a_scale_class_is_not():
    assert _targets("到2025年，测试数字经济产业能级达到万亿级，测试产业规模均达到7000亿级。") == [
        (">=", 1, "万亿"),
        (">=", 7000, "亿"),
    ]
    assert _targets("营业收入突破千亿级。") == [(">", 1000, "亿")]
    assert _targets("打造3个千亿级测试产业集群。") == [(">=", 3, "个")]


@pytest.mark.parametrize("name", ["测试市委机要保密局", "测试市对外友好协会"])
def test_unit_names_holding_a_function_word_are_names(name):
    assert _units(f"（责任单位：测试市工业和信息化局、{name}、各区县政府）") == [
        ("测试市工业和信息化局", "responsible"),
        (name, "responsible"),
        ("各区县政府", "responsible"),
    ]


@pytest.mark.parametrize("first", [80, 7])
def test_an_extract_of_a_table_one_cell_a_line_opens_on_its_own_row_number(first):
    cells = [
        "序号 |",
        "目标与任务 |",
        "分 管 县领导 |",
        "牵头责任单位 |",
        "责任单位 |",
        f"{first} |",
        "加大测试托育供给，新增托位数400个以上。 |",
        "测 试 |",
        "测试县教育局 |",
        "测试县各有关单位 |",
        f"{first + 1} |",
        "支持测试学校发展。 |",
        "测 试 |",
        "测试县教育局 |",
        "测试县各有关单位 |",
    ]
    text = "2024年测试县《政府工作报告》重点工作目标任务分解表\n" + "\n".join(cells) + "\n"
    (document,) = parse_text(text).documents
    got = [
        (t.number, [(u.name, u.role) for u in t.units], [t.value for t in t.targets]) for t in document.tasks
    ]
    assert got == [
        (str(first), [("测试县教育局", "lead"), ("测试县各有关单位", "responsible")], [400]),
        (str(first + 1), [("测试县教育局", "lead"), ("测试县各有关单位", "responsible")], []),
    ]


@pytest.mark.parametrize("comma", [",", "，"])
def test_a_spaced_table_whose_header_ends_the_notice_line(comma):
    # a forum reprint: the notice, its attachment's title and the table's header on one line, then
    # rows one a line with a merged 名称 cell left out; 现下达给你们 hands the year's list down
    text = (
        "测试市人民政府办公室关于分解落实2018年政府工作任务的通知 各镇人民政府"
        f"{comma}市各委办局: 市政府将2018年政府工作分解为3项工作目标"
        f"{comma}现下达给你们{comma}请认真组织实施. 附件:测试市2018年政府工作任务分解表 "
        "序号 名称 工作任务 牵头责任单位\n\n"
        "一、经济社会发展主要预期目标分解(3项)\n\n"
        f"1 测试地区生产总值增长7%以上{comma}服务业增加值占GDP比重47.1%. 测试发改委\n\n"
        "2 测试一般公共预算收入增长8%以上. 测试财政局\n\n"
        "3 测试研发经费支出占GDP比重提高到2.8%. 测试科技局、测试经信委\n"
    )
    (document,) = parse_text(text).documents
    got = [
        (
            t.number,
            [u.name for u in t.units],
            [(t2.comparator, t2.value, t2.deadline_year) for t2 in t.targets],
        )
        for t in document.tasks
    ]
    assert got == [
        ("1", ["测试发改委"], [("increase_by", 7, 2018), ("=", 47.1, 2018)]),
        ("2", ["测试财政局"], [("increase_by", 8, 2018)]),
        ("3", ["测试科技局", "测试经信委"], [(">=", 2.8, 2018)]),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试地区生产总值增长7%以上，服务业增加值占GDP比重47.1%。", [("increase_by", 7), ("=", 47.1)]),
        ("测试研发投入增长10%左右；高新技术产业产值占比45%。", [("increase_by", 10), ("=", 45)]),
        # not after a figure that sets nothing
        ("涉及测试居民户数1987户，测试楼栋占比92%。", []),
    ],
)
def test_a_level_listed_after_another_target_of_the_item(sentence, expected):
    assert [(c, v) for c, v, _ in _targets(sentence)] == expected
