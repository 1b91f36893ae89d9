"""Task tables (任务分工表) in .docx and .xlsx: header recognition, two-row headers, merged cells,
section rows, the columns' roles and the cells' own words (issue 12).

Every document here is synthetic (示例区, 演示文件)."""

import io

import docx
from built_files import docx_bytes, xlsx_bytes

from gongzhi.plans.parsing import parse_bytes


def _units(task):
    return task.lead_units, task.responsible_units, task.cooperating_units


def test_a_docx_header_over_two_rows_and_merged_section_rows():
    rows = [
        ["序号", "重点任务", "责任单位", None, "完成时限"],
        [None, None, "牵头单位", "配合单位", None],
        ["一、营商环境", None, None, None, None],
        ["1", "企业开办压缩至1个工作日以内。", "区行政审批服务局", "区市场监管局、区税务局", "2025年6月底"],
        ["2", "推行“一件事”集成办理。", "区政务服务中心", "各镇（街道）", "2025年12月底"],
    ]
    merges = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3)), ((0, 4), (1, 4)), ((2, 0), (2, 4))]
    data = docx_bytes(["示例区2025年重点任务分工表（演示文件）"], rows, merges)
    (doc,) = parse_bytes(data, "分工表.docx").documents
    assert [t.number for t in doc.tasks] == ["1", "2"]
    assert _units(doc.tasks[0]) == (["区行政审批服务局"], [], ["区市场监管局", "区税务局"])
    assert _units(doc.tasks[1]) == (["区政务服务中心"], [], ["各镇（街道）"])
    assert doc.tasks[0].deadline == "2025年6月底"
    assert doc.tasks[0].path[-1] == "一、营商环境"


def test_an_xlsx_header_over_two_rows_and_section_rows_between_the_rows():
    data = xlsx_bytes(
        [
            ["示例区2025年重点工作任务清单（演示文件）"],
            ["序号", "工作任务", "责任单位", None, "完成时限"],
            [None, None, "牵头单位", "配合单位", None],
            ["一、优化营商环境"],
            [1, "新增市场主体不少于3000户。", "区市场监管局", "各镇街", "2025年12月底"],
            ["二、民生实事"],
            [1, "新建养老服务站5个。", "区民政局", "区财政局", "2025年10月底"],
        ],
        merges=["A2:A3", "B2:B3", "C2:D2", "E2:E3", "A4:E4", "A6:E6"],
    )
    (doc,) = parse_bytes(data, "清单.xlsx").documents
    assert [(t.number, t.path[-1]) for t in doc.tasks] == [("1", "一、优化营商环境"), ("1", "二、民生实事")]
    assert _units(doc.tasks[0]) == (["区市场监管局"], [], ["各镇街"])
    assert _units(doc.tasks[1]) == (["区民政局"], [], ["区财政局"])
    assert doc.tasks[1].targets and doc.tasks[1].targets[0].value == 5


def test_a_name_column_and_a_content_column_and_a_guiding_department_column():
    rows = [
        ["序号", "改革举措", "主要内容", "指导部门", "推广范围"],
        ["一、知识产权保护方面（共2项）", None, None, None, None],
        ["1", "示例审判机制", "整合审判资源，提高审判效率。", "示例法院、示例知识产权局", "全国"],
        ["2", "示例保险机制", "开发保险产品，降低侵权损失。", "示例知识产权局", "8个改革试验区域"],
    ]
    data = docx_bytes(["第二批改革举措推广清单（演示文件）"], rows, [((1, 0), (1, 4))])
    (doc,) = parse_bytes(data, "清单.docx").documents
    assert [(t.number, t.title, t.text) for t in doc.tasks] == [
        ("1", "示例审判机制", "整合审判资源，提高审判效率。"),
        ("2", "示例保险机制", "开发保险产品，降低侵权损失。"),
    ]
    assert _units(doc.tasks[0]) == ([], ["示例法院", "示例知识产权局"], [])
    assert all(not t.targets for t in doc.tasks)  # 推广范围 is neither a unit nor a target


def test_the_cells_words_decide_roles_and_a_declaration_makes_the_first_unit_lead():
    rows = [
        ["序号", "重点工作", "责任单位"],
        ["1", "推进示例工作甲。", "区发改局（首位单位为牵头单位，下同）、区财政局、区税务局"],
        ["2", "推进示例工作乙。", "区财政局"],
        ["3", "推进示例工作丙。", "区工信局牵头，区税务局按职责分工负责，各镇政府落实"],
    ]
    data = docx_bytes(["示例区重点工作责任分解（演示文件）"], rows)
    (doc,) = parse_bytes(data, "分解.docx").documents
    assert [_units(t) for t in doc.tasks] == [
        (["区发改局"], ["区财政局", "区税务局"], []),
        (["区财政局"], [], []),
        (["区工信局"], ["区税务局", "各镇政府"], []),
    ]


def test_a_table_without_a_unit_column_is_not_a_task_table():
    rows = [["指标", "2024年", "2026年目标"], ["示例覆盖率（%）", "80", "95"]]
    data = docx_bytes(["一、发展目标", "（一）推进示例工作。（区发改局负责）"], rows)
    (doc,) = parse_bytes(data, "方案.docx").documents
    assert [t.number for t in doc.tasks] == ["（一）"]


def test_a_vertically_merged_task_cell_is_one_task_with_the_units_of_its_rows():
    rows = [
        ["序号", "重点任务", "市级牵头单位", "责任单位", "完成时限"],
        ["1", "推进示例园区建设。", "市发改委", "甲区政府", "2025年6月底"],
        [None, None, None, "乙区政府", None],
        ["2", "推进示例平台建设。", "市数据局", "市财政局", "2025年12月底"],
    ]
    data = docx_bytes(
        ["示例市重点任务分工（演示文件）"], rows, [((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 2), (2, 2))]
    )
    (doc,) = parse_bytes(data, "分工.docx").documents
    assert [t.number for t in doc.tasks] == ["1", "2"]
    assert _units(doc.tasks[0]) == (["市发改委"], ["甲区政府", "乙区政府"], [])


def test_an_xlsx_row_with_an_empty_merged_task_cell_adds_its_units_to_the_task_above():
    data = xlsx_bytes(
        [
            ["序号", "工作任务", "牵头单位", "配合单位"],
            [1, "新建示例公园3个。", "区住建局", "甲街道"],
            [None, None, None, "乙街道"],
        ],
        merges=["A2:A3", "B2:B3", "C2:C3"],
    )
    (doc,) = parse_bytes(data, "清单.xlsx").documents
    assert [_units(t) for t in doc.tasks] == [(["区住建局"], [], ["甲街道", "乙街道"])]


def test_a_table_whose_task_cells_carry_the_unit_clauses():
    rows = [
        ["序号", "工作任务", "完成时限"],
        ["1", "推进示例工作甲。（区发改局牵头，区财政局配合）", "2025年6月底"],
        ["2", "推进示例工作乙。（区民政局负责）", "2025年12月底"],
    ]
    data = docx_bytes(["示例区重点工作（演示文件）"], rows)
    (doc,) = parse_bytes(data, "重点工作.docx").documents
    assert [_units(t) for t in doc.tasks] == [(["区发改局"], [], ["区财政局"]), (["区民政局"], [], [])]


def test_a_table_broken_by_a_page_goes_on_without_its_header():
    document = docx.Document()
    document.add_paragraph("示例区任务清单（演示文件）")
    first = document.add_table(rows=2, cols=3)
    for c, value in enumerate(["序号", "重点任务", "责任单位"]):
        first.cell(0, c).text = value
    for c, value in enumerate(["1", "推进示例工作甲。", "区发改局"]):
        first.cell(1, c).text = value
    document.add_paragraph("")
    second = document.add_table(rows=1, cols=3)
    for c, value in enumerate(["2", "推进示例工作乙。", "区财政局"]):
        second.cell(0, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    (doc,) = parse_bytes(buffer.getvalue(), "清单.docx").documents
    assert [(t.number, t.responsible_units) for t in doc.tasks] == [("1", ["区发改局"]), ("2", ["区财政局"])]


def test_a_section_row_with_its_own_number_cell():
    rows = [
        ["序号", "重点任务", "牵头单位"],
        ["一", "产业发展", None],
        ["1", "推进示例产业集群建设。", "区工信局"],
    ]
    data = docx_bytes(["示例区重点任务（演示文件）"], rows)
    (doc,) = parse_bytes(data, "任务.docx").documents
    assert [(t.number, t.path[-1]) for t in doc.tasks] == [("1", "一 产业发展")]


def test_a_long_task_header_and_a_category_column():
    rows = [
        ["序号", "领域", "具体工作任务及目标要求", "牵头单位", "配合单位"],
        ["1", "示例产业", "建成示例产业园2个。", "区工信局", "区财政局"],
    ]
    data = docx_bytes(["示例区任务清单（演示文件）"], rows)
    (doc,) = parse_bytes(data, "清单.docx").documents
    (task,) = doc.tasks
    assert (task.text, task.path[-1], _units(task)) == (
        "建成示例产业园2个。",
        "示例产业",
        (["区工信局"], [], ["区财政局"]),
    )


def test_cells_merged_over_columns_keep_the_columns_under_their_headers():
    rows = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["一", "产业发展", None, None, None],
        ["1", "推进示例产业集群建设。", "区工信局", None, "2025年6月底"],
        ["2", "推进示例园区建设。", "区发改局", "区财政局", "2025年12月底"],
    ]
    merges = [((1, 1), (1, 4)), ((2, 2), (2, 3))]
    data = docx_bytes(["示例区重点任务（演示文件）"], rows, merges)
    (doc,) = parse_bytes(data, "任务.docx").documents
    assert [(t.number, t.path[-1], _units(t), t.deadline) for t in doc.tasks] == [
        ("1", "一 产业发展", (["区工信局"], [], []), "2025年6月底"),
        ("2", "一 产业发展", (["区发改局"], [], ["区财政局"]), "2025年12月底"),
    ]


def test_a_header_that_declares_the_first_unit_lead():
    rows = [
        ["序号", "重点工作", "牵头县领导", "责任单位（牵头单位列首位）"],
        ["1", "推进示例工作甲。", "某某", "县发改局、县财政局"],
        ["2", "推进示例工作乙。", "某某", "县教育局"],
    ]
    data = docx_bytes(["示例县重点工作责任分解（演示文件）"], rows)
    (doc,) = parse_bytes(data, "分解.docx").documents
    assert [_units(t) for t in doc.tasks] == [(["县发改局"], ["县财政局"], []), (["县教育局"], [], [])]


def test_an_xlsx_title_off_the_first_column_stays_a_line_of_text():
    data = xlsx_bytes(
        [
            [None, "示例区2025年重点工作任务清单（演示文件）"],
            ["序号", "工作任务", "牵头单位"],
            [1, "新建示例公园3个。", "区住建局"],
        ]
    )
    result = parse_bytes(data, "清单.xlsx")
    assert result.text.split("\n")[0] == "示例区2025年重点工作任务清单（演示文件）"
    assert [t.lead_units for t in result.documents[0].tasks] == [["区住建局"]]


def test_a_column_naming_two_roles():
    rows = [
        ["序号", "重点任务", "牵头单位/配合单位"],
        ["1", "推进示例工作甲。", "区发改局/区财政局、区统计局"],
        ["2", "推进示例工作乙。", "区民政局"],
    ]
    data = docx_bytes(["示例区重点任务（演示文件）"], rows)
    (doc,) = parse_bytes(data, "任务.docx").documents
    assert [_units(t) for t in doc.tasks] == [
        (["区发改局"], [], ["区财政局", "区统计局"]),
        (["区民政局"], [], []),
    ]


def test_a_numbered_xlsx_task_list_without_any_unit_is_a_task_table():
    # given: 序号 | 重点任务 | 主要内容, merged section rows, rows numbered （一）（二）（三）, no unit
    rows = [
        ["示例区关于规范执法工作的指导意见（测试）", None, None],
        ["序号", "重点任务", "主要内容"],
        ["一、强化公开", None, None],
        ["（一）", "强化事前公开", "要统筹推进执法事前公开工作，编制并公开服务指南。"],
        ["（二）", "加强事后公开", "要在执法决定作出之日起20个工作日内向社会公布执法信息。"],
        ["二、加强记录", None, None],
        ["（三）", "明确审核内容", "要严格审核执法主体是否合法，明确审核的方式。"],
        ["（四）", "明确审核责任", "要明确审核责任，确定审核流程。"],
    ]
    data = xlsx_bytes(rows, merges=["A1:C1", "A3:C3", "A6:C6"])
    # when
    (doc,) = parse_bytes(data, "任务清单.xlsx").documents
    # then: every numbered row is a task, under its 序号; no numbered row is read as a header
    assert [t.number for t in doc.tasks] == ["（一）", "（二）", "（三）", "（四）"]
    assert [t.title for t in doc.tasks] == ["强化事前公开", "加强事后公开", "明确审核内容", "明确审核责任"]
    assert all(not t.units for t in doc.tasks)


def test_a_table_of_figures_without_units_or_task_words_is_not_a_task_table():
    rows = [
        ["示例区主要指标表（测试）", None, None],
        ["序号", "指标名称", "目标值"],
        ["1", "绿化覆盖率", "45%"],
        ["2", "空气优良天数比例", "85%"],
        ["一、总体要求", None, None],
        ["1.", "加强统筹，各部门要明确分工。", None],
    ]
    data = xlsx_bytes(rows, merges=["A1:C1", "A5:C5"])
    (doc,) = parse_bytes(data, "指标表.xlsx").documents
    assert not any(t.from_table for t in doc.tasks)


def test_an_attachment_alone_is_titled_by_the_line_after_its_marker_and_dated_by_it():
    # given: a file that is only an attachment: 附件, its title (an annual plan), a task table
    rows = [
        ["附件", None, None, None],
        ["示例县2024年重点工作目标任务分解表（测试）", None, None, None],
        ["序号", "目标与任务", "牵头责任单位", "责任单位"],
        ["1", "新增托位数400个以上，公办园在园幼儿占比60%以上。", "县教育局", "县各有关单位"],
    ]
    data = xlsx_bytes(rows, merges=["A1:D1", "A2:D2"])
    # when
    (doc,) = parse_bytes(data, "分解表.xlsx").documents
    # then: the title is read after the marker, and the annual plan's year dates the targets
    assert doc.title == "示例县2024年重点工作目标任务分解表（测试）"
    (task,) = doc.tasks
    assert [(t.comparator, t.value, t.unit, t.deadline_year) for t in task.targets] == [
        (">=", 400, "个", 2024),
        (">=", 60, "%", 2024),
    ]
