"""Responsibility clauses."""

import pytest

from gongzhi.plans.parsing.units import declaration_offset, find_clauses, parse_cell, role_of_header


def roles(text):
    found = find_clauses(text)
    by = {"lead": [], "responsible": [], "cooperating": []}
    for unit in found.units:
        by[unit.role].append(unit.name)
        assert "".join(text[unit.span[0] : unit.span[1]].split()) == unit.name
    return by["lead"], by["responsible"], by["cooperating"], found.open_ended


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "推进。（牵头部门：区发展改革局、区妇儿工委办公室）",
            (["区发展改革局", "区妇儿工委办公室"], [], [], False),
        ),
        (
            "共享。（牵头单位：区财政局、区税务局，责任单位：区法院，区发展改革局、区科技局）",
            (["区财政局", "区税务局"], ["区法院", "区发展改革局", "区科技局"], [], False),
        ),
        (
            "共管。（责任单位：区财政局、区委政法委等有关部门单位，各镇（街道）、经济开发区按职责分工负责）",
            ([], ["区财政局", "区委政法委", "各镇（街道）", "经济开发区"], [], True),
        ),
        ("（牵头部门：区总工会、区财政局等各行业主管部门）", (["区总工会", "区财政局"], [], [], True)),
        ("（责任单位：县应急管理局、县教育局等）", ([], ["县应急管理局", "县教育局"], [], True)),
        ("（责任单位：县财政局；牵头单位：县教育局）", (["县教育局"], ["县财政局"], [], False)),
        ("(牵头单位:镇环卫所,配合单位:镇财政所、镇妇联)", (["镇环卫所"], [], ["镇财政所", "镇妇联"], False)),
        (
            "（责任部门：县消防救援大队，协办单位：县住房城乡建设局，各乡镇人民政府按职责分工负责）",
            ([], ["县消防救援大队"], ["县住房城乡建设局", "各乡镇人民政府"], True),
        ),
        (
            "完成改造。\n牵头单位：区民政局\n责任单位：区财政局、各村（社区）",
            (["区民政局"], ["区财政局", "各村（社区）"], [], False),
        ),
        (
            "（区民政局牵头，区财政局、区卫生健康局配合）",
            (["区民政局"], [], ["区财政局", "区卫生健康局"], False),
        ),
        ("（区人力资源社会保障局、区民政局负责）", ([], ["区人力资源社会保障局", "区民政局"], [], False)),
        ("（参与单位：区 财政局）", ([], [], ["区财政局"], False)),
        ("（牵头单位：区财政局，各有关部门）", (["区财政局", "各有关部门"], [], [], True)),
        (
            "压缩时间。\n【牵头单位】市审批局；【责任单位】各区人民政府",
            (["市审批局"], ["各区人民政府"], [], False),
        ),
        # issue 12: the forms of real documents
        ("（负责部门：自然资源部）", ([], ["自然资源部"], [], False)),
        (
            "（负责部门：商务部、海关总署；适用范围：所有自贸试验区，以下除标注外适用范围均为所有自贸试验区）",
            ([], ["商务部", "海关总署"], [], False),
        ),
        ("（6月底完成，牵头考核单位：市财政局）", (["市财政局"], [], [], False)),
        ("推进。（0.5分）（牵头考核单位：市财政局）", (["市财政局"], [], [], False)),
        (
            "1. 地区生产总值增长8%以上。\n牵头负责领导:金力。\n牵头责任单位:市发展改革委。\n"
            "协同责任单位:市经信局、滁州经开区管委会等,各县、市、区政府。",
            (["市发展改革委"], [], ["市经信局", "滁州经开区管委会", "各县、市、区政府"], True),
        ),
        (
            "1.地区生产总值增长6%以上。\n分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。",
            (["省发展改革委"], [], ["各地", "各部门"], True),
        ),
        ("（市场监管总局负责）", (["市场监管总局"], [], [], False)),
        ("（交通运输部、财政部负责）", ([], ["交通运输部", "财政部"], [], False)),
        (
            "（国家发展改革委、财政部会同有关部门负责）",
            (["国家发展改革委", "财政部"], [], ["有关部门"], True),
        ),
        (
            "（商务部、发展改革委等和各有关省级人民政府负责）",
            ([], ["商务部", "发展改革委", "各有关省级人民政府"], [], True),
        ),
        ("（农业农村部指导）", ([], ["农业农村部"], [], False)),
        (
            "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）",
            ([], ["生态环境部", "试点城市政府"], [], False),
        ),
        (
            "〔市生态环境局牵头,市发展和改革局、工业和信息化局参与,各县、区人民政府(管委会)负责落实。"
            "以下各项工作均需各县、区人民政府(管委会)落实,不再列出。〕按省的要求推进。"
            "(市生态环境局、市场监管局牵头,自然资源局参与)",
            (
                ["市生态环境局", "市场监管局"],
                ["各县、区人民政府(管委会)"],
                ["市发展和改革局", "工业和信息化局", "自然资源局"],
                False,
            ),
        ),
        (
            "（牵头单位：市委组织部，配合单位：各项目牵头单位，各区、县级市）",
            (["市委组织部"], [], ["各项目牵头单位", "各区、县级市"], False),
        ),
        (
            "（工业和信息化部、发展改革委、农业农村部等负责。列第一位者为牵头单位，下同）",
            (["工业和信息化部"], ["发展改革委", "农业农村部"], [], True),
        ),
        ("（市文化广电旅游局及市体育局负责）", ([], ["市文化广电旅游局", "市体育局"], [], False)),
        (
            "（市住房和城乡建设局、市人力资源和社会保障局负责）",
            ([], ["市住房和城乡建设局", "市人力资源和社会保障局"], [], False),
        ),
        (
            "（责任单位：市工信局、市财政局等有关部门，各县区人民政府）",
            ([], ["市工信局", "市财政局", "各县区人民政府"], [], True),
        ),
        (
            "牵头单位：县行政审批服务局　配合单位：县大数据发展中心、县司法局",
            (["县行政审批服务局"], [], ["县大数据发展中心", "县司法局"], False),
        ),
        ("（各省、自治区、直辖市人民政府负责）", (["各省、自治区、直辖市人民政府"], [], [], False)),
        ("（由市发改委牵头，市财政局配合）", (["市发改委"], [], ["市财政局"], False)),
        ("（区民政局牵头、区财政局配合）", (["区民政局"], [], ["区财政局"], False)),
        ("（市教育局为牵头单位，市财政局为配合单位）", (["市教育局"], [], ["市财政局"], False)),
        ("（市发改委负责，市财政局配合）", (["市发改委"], [], ["市财政局"], False)),
        ("（3分，市发改委负责）", (["市发改委"], [], [], False)),
        ("责任单位：市发改委（牵头）、市财政局", (["市发改委"], ["市财政局"], [], False)),
        ("主要责任单位：市发改委；其他责任单位：市财政局", (["市发改委"], ["市财政局"], [], False)),
        ("牵头单位（部门）：市发改委", (["市发改委"], [], [], False)),
        ("（分管副市长牵头，市发改委负责）", (["市发改委"], [], [], False)),
        ("推进。\n责任单位：市发改委，各区要加强协调", ([], ["市发改委"], [], False)),
        ("强化保障。【牵头单位】省财政厅【配合单位】各有关单位", (["省财政厅"], [], ["各有关单位"], True)),
        ("（主办：市文旅局；协办：市财政局、市体育局）", (["市文旅局"], [], ["市财政局", "市体育局"], False)),
        ("（甲镇、乙乡负责）", ([], ["甲镇", "乙乡"], [], False)),
        ("（市发改委、市财政局等5个部门负责）", ([], ["市发改委", "市财政局"], [], True)),
        ("（牵头单位为市发改委，配合单位为市财政局）", (["市发改委"], [], ["市财政局"], False)),
        ("（市发改委、市商务局共同牵头，市财政局配合）", (["市发改委", "市商务局"], [], ["市财政局"], False)),
        ("（县政府负总责，县直各部门具体实施）", (["县政府"], ["县直各部门"], [], True)),
        (
            "推进。（工业和信息化部、发展改革委、农\n业农村部等负责）",
            ([], ["工业和信息化部", "发展改革委", "农业农村部"], [], True),
        ),
        (
            "牵头单位：市发改委 配合单位：市财政局 完成时限：2024年底",
            (["市发改委"], [], ["市财政局"], False),
        ),
        (
            "（市教育局、市财政局负责，排名第一位的为牵头单位）",
            (["市教育局"], ["市财政局"], [], False),
        ),
        (
            "（省数据局牵头,省公安厅,广州、深圳、珠海出入境边防检查总站,示例银行等有关单位按职责分工负责）",
            (["省数据局"], ["省公安厅", "广州", "深圳", "珠海出入境边防检查总站", "示例银行"], [], True),
        ),
    ],
)
def test_clause_forms(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "推进公共资源配置优先满足儿童需要。",
        "（含托育机构）",
        "由区政府负责同志牵头，统筹推进。",
        "（2021—2025年）",
        "（简称一致性评价，下同）",
        "（25分）",
        "王丹县长牵头重点工作",
        "（由市政府分管领导牵头负责）",
        "（适用范围：浙江自贸试验区）",
        "分管省领导：林克庆\n牵头负责领导：金力",
        "（今年内完成，区政府负责同志牵头）",
        "（含各县（市、区）和开发区）",
        "（以下简称市发改委）",
        "（王丹县长牵头）",
    ],
)
def test_no_clause(text):
    assert not find_clauses(text).found


def test_table_headers():
    assert role_of_header("牵头单位") == "lead"
    assert role_of_header("责 任 单 位") == "responsible"
    assert role_of_header("配合部门") == "cooperating"
    assert role_of_header("完成时限") is None
    assert role_of_header("牵头考核单位") == "lead"
    assert role_of_header("协同责任单位") == "cooperating"
    assert role_of_header("指导部门") == "responsible"
    assert role_of_header("负责部门") == "responsible"
    assert role_of_header("牵头领导") is None
    assert role_of_header("责任人") is None
    assert role_of_header("推广范围") is None
    assert role_of_header("市级牵头单位") == "lead"
    assert role_of_header("区级责任部门（单位）") == "responsible"
    assert role_of_header("牵头单位及责任人") == "lead"
    assert role_of_header("任务分工") is None
    assert role_of_header("分管领导") is None
    assert role_of_header("协办") == "cooperating"


def test_a_declaration_makes_the_first_unit_lead_from_there_on():
    text = "（一）甲。（市发改委、市财政局负责）\n（二）乙。（排在第一位的部门为牵头部门，下同）\n（三）丙。（市教育局、市财政局负责）"
    declared = declaration_offset(text)
    before = find_clauses(text[: text.index("（二）")], 0, declared=declared)
    after_at = text.index("（三）")
    after = find_clauses(text[after_at:], after_at, declared=declared)
    assert [(u.name, u.role) for u in before.units] == [
        ("市发改委", "responsible"),
        ("市财政局", "responsible"),
    ]
    assert [(u.name, u.role) for u in after.units] == [("市教育局", "lead"), ("市财政局", "responsible")]


def test_sole_unit_leads_only_when_it_is_the_only_clause():
    text = "推进甲（体育总局负责）。推进乙（体育总局、民政部负责）。"
    found = find_clauses(text)
    assert [(u.name, u.role) for u in found.units] == [
        ("体育总局", "responsible"),
        ("民政部", "responsible"),
    ]


@pytest.mark.parametrize(
    ("cell", "role", "expected"),
    [
        ("县司法局", "responsible", ([], ["县司法局"], [])),
        (
            "省工业和信息化厅牵头,省税务局、通信管理局按职责分工负责,相关市政 府落实",
            "responsible",
            (["省工业和信息化厅"], ["省税务局", "通信管理局", "相关市政府"], []),
        ),
        (
            "省公安厅,广州、深圳、珠海出入境边防检查总站,中国人民银行广东省分行等有关单位",
            "responsible",
            ([], ["省公安厅", "广州", "深圳", "珠海出入境边防检查总站", "中国人民银行广东省分行"], []),
        ),
        (
            "县发改局(首位单位为牵头单位,下同)、县财政局、县税务局",
            "responsible",
            (["县发改局"], ["县财政局", "县税务局"], []),
        ),
        ("市生态环境局 各区人民政府", "cooperating", ([], [], ["市生态环境局", "各区人民政府"])),
        ("市发改委牵头 市财政局配合", "responsible", (["市发改委"], [], ["市财政局"])),
        ("市发改委/市财政局", "responsible", ([], ["市发改委", "市财政局"], [])),
        # a later sentence of the cell that assigns nothing is a remark, not units
        (
            "示例省发展改革委、示例省市场监管局按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。",
            "responsible",
            ([], ["示例省发展改革委", "示例省市场监管局"], []),
        ),
        # but a later sentence that is a clause or a list of units counts
        ("示例县财政局牵头。示例县税务局配合。", "responsible", (["示例县财政局"], [], ["示例县税务局"])),
        ("示例县教育局。各镇（街道）。", "responsible", ([], ["示例县教育局", "各镇（街道）"], [])),
    ],
)
def test_table_cells(cell, role, expected):
    found = parse_cell(cell, 0, role)
    by = {"lead": [], "responsible": [], "cooperating": []}
    for unit in found.units:
        by[unit.role].append(unit.name)
    assert (by["lead"], by["responsible"], by["cooperating"]) == expected


def test_ji_before_a_generic_unit_of_a_level_splits_it():
    # 及 between a unit and the level's generic units (州直相关单位, 省直有关部门)
    assert roles("推进。（牵头单位：示例州政务局；责任单位：示例州委编办及州直相关单位，6月底完成）") == (
        ["示例州政务局"],
        ["示例州委编办", "州直相关单位"],
        [],
        False,
    )
