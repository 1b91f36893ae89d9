"""A task list as a spreadsheet (.xlsx), and a PDF's running headers and footers dropped.

The documents are synthetic (示例区, 演示文件)."""

from built_files import xlsx_bytes
from pdfgen import build_pdf

from gongzhi.plans.parsing import parse_bytes
from gongzhi.plans.parsing.reading import running_lines


def test_an_xlsx_task_list_gives_tasks_units_and_deadlines():
    data = xlsx_bytes(
        [
            ["示例区2025年优化营商环境重点任务分工表（演示文件）"],
            ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"],
            [
                1,
                "企业开办时间压缩至1个工作日以内。",
                "区行政审批服务局",
                "区市场监管局、区税务局",
                "2025年6月底",
            ],
            [2, "新增市场主体不少于3000户。", "区市场监管局", "各镇街", "2025年12月底"],
        ]
    )
    result = parse_bytes(data, "任务分工表.xlsx")
    assert result.source_format == "xlsx"
    (doc,) = result.documents
    assert [t.lead_units for t in doc.tasks] == [["区行政审批服务局"], ["区市场监管局"]]
    assert doc.tasks[0].responsible_units == ["区市场监管局", "区税务局"]
    assert doc.tasks[1].deadline == "2025年12月底"
    assert doc.tasks[1].targets and doc.tasks[1].targets[0].value == 3000


def test_running_headers_and_footers_of_a_pdf_are_found():
    pages = [
        ["示例区人民政府办公室文件", "第一页正文"],
        ["示例区人民政府公报 2025年第3期", "正文甲", "正文乙", "示例区人民政府发布 第2页"],
        ["示例区人民政府公报 2025年第3期", "正文丙", "示例区人民政府发布 第3页"],
        ["示例区人民政府公报 2025年第3期", "正文丁", "示例区人民政府发布 第4页"],
    ]
    found = running_lines(pages)
    assert "示例区人民政府公报#年第#期" in found and "示例区人民政府发布第#页" in found
    assert not any("正文" in key for key in found)


def test_a_pdf_with_a_running_header_parses_without_it():
    header = "示例区人民政府公报（演示）"
    body = ["示例区人民政府办公室关于印发示例区养老服务提升方案的通知（演示文件）", "一、重点任务"]
    body += [f"（{n}）任务{n}。建成养老服务站{n}个。（牵头单位：区民政局）" for n in "一二三四五六七八九十"]
    pages = [[header, *body[i : i + 3]] for i in range(0, len(body), 3)]
    data = build_pdf(pages)
    result = parse_bytes(data, "方案.pdf")
    text = result.text
    assert text.count(header) <= 1
    assert len(result.documents[0].tasks) == 10
