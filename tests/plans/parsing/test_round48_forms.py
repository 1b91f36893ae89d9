"""Forms that round 48 read, from the seen part of the blind sets r587–r661: a table of goals
closing a plan on its own title line (黄浦区…“十三五”目标任务指标, then 项目 | 指标 and rows whose
cells are sentences), flattened one cell to a line. The table is the document's goals: the last
item ends at its title and the cells' figures are document targets, not the last item's.

All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each
form is written in two spellings so that a rule fitting only one text fails. Expected values
follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _closing_table(title: str, header: tuple[str, str]) -> str:
    return (
        "丙测试区市容管理“十四五”规划（测试）\n\n"
        "一、主要任务\n"
        "1.加强测试道路保洁。完善测试保洁作业标准。\n\n"
        "2.推进测试违法建筑整治。建立测试巡查机制。\n\n"
        f"{title}\n\n{header[0]}\n\n{header[1]}\n\n"
        "测试整治\n\n每年推进测试整治面积不少于8万平方米，累计推进约40万平方米。\n\n"
        "测试停放\n\n管理覆盖率达到90%，设置规范率达到100%，乱停放现象明显改观。\n\n"
        "测试机制\n\n测试管理机制不断完善。\n"
    )


@pytest.mark.parametrize(
    ("title", "header"),
    [
        ("丙测试区市容管理“十四五”目标任务指标", ("项  目", "指  标")),
        ("丙测试区市容管理主要指标表", ("类别", "指标")),
    ],
)
def test_a_closing_table_of_goals_gives_document_targets_and_ends_the_last_item(title, header):
    (document,) = parse_text(_closing_table(title, header)).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]
    last = document.tasks[-1]
    assert "测试" in last.text and "管理覆盖率" not in last.text
    assert last.targets == []
    assert [(t.comparator, t.value, t.unit) for t in document.targets] == [
        (">=", 8, "万平方米"),
        (">=", 40, "万平方米"),
        (">=", 90, "%"),
        (">=", 100, "%"),
    ]


def test_a_title_ending_in_goals_without_a_header_is_still_text():
    # 指标 alone after the title is not a table's header: the paragraph stays the last item's
    text = _closing_table("丙测试区市容管理主要指标表", ("说明如下", "指标")).replace("说明如下\n\n", "")
    (document,) = parse_text(text).documents
    assert "管理覆盖率" in document.tasks[-1].text


def _two_tables(first: str, second: str) -> str:
    # two task tables flattened one cell a paragraph, the second's caption straight after the
    # first's last row (an annex of a 基础任务清单 and a 品牌创建清单)
    def table(caption: str, header: list[str], rows: list[list[str]]) -> str:
        cells = "".join(f"{c}\n\n" for c in [*header, *(c for row in rows for c in row)])
        return f"{caption}\n\n{cells}"

    return (
        "丁测试区营商环境建设工作方案（测试）\n\n一、工作目标\n全面提升测试营商环境。\n\n附件\n\n"
        + table(
            first,
            ["改革领域", "序号", "改革事项", "落实推进单位"],
            [
                ["市场准入", "1", "推进测试登记在线办理。", "区测试市场局"],
                ["市场准入", "2", "扩大测试住所登记覆盖范围。", "区测试市场局"],
            ],
        )
        + table(
            second,
            ["创建领域", "序号", "品牌名称", "工作举措", "落实推进单位"],
            [
                [
                    "企业服务",
                    "1",
                    "测试服务商共话",
                    "支持测试服务商与部门互动交流，听取相关意见建议。",
                    "区测试发展委",
                ],
                ["政策服务", "2", "测试政策培训", "联动各功能区开展测试政策培训。", "区测试科委"],
            ],
        )
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "2024年丁测试区营商环境任务分工表（基础任务清单）",
            "2024年丁测试区营商环境任务分工表（品牌创建清单）",
        ),
        ("表1 丁测试区基础任务", "表2 丁测试区品牌创建任务"),
    ],
)
def test_a_tables_caption_and_header_after_another_table_start_a_table_of_its_own(first, second):
    (document,) = parse_text(_two_tables(first, second)).documents
    units = [(t.number, t.text, [u.name for u in t.units]) for t in document.tasks]
    assert units == [
        ("1", "推进测试登记在线办理。", ["区测试市场局"]),
        ("2", "扩大测试住所登记覆盖范围。", ["区测试市场局"]),
        # the second table's rows: its work column is the text, its unit column the unit (not the
        # first table's columns read over the second's cells)
        ("1", "支持测试服务商与部门互动交流，听取相关意见建议。", ["区测试发展委"]),
        ("2", "联动各功能区开展测试政策培训。", ["区测试科委"]),
    ]


@pytest.mark.parametrize("heading", ["二、 重点工作安排", "二、重点任务安排"])
def test_a_section_of_work_arrangements_gives_its_items_beside_the_annex_table(heading):
    # the body's items name no unit; the annex table repeats them as groups and gives the units
    text = (
        "戊测试区2026年节能减排重点工作安排（测试）\n\n"
        "一、主要工作目标\n按照测试市要求完成年度目标。\n\n"
        f"{heading}\n\n（一）推进测试综合管理\n完善测试统计核算体系。\n\n"
        "（二）推动测试节能增效\n实施测试节能改造。\n\n"
        "附件：2026年重点工作任务分工表\n\n附件\n\n2026年重点工作任务分工表\n\n"
        "序号\n\n重点任务\n\n具体工作\n\n时间进度\n\n责任部门\n\n"
        "一\n\n推进测试综合管理\n\n1\n\n编制测试核算报告。\n\n全年推进\n\n测试发展改革委\n\n"
        "2\n\n开展测试监测。\n\n年内完成\n\n测试生态环境局\n\n"
        "二\n\n推动测试节能增效\n\n3\n\n完成测试节能改造10万平方米。\n\n三季度完成\n\n测试建设管理委\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("（一）", []),
        ("（二）", []),
        ("1", ["测试发展改革委"]),
        ("2", ["测试生态环境局"]),
        ("3", ["测试建设管理委"]),
    ]


@pytest.mark.parametrize(
    ("review", "problems", "trend"),
    [
        ("一、“十三五”工作回顾", "（二）主要存在问题", "二、测试水务发展趋势"),
        ("一、五年工作回顾", "（二）存在的主要问题", "二、测试行业发展趋势"),
    ],
)
def test_a_review_its_problems_and_the_trends_are_not_tasks(review, problems, trend):
    # a plan that names no unit: its tasks are the leaf items of its sections of work, not of the
    # review of the last plan, its problems or the trends
    text = (
        "己测试区水务“十四五”规划（测试）\n\n"
        f"{review}\n（一）主要工作成效\n(1)海塘达标。建成测试海塘165公里。\n(2)泵闸建设。建成测试水闸14座。\n"
        f"{problems}\n1.防御能力尚不足。测试海塘仍有短板。\n2.河湖生态较脆弱。测试河道水质不稳定。\n"
        f"{trend}\n1.测试需求持续增长。\n2.测试标准不断提高。\n"
        "三、“十四五”主要任务\n（一）强化测试防洪体系\n1.推进测试海塘建设。\n2.实施测试泵闸改造。\n"
        "（二）改善测试河湖水质\n1.整治测试河道。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.text.rstrip("。") for t in document.tasks] == [
        "1.推进测试海塘建设",
        "2.实施测试泵闸改造",
        "1.整治测试河道",
    ]


@pytest.mark.parametrize(
    ("subjects", "contents", "part"),
    [
        ("二、执法检查主体", "三、执法检查内容", "(一)安全检查内容"),
        ("二、监督检查对象", "三、联合检查内容", "（一）质量检查内容"),
    ],
)
def test_what_an_inspection_covers_is_no_task(subjects, contents, part):
    # the list of what is inspected (…的情况；) is the scope of the inspection, not work assigned
    text = (
        "庚测试区加装电梯联合执法检查工作方案（测试）\n\n"
        f"{subjects}\n测试房管局、测试建管委、测试执法局。\n"
        f"{contents}\n{part}\n1.施工区域与居民通行区域分隔的情况；\n2.吊装作业的情况；\n"
        "（二）文明施工检查内容\n1.建筑垃圾及时清运的情况；\n2.夜间施工取得许可的情况。\n"
        "四、工作措施\n（一）建立测试联合检查机制\n每季度开展测试联合检查。\n"
        "（二）测试问题复查闭环\n对测试问题限期整改并复查。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["（一）", "（二）"]
    assert document.tasks[0].text.startswith("（一）建立测试联合检查机制")


@pytest.mark.parametrize(
    ("review", "challenges", "trend", "direction"),
    [
        ("一、“十四五”发展评估", "（二）面临挑战和问题", "二、发展趋势及要求", "三、发展方向"),
        (
            "一、规划实施评估",
            "（二）面临的主要挑战与问题",
            "二、测试交通发展趋势和要求",
            "三、测试交通发展方向",
        ),
    ],
)
def test_an_evaluation_the_challenges_and_the_direction_are_not_tasks(review, challenges, trend, direction):
    text = (
        "辛测试区综合交通“十五五”规划（测试）\n\n"
        f"{review}\n（一）发展成效\n1.测试枢纽地位确立。建成测试枢纽2座。\n2.测试路网更加完善。\n"
        f"{challenges}\n测试路网仍有短板。\n"
        f"{trend}\n测试区域一体化加快。\n"
        f"{direction}\n以测试高质量发展为主线。\n"
        "四、主要任务\n（一）完善测试对外通道\n1.推进测试快速路建设。\n2.实施测试道路改造。\n"
    )
    (document,) = parse_text(text).documents
    assert [t.text.rstrip("。") for t in document.tasks] == ["1.推进测试快速路建设", "2.实施测试道路改造"]
