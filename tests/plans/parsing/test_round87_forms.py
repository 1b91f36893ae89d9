"""Forms that round 87 read, found on the blind sets r903–r914 (county notices run into one line, a
city's green-building plans, a municipal plan whose units guide and the districts carry out, a
county's grain subsidies). All the snippets are synthetic (（测试）): the places, the units and the
figures are made up. Each form is written in two spellings or more so that a rule fitting one text
fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import docx_bytes, sentence_figures, wrapped

from gongzhi.plans.parsing import parse_text


def _task(sentence: str):
    text = f"测试方案\n一、重点任务\n（一）{sentence}\n（二）加强测试。（测试市大数据局负责）\n"
    return parse_text(text).documents[0].tasks[0]


@pytest.mark.parametrize(
    ("notice", "goals", "expected"),
    [
        (
            "《测试区2016年度测试工作要点》已经区管委会研究通过，现印发给你们。",
            "我区测试工作的预期目标是：全年共接待测试游客290万人次，增长25%，实现测试收入11亿元。",
            [(">=", 290, "万人次"), ("increase_by", 25, "%"), (">=", 11, "亿元")],
        ),
        (
            "《测试县测试方案》已经县政府同意，现印发给你们，请认真贯彻执行。",
            "今年测试工作的目标任务是：完成测试改造120户，测试覆盖率达到90%。",
            [(">=", 120, "户"), (">=", 90, "%")],
        ),
    ],
)
def test_the_goals_of_a_preamble_after_a_notice_on_one_line(notice, goals, expected):
    filler = (
        "加强测试巡查，全面排查测试问题，依法查处测试违法行为，推动测试整改落实到位，形成测试长效机制。" * 2
    )
    text = " ".join(
        [
            "测试区测试通知",
            f"各测试单位：{notice} 测试区管委会 2016年2月5日 测试工作要点 {goals}具体如下：",
            f"一、推进测试规划 {filler}由区测试局牵头。",
            f"二、加强测试管理 {filler}由区测试中心负责。",
            f"三、开展测试宣传 {filler}由区测试办负责。",
        ]
    )
    document = parse_text(text).documents[0]
    assert [(t.comparator, t.value, t.unit) for t in document.targets] == expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "（测试市住房城乡建设委、测试市民政局按照职责分工指导推动，各区人民政府组织实施）",
            ["测试市住房城乡建设委", "测试市民政局", "各区人民政府"],
        ),
        ("（测试市发展改革委指导推动，各区政府负责落实）", ["测试市发展改革委", "各区政府"]),
    ],
)
def test_units_that_guide_and_the_districts_that_carry_out(clause, expected):
    task = _task(f"建立健全测试社区人居环境建设机制，推动测试社区治理{clause}。")
    assert [u.name for u in task.units] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "到2022年底，全市各区60%以上的城市社区参与测试创建行动并达到创建要求。",
            [(">=", 60, "%")],
        ),
        ("各县80%的行政村达到测试美丽乡村标准。", [(">=", 80, "%")]),
        ("各镇街70%以上达到测试创建标准。", [(">=", 70, "%")]),
    ],
)
def test_a_share_taken_in_each_place(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "完成测试水库库区总清淤量约484万m3；完成测试雨洪利用工程，实现收集岛内45km2的雨水。",
            [(">=", 484, "万m3"), (">=", 45, "km2")],
        ),
        ("新建测试绿地1.2万m²，新增测试蓄水能力3000m³。", [(">=", 1.2, "万m²"), (">=", 3000, "m³")]),
    ],
)
def test_metric_units_in_latin_letters(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    "note",
    [
        "（该项仅补助复垦种植第一年。）",
        "（其中测试小微企业按实际费用的50%申请补助）",
    ],
)
def test_a_bare_units_label_after_a_closing_note(note):
    text = (
        "测试通知\n一、落实测试任务。加强测试。责任单位:区测试局\n"
        f"二、政策激励挖掘测试潜力。对测试种植户给予补助{note}责任单位:区测试农业农村局、测试财政金融局\n"
        "三、提升测试能力。加强测试。责任单位:区测试中心\n"
    )
    tasks = parse_text(text).documents[0].tasks
    assert [t.number for t in tasks] == ["一、", "二、", "三、"]
    assert [u.name for u in tasks[1].units] == ["区测试农业农村局", "测试财政金融局"]


@pytest.mark.parametrize(
    "sentence",
    [
        "对集中连片种植30亩以上的测试马铃薯种植户，继续按照2020年的补助标准每亩补助200元。",
        "对种植单季稻30亩以上的测试种植户，按实际面积每亩补助200元。",
        "对经营面积50亩以上的测试家庭农场，每个补助1万元。",
    ],
)
def test_the_size_of_the_farms_a_subsidy_is_for_is_no_target(sentence):
    assert sentence_figures(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "对测试投资机构投资于年销售收入不超过2000万元的人工智能领域初创期科技型中小企业的投资项目，给予不超过实际投资额5%的风险补助。",
        "对年营业收入不超过5000万元的测试领域成长型中小企业，给予不超过贷款金额2%的贴息。",
    ],
)
def test_the_firms_a_policy_is_for_and_the_rate_it_gives_are_no_targets(sentence):
    assert sentence_figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "其中，政府投资的建筑、建筑面积大于2万平方米的测试大型公共建筑，按照高于最低等级的标准进行建设。",
            [],
        ),
        ("单宗土地面积达到50亩的出让、划拨测试居住建筑地块，应在规划条件中明确建设要求。", []),
        ("对产危废量超过100吨企业实施强制性测试清洁生产审核。", []),
        ("每年重点推进总面积不少于20万平方米的测试整治任务。", [(">=", 20, "万平方米")]),
        ("全市测试绿色建筑面积达到1000万平方米。", [(">=", 1000, "万平方米")]),
    ],
)
def test_the_measure_of_the_things_a_rule_applies_to(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize("columns", [72, 82])
def test_a_word_file_made_from_a_pdf_one_line_a_paragraph_reads_as_the_text(columns):
    from gongzhi.plans.parsing import parse_bytes

    fields = ["工业", "农业", "交通", "建筑", "能源", "商贸", "文旅", "水务"]
    paragraphs = [
        "测试市测试绿色低碳发展若干措施",
        "一、总体要求",
        "（一）主要目标。到2025年，测试产业结构、能源结构、运输结构明显优化，测试绿色产业比重显著提升，"
        "基础设施绿色化水平不断提高，全市测试空气质量优良天数比例提高9.8个百分点，测试单位能耗下降16%以上，"
        "测试高新技术产业增加值占规模以上工业比重提高到42%左右，测试非化石能源消费占比提高到8%。",
        "二、重点任务",
        *(
            f"（{'二三四五六七八九'[k]}）推进测试{field}绿色升级。巩固测试{field}领域已有成果，大力实施测试{field}节能低碳改造，"
            f"加快推动测试{field}绿色转型，推动测试{field}重点单位开展清洁生产审核，培育测试{field}绿色示范项目，"
            f"完善测试{field}绿色标准体系，加强测试{field}统计监测和考核评价。"
            for k, field in enumerate(fields)
        ),
    ]
    lines = wrapped("\n".join(paragraphs), columns).split("\n")

    def figures(result):
        document = result.documents[0]
        return [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets]

    as_text = figures(parse_bytes("\n".join(lines).encode("utf-8"), "a.txt"))
    # (the text is read as wrapped: the goal paragraph's year reaches its last figure)
    assert as_text[-1] == (">=", 8, "%", 2025)
    assert figures(parse_bytes(docx_bytes(lines), "a.docx")) == as_text
