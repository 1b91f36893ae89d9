"""Forms that round 52 read: a task list whose rows carry a figure per year (r692's annex).

A 任务清单 of 类别 | 序号 | 主要任务 | 节点 | 指标数 | 责任单位 | 配合单位, the task and its units
merged down over one row per year, the numbering starting again under each category. All the
snippets are synthetic (（测试）): the places, the units and the figures are made up. Each form is
written in two or three spellings (one cell a paragraph, one cell a line, a .docx table) so that a
rule fitting only one text fails. Expected values follow tests/corpus/README.md: a bare figure in
a value column is ``=``, its year the row's 节点 / 完成时间.
"""

from __future__ import annotations

import re
import unicodedata

from built_files import docx_bytes, one_item_targets, xlsx_bytes

from gongzhi.plans.parsing import parse_bytes, parse_text

_PLAN = [
    "测试县垃圾分类三年行动计划（2024—2026年）（测试）",
    "一、主要任务",
    "（一）推进分类投放。全面推行测试分类。",
    "附件：测试县三年行动任务清单（测试）",
]


def _tasks(
    result, *, skip: int = 1, by_title: bool = False
) -> dict[tuple[str, str], tuple[dict, list[tuple]]]:
    """(number, first 8 characters of the text, or of the title) -> (units by role, targets) of every
    task after the first ``skip`` (the plan's own body item before its table)."""
    (document,) = result.documents
    out = {}
    for task in document.tasks[skip:]:
        roles: dict[str, list[str]] = {}
        for unit in task.units:
            roles.setdefault(unit.role, []).append(unit.name)
        targets = [(t.comparator, t.value, t.unit, t.deadline_year) for t in task.targets]
        out[(task.number, ((task.title if by_title else None) or task.text)[:8])] = (roles, targets)
    return out


def _all_tasks(result) -> dict[tuple[str, str], tuple[dict, list[tuple]]]:
    return _tasks(result, skip=0, by_title=True)


def test_category_printed_down_the_page_and_later_years_after_the_row():
    # one cell a paragraph; the category's characters one a line (a vertical cell), numbered 1. / 2.
    cells = [
        *("类别", "序号", "主要任务", "节点", "指标数", "责任单位", "配合单位"),
        "1.\n测\n试\n投\n放",
        *("1", "测试绿色账户覆盖户数/小区数", "2024年", "3.5万户/46个", "测试县城管局", "各乡镇人民政府"),
        *("2025年", "4.2万户/58个"),
        *("2", "创建测试达标小区（累计数）", "2024年", "30个", "各乡镇人民政府"),
        *("2025年", "45个", "2026年", "60个"),
        "2.\n测\n试\n处\n置",
        *("1", "测试湿垃圾分类量", "2024年", "36吨/日", "测试县城管局", "测试县商务局"),
        *("2025年", "42吨/日", "2026年", "50吨/日"),
        *("2", "各乡镇完成整区域覆盖", "2024年", "4个乡镇", "甲镇、乙镇", "测试县城管局"),
        *("2025年", "3个乡镇", "丙镇、丁镇"),
    ]
    tasks = _tasks(parse_text("\n\n".join(_PLAN) + "\n\n" + "\n\n".join(cells) + "\n"))
    assert tasks == {
        ("1", "测试绿色账户覆盖"): (
            {"responsible": ["测试县城管局"], "cooperating": ["各乡镇人民政府"]},
            [
                ("=", 3.5, "万户", 2024),
                ("=", 46, "个", 2024),
                ("=", 4.2, "万户", 2025),
                ("=", 58, "个", 2025),
            ],
        ),
        # the row prints no 配合单位 cell: its one unit cell is the 责任单位
        ("2", "创建测试达标小区"): (
            {"responsible": ["各乡镇人民政府"]},
            [("=", 30, "个", 2024), ("=", 45, "个", 2025), ("=", 60, "个", 2026)],
        ),
        ("1", "测试湿垃圾分类量"): (
            {"responsible": ["测试县城管局"], "cooperating": ["测试县商务局"]},
            [("=", 36, "吨/日", 2024), ("=", 42, "吨/日", 2025), ("=", 50, "吨/日", 2026)],
        ),
        # a later year's row names its own units: they join the task's
        ("2", "各乡镇完成整区域"): (
            {"responsible": ["甲镇", "乙镇", "丙镇", "丁镇"], "cooperating": ["测试县城管局"]},
            [("=", 4, "个", 2024), ("=", 3, "个", 2025)],
        ),
    }


def test_categories_as_headings_between_rows_one_cell_a_line():
    # one cell a line; 一、/ 二、 category headings; 完成时间 | 目标任务数
    cells = [
        *("类别", "序号", "重点任务", "完成时间", "目标任务数", "责任单位", "配合单位"),
        "一、测试投放",
        *("1", "新建测试投放点（累计）", "2024年", "120个", "测试县城管局", "各乡镇人民政府"),
        *("2025年", "180个", "2026年", "240个"),
        *("2", "测试分类覆盖户数/村数", "2024年", "3.5万户/46个", "各乡镇人民政府"),
        "二、测试处置",
        *("1", "测试湿垃圾处理量", "2024年", "80吨/日", "测试县城管局", "测试县发改局", "2025年", "95吨/日"),
        *("2", "测试中转站改造", "2024年", "2座", "测试县城管局"),
    ]
    tasks = _tasks(parse_text("\n".join(_PLAN) + "\n" + "\n".join(cells) + "\n"))
    assert tasks == {
        ("1", "新建测试投放点（"): (
            {"responsible": ["测试县城管局"], "cooperating": ["各乡镇人民政府"]},
            [("=", 120, "个", 2024), ("=", 180, "个", 2025), ("=", 240, "个", 2026)],
        ),
        ("2", "测试分类覆盖户数"): (
            {"responsible": ["各乡镇人民政府"]},
            [("=", 3.5, "万户", 2024), ("=", 46, "个", 2024)],
        ),
        ("1", "测试湿垃圾处理量"): (
            {"responsible": ["测试县城管局"], "cooperating": ["测试县发改局"]},
            [("=", 80, "吨/日", 2024), ("=", 95, "吨/日", 2025)],
        ),
        ("2", "测试中转站改造"): ({"responsible": ["测试县城管局"]}, [("=", 2, "座", 2024)]),
    }


def test_docx_rows_merged_over_their_years():
    rows = [
        ["类别", "序号", "主要任务", "节点", "指标数", "责任单位", "配合单位"],
        ["测试投放", "1", "新建测试投放点（累计数）", "2024年", "120个", "测试县城管局", "各乡镇人民政府"],
        [None, None, None, "2025年", "180个", None, None],
        [None, "2", "测试分类覆盖户数/村数", "2024年", "3.5万户/46个", "各乡镇人民政府", None],
        ["测试处置", "1", "测试湿垃圾处理量", "2024年", "80吨/日", "测试县城管局", "测试县发改局"],
        [None, None, None, "2025年", "95吨/日", None, None],
    ]
    merges = [((1, 0), (3, 0)), ((4, 0), (5, 0))]
    merges += [((r, c), (r + 1, c)) for r in (1, 4) for c in (1, 2, 5, 6)]
    tasks = _tasks(parse_bytes(docx_bytes(_PLAN, rows, merges), "测试任务清单.docx"))
    assert tasks == {
        ("1", "新建测试投放点（"): (
            {"responsible": ["测试县城管局"], "cooperating": ["各乡镇人民政府"]},
            [("=", 120, "个", 2024), ("=", 180, "个", 2025)],
        ),
        ("2", "测试分类覆盖户数"): (
            {"responsible": ["各乡镇人民政府"]},
            [("=", 3.5, "万户", 2024), ("=", 46, "个", 2024)],
        ),
        ("1", "测试湿垃圾处理量"): (
            {"responsible": ["测试县城管局"], "cooperating": ["测试县发改局"]},
            [("=", 80, "吨/日", 2024), ("=", 95, "吨/日", 2025)],
        ),
    }


def test_two_date_columns_are_not_later_years():
    # 开始时间 | 完成时间: a row's second year is its own cell, not a merged row's next year
    cells = [
        *("序号", "重点任务", "开始时间", "完成时间", "目标值", "责任单位"),
        *("1", "新建测试驿站", "2024年", "2025年", "12个", "测试县民政局"),
        *("2", "改造测试站点", "2024年", "2026年", "8个", "测试县住建局"),
    ]
    tasks = _tasks(parse_text("\n".join(_PLAN) + "\n" + "\n".join(cells) + "\n"))
    assert tasks == {
        ("1", "新建测试驿站"): ({"responsible": ["测试县民政局"]}, [("=", 12, "个", 2025)]),
        ("2", "改造测试站点"): ({"responsible": ["测试县住建局"]}, [("=", 8, "个", 2026)]),
    }


def test_a_yearly_figure_within_a_five_year_period_keeps_no_year():
    # “十三五”期间 spans the years: a figure for each year keeps none (as 每年 alone does); a count
    # to be reached within the period is due by its last year; 十四五末 is a deadline for both
    assert one_item_targets("“十三五”期间，每年每名测试队员在线培训不低于56学时。") == [
        (">=", 56, "学时", None)
    ]
    assert one_item_targets("十四五时期，计划每年推进2-3个测试街区。") == [("range", 2, "个", None)]
    assert one_item_targets("“十三五”期间，新建10个测试驿站。") == [(">=", 10, "个", 2020)]
    assert one_item_targets("到“十四五”末，每年新增10个测试驿站。") == [(">=", 10, "个", 2025)]


def _project_rows(own_units: bool) -> list[list]:
    return [
        ["序号", "项目名称", "项目内容", "进展情况", "主办单位"],
        ["1", "测试人居环境提升工程", "新增测试卫生乡镇2个、测试美丽乡村3个。", "已完成", "测试县农业农村局"],
        [None, None, "建设测试农村路50公里。", "正常推进", "测试县交通运输局" if own_units else None],
        [None, None, "新增测试绿化面积387亩。", "已完成", "测试县自然资源局" if own_units else None],
        ["2", "测试养老服务工程", "新建测试助餐点12个。", "已完成", "测试县民政局"],
    ]


def _project_merges(own_units: bool) -> list:
    merges = [((1, 0), (3, 0)), ((1, 1), (3, 1))]
    return merges if own_units else [*merges, ((1, 4), (3, 4))]


def test_a_project_merged_down_over_its_work_rows_is_one_task():
    # 序号, 项目名称 and 主办单位 merged down: the project's rows are one task (docx and xlsx)
    expected = {
        ("1", "测试人居环境提升"): (
            {"lead": ["测试县农业农村局"]},
            [(">=", 2, "个", None), (">=", 3, "个", None), (">=", 50, "公里", None), (">=", 387, "亩", None)],
        ),
        ("2", "测试养老服务工程"): ({"lead": ["测试县民政局"]}, [(">=", 12, "个", None)]),
    }
    paragraphs = ["测试县民生实事项目进展表（测试）"]
    docx = docx_bytes(paragraphs, _project_rows(False), _project_merges(False))
    assert _all_tasks(parse_bytes(docx, "测试进展表.docx")) == expected
    rows = [[c or "" for c in row] for row in _project_rows(False)]
    rows = [[paragraphs[0], "", "", "", ""], *rows]
    for r in (2, 3):  # (a spreadsheet's merged cells stay empty below their first)
        rows[r + 1][0] = rows[r + 1][1] = rows[r + 1][4] = ""
    xlsx = xlsx_bytes(rows, merges=["A3:A5", "B3:B5", "E3:E5"])
    assert _all_tasks(parse_bytes(xlsx, "测试进展表.xlsx")) == expected


def test_rows_under_a_merged_number_that_name_their_own_units_stay_tasks():
    paragraphs = ["测试县民生实事项目进展表（测试）"]
    docx = docx_bytes(paragraphs, _project_rows(True), _project_merges(True))
    tasks = parse_bytes(docx, "测试进展表.docx").documents[0].tasks
    assert [t.number for t in tasks] == ["1", "1", "1", "2"]


def test_a_column_name_printed_twice_names_the_task_first():
    # a progress report: 目标任务 (the task) … 目标任务 (its figure) | 累计完成; .xlsx and .docx
    rows = [
        ["序号", "项目名称", "目标任务", "牵头单位", "目标任务", "累计完成", "累计进度"],
        ["1", "促进测试就业", "城镇新增测试就业1100人", "测试县人社局", "1100", "1063", "96.64%"],
        ["2", "支持测试创业", "按1500元/人标准发放测试补贴", "测试县人社局", "", "已发放", ""],
        ["3", "测试家政行动", "培训测试家政人员613人次", "测试县商务局", "613", "626", "102.12%"],
    ]
    expected = {
        ("1", "促进测试就业"): ({"lead": ["测试县人社局"]}, [(">=", 1100, "人", None)]),
        ("2", "支持测试创业"): ({"lead": ["测试县人社局"]}, []),
        ("3", "测试家政行动"): ({"lead": ["测试县商务局"]}, [(">=", 613, "人次", None)]),
    }
    title = "测试县民生实事进度表（测试）"
    xlsx = xlsx_bytes([[title, "", "", "", "", "", ""], *rows])
    assert _all_tasks(parse_bytes(xlsx, "测试进度表.xlsx")) == expected
    assert _all_tasks(parse_bytes(docx_bytes([title], rows), "测试进度表.docx")) == expected


_PDF_TASKS = [
    (
        "一",
        "推动测试产业绿色转型",
        "测试市经济信息委牵头，测试市发展改革委、测试市科技局等配合",
        "累计培育测试绿色工厂 60 家以上",
    ),
    (
        "二",
        "提升测试园区能级",
        "测试市经济信息委、测试市商务委按职责分工负责",
        "新建测试公共服务平台 8 个以上",
    ),
    ("三", "完善测试支撑体系", "测试市市场监管局牵头，测试市经济信息委配合", "制定测试地方标准 12 项以上"),
    (
        "四",
        "壮大测试新兴产业",
        "测试市发展改革委牵头，测试市财政局、测试市税务局等配合",
        "新增测试规上企业 150 家",
    ),
    (
        "五",
        "推进测试资源循环利用",
        "测试市生态环境局、测试市住房城乡建设委按职责分工负责",
        "建成测试回收网点 300 个",
    ),
    ("六", "强化测试人才支撑", "测试市人力社保局牵头，测试市教委配合", "培训测试技能人才 2 万人次"),
]
_PDF_PLAN = [
    "测试市推进测试产业绿色发展行动计划（2024—2026年）（测试）",
    "一、主要目标",
    "到 2026 年，全市测试产业规模以上工业单位增加值能耗较 2023 年下降 12%，测试新兴产业总产值突破 800 亿元，"
    "测试绿色制造体系基本建成，测试产业链整体绿色发展水平明显提升。",
    "二、重点任务",
    *(
        f"（{n}）{title}。深化测试技术与制造业融合，实施测试节能改造，完善测试公共服务设施，提升测试"
        f"产业链整体绿色发展水平，到 2026 年{figure}。（{units}）"
        for n, title, units, figure in _PDF_TASKS
    ),
]


def _as_pdf_text(paragraphs: list[str], width: int, furniture: bool) -> str:
    """The paragraphs as a PDF's text layer saved to a file: each long one wrapped at ``width``
    Chinese characters' width (its first line two short, the indent lost; digits narrower), and with ``furniture`` a page number,
    a running foot and head every 8 lines, wherever they fall in a sentence."""
    lines: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) < 20 or paragraph.endswith("（测试）"):  # (a heading, the title)
            lines.append(paragraph)
            continue
        line, room = "", 2 * width - 4  # display columns: a Chinese character two, a digit one
        for ch in paragraph:
            wide = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if room < wide and ch not in "，。、；）":  # (punctuation hangs over the line's end)
                lines.append(line)
                line, room = "", 2 * width
            line, room = line + ch, room - wide
        lines.append(line)
    if not furniture:
        return "\n".join(lines) + "\n"
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        if furniture == "bare" and k % 15 == 14:
            out.append(f"{k // 15 + 1}")  # (a bare page number every 15 lines)
        elif furniture is True and k % 8 == 7:
            out += [f"- {k // 8 + 1} -", "测试市人民政府发布", "测试市人民政府行政规范性文件"]
    return "\n".join(out) + "\n"


def _labelled(paragraph: str) -> str:
    """（三）…（X牵头，Y配合） as 3.…（牵头单位：X，配合单位：Y）; 按职责分工负责 as 责任单位：."""
    if not (m := re.match(r"（([一二三四五六])）(.*)（(.*)）$", paragraph)):
        return paragraph
    n, body, units = m.groups()
    lead, _, other = units.partition("牵头，")
    if other:
        label = f"牵头单位：{lead}，配合单位：{other.removesuffix('等配合').removesuffix('配合')}"
    else:
        label = f"责任单位：{units.removesuffix('按职责分工负责')}"
    return f"{'一二三四五六'.index(n) + 1}.{body}（{label}）"


def test_a_pdf_text_saved_as_a_text_file_reads_as_the_pdf_would():
    # hard line wraps that cut unit names (测试市经济 / 信息委) and figures' phrases, digits spaced
    # from the words, page numbers with a running foot and head between two halves of a sentence
    # (and the items numbered 1. with 牵头单位：/配合单位： labels: the numbers narrower than （一）)
    labelled = [_labelled(p) for p in _PDF_PLAN]
    for plan, width, furniture in (
        (_PDF_PLAN, 30, True),
        (_PDF_PLAN, 26, False),
        (labelled, 34, True),
        (_PDF_PLAN, 18, "bare"),
    ):
        (document,) = parse_text(_as_pdf_text(plan, width, furniture)).documents
        tasks = {
            t.number: (
                sorted((u.role, u.name) for u in t.units),
                [(g.comparator, g.value, g.unit, g.deadline_year) for g in t.targets],
            )
            for t in document.tasks
        }
        expected = {}
        for n, _title, units, figure in _PDF_TASKS:
            lead, _, other = units.partition("牵头，")
            if other:
                roles = [("lead", lead)] + [
                    ("cooperating", u) for u in other.removesuffix("等配合").removesuffix("配合").split("、")
                ]
            else:
                roles = [("responsible", u) for u in units.removesuffix("按职责分工负责").split("、")]
            value = re.search(r"[0-9.]+", figure)
            number = f"（{n}）" if plan is _PDF_PLAN else f"{'一二三四五六'.index(n) + 1}."
            expected[number] = sorted(roles), value.group()
        found = {
            number: (units, str(targets[0][1]) if len(targets) == 1 else targets)
            for number, (units, targets) in tasks.items()
        }
        assert found == expected, (width, furniture)
        goals = [(g.comparator, g.value, g.unit, g.deadline_year) for g in document.targets]
        assert goals == [("decrease_by", 12, "%", 2026), (">", 800, "亿元", 2026)], (width, furniture)


def test_nei_after_a_count_opens_the_thing_counted():
    # 60条内街小巷 counts inner lanes; 24小时内 is a limit
    assert one_item_targets("维修改造测试城区60条内街小巷。") == [(">=", 60, "条", None)]
    assert one_item_targets("新建测试园区5公里内河航道。") == [(">=", 5, "公里", None)]
    assert one_item_targets("测试事项在24小时内办结。") == [("<=", 24, "小时", None)]


def test_an_output_per_area_is_one_measure():
    assert one_item_targets("测试产业园区投产工业用地产出强度提升至85亿元/平方公里。") == [
        (">=", 85, "亿元/平方公里", None)
    ]
    assert one_item_targets("测试园区亩均产出达到1200万元/平方公里以上。") == [
        (">=", 1200, "万元/平方公里", None)
    ]


def test_a_share_with_no_verb_before_it_is_the_share_that_must():
    # 30%以上达到…, 70%以上县级机关创建成为…: no 的, and the subject may be left out
    assert one_item_targets("到2025年，测试重点行业产能30%以上达到能效标杆水平。") == [(">=", 30, "%", 2025)]
    assert one_item_targets("年底前70%以上县级及以上测试机关创建成为节约型机关。") == [(">=", 70, "%", None)]
    assert one_item_targets("80%以上的测试村庄完成改厕。") == [(">=", 80, "%", None)]


def test_a_table_saved_one_cell_a_line_with_a_bar_and_no_number():
    # 项目名称 | / 内容 | / 牵头单位 | / 进展情况（7月） | …, no 序号 column, one row or several
    one = [
        *("项目 名称 |", "内容 |", "牵头单位 |", "进展情况 (7月) |", "进展情况 (12月) |"),
        "测试照护服务项目 |",
        "新增测试儿童之家12家,新增测试托位180个以上。 |",
        "测试区民政局、测试区卫生健康局 |",
        "测试区民政局:已新增测试儿童之家10家。 |",
        "已新增测试托位202个。 |",
    ]
    tasks = parse_text("测试区民生实事项目进展（测试）\n" + "\n".join(one) + "\n").documents[0].tasks
    assert [
        (t.title, [u.name for u in t.units], [(g.comparator, g.value, g.unit) for g in t.targets])
        for t in tasks
    ] == [("测试照护服务项目", ["测试区民政局", "测试区卫生健康局"], [(">=", 12, "家"), (">=", 180, "个")])]
    two = [
        *("项目名称 |", "建设内容 |", "责任单位 |", "完成时限 |"),
        *("测试助餐项目 |", "新建测试老年助餐点15个。 |", "测试县民政局 |", "2025年12月底 |"),
        *("测试托育项目 |", "新增测试普惠托位300个。 |", "测试县卫健局 |", "2025年10月底 |"),
    ]
    tasks = parse_text("测试县2025年民生实事项目（测试）\n" + "\n".join(two) + "\n").documents[0].tasks
    assert [
        (t.title, [u.name for u in t.units], [(g.value, g.unit, g.deadline_year) for g in t.targets])
        for t in tasks
    ] == [
        ("测试助餐项目", ["测试县民政局"], [(15, "个", 2025)]),
        ("测试托育项目", ["测试县卫健局"], [(300, "个", 2025)]),
    ]


def test_the_year_of_an_editions_name_is_no_deadline():
    # 《…目录》(2019年本), 《…》（2024年版）: the edition's year, not the year the work is due
    assert one_item_targets("严格执行《测试调整目录》(2019年本),淘汰50家测试企业落后产能。") == [
        (">=", 50, "家", None)
    ]
    assert one_item_targets("对照《测试标准》（2024年版），改造测试站点12个。") == [(">=", 12, "个", None)]


def test_money_brought_in_bounded_by_yishang_is_a_target():
    # 到位市外资金500亿元以上: funds attracted (not handed out), bounded, with no verb of its own
    assert one_item_targets("加大测试项目招引力度，年实际到位市外资金500亿元以上。") == [
        (">=", 500, "亿元", None)
    ]
    assert one_item_targets("全年实际到位测试内资80亿元以上。") == [(">=", 80, "亿元", None)]
    assert one_item_targets("统筹测试财政资金1000万元以上。") == []  # (money handed out)


def test_an_abridged_note_between_the_notice_and_its_plan_is_no_title():
    # （本文有删减） / (本文有删减) after the signature: a note, the plan's title follows it
    for note in ("（本文有删减）", "(本文有删减)"):
        text = (
            "测试市人民政府关于印发测试节能工作方案的通知\n"
            "各区人民政府：\n现将《测试节能工作方案》印发给你们，请认真贯彻落实。\n"
            f"测试市人民政府\n2024年3月1日\n{note}\n测试节能工作方案\n"
            "一、重点任务\n（一）推进测试改造。改造测试站点12个。（测试市发展改革委负责）\n"
        )
        (document,) = parse_text(text).documents
        assert document.title == "测试节能工作方案"
        assert [t.number for t in document.tasks] == ["（一）"]


def test_completing_or_starting_so_many_things_is_a_count_to_reach():
    assert one_item_targets("完善26个测试乡镇卫生院医疗急救站。") == [(">=", 26, "个", None)]
    assert one_item_targets("启动104家测试企业全链条超低排放改造。") == [(">=", 104, "家", None)]


def _roles(text: str) -> list[tuple[str, list[str], list[str]]]:
    (document,) = parse_text(text).documents
    return [
        (
            t.number,
            [u.name for u in t.units if u.role == "lead"],
            [u.name for u in t.units if u.role == "responsible"],
        )
        for t in document.tasks
    ]


def test_units_before_the_first_comma_lead_when_the_document_says_so():
    # ［责任单位：X、Y，Z；逗号前为牵头单位，下同］ in the first item, then plain clauses in （） or ［］
    for first, later in (
        (
            "［责任单位：测试市经信局、测试市生态环境局，各区县政府；逗号前为牵头单位，下同］",
            "（责任单位：测试市发改委，测试县政府、测试区政府）",
        ),
        (
            "（责任单位：测试市经信局、测试市生态环境局，各区县政府。逗号之前的单位为牵头单位，下同）",
            "［责任单位：测试市发改委，测试县政府、测试区政府］",
        ),
    ):
        text = (
            "测试市能源结构优化行动方案（测试）\n一、重点任务\n"
            f"1．推进测试节能改造。实施测试改造。{first}\n"
            f"2．推进测试天然气增产。建设测试气田。{later}\n"
        )
        assert _roles(text) == [
            ("1．", ["测试市经信局", "测试市生态环境局"], ["各区县政府"]),
            ("2．", ["测试市发改委"], ["测试县政府", "测试区政府"]),
        ], first


def test_a_sections_lead_paragraph_before_run_in_tasks_is_no_part_of_the_first():
    # （一）heading / a paragraph of the section's own words / 强化…。…（责任单位：X） / 统筹…。…（Y）
    for heading, clause in (
        ("（一）测试机制融合创新行动", "（责任单位：{}）"),
        ("一、测试机制融合创新行动", "（{}牵头）"),
    ):
        text = (
            "测试市协同控制三年行动计划（2024—2026年）（测试）\n二、主要任务\n"
            f"{heading}\n"
            "围绕测试减污降碳，破除制约创新的制度藩篱，提升测试创新治理能力。\n"
            f"强化测试规划衔接。将测试任务要求融入规划。{clause.format('测试市生态环境局')}\n"
            f"统筹测试考核机制。实施测试协同控制制度。{clause.format('测试市委组织部')}\n"
            f"创新测试标准机制。组织制定测试排放标准。{clause.format('测试市市场监管局')}\n"
        )
        (document,) = parse_text(text).documents
        assert [(t.text[:8], [u.name for u in t.units]) for t in document.tasks] == [
            ("强化测试规划衔接", ["测试市生态环境局"]),
            ("统筹测试考核机制", ["测试市委组织部"]),
            ("创新测试标准机制", ["测试市市场监管局"]),
        ], heading


def test_counts_listed_after_a_comma_share_the_verb_before_it():
    # 培育A200家，B2000家、C300家: the list after the comma goes on with 、, each count the verb's
    assert one_item_targets("培育测试无废工厂200家，测试节水企业2000家、测试标杆企业300家。") == [
        (">=", 200, "家", None),
        (">=", 2000, "家", None),
        (">=", 300, "家", None),
    ]
    assert one_item_targets("新建测试公共厕所120座，测试户用厕所1450座、测试口袋公园3个。") == [
        (">=", 120, "座", None),
        (">=", 1450, "座", None),
        (">=", 3, "个", None),
    ]


def test_ti_zhi_raises_to_a_level():
    assert one_item_targets("到2030年，测试电解铝使用可再生能源比例提至30%以上。") == [(">=", 30, "%", 2030)]
    assert one_item_targets("测试园区绿电使用比例提至50%。") == [(">=", 50, "%", None)]


def test_a_file_of_annexes_alone_holds_one_document_each():
    # 附件 1 / X政策措施 … 附件 2 / Y行动方案（2021—2025年）: two documents; the second's period dates its targets
    for mark in ("附件 {}", "附件{}"):
        text = (
            f"{mark.format(1)}\n测试市能源结构调整十条政策措施\n"
            "一、能源消费政策措施\n（一）支持测试节能改造。对测试项目给予补助。（责任单位：测试市经信局）\n"
            f"{mark.format(2)}\n测试市能源结构调整行动方案（2021—2025年）\n"
            "一、重点任务\n1．建设测试加氢站。建成测试加氢站40座。（责任单位：测试市经信局）\n"
        )
        documents = parse_text(text).documents
        assert [d.title for d in documents] == [
            "测试市能源结构调整十条政策措施",
            "测试市能源结构调整行动方案（2021—2025年）",
        ]
        assert [(g.value, g.deadline_year) for g in documents[1].tasks[0].targets] == [(40, 2025)]


def test_work_done_on_so_much_is_no_rise():
    # 完成森林质量精准提升45万亩: the improvement carried out over an area (收入提高5000元 is a rise)
    assert one_item_targets("到2025年，完成测试森林质量精准提升45万亩。") == [(">=", 45, "万亩", 2025)]
    assert one_item_targets("实施测试农田质量提升3万亩。") == [(">=", 3, "万亩", None)]
    assert one_item_targets("测试农民人均收入提高5000元。") == [("increase_by", 5000, "元", None)]
    assert one_item_targets("全市累计策划测试碳汇项目20个以上。") == [(">=", 20, "个", None)]


def test_a_size_class_before_the_plant_it_sorts_is_no_target():
    # 单机容量30万千瓦以下煤电机组, 3.2米及以下水泥粉磨生产线: which plants
    assert one_item_targets("到2025年，推进单机容量30万千瓦以下测试煤电机组关停整合。") == []
    assert one_item_targets("全面淘汰3.2米及以下测试水泥粉磨生产线。") == []
    assert one_item_targets("新增测试光伏装机50万千瓦以上。") == [(">=", 50, "万千瓦", None)]


def test_deng_bumen_he_parts_two_groups_of_units():
    # （X、Y等部门和各区人民政府按职责分工负责）: X, Y (open-ended) and the districts' governments
    for clause in (
        "（测试市发改委、测试市商务局等部门和各区人民政府按职责分工负责）",
        "（测试市商务局等有关部门及各区人民政府负责）",
    ):
        text = f"测试市实施方案（测试）\n一、重点任务\n（一）推进测试工作。实施测试改造。{clause}\n（二）完善测试机制。（测试市财政局负责）\n"
        (document,) = parse_text(text).documents
        task = document.tasks[0]
        assert [u.name for u in task.units][-2:] == ["测试市商务局", "各区人民政府"], clause
        assert task.open_ended, clause


def test_coal_per_kilowatt_hour_is_one_measure():
    assert one_item_targets("到2025年，测试火电平均供电煤耗降至295克标煤/千瓦时。") == [
        ("<=", 295, "克标煤/千瓦时", 2025)
    ]
    assert one_item_targets("测试机组供电煤耗控制在300克标准煤/千瓦时以内。") == [
        ("<=", 300, "克标准煤/千瓦时", None)
    ]


def test_a_groups_member_units_are_units():
    # （X牵头，市…领导小组成员单位配合）: the members of a leading group, named as such
    for clause in (
        "（测试市经信委、测试市发改委牵头，测试市制造强市建设领导小组成员单位配合）",
        "（测试市发改委牵头，测试市碳达峰碳中和工作领导小组成员单位参与）",
    ):
        text = f"测试市行动计划（测试）\n四、保障措施\n（一）加强组织领导。统筹推进测试工作。{clause}\n（二）强化考核。（测试市考核办负责）\n"
        (document,) = parse_text(text).documents
        task = document.tasks[0]
        assert task.number == "（一）", clause
        assert [u.role for u in task.units][-1] == "cooperating" and task.units[-1].name.endswith(
            "成员单位"
        ), clause


def test_a_division_of_duties_with_fuze_left_out_still_names_the_units():
    for clause in ("（测试省工信厅、测试省发改委等按职责分工）", "（测试省工信厅、测试省发改委按职责分工）"):
        text = f"测试省实施方案（测试）\n一、重点任务\n（一）推进测试改造。实施测试改造。{clause}\n（二）完善测试机制。（测试省财政厅负责）\n"
        (document,) = parse_text(text).documents
        assert [(u.name, u.role) for u in document.tasks[0].units] == [
            ("测试省工信厅", "responsible"),
            ("测试省发改委", "responsible"),
        ], clause
