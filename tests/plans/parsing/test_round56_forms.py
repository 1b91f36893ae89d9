"""Forms that round 56 read, found on the blind set r765–r774. All the snippets are synthetic
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


@pytest.mark.parametrize("star", ["*", "＊"])
def test_a_star_before_the_first_unit_of_a_cell_marks_the_lead(star):
    text = (
        "2022年测试市重点工作责任分解\n\n序号 | 重点工作 | 责任单位 |\n"
        f"1 | 人才资源总量超过150万人。 | {star}测试市委组织部、测试市人力社保局 |\n"
        "2 | 研发投入强度达到3.8%。 | 测试市科技局 |\n"
    )
    (document,) = parse_text(text).documents
    assert [(u.name, u.role) for u in document.tasks[0].units] == [
        ("测试市委组织部", "lead"),
        ("测试市人力社保局", "responsible"),
    ]


@pytest.mark.parametrize("heading", ["一、未来五年主要工作任务", "一、今后三年重点工作"])
def test_a_section_of_years_ahead_in_an_annual_list_leaves_its_figures_undated(heading):
    text = (
        "2022年测试市重点工作责任分解\n\n"
        f"{heading}\n（一）测试市地区生产总值突破1万亿元。（责任单位：测试市发展改革委）\n"
        "二、2022年重点工作\n（二）新建测试驿站12个。（责任单位：测试市民政局）\n"
    )
    (document,) = parse_text(text).documents
    assert [[t.deadline_year for t in task.targets] for task in document.tasks] == [[None], [2022]]


@pytest.mark.parametrize(
    ("clause", "last"),
    [
        ("(责任处室:新闻宣传处牵头,办公室和各处室单位负责落实)", ("各处室单位", "responsible")),
        ("（责任单位：测试局牵头，各有关单位负责落实）", ("各有关单位", "responsible")),
    ],
)
def test_a_generic_unit_closed_by_fuze_luoshi_is_named_without_it(clause, last):
    assert _units(clause)[-1] == last


@pytest.mark.parametrize(
    "clause",
    ["（责任单位：测试省林业局，市州、县市区人民政府）", "（责任单位：测试省林业局，市县、乡镇人民政府）"],
)
def test_levels_written_together_before_the_body_they_share_are_one_unit(clause):
    assert [name for name, _role in _units(clause)][1:] == [clause.split("，")[1].rstrip("）")]


def _one_cell_a_line(rows: list[list[str]]) -> str:
    return "\n".join(cell for row in rows for cell in row) + "\n"


@pytest.mark.parametrize("skip_units", [False, True])
def test_a_table_one_cell_a_line_whose_rows_go_on_in_sub_rows(skip_units):
    # 序号 | 工作事项 | 主要内容 | 牵头单位 | 配合单位: rows 1 and 3 go on in sub-rows that print the
    # cells after 工作事项 again (merged down in the source)
    other = "/" if skip_units else "测试市人社局"
    rows = [
        [
            "附件2",
            "关于推进测试医生签约服务工作的任务分工表",
            "序号",
            "工作事项",
            "主要内容",
            "牵头单位",
            "配合单位",
        ],
        [
            "1",
            "扩大测试医生来源。",
            "到2025年，每万常住人口测试医生数不低于4.66人。",
            "各区政府",
            "测试市卫生健康委",
        ],
        ["推动人才向基层倾斜，力争2025年每千常住人口基层卫生人员数不低于3.5人。", "各区政府", other],
        ["引导医师到基层参与签约服务。", "各区政府", "测试市卫生健康委"],
        ["2", "优化签约服务团队。", "组建测试团队提供签约服务。", "各区政府", "测试市卫生健康委"],
        ["3", "完善测试培训体系。", "完善测试培训体系。", "测试市卫生健康委", "/"],
        ["培养不少于3500名基层医生。", "各区政府", "测试市卫生健康委"],
        ["4", "支持社会力量开展签约服务。", "探索同等政策。", "各区政府", "测试市医保局"],
    ]
    (document,) = parse_text(_one_cell_a_line(rows)).documents
    got = [(t.number, [u.name for u in t.units], [t.value for t in t.targets]) for t in document.tasks]
    assert [g[0] for g in got] == ["1", "2", "3", "4"]
    assert got[0][1] == ["各区政府", "测试市卫生健康委", *([] if skip_units else ["测试市人社局"])]
    assert got[0][2] == [4.66, 3.5]
    assert got[2] == ("3", ["测试市卫生健康委", "各区政府", "测试市卫生健康委"], [3500])


def _full(line: str, width: int = 64) -> str:
    """``line`` padded to a PDF text layer's full width (a Chinese character counts two)."""
    while sum(1 if c.isascii() else 2 for c in line) < width - 1:
        line = "测" + line  # (in front: the line's end runs on into the next)
    return line


@pytest.mark.parametrize(("tail", "stray", "rest"), [("", "焚", "烧处理率"), ("焚烧处理", "率", "")])
def test_a_character_the_text_layer_put_on_its_own_line_stays_in_its_paragraph(tail, stray, rest):
    text = "\n".join(
        [
            "测试区城镇污水处理方案（测试）",
            "一、重点任务",
            _full("（一）完善测试设施建设，测试区城镇污水收集处理能力持续提升，测试"),
            _full("管网覆盖面持续扩大，到2025年测试区生活垃圾" + tail),
            stray,
            _full(rest + "达到70%以上。健全测试医疗废物收集、转运、处置"),
            _full("和利用体系，测试区县级以上城市建成区医疗废物无害化处置率持续"),
            "提高，管理水平全面提升。",
            "（责任单位：测试区住建局）",
        ]
    )
    (document,) = parse_text(text).documents
    assert [(t.value, t.deadline_year) for t in document.tasks[0].targets] == [(70, 2025)]


def test_a_second_piece_of_work_under_a_row_is_no_sub_row_of_units():
    # 5 / 开工建设县老年养护楼。 / 县民政局 / 5月底前动工 / 开工建设老年大学。 / 12月底前: the row's work
    # and deadline cells of two lines, its unit merged; every row keeps its units
    rows = [
        ["附件", "2016年测试县民生实事目标任务分解表", "序号", "民生实事", "责任单位", "完成时限"],
        ["1", "启动建设测试河综合治理工程。", "测试县水务局、测试县住建局", "12月底前"],
        ["2", "新建2座人行天桥。", "测试县住建局", "9月投入使用"],
        ["3", "开工建设测试县老年养护楼。", "测试县民政局", "5月底前动工", "开工建设老年大学。", "12月底前"],
        ["4", "完成棚户区改造2836户。", "测试县住建局", "12月底前"],
    ]
    (document,) = parse_text(_one_cell_a_line(rows)).documents
    assert [[u.name for u in t.units] for t in document.tasks] == [
        ["测试县水务局", "测试县住建局"],
        ["测试县住建局"],
        ["测试县民政局"],
        ["测试县住建局"],
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("测试物业项目经理每月与业主委员会至少沟通一次。", (">=", 1, "次", "月")),
        ("测试家庭医生应每季度至少主动联系1次签约居民。", (">=", 1, "次", "季度")),
    ],
)
def test_how_often_something_is_done_at_least_whatever_the_verb(sentence, expected):
    text = (
        f"测试区行动方案（测试）\n\n一、主要任务\n（一）建设测试设施。{sentence}（牵头单位：测试区卫健局）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.per) for t in document.tasks[0].targets] == [expected]
