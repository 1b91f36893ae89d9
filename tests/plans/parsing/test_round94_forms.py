"""Forms that round 94 read, found on the blind sets r975–r986 (a provincial department's yearly
work plan whose sections end in a 责任处室 line, county plans of 平潭 run into one line). All the
snippets are synthetic (（测试）): the places, the units and the figures are made up. Each form is
written in two spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import sentence_figures
from pdfgen import build_pdf

from gongzhi.plans.parsing import parse_bytes, parse_text


@pytest.mark.parametrize(
    ("plan", "measures", "label", "deadline"),
    [
        ("（一）年度工作计划", "（二）具体工作措施", "责任处室", "完成时限：2026年12月底前\n"),
        ("（一）工作目标", "（二）主要措施", "责任单位", ""),
        ("（一）年度目标", "（二）推进措施", "牵头单位", "完成时间：2026年6月底前\n"),
    ],
)
def test_a_section_whose_facets_end_in_one_label_is_one_task(plan, measures, label, deadline):
    text = (
        "测试厅2026年度工作计划和措施清单\n"
        "一、开展测试调查工作\n"
        f"{plan}\n完成测试调查，完成6条测试河流确权登记。\n"
        f"{measures}\n"
        "1.选用测试作业队伍。通过公开招标选聘测试队伍。\n"
        "2.加强测试沟通联系。定期召开测试调度会议。\n"
        f"{label}：测试调查监测处\n{deadline}"
        "二、推进测试规划编制\n"
        f"{plan}\n加快编制测试规划。\n"
        f"{measures}\n"
        "1.优化测试功能区。\n"
        "2.完善测试规划成果。\n"
        f"{label}：测试规划处\n{deadline}"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("一、", ["测试调查监测处"]),
        ("二、", ["测试规划处"]),
    ]
    first = document.tasks[0]
    assert [(g.value, g.unit) for g in first.targets] == [(6, "条")]


def test_items_of_work_under_a_section_keep_their_own_labels():
    # (not facets: each measure is work, and each names its unit)
    text = (
        "测试厅2026年度工作计划\n"
        "一、开展测试调查工作\n"
        "（一）选用测试作业队伍\n通过公开招标选聘测试队伍。\n责任处室：测试调查监测处\n"
        "（二）加强测试沟通联系\n定期召开测试调度会议。\n责任处室：测试综合处\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("（一）", ["测试调查监测处"]),
        ("（二）", ["测试综合处"]),
    ]


@pytest.mark.parametrize("verb", ["按分工负责", "按照分工负责"])
def test_units_each_doing_its_share(verb):
    text = (
        "测试气候投融资试点工作方案\n一、重点任务\n"
        f"1. 编制测试方案。指导测试地方编制试点方案。（测试部牵头，各相关部门{verb}）\n"
        f"2. 有序发展测试金融。推动测试金融产品开发。（测试部、测试银行、测试监管局{verb}）\n"
    )
    (document,) = parse_text(text).documents
    assert [[(u.name, u.role) for u in t.units] for t in document.tasks] == [
        [("测试部", "lead"), ("各相关部门", "responsible")],
        [("测试部", "responsible"), ("测试银行", "responsible"), ("测试监管局", "responsible")],
    ]


@pytest.mark.parametrize(("lead", "other"), [("牵头", "参与"), ("牵头负责", "配合")])
def test_paragraphs_of_work_a_page_ran_into_one_line(lead, other):
    # a crawled page: the whole plan on one line, each paragraph of work a title sentence, its
    # text and its parenthesis of units, the next one's title run on after the bracket
    pieces = [
        (
            "取缔测试小企业",
            "全面排查装备水平低的测试小型工业企业，2026年底前全部取缔。",
            "测试环境局",
            "测试发展局",
        ),
        ("专项整治测试行业", "推进测试船舶修造、测试电子加工等行业专项治理。", "测试环境局", "测试事业局"),
        ("持续整治测试矿山", "全面禁止测试矿产开采，严厉打击非法采矿。", "测试资源局", "测试执法局"),
        ("加快测试污水处理", "加快推进测试污水处理厂、测试再生水站等建设。", "测试建设局", "测试发展局"),
    ]
    body = "".join(f"{title}。{text}（{a}{lead}，{b}等{other}）" for title, text, a, b in pieces)
    text = (
        "测试区水污染防治工作方案 当前位置：首页 测试区管委会关于印发水污染防治工作方案的通知"
        "一、总体要求深入贯彻测试精神，全面落实测试部署，系统推进测试水污染防治。"
        f"二、主要任务（一）全面控制测试污染1．狠抓测试行业整治{body}"
        "（二）推进测试节水1．提高测试用水效率抓好测试工业节水。执行测试用水定额标准。（测试发展局牵头）"
    )
    (document,) = parse_text(text).documents
    got = [(t.text[:4], [u.name for u in t.units]) for t in document.tasks]
    for title, _text, a, b in pieces[1:]:
        assert (title[:4], [a, b]) in got
    assert len([t for t in got if "测试环境局" in t[1]]) == 2


@pytest.mark.parametrize(("last", "space"), [("测试市场监管局等", ""), ("区内各相关测试企业", " ")])
def test_the_next_item_glued_to_a_bare_unit_list(last, space):
    # a crawled page run into one line: the next （N） right after the last name of a bare
    # 牵头单位：…，配合单位：… list, which may end in 等 or in a kind of body (企业)
    items = [
        # (a space inside a heading, its first item run on after it: （一）“互联网+” 测试产业1．行动目标)
        (f"“互联网+”{space}测试产业", "推动测试企业总部落地测试区，打造测试装备产业链。"),
        (f"“互联网+”{space}测试农业", "建立健全测试区互联网与农业融合发展体系，推进测试物联网应用。"),
        (f"“互联网+”{space}测试物流", "发展以测试港口物流、测试冷链物流为重点的物流业态，做大测试跨境电商。"),
    ]
    body = "".join(
        f"（{n}）{title}1．行动目标。到2028年，{text[:8]}水平明显提升。2．主要任务{text}"
        f"牵头单位：测试局{k}处，配合单位：测试发改处、{last}"
        for k, (n, (title, text)) in enumerate(zip("一二三", items, strict=True), 1)
    )
    text = (
        "测试区积极推进“互联网+”行动实施方案 当前位置：首页 测试区管委会印发实施方案的通知"
        "一、总体要求充分发挥测试区政策优势，大力拓展互联网与经济社会各领域融合的广度和深度。"
        f"二、重点领域行动{body}三、保障措施（一）加强测试组织领导。建立测试联席会议制度。"
    )
    (document,) = parse_text(text).documents
    got = [(t.number, [u.name for u in t.units if u.role == "lead"]) for t in document.tasks]
    assert [g for g in got if g[0].startswith("（")] == [
        ("（一）", ["测试局1处"]),
        ("（二）", ["测试局2处"]),
        ("（三）", ["测试局3处"]),
    ]


def _pdf_plan(table) -> bytes:
    return build_pdf(
        [
            [
                "测试区数字城市建设实施方案",
                "一、工作目标",
                "到2026年，建成测试智慧平台1个。",
                "附件",
                "重点任务分工表",
                table,
                "测试区人民政府办公室 2026年1月5日印发",
            ]
        ]
    )


@pytest.mark.parametrize("lead", ["牵头单位", "牵头部门"])
def test_a_pdf_s_ruled_table_is_read_as_rows_of_cells(lead):
    table = [
        ["序号", "重点任务", lead, "责任单位", "完成时限"],
        # (a row of one cell across the table: a section's heading)
        ["一、测试基础设施"],
        ["1", "建设测试智慧平台", "测试区大数据局", "测试区财政局", "2026年底"],
        ["2", "完成测试老旧小区改造20个", "测试区住建局", "各测试街道", "2026年12月"],
        # (a cell merged with the one above: its text is the row's too, as in a .docx table)
        ["3", "推进测试垃圾分类", None, "测试区城管局", "持续推进"],
    ]
    (document,) = parse_bytes(_pdf_plan(table), "方案.pdf").documents
    assert [(t.number, [(u.name, u.role) for u in t.units]) for t in document.tasks] == [
        ("1", [("测试区大数据局", "lead"), ("测试区财政局", "responsible")]),
        ("2", [("测试区住建局", "lead"), ("各测试街道", "responsible")]),
        ("3", [("测试区住建局", "lead"), ("测试区城管局", "responsible")]),
    ]
    assert [(g.value, g.unit) for g in document.tasks[1].targets] == [(20, "个")]
    assert document.tasks[0].path[-1] == "一、测试基础设施"
    assert document.tasks[0].deadline == "2026年底"


def test_a_pdf_printed_on_ruled_lines_is_read_as_text():
    # (a page printed on ruled lines is found as a table of one column, one line a row: its lines)
    lines = [
        ["1.建设测试智慧平台。整合测试数据资源。（责任单位：测试区大数据局）"],
        ["2.推进测试垃圾分类。完善测试分类设施。（责任单位：测试区城管局）"],
    ]
    (document,) = parse_bytes(_pdf_plan(lines), "方案.pdf").documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("1.", ["测试区大数据局"]),
        ("2.", ["测试区城管局"]),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a price the policy sets or guides: not work to do
        ("测试省煤炭出矿环节中长期交易价格区间确定为每吨480—680元（含税）。", []),
        ("对单车价格（不含增值税）30万元以下的测试车辆给予补贴。", []),
        ("测试粮食最低收购价每斤1.2元。", []),
        # (a cap on what a service may cost is a target)
        ("测试助餐服务价格控制在每餐15元以内。", [("<=", 15, "元")]),
        # money to spend or raise still is
        ("到2026年，完成测试项目投资10亿元。", [(">=", 10, "亿元")]),
    ],
)
def test_prices_are_not_targets(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the size that makes a body eligible for an award: not work
        ("对流转100亩以上测试山垅田经营权的农民合作社，省级财政一次性给予每亩100元的奖励。", []),
        ("对新增测试设备投资500万元以上的企业，按投资额的10%给予补助。", []),
        # (a bound before the figure, and the share of a cost given)
        ("对日加氢能力不低于500千克的测试加氢站，按照20元/千克的标准给予运营补贴。", []),
        ("对测试制氢设备投资额外给予设备购置成本50%、不超过200万元的资金补贴。", []),
        # a count of bodies the work must reach still is
        ("到2026年，培育流转100亩以上的测试农民合作社20家。", [(">=", 20, "家")]),
    ],
)
def test_the_size_that_makes_a_body_eligible_is_not_a_target(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the share, ceiling or standard of a subsidy, and the size a project must have to get it
        ("测试项目应为存量项目，单体项目总投资不低于2000万元，支持比例不超过核定总投资的15%。", []),
        ("对测试高校支持额度不超过5亿元，其他测试学校不超过2亿元。", []),
        ("测试以旧换新按售价的15%补贴，单部最高补贴不超过1000元。", []),
        ("测试回收体系建设项目总投资不低于3000万元，贴息比例不超过40%。", []),
        ("测试国债资金支持比例不超过项目批复固定资产投资的15%，省级资金额外再给予不超过5%的配套支持。", []),
        ("更新测试行李系统设备每台套按照购置金额50%予以补助，国产测试处理系统不超过1000万元。", []),
        # money to spend, and a ceiling of a level, still are targets
        ("到2026年，完成测试项目总投资100亿元。", [(">=", 100, "亿元")]),
        (
            "到2026年，测试市PM2.5浓度不超过35微克/立方米，其他测试区县不超过40微克/立方米。",
            [("<=", 35, "微克/立方米"), ("<=", 40, "微克/立方米")],
        ),
    ],
)
def test_the_terms_of_a_subsidy_are_not_targets(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize("verb", ["依职责办理", "按职责办理"])
def test_units_that_handle_it_within_their_remit(verb):
    text = (
        "测试市氢能产业创新发展行动计划\n一、重点任务\n"
        f"1.开展测试技术攻关。推动测试关键技术突破。（责任单位：市测试局、市测试委{verb}）\n"
        f"2.建设测试加氢站。合理布局测试加氢网络。（责任单位：各区政府{verb}）\n"
    )
    (document,) = parse_text(text).documents
    assert [[(u.name, u.role) for u in t.units] for t in document.tasks] == [
        [("市测试局", "responsible"), ("市测试委", "responsible")],
        [("各区政府", "responsible")],
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2026年，测试城乡建设用地再减量6.5平方公里。", [("decrease_by", 6.5, "平方公里")]),
        ("到2027年，完成淘汰测试老旧渔船（设备）2000艘（台、套）。", [(">=", 2000, "艘（台、套）")]),
    ],
)
def test_a_cut_in_land_and_boats_counted_with_their_gear(sentence, expected):
    assert sentence_figures(sentence) == expected


def test_basis_points_as_points():
    assert sentence_figures("引导测试金融机构个人住房贷款实际加权平均利率下降30个基点。") == [
        ("decrease_by", 30, "基点")
    ]


@pytest.mark.parametrize("ending", ["等", ""])
def test_paragraphs_of_work_run_on_after_a_bare_unit_list(ending):
    # a crawled page run into one line: each paragraph of work closed by a bare 牵头单位：…，配合单位：…
    # list, the next paragraph's title run on after its last name (or after 等)
    pieces = [
        ("加强测试人才培养", "支持测试校企共建实训基地，按照规定给予补助。", "区测试工作部", "区测试教育局"),
        (
            "加大测试人才引进力度",
            "吸引测试高端人才来区创业创新，提供多重优惠。",
            "区测试工作部",
            "区测试事业局",
        ),
        ("大力发展测试创投基金", "加快建立以测试创投为主的投融资模式。", "区测试财金局", "区测试发改处"),
        (
            "强化测试信用建设应用",
            "加快推进测试平台对接公共信用信息服务平台。",
            "区测试发改处",
            "人行测试支行",
        ),
    ]
    body = "".join(f"{title}。{text}牵头单位：{a}，配合单位：{b}{ending}" for title, text, a, b in pieces)
    text = (
        "测试区积极推进“互联网+”行动实施方案 当前位置：首页 测试区管委会印发实施方案的通知"
        "一、总体要求充分发挥测试区政策优势，大力拓展互联网与经济社会各领域融合的广度和深度。"
        f"二、保障措施（一）强化测试人力智力保障{body}（二）认真抓好测试组织实施加强测试协调沟通。"
        "充分发挥测试领导小组协调作用。牵头单位：区测试经济发展局"
    )
    (document,) = parse_text(text).documents
    got = {t.text[:4]: [u.name for u in t.units] for t in document.tasks}
    for title, _text, a, b in pieces[1:]:
        assert got[title[:4]] == [a, b]


@pytest.mark.parametrize("colon", [":", "："])
def test_a_labelled_list_whose_last_units_each_do_their_share(colon):
    text = (
        "测试县2026年度法治政府建设工作安排\n"
        "(一)加强测试党的领导。健全测试法治政府建设推进机制。\n"
        f"责任单位{colon}县测试办公室、县测试司法局、各有关部门,乡镇人民政府按职责分工分别负责。\n"
        "(二)深化测试放管服改革。持续优化测试营商环境。\n"
        f"责任单位{colon}县测试审批局\n"
    )
    (document,) = parse_text(text).documents
    assert [u.name for u in document.tasks[0].units] == [
        "县测试办公室",
        "县测试司法局",
        "各有关部门",
        "乡镇人民政府",
    ]


def test_a_bare_list_of_offices_before_the_last_full_stop_of_an_item():
    text = (
        "测试市关于支持氢能产业发展的若干政策措施\n一、支持科技研发创新\n"
        "1.支持测试基础技术研究。支持测试企业开展关键共性技术研发（市测试科委、测试园区管委会）。\n"
        "2.支持测试强链工程。给予测试项目一定比例的事前补助支持（市测试经信局）。\n"
        # (a name's gloss or an alternative in brackets is no list of units)
        "3.规范测试申报主体。测试产业园区申报主体为园区管委会（或开发公司）。\n"
        "4.完善测试设施。测试排水设施移交区建设管理委（区测试水务局）。\n"
    )
    (document,) = parse_text(text).documents
    got = {t.number: [u.name for u in t.units] for t in document.tasks}
    assert got["1."] == ["市测试科委", "测试园区管委会"]
    assert got["2."] == ["市测试经信局"]
    assert not got.get("3.") and not got.get("4.")


@pytest.mark.parametrize("heading", ["三、产业链科技攻关方向", "三、重点攻关任务"])
def test_the_research_a_plan_sets_out_is_work_beside_its_measures_with_units(heading):
    text = (
        "测试省科技创新引领产业链发展实施方案\n一、总体要求\n坚持测试创新驱动。\n"
        f"{heading}\n"
        "1.测试集成电路。研究测试先进工艺，突破测试关键设备。\n"
        "2.测试高端软件。研发测试工业软件，提升测试自主可控水平。\n"
        "四、推进措施\n"
        "（一）强化测试技术攻坚。加强测试基础研究。（省测试厅牵头，省测试委配合）\n"
        "（二）推动测试平台提质。构建测试实验室体系。（省测试厅牵头）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("1.", []),
        ("2.", []),
        ("（一）", ["省测试厅", "省测试委"]),
        ("（二）", ["省测试厅"]),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "到2027年累计节能量50万吨标煤，新增测试光伏装机50万千瓦。",
            [(">=", 50, "万吨标煤"), (">=", 50, "万千瓦")],
        ),
        ("到2025年，累计落实测试超低能耗建筑示范项目500万平方米。", [(">=", 500, "万平方米")]),
    ],
)
def test_a_cumulative_amount_stated_with_no_verb(sentence, expected):
    assert sentence_figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("推进测试替代计划，提高测试设备投资规模占比5个百分点。", [("increase_by", 5, "百分点")]),
        ("到2026年，降低测试产业能耗占比2个百分点。", [("decrease_by", 2, "百分点")]),
        # (the measure first, the change after it, as before)
        ("测试化肥使用量下降5个百分点。", [("decrease_by", 5, "百分点")]),
    ],
)
def test_a_change_in_points_named_before_its_measure(sentence, expected):
    assert sentence_figures(sentence) == expected


def test_a_page_whose_tables_cannot_be_read_is_read_as_its_text(monkeypatch):
    import pdfplumber.page

    def fails(self, *args, **kwargs):
        raise ValueError("unreadable graphics (测试)")

    # (the lines around a table found, read by position: a failure there is no corrupt file)
    monkeypatch.setattr(pdfplumber.page.Page, "extract_text_lines", fails)
    table = [["序号", "重点任务", "牵头单位"], ["1", "建设测试智慧平台", "测试区大数据局"]]
    (document,) = parse_bytes(_pdf_plan(table), "方案.pdf").documents
    assert document.title == "测试区数字城市建设实施方案"
