"""Forms that round 93 read, found on the blind sets r951–r962 (State Council opinions run into one
line, a joint provincial marine plan and a city's carbon-credit scheme in PDF text layers, a county's
sand supply plan). All the snippets are synthetic (（测试）): the places, the units and the figures
are made up. Each form is written in two spellings or more so that a rule fitting one text fails;
expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import sentence_figures

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize("role", ["参与", "配合"])
def test_unnumbered_paragraphs_whose_clause_a_line_break_splits(role):
    text = (
        "测试省海洋生态环境保护规划\n一、主要任务\n（一）深化测试污染治理\n"
        "强化测试排污口整治。建立健全测试全链条治理体系，2025年年底\n"
        "前，完成测试排污口整治任务。（省生态环境厅牵头，省住房城乡建设厅、\n"
        f"省农业农村厅等{role}）\n"
        "推进测试河流水质改善。开展测试河流陆海协同治理，进一步削减入湾污染\n"
        f"通量。（省生态环境厅、省住房城乡建设厅牵头，\n省水利厅{role}）\n"
        "推动测试河流总氮控制。开展测试总氮来源排查。（省生态环境厅牵头）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.text[:6] for t in document.tasks][-2:] == ["推进测试河流", "推动测试河流"]
    second = document.tasks[-2]
    cooperating = "cooperating"
    assert {(u.name, u.role) for u in second.units} == {
        ("省生态环境厅", "lead"),
        ("省住房城乡建设厅", "lead"),
        ("省水利厅", cooperating),
    }


@pytest.mark.parametrize(("cut", "rest"), [("（责", "任单位："), ("（责任", "单位："), ("（牵", "头单位：")])
def test_a_role_label_a_line_break_cuts(cut, rest):
    text = (
        "测试市碳普惠体系建设工作方案\n一、主要任务\n"
        f"1．成立测试促进会。搭建政府与企业沟通平台，参与测试宣传推广等工作。{cut}\n"
        f"{rest}市生态环境局、市发展改革委）\n"
        "2．制定测试管理办法。明确测试减排量的管理流程。（责任单位：市生态环境局）\n"
    )
    (document,) = parse_text(text).documents
    assert [u.name for u in document.tasks[0].units] == ["市生态环境局", "市发展改革委"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the bodies chosen for a pilot
        ("选择1-2家测试商贸企业开展绿色供应链试点。", [("range", 1, "家")]),
        ("各市选取3个测试区域开展试点探索。", [(">=", 3, "个")]),
        # not the size the places chosen must have
        ("原则上选取100平方米以上的测试集中充电场所进行改造。", []),
        # a rule of entry for new projects, not a target; a goal year after it starts one again
        ("新上测试制造项目应满足测试电池转换效率不低于20%、测试组件效率不低于18%。", []),
        ("新建测试项目应达到能效标杆水平，到2025年，能效标杆水平以上产能比例达到30%。", [(">=", 30, "%")]),
        # the longest a benefit lasts, in brackets
        ("按期关停的测试机组在一定期限内（最多不超过3年）可享受发电量指标。", []),
        # the aspects a measure looks at
        ("从测试问题解决率、测试建设进度、测试开通率等3个方面对各单位进行考核。", []),
    ],
)
def test_chosen_bodies_entry_rules_terms_and_aspects(sentence, expected):
    assert [f[:3] for f in sentence_figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "下半年测试砂产能达80万方（本区生产60万方及区外调入20万方）。",
            [(">=", 80, "万方"), (">=", 60, "万方"), (">=", 20, "万方")],
        ),
        (
            "到2025年，测试学校学位达到5000个（公办3000个、民办2000个）。",
            [(">=", 5000, "个"), (">=", 3000, "个"), (">=", 2000, "个")],
        ),
        # parts that do not add up to the whole are no breakdown of it
        ("下半年测试砂产能达80万方（本区现有60万方及区外调入50万方）。", [(">=", 80, "万方")]),
    ],
)
def test_a_breakdown_in_brackets_without_qizhong_adds_up_to_the_whole(sentence, expected):
    assert sentence_figures(sentence) == expected


def test_an_item_whose_opening_clause_holds_a_framing_word_later_on_is_work():
    # the item has no title: its label is the opening of its sentence, and 范围 stands in its second clause
    text = (
        "国务院批转测试委关于加快关停测试机组若干意见的通知\n"
        "为加快测试电力工业结构调整，促进节能减排，根据《测试决定》和《测试目录》的有关规定，结合测试电力行业"
        "发展的实际情况，在广泛听取各地区、各部门和测试企业意见的基础上，经认真研究，"
        "现就加快关停测试机组工作提出以下意见：一、“十一五”期间，在大电网覆盖范围内逐步关停以下测试机组："
        "单机容量5万千瓦以下的常规测试机组；运行满20年的测试机组；按照设计寿命服役期满的各类测试机组。"
        "二、对在役的测试机组，要实施在线监测，由省级人民政府组织对其开展认定和定期复核工作。"
        "三、电网企业要加快配套电网建设，扩大供电范围，提高供电可靠性，并制订科学的供电预案，保证测试机组关停后的电力供应。"
        "四、各级环保部门要严格执行国家环保政策，加强对电厂污染物排放的监督检查。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["一、", "二、", "三、", "四、"]


@pytest.mark.parametrize("suffix", ["职责", "主要职责", "工作职责"])
def test_a_duty_heading_names_its_body_before_the_word_duties(suffix):
    text = (
        "测试区基层消防安全综合治理实施意见\n一、工作目标\n到2025年，基本建立测试治理体系。\n三、工作职责\n"
        f"（一）街镇（园区）测试安全委员会{suffix}\n1．贯彻落实测试法律法规。\n2．组织开展测试检查。\n"
        f"（二）测试安全管理办公室{suffix}\n1．及时报告测试情况。\n2．督促整改测试隐患。\n"
        f"（三）成员单位{suffix}\n1．按照职责分工做好测试工作。\n"
    )
    (document,) = parse_text(text).documents
    units = {t.number: [u.name for u in t.units] for t in document.tasks if t.units}
    assert units == {"（一）": ["街镇（园区）测试安全委员会"], "（二）": ["测试安全管理办公室"]}


@pytest.mark.parametrize("year", ["2019年下半年", "2020年"])
def test_a_goal_section_run_into_its_year_on_one_line(year):
    text = (
        "测试区管委会办公室关于印发测试区砂石材料保障供应实施方案的通知 各片区管理局，区直各单位：现将方案印发给你们，"
        "请认真组织实施。 测试区管委会办公室 2019年7月1日测试区砂石材料保障供应实施方案 为保障测试区建设工程砂石材料"
        "供应，结合实际，制定本方案。一、总体要求坚持规划引领，促进测试砂石市场稳定发展，打击非法违法开采行为。"
        f"二、年度目标{year}，推动测试矿区机制砂项目落地，机制砂产能达80万方。三、主要任务（一）加快测试砂石企业落地投产。"
        "测试企业应抓紧办理采矿许可、安全生产许可、水土保持、环境评价等有关手续，确保全线投产。"
        "（二）规范测试砂石市场秩序。严厉查处无照经营砂石的违法行为，打击非法违法开采行为，促进经济建设和生态保护协调发展。"
    )
    (document,) = parse_text(text).documents
    assert [(t.value, t.unit) for t in document.targets] == [(80, "万方")]


@pytest.mark.parametrize("heading", ["创建对象", "适用对象"])
def test_whom_a_scheme_is_for_is_no_task(heading):
    text = (
        "测试市绿色建筑创建行动方案\n"
        f"一、{heading}\n测试创建行动以城镇建筑作为创建对象。\n"
        "二、重点任务\n（一）推动测试新建建筑全面执行绿色建筑标准。\n（二）提升测试既有建筑能效水平。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]


def test_a_line_of_figures_whose_first_belongs_before_the_measure_the_line_opens_on():
    # a PDF's text layer sets the figures of a line apart, on a line of their own under it; the line
    # opens on a measure (万亩) whose figure ends the line above
    text = (
        "测试省科学绿化实施意见\n一、主要目标\n"
        "统筹山水林田湖草沙冰一体化保护和修复，集中用 年左右时间，完成测试造林\n5\n"
        "万亩，中幼林抚育 万亩，新建改造绿色通道 万公里。\n1000 1200 1\n"
        "二、主要任务\n（一）科学编制测试绿化规划。\n（二）合理安排测试绿化用地。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.value, t.unit) for t in document.targets] == [(1000, "万亩"), (1200, "万亩"), (1, "万公里")]


@pytest.mark.parametrize("standing", ["以下均需各市州党委和政府落实，不再列出", "以下均需各区人民政府落实"])
def test_a_sole_unit_leads_beside_the_standing_units_of_every_task(standing):
    text = (
        "测试省环境信息依法披露制度改革实施方案\n一、主要任务\n"
        f"1.明确测试披露主体。严格落实测试管理办法。（省生态环境厅负责。{standing}）\n"
        "2.确定测试企业名单。按照有关规定确定企业名单。（省生态环境厅负责）\n"
    )
    (document,) = parse_text(text).documents
    first = document.tasks[0]
    assert [u.name for u in first.units if u.role == "lead"] == ["省生态环境厅"]
    assert [u.role for u in first.units if u.name != "省生态环境厅"] == ["responsible"]
