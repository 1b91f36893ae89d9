"""Forms that the second blind set (r36–r49 of tests/corpus) showed, one small snippet each.

All the snippets are synthetic (（测试）): the places (某某市, 测试区), the units and the figures are
made up. Each form is written in two spellings (another wording, number, unit or punctuation) so
that a rule fitting only one text fails. Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from pdfgen import build_pdf, paginate

from gongzhi.plans.parsing import parse_bytes, parse_text
from gongzhi.plans.parsing.targets import extract


def _keys(text: str) -> list[tuple]:
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline_year) for t in extract(text)[0]]


def _doc(text: str):
    documents = parse_text(text, "示例.txt").documents
    assert len(documents) == 1, [d.title for d in documents]
    return documents[0]


# ---------------------------------------------------------------- targets without a comparator word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全员劳动生产率46000元/人以上。", [(">=", 46000, None, "元/人", None)]),
        ("到2025年，亩均税收达到3.5万元/亩。", [(">=", 3.5, None, "万元/亩", 2025)]),
    ],
)
def test_a_measure_per_thing_is_one_unit(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2022年，全市制造业增加值占地区生产总值比重35%左右。", [("=", 35, None, "%", 2022)]),
        ("数字经济核心产业增加值占比 20％左右。", [("=", 20, None, "%", None)]),
    ],
)
def test_a_share_with_zuoyou_and_no_verb_is_a_level(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("着力推进140个左右支撑性项目。", [(">=", 140, None, "个", None)]),
        ("大力推动80家左右企业上云。", [(">=", 80, None, "家", None)]),
    ],
)
def test_a_count_with_zuoyou_after_an_adverb_and_tuijin(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("力争减轻企业各类负担200亿元，全力支持企业复产达产。", [("decrease_by", 200, None, "亿元", None)]),
        ("2024年减少燃煤消费10万吨。", [("decrease_by", 10, None, "万吨", 2024)]),
    ],
)
def test_a_lessening_verb_with_its_object_is_a_decrease(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年，力争地方政府专项债券资金10亿元。", [(">=", 10, None, "亿元", 2023)]),
        ("争取中央预算内投资5亿元以上。", [(">=", 5, None, "亿元", None)]),
    ],
)
def test_a_pledged_amount_is_a_target(text, expected):
    assert _keys(text) == expected


def test_a_pledged_amount_handed_out_is_still_no_target():
    assert _keys("力争给予企业补助资金500万元。") == []
    assert _keys("市财政安排预算资金8500万元。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "建成学校12个，其中幼儿园7个、小学4个、初中1个。",
            [(">=", v, None, "个", None) for v in (12, 7, 4, 1)],
        ),
        (
            "增加学位5000个，其中幼儿园420个，中小学4580个。",
            [(">=", v, None, "个", None) for v in (5000, 420, 4580)],
        ),
    ],
)
def test_each_part_of_a_breakdown_is_its_own_target(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "计划竣工3个，失业人员再就业5800人。",
            [(">=", 3, None, "个", None), (">=", 5800, None, "人", None)],
        ),
        ("开工项目20个，实施重点项目75个。", [(">=", 20, None, "个", None), (">=", 75, None, "个", None)]),
    ],
)
def test_counts_of_projects_and_jobs(text, expected):
    assert _keys(text) == expected


def test_zengjiazhi_is_a_measure_not_the_verb_zengjia():
    assert _keys("工业增加值占比30%以上。") == [(">=", 30, None, "%", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2025年，力争产业集群总量超过五千亿规模。", [(">", 5000, None, "亿", 2025)]),
        ("到2030年，营业收入突破1.5万亿。", [(">", 1.5, None, "万亿", 2030)]),
    ],
)
def test_a_magnitude_without_a_measure(text, expected):
    assert _keys(text) == expected


def test_a_class_named_by_a_magnitude_is_no_target():
    assert _keys("培育形成千亿级产业集群。") == []


# ---------------------------------------------------------------- the year of an annual plan

ANNUAL_TITLED = """测试区2023年重点工作及责任分解（测试）
1.地区生产总值增长6%以上。
责任单位：测试区发展改革局
2.新增城镇就业3000人。
责任单位：测试区人力社保局
"""

ANNUAL_NOTICE = """各镇人民政府，区直各部门：
现将《某某市2021年政府工作报告目标任务责任分解》印发给你们，请认真贯彻执行。
1.规上工业增加值增长8%左右。（牵头单位：某某市经信局）
2.固定资产投资增长10%以上。（牵头单位：某某市发展改革委）
"""


@pytest.mark.parametrize(("text", "year"), [(ANNUAL_TITLED, 2023), (ANNUAL_NOTICE, 2021)])
def test_the_year_of_an_annual_plan_is_the_deadline_of_undated_targets(text, year):
    doc = _doc(text)
    years = [t.deadline_year for task in doc.tasks for t in task.targets]
    assert len(years) == 2 and set(years) == {year}


def test_a_plan_naming_two_years_gives_none():
    doc = _doc(
        "测试区2023年重点工作及2024年工作计划（测试）\n1.新增城镇就业3000人。\n责任单位：测试区人力社保局\n"
    )
    assert [t.deadline_year for task in doc.tasks for t in task.targets] == [None]


# ---------------------------------------------------------------- tasks

FRAMING_ONLY = """测试区工程建设项目审批制度改革实施方案（测试）
一、总体要求
{o}一{c}指导思想。以深化改革为动力，坚持问题导向，打造良好营商环境。
{o}二{c}改革内容。改革覆盖工程建设项目从立项到竣工验收的审批全过程。
{o}三{c}主要目标。到2025年，全流程审批时间压缩至{days}个工作日以内。
"""


@pytest.mark.parametrize(("o", "c", "days"), [("（", "）", 90), ("(", ")", 60)])
def test_inline_headings_of_zongti_yaoqiu_are_no_tasks_even_when_the_document_is_cut(o, c, days):
    doc = _doc(FRAMING_ONLY.format(o=o, c=c, days=days))
    assert doc.tasks == []
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in doc.targets] == [
        ("<=", days, "个工作日", 2025)
    ]


HEADING_UNITS = """某某市关于推动经济高质量发展的若干政策（测试）
一、{section}{o}由{lead}牵头实施{c}
市财政统筹安排资金5000万元，重点支持企业创新。
1.鼓励创新主体发展。对首次认定的高新技术企业给予奖励。
责任单位：{lead}
2.加强人才引育。支持企业引进高层次人才。
责任单位：{lead}、某某市人力社保局
"""


@pytest.mark.parametrize(
    ("section", "lead", "o", "c"),
    [("科技创新政策", "某某市科技局", "（", "）"), ("人才支持政策", "测试区人才办", "(", ")")],
)
def test_a_section_heading_with_units_over_items_with_units_is_no_task(section, lead, o, c):
    doc = _doc(HEADING_UNITS.format(section=section, lead=lead, o=o, c=c))
    assert [t.number for t in doc.tasks] == ["1.", "2."]
    assert doc.tasks[0].responsible_units == [lead]


@pytest.mark.parametrize(("o", "c"), [("（", "）"), ("(", ")")])
def test_a_section_heading_with_units_over_items_without_is_the_task(o, c):
    text = HEADING_UNITS.format(section="扩大投资政策", lead="某某市发改局", o=o, c=c)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("责任单位"))
    doc = _doc(text)
    assert [t.number for t in doc.tasks] == ["一、"]
    assert doc.tasks[0].lead_units == ["某某市发改局"]


@pytest.mark.parametrize(
    "declaration",
    ["(列第一位者为工作牵头单位或汇总单位,下同)", "（列第一位者为责任牵头单位，下同）"],
)
def test_a_first_is_lead_declaration_inside_the_unit_list(declaration):
    doc = _doc(
        "测试区2020年重点工作责任分解（测试）\n"
        "1.坚定不移支持企业发展。认真落实各项政策措施。\n"
        f"责任单位:测试区经信局、测试区财政局、测试区税务局{declaration}\n"
        "2.推进数字化改革。\n"
        "责任单位:测试区数据局、测试区经信局\n"
    )
    assert [(t.lead_units, t.responsible_units) for t in doc.tasks] == [
        (["测试区经信局"], ["测试区财政局", "测试区税务局"]),
        (["测试区数据局"], ["测试区经信局"]),
    ]


# ---------------------------------------------------------------- a goal paragraph without a heading

GOAL_PARAGRAPH = """测试区人民政府办公室关于分解落实《政府工作报告》的通知
各镇、街道，区政府各部门：
现将《政府工作报告》确定的工作任务进行责任分解，请认真贯彻落实。
{year}年1月13日
《政府工作报告》重点工作责任分解（测试）
{year}年全区经济社会发展{label}：地区生产总值增长{gdp}%左右；居民消费价格指数控制在{cpi}以内；城镇登记失业率控制在4.5%以内。
为确保完成重点工作，现就各项工作提出如下责任分工：
一、加快转型升级，提升产业竞争力
坚持调优调强，推进产业高端化发展。
"""


@pytest.mark.parametrize(
    ("year", "label", "gdp", "cpi"), [(2017, "主要预期目标是", 8.5, 103.5), (2019, "的主要目标为", 7, 103)]
)
def test_a_goal_paragraph_without_a_heading_gives_document_targets_and_no_task(year, label, gdp, cpi):
    doc = _doc(GOAL_PARAGRAPH.format(year=year, label=label, gdp=gdp, cpi=cpi))
    # a responsibility split (责任分解) cut before its first unit line has no task
    assert doc.tasks == []
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in doc.targets] == [
        ("increase_by", gdp, "%", year),
        ("<=", cpi, "", year),
        ("<=", 4.5, "%", year),
    ]


def test_a_document_naming_no_unit_that_is_no_responsibility_split_keeps_its_leaf_items():
    text = GOAL_PARAGRAPH.format(year=2017, label="主要预期目标是", gdp=8, cpi=103)
    text = text.replace("关于分解落实《政府工作报告》的通知", "关于推动产业升级的意见")
    text = text.replace("进行责任分解", "印发").replace("重点工作责任分解", "产业升级意见")
    assert [t.number for t in _doc(text).tasks] == ["一、"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("居民消费价格指数控制在103.5以内。", 103.5), ("商品零售价格指数控制在102以下。", 102)],
)
def test_an_index_held_to_a_bound_has_no_measure(text, value):
    assert _keys(text) == [("<=", value, None, "", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2025年，全市数字经济规模突破千亿。", [(">", 1000, None, "亿", 2025)]),
        # (超过…以上: 以上 counts the figure in, as r819 reads 超7个以上: round 60)
        ("到2027年，营业收入超过百亿以上。", [(">=", 100, None, "亿", 2027)]),
    ],
)
def test_a_bare_magnitude_without_a_measure(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize("text", ["打造超千亿级产业集群。", "培育形成2个千亿级、6个五百亿级产业集群。"])
def test_classes_named_by_a_magnitude_are_no_targets(text):
    assert [k for k in _keys(text) if k[3] in ("亿", "万亿")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年度减轻企业负担50亿元以上。", [("decrease_by", 50, None, "亿元", None)]),
        ("全年降低企业用电成本2亿元。", [("decrease_by", 2, None, "亿元", None)]),
    ],
)
def test_a_lessening_verb_after_a_short_time_word(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("力争全年引进外资3亿美元。", [(">=", 3, None, "亿美元", None)]),
        ("2024年实际使用外资达到5000万美元。", [(">=", 5000, None, "万美元", 2024)]),
    ],
)
def test_us_dollars_are_a_measure(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize("text", ["力争每年安排专项资金1000万元。", "确保统筹下达产业扶持资金2亿元。"])
def test_a_pledged_allocation_of_money_is_no_target(text):
    assert _keys(text) == []


@pytest.mark.parametrize(
    "cited", ["根据《某某省2023年重点工作任务分解》要求", "按照某某市2022年民生实事责任分解的安排"]
)
def test_an_annual_plan_cited_by_another_document_gives_no_year(cited):
    doc = _doc(
        "各镇人民政府，区直各部门：\n"
        f"{cited}，结合实际，制定本方案。\n"
        "1.新增城镇就业3000人。（牵头单位：测试区人力社保局）\n"
        "2.建成口袋公园5个。（牵头单位：测试区住建局）\n"
    )
    assert [t.deadline_year for task in doc.tasks for t in task.targets] == [None, None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年引进市外境内资金120亿元。", [(">=", 120, None, "亿元", None)]),
        ("到2025年，撬动社会资本投入50亿元以上。", [(">=", 50, None, "亿元", 2025)]),
    ],
)
def test_money_brought_in_is_a_target(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize("text", ["引进人才给予最高50万元补助。", "设立产业引导基金10亿元。"])
def test_money_handed_out_stays_no_target(text):
    assert _keys(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实现外贸进出口总额15亿美元。", [(">=", 15, None, "亿美元", None)]),
        ("2023年实现规上工业产值300亿元。", [(">=", 300, None, "亿元", 2023)]),
    ],
)
def test_an_amount_to_achieve_after_shixian(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全年接待游客500万人次、旅游综合收入50亿元。",
            [(">=", 500, None, "万人次"), (">=", 50, None, "亿元")],
        ),
        ("全年签约项目100个、总投资500亿元。", [(">=", 100, None, "个"), (">=", 500, None, "亿元")]),
    ],
)
def test_visitors_and_signed_deals_with_their_amounts(text, expected):
    assert [k[:4] for k in _keys(text)] == expected


BARE_UNITS = """测试区2024年重点工作任务分工（测试）
（一）扩大有效投资。全年实施重点项目120个左右。{o}测试区发改局、测试区住建局{decl}{c}
（二）促进消费。社会消费品零售总额增长7%。{o}测试区商务局、测试区市场监管局{c}
（三）推进城市更新。改造老旧小区{o}含高新区、经开区{c}。
"""


@pytest.mark.parametrize(
    ("o", "c", "decl"),
    [("（", "）", "，列第一位者为牵头单位，下同"), ("(", ")", ",排在第一位的为牵头单位,下同")],
)
def test_a_bare_unit_list_closing_an_item_after_a_declaration(o, c, decl):
    doc = _doc(BARE_UNITS.format(o=o, c=c, decl=decl))
    assert [(t.number, t.lead_units, t.responsible_units) for t in doc.tasks] == [
        ("（一）", ["测试区发改局"], ["测试区住建局"]),
        ("（二）", ["测试区商务局"], ["测试区市场监管局"]),
    ]


@pytest.mark.parametrize(("o", "c"), [("（", "）"), ("(", ")")])
def test_a_bare_unit_list_without_a_declaration_is_responsible(o, c):
    doc = _doc(BARE_UNITS.format(o=o, c=c, decl=""))
    assert [(t.lead_units, t.responsible_units) for t in doc.tasks] == [
        ([], ["测试区发改局", "测试区住建局"]),
        ([], ["测试区商务局", "测试区市场监管局"]),
    ]


LENGTH_TITLED = """测试区数字经济{length}行动方案（测试）
一、总体要求
（一）指导思想。以数字化改革为引领。
（二）工作目标。到{year}年，数字经济核心产业增加值占比达到12%左右，培育数字经济企业100家以上。
二、重点任务
（一）推进数字产业化。建设数字产业园2个。（测试区经信局牵头，测试区科技局配合）
（二）推进产业数字化。推动200家企业上云。（测试区经信局负责）
"""


@pytest.mark.parametrize(("length", "year"), [("三年", 2026), ("两年攻坚", 2025)])
def test_a_plan_of_n_years_without_its_period_takes_the_year_of_its_goals(length, year):
    doc = _doc(LENGTH_TITLED.format(length=length, year=year))
    assert [t.deadline_year for task in doc.tasks for t in task.targets] == [year, year]
    assert {t.deadline_year for t in doc.targets} == {year}


@pytest.mark.parametrize("text", ["实施细则共10条。", "本方案共计5个部分。"])
def test_what_a_text_holds_is_no_target(text):
    assert _keys(text) == []


@pytest.mark.parametrize(("text", "value"), [("开工项目共30个。", 30), ("建设项目合计20个。", 20)])
def test_a_total_of_projects_stays_a_target(text, value):
    assert _keys(text) == [(">=", value, None, "个", None)]


@pytest.mark.parametrize(
    ("issued", "year"),
    [("《某某市2021年政府工作报告目标任务责任分解》", 2021), ("《测试区2022年重点工作任务清单》", 2022)],
)
def test_the_year_an_issuing_sentence_names_is_the_end_year_of_an_untitled_plan(issued, year):
    text = ANNUAL_NOTICE.replace("《某某市2021年政府工作报告目标任务责任分解》", issued)
    assert _doc(text).end_year == year


# ---------------------------------------------------------------- portal headers

PORTAL = """索  引 号: 000000001/202401-00001 信息分类: 年度重点工作
发布机构: 测试区人民政府 生成日期: 2024-02-01 10:00
{number_label}: 测政发〔2024〕{n}号 发文日期: 2024-02-01 10:00
{kw_label}: 重点工作   浏览次数: 123
内容概述: 重点工作   {valid_label}: 暂无

测试区人民政府关于2024年重点工作的通知（测试）

各镇人民政府，区直各部门：
1.新增城镇就业3000人。（测试区人社局负责）
"""


@pytest.mark.parametrize(
    ("number_label", "kw_label", "valid_label", "n"),
    [("文       号", "关  键 词", "有 效 性", 3), ("文件编号", "关键词", "有效性", 12)],
)
def test_portal_field_lines_with_spaced_labels_and_two_fields_a_line(number_label, kw_label, valid_label, n):
    doc = _doc(PORTAL.format(number_label=number_label, kw_label=kw_label, valid_label=valid_label, n=n))
    assert doc.title == "测试区人民政府关于2024年重点工作的通知（测试）"
    assert doc.doc_number == f"测政发〔2024〕{n}号"


POLICY_NOTICE = """{place}人民政府印发关于推动测试产业发展若干政策的通知
{number}
各乡镇人民政府，{place}直属各单位：
《关于推动测试产业发展的若干政策》已经{place}政府常务会议研究同意，现印发给你们，请认真组织实施。
{place}人民政府
2024年3月1日
{prefix}关于推动测试产业发展的若干政策（测试）
为推动测试产业发展，制定以下政策。
1.支持企业技术改造。对技改项目给予补助。（{place}经信局负责）
"""


@pytest.mark.parametrize(
    ("place", "number", "prefix"),
    [("测试县", "测政发〔2024〕5号", ""), ("某某市", "某政函〔2024〕8号", "某某市")],
)
def test_a_policy_printed_after_its_notice_is_the_title_and_one_document(place, number, prefix):
    documents = parse_text(
        POLICY_NOTICE.format(place=place, number=number, prefix=prefix), "示例.txt"
    ).documents
    assert [(d.title, d.notice_title) for d in documents] == [
        (
            f"{prefix}关于推动测试产业发展的若干政策（测试）",
            f"{place}人民政府印发关于推动测试产业发展若干政策的通知",
        )
    ]


UNTITLED_NOTICE = """各区县人民政府，市府各部门：
《测试市2020年重点工作责任分解》和《十方面民生实事责任分解》已经市政府同意，现印发给你们。
附件：1{dot}测试市2020年重点工作责任分解（测试）
2{dot}十方面民生实事责任分解
测试市人民政府办公室
2020年5月22日
{mark}
测试市2020年重点工作责任分解（测试）
一、稳定经济增长
1.新增城镇就业3000人。（测试市人社局负责）
"""


@pytest.mark.parametrize(("dot", "mark"), [(".", "附件1"), ("．", "附件 1：")])
def test_an_untitled_notice_takes_the_title_of_the_attachment_it_prints(dot, mark):
    doc = _doc(UNTITLED_NOTICE.format(dot=dot, mark=mark))
    assert doc.title == "测试市2020年重点工作责任分解（测试）"
    assert [t.number for t in doc.tasks] == ["1."]


@pytest.mark.parametrize(
    ("field_line", "date"),
    [
        ("文       号: 测政发〔2024〕3号 发文日期: 2024-02-01 10:00", "2024-02-01"),
        ("成文日期：2023年11月5日", "2023-11-05"),
    ],
)
def test_a_document_without_a_signed_date_takes_the_date_field_of_its_portal_header(field_line, date):
    doc = _doc(
        f"索  引 号: 000000001/202401-00001 信息分类: 年度重点工作\n{field_line}\n\n"
        "测试区人民政府关于重点工作的通知（测试）\n各镇人民政府，区直各部门：\n"
        "1.新增城镇就业3000人。（测试区人社局负责）\n"
    )
    assert doc.date == date


@pytest.mark.parametrize(
    ("title", "width"),
    [
        ("测试区人民政府办公室关于印发2023年测试区重点工作责任分解方案的通知", 24),
        ("某某市人民政府办公室关于印发某某市优化营商环境重点任务分工方案的通知", 22),
    ],
)
def test_a_one_page_print_of_a_web_page_reads_its_title_once(title, width):
    body = paginate(
        [
            title,  # printed again below the running head, wrapped as the page's lines are
            "各镇人民政府，区直各部门：",
            "现将方案印发给你们，请结合实际认真贯彻落实，确保各项工作任务按时完成。",
            "1.新增城镇就业3000人，城镇登记失业率控制在4%以内。（测试区人社局负责）",
            "2.新建口袋公园5个，改造提升城市绿道20公里。（测试区住建局负责）",
        ],
        width=width,
    )[0]
    page = [title, *(line for line in body if not line.startswith("—"))]  # the page title as running head
    (doc,) = parse_bytes(build_pdf([page]), "通知.pdf").documents
    assert doc.notice_title == title
    assert doc.title == title.split("关于印发")[1].removesuffix("的通知")


@pytest.mark.parametrize(
    ("heading", "signature"),
    [("区人民政府办公室", "测试区人民政府办公室"), ("市政府办公室", "某某市政府办公室")],
)
def test_the_signature_names_the_issuer_in_full(heading, signature):
    doc = _doc(
        f"{heading}关于印发测试工作方案的通知\n各镇人民政府，各部门：\n现将《测试工作方案》印发给你们。\n"
        f"{signature}\n2024年3月1日\n测试工作方案（测试）\n1.新建口袋公园5个。（测试区住建局负责）\n"
    )
    assert doc.issuer == signature
