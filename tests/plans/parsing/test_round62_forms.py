"""Forms that round 62 read, found on the blind set r825–r834 (two whole provincial energy plans
whose text was extracted run by run, page openings, goal tables). All the snippets are synthetic
(（测试）): the places, the units and the figures are made up. Each form is written in two spellings
or more so that a rule fitting one text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _runs(value: int, share: int) -> str:
    # a text extracted run by run: every number, and some stops, on a line of their own
    return "\n".join(
        [
            "测试省发展改革委关于印发测试省煤炭行业实施方案的通知",
            "各市发展改革委：",
            "现印发给你们，请结合实际组织实施。",
            "测试省发展改革委",
            "20",
            "23",
            "年",
            "10",
            "月",
            "19",
            "日",
            "测试省煤炭行业实施方案",
            "一、主要目标",
            "“十四五”时期，测试煤炭稳定供应能力显著增强，绿色低碳发展水平持续提高。到",
            "2025",
            "年，测试矿井吨原煤生产综合能耗比",
            "2020",
            "年下降",
            "10%",
            "以上，测试煤矿瓦斯抽采利用率力争达到",
            f"{share}%",
            "。",
            "二、重点任务",
            "（一）建设测试煤炭供应保障基地",
            "1",
            ".",
            "持续优化升级测试煤炭生产结构。",
            "坚持上大压小，持续倒逼落后产能关闭退出，新建测试智能化煤矿不少于",
            str(value),
            "处。（测试省能源局、测试省发展改革委等按职责分工负责）",
            "2.",
            "建设测试煤炭清洁运输储备体系。",
            "全面推进测试铁路专用线建设，提升铁路等清洁运输比例。（测试省交通运输厅等按职责分工负责）",
            "3. 健全测试煤炭应急保供机制",
            "。",
            "强化测试煤炭企业生产经营监测，及时组织煤炭企业启动稳产保供应急工作。（测试省能源局负责）",
        ]
    )


@pytest.mark.parametrize(("value", "share"), [(30, 50), (45, 60)])
def test_a_text_extracted_run_by_run_reads_as_sentences(value, share):
    (document,) = parse_text(_runs(value, share)).documents
    assert document.date == "2023-10-19"
    assert [(t.number, t.title) for t in document.tasks] == [
        ("1.", "持续优化升级测试煤炭生产结构"),
        ("2.", "建设测试煤炭清洁运输储备体系"),
        ("3.", "健全测试煤炭应急保供机制"),
    ]
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets] == [
        (">=", value, "处", None)
    ]
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("decrease_by", 10, "%", 2025),
        (">=", share, "%", 2025),
    ]


def test_a_table_saved_one_cell_a_line_is_not_joined():
    # a guard: numbers between cells are no numbers inside sentences
    text = (
        "测试市行动计划（测试）\n一、主要目标\n专栏1 测试主要指标\n类别\n指标\n单位\n2022年\n2025年\n"
        "供应\n测试能源综合生产能力\n万吨\n9200\n10000\n测试电源装机规模\n亿千瓦\n1.7\n2.6\n"
        "二、重点任务\n（一）建设测试电网。建成测试变电站3座。（测试市能源局负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [t.title for t in document.tasks] == ["建设测试电网"]


@pytest.mark.parametrize("kind", ["有关油气企业", "有关可再生能源开发企业"])
def test_paragraphs_under_one_item_each_closed_by_a_bare_unit_list(kind):
    text = (
        "测试省能源高质量发展实施方案（测试）\n"
        "二、全面构建能源供应体系\n"
        "（一）全力确保能源供应安全。\n"
        "3.提升测试电力运行调节能力。\n"
        "持续优化测试电力运行调度。\n"
        f"完善测试电力供需监测预警联动机制。（测试省能源局、各市能源主管部门，{kind}）\n"
        "提升测试需求侧响应能力。\n"
        "加快测试负荷管理系统建设，力争2025年需求响应削峰能力达到最高负荷的5%。（测试省能源局，测试电网公司）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.text[:8], [u.name for u in t.units]) for t in document.tasks] == [
        ("", "持续优化测试电力", ["测试省能源局", "各市能源主管部门", kind]),
        ("", "提升测试需求侧响", ["测试省能源局", "测试电网公司"]),
    ]


@pytest.mark.parametrize("year", [2022, 2024])
def test_a_years_goals_before_the_first_item_of_an_untitled_plan(year):
    text = (
        f"{year}年主要目标:全年测试公路水路投资完成1000亿元。建成测试高速公路100公里,新增测试港口泊位4个,"
        "实现南平至闽江口500吨级船舶恢复通航。\n"
        "重点做好以下工作:\n"
        "一、强化测试互联互通。新开工测试高速公路项目106公里。\n"
        "二、提升测试运输服务。建成测试乡镇运输服务站15个。\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        (">=", 1000, "亿元", year),
        (">=", 100, "公里", year),
        (">=", 4, "个", year),
    ]
    assert [[(g.value, g.deadline_year) for g in t.targets] for t in document.tasks] == [
        [(106, year)],
        [(15, year)],
    ]


@pytest.mark.parametrize("box", ["专栏2 测试能源安全保障项目", "专栏3测试新型能源体系项目"])
def test_a_boxs_own_numbered_list_is_no_task(box):
    text = (
        "测试省能源实施方案（2023-2025年）（测试）\n"
        "一、重点任务\n"
        "1.加强测试油气供应保障。推进测试油气田勘探开发。（测试省能源局负责）\n"
        "2.做好测试煤炭供应保障。加强测试煤炭中长期合同签约。（测试省能源局负责）\n"
        f"{box}\n"
        "1.海上风电：新增建成测试海上风电项目约800万千瓦。\n"
        "2.煤电：新增投产测试煤电约1300万千瓦。\n"
        "二、保障措施\n"
        "（一）加强组织实施。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.title for t in document.tasks] == ["加强测试油气供应保障", "做好测试煤炭供应保障"]
    assert [(t.value, t.unit, t.deadline_year) for t in document.targets] == [
        (800, "万千瓦", 2025),
        (1300, "万千瓦", 2025),
    ]


@pytest.mark.parametrize(("built", "upgraded"), [(5.56, 0.8), (6.1, 1.2)])
def test_a_table_of_places_by_year_groups(built, upgraded):
    import io

    import openpyxl

    from gongzhi.plans.parsing import parse_bytes

    book = openpyxl.Workbook()
    for row in [
        ["关于征求2021-2030年测试高标准农田建设规划任务意见的函"],
        ["单位", "到2025年规划指标(万亩)", None, "到2030年规划指标(万亩)", None],
        [
            "单位",
            "累计建成测试高标准农田面积",
            "累计改造提升测试农田面积",
            "累计建成测试高标准农田面积",
            "累计改造提升测试农田面积",
        ],
        ["全区", built, upgraded, built, upgraded],
        ["测试镇", 2.7, None, 2.7, None],
    ]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    (document,) = parse_bytes(out.getvalue(), "测试.xlsx").documents
    assert [(t.value, t.unit, t.deadline_year) for t in document.targets] == [
        (built, "万亩", 2025),
        (upgraded, "万亩", 2025),
        (built, "万亩", 2030),
        (upgraded, "万亩", 2030),
        (2.7, "万亩", 2025),
        (2.7, "万亩", 2030),
    ]


@pytest.mark.parametrize("names", ["各处〈室、局〉", "相关处《室、局》"])
def test_a_unit_name_with_its_kinds_in_angle_brackets_is_one_unit(names):
    text = f"测试省文化厅2017年重点任务分工方案（测试）\n一、重点任务\n1.加强测试文化遗产保护。\n(责任部门:测试非遗处、{names})\n"
    (document,) = parse_text(text).documents
    assert [u.name for u in document.tasks[0].units] == ["测试非遗处", names]


@pytest.mark.parametrize(
    "sentence",
    [
        "停止核准新建和改扩建后产能低于120万吨/年的测试煤矿。",
        "到2025年，120万吨/年及以上测试煤矿基本实现智能化。",
    ],
)
def test_a_size_class_of_mines_is_no_target(sentence):
    text = f"测试省煤炭行业实施方案（测试）\n一、重点任务\n1.推进测试煤矿智能化建设。{sentence}（测试省能源局负责）\n"
    (document,) = parse_text(text).documents
    assert document.tasks[0].targets == []


@pytest.mark.parametrize(("year", "share"), [(2022, 50), (2024, 60)])
def test_a_year_from_which_new_buildings_must_comply(year, share):
    sentence = f"{year}年起新建政府机关、学校等建筑屋顶安装光伏的面积比例不低于{share}%。"
    text = f"测试市碳达峰实施方案（测试）\n一、重点任务\n1.推进测试光伏建设。{sentence}（测试市住房城乡建设委负责）\n"
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.tasks[0].targets] == [
        (">=", share, "%", year)
    ]


@pytest.mark.parametrize("done", ["完成年度计划的100.69%", "完成全年任务的104%"])
def test_how_far_a_plan_is_done_is_a_progress_figure(done):
    text = f"测试省关于2023年为民办实事项目实施情况的通报（测试）\n一、新增测试公办学校学位5万个\n省级财政补助资金下达5亿元,{done}。\n"
    (document,) = parse_text(text).documents
    assert [(t.value, t.unit) for t in document.tasks[0].targets] == [(5, "万个")]


# ---- after the first score of r835–r838


@pytest.mark.parametrize("marker", ["（一）", "(一)"])
def test_an_item_number_alone_on_its_line(marker):
    text = (
        "测试省新型储能发展实施方案（测试）\n三、强化测试新型储能项目统筹规划\n"
        f"{marker}\n鼓励测试新能源场站合理配置新型储能系统\n充分结合测试电力系统运行需求，建设储能电站。\n"
        "（二）因地制宜发展测试电网侧新型储能\n统筹考虑测试新能源装机容量。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.title for t in document.tasks] == [
        "鼓励测试新能源场站合理配置新型储能系统",
        "因地制宜发展测试电网侧新型储能",
    ]


@pytest.mark.parametrize("situation", ["形势与基础", "发展形势与基础"])
def test_a_plans_picture_of_itself_is_no_task(situation):
    text = (
        "测试市新型储能产业发展实施方案（测试）\n"
        f"一、{situation}\n（一）发展形势\n全球测试新型储能产业进入快速发展期。\n（二）存在问题\n测试产业链条不完整。\n"
        "二、空间布局\n（一）高质量打造测试创新策源地\n依托测试科学城布局研发平台。\n"
        "三、重点任务\n（一）组织实施测试核心技术攻关\n攻关测试长时储能技术。\n（二）培育测试龙头企业\n培育测试龙头企业。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.title for t in document.tasks] == ["组织实施测试核心技术攻关", "培育测试龙头企业"]


@pytest.mark.parametrize(
    "sentence",
    [
        "按照企业实际项目贷款利率的50%，最高不超过贷款金额的2%给予贴息，贴息期限不超过两年。",
        "按照年度实际投放融资金额的1%给予激励，单个融资租赁机构年度激励金额不超过500万元。",
    ],
)
def test_the_rates_terms_and_ceilings_of_a_benefit_are_no_targets(sentence):
    text = f"测试市支持智能网联商用车发展若干措施（测试）\n一、支持测试技改项目。{sentence}（责任单位：测试市经济信息委）\n"
    (document,) = parse_text(text).documents
    assert document.tasks[0].targets == []


@pytest.mark.parametrize(("count", "unit"), [(7, "个"), (12, "所")])
def test_a_count_of_the_things_that_must_get_done(count, unit):
    sentence = f"完成测试县妇幼保健院主体工程建设,{count}{unit}测试乡镇卫生院完成搬迁或改扩建。"
    assert [(t.comparator, t.value, t.unit) for t in _targets(sentence)] == [(">=", count, unit)]


@pytest.mark.parametrize(
    "sentence",
    [
        "目前13处测试农村学校塑胶运动场地已完成基础建设。",  # progress (a guard)
        "到2025年，5个测试新城基本实现电子站牌全覆盖。",  # all of them, already named (a guard)
    ],
)
def test_a_count_before_work_done_already_or_by_all_is_no_target(sentence):
    assert _targets(sentence) == []


def _targets(sentence: str):
    text = f"测试县民生实事方案（测试）\n一、重点任务\n（一）{sentence}（牵头单位：测试县卫健委）\n"
    (document,) = parse_text(text).documents
    return document.tasks[0].targets


@pytest.mark.parametrize(("share", "storage"), [(40, 300), (45, 350)])
def test_an_indicator_table_saved_one_cell_a_line_without_separators(share, storage):
    cells = [
        "专栏1 测试能源高质量发展主要指标", "类别", "指标", "单位", "2022年", "2025年", "累计增长", "（下降）",
        "供应", "保障", "测试能源综合", "生产能力", "万吨", "标准煤", "9200", "10000", "800",
        "测试电源装机规模", "亿千瓦", "1.7", "2.6", "0.9",
        "清洁", "低碳", "测试电能占终端能源消费比重", "%", "38", str(share), "2个百分点",
        "产业", "发展", "测试新型储能规模", "万千瓦", "71", str(storage), "229",
    ]  # fmt: skip
    text = (
        "测试省推进能源高质量发展实施方案（2023-2025年）（测试）\n一、主要目标\n"
        + "\n".join(cells)
        + "\n二、重点任务\n（一）建设测试电网。建成测试变电站3座。（测试省能源局负责）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in document.targets] == [
        ("=", 10000, "万吨标准煤", 2025),
        ("=", 2.6, "亿千瓦", 2025),
        ("=", share, "%", 2025),
        ("=", storage, "万千瓦", 2025),
    ]


@pytest.mark.parametrize("plant", ["海上风电叶片制造基地", "新型锂电池生产线项目"])
def test_the_yearly_output_in_a_plants_name_is_no_target(plant):
    assert _targets(f"推动建设测试阳江年产200套{plant}。") == []


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("测试交通综合执法总队<br>七支队", ["测试交通综合执法总队七支队"]),
        ("测试金融商务区<br>管委会", ["测试金融商务区管委会"]),
        (
            "测试区生态环境局<br>测试区城市管理委",
            ["测试区生态环境局", "测试区城市管理委"],
        ),  # two units (a guard)
    ],
)
def test_a_unit_name_broken_inside_a_markdown_cell(cell, names):
    text = (
        "测试区行动计划（测试）\n\n"
        "| 序号 | 重点任务 | 牵头部门 |\n| --- | --- | --- |\n"
        f"| 1 | 推动测试货车新能源化。 | {cell} |\n"
    )
    (document,) = parse_text(text).documents
    assert [u.name for u in document.tasks[0].units] == names


@pytest.mark.parametrize("chapter", ["全国生态环境保护形势", "测试城市建设形势"])
def test_a_chapter_on_the_state_of_things_is_no_work(chapter):
    text = (
        "测试生态环境保护规划（测试）\n"
        f"第一章 {chapter}\n第一节 测试生态环境保护取得积极进展\n测试环境质量有所改善。\n"
        "第二节 测试生态环境保护面临机遇与挑战\n测试机遇与挑战并存。\n"
        "第二章 重点任务\n第一节 强化测试源头防控\n推进测试产业绿色转型。\n第二节 深化测试质量管理\n实施测试大气污染防治。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.title for t in document.tasks] == ["强化测试源头防控", "深化测试质量管理"]


@pytest.mark.parametrize("count", [100, 250])
def test_a_count_of_plants_bounded_before_their_noun_is_a_target(count):
    sentence = f"到2027年更新替代{count}台（套）以上测试老旧化工装置。"
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in _targets(sentence)] == [
        (">=", count, "台（套）", 2027)
    ]


def test_a_size_class_of_plants_stays_no_target():
    # a guard: a size, bounded, before the plant it sorts
    assert _targets("淘汰30万千瓦以下测试煤电机组。") == []
