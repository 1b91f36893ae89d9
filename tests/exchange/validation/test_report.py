"""The Chinese .xlsx error report."""

from openpyxl import load_workbook

from gongzhi.exchange.validation import errors_workbook, validate_file


def test_error_report(write_csv, tx_spec, tx_header, tx_row, out_dir, tmp_path):
    rows = [
        tx_row(),
        tx_row(price="abc"),
        tx_row(use='=HYPERLINK("http://example.invalid","x")', deal_date="2025-13-01"),
    ]
    source = write_csv([tx_header, *rows])
    result = validate_file(source, tx_spec, period="2025-06", submission_id=3, out_dir=out_dir)
    report = errors_workbook(result, source, tx_spec, tmp_path / "report.xlsx")
    wb = load_workbook(report)
    assert wb.sheetnames == ["汇总", "错误明细", "错误行"]

    summary = {row[0]: row[1] for row in wb["汇总"].iter_rows(values_only=True) if row and row[0]}
    assert summary["文件"] == "data.csv"
    assert summary["数据集"] == "不动产交易登记（real_estate_tx）"
    assert summary["校验结果"] == "部分接收（错误行已隔离）"
    assert (summary["数据行数"], summary["接收行数"], summary["有错误的行数"], summary["错误总数"]) == (
        3,
        1,
        2,
        3,
    )

    details = list(wb["错误明细"].iter_rows(values_only=True))
    assert details[0] == ("行号", "字段", "内容", "问题")
    assert [(r[0], r[1]) for r in details[1:]] == [(3, "成交价格（元）"), (4, "成交日期"), (4, "房屋用途")]
    assert details[3][2] == '=HYPERLINK("http://example.invalid","x")'  # kept as text

    bad = wb["错误行"]
    header = [c.value for c in bad[1]]
    assert header[0] == "行号" and header[-1] == "问题说明" and "成交价格（元）" in header
    assert [bad.cell(row=r, column=1).value for r in (2, 3)] == [3, 4]
    price_col = header.index("成交价格（元）") + 1
    use_col = header.index("房屋用途") + 1
    assert bad.cell(row=2, column=price_col).fill.fgColor.rgb == "FFFFC7CE"
    assert bad.cell(row=2, column=use_col).fill.fill_type is None
    injected = bad.cell(row=3, column=use_col)
    assert injected.data_type == "s" and injected.value.startswith("=HYPERLINK")  # never a formula
    assert "成交日期：" in bad.cell(row=3, column=len(header)).value


def test_report_of_a_rejected_file(tmp_path, tx_spec, out_dir):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = validate_file(empty, tx_spec, submission_id=4, out_dir=out_dir)
    wb = load_workbook(errors_workbook(result, empty, tx_spec, tmp_path / "r.xlsx"))
    assert wb.sheetnames == ["汇总", "错误明细"]
    values = [c for row in wb["汇总"].iter_rows(values_only=True) for c in row if c]
    assert "已退回" in values and "文件“empty.csv”是空文件（0 字节）" in values


def test_report_of_a_large_file_has_no_copy_of_rows(write_csv, tx_spec, tx_header, tx_row, out_dir, tmp_path):
    source = write_csv([tx_header, tx_row(price="x"), tx_row()])
    result = validate_file(source, tx_spec, submission_id=5, out_dir=out_dir)
    wb = load_workbook(errors_workbook(result, source, tx_spec, tmp_path / "r.xlsx", copy_limit=1))
    assert wb.sheetnames == ["汇总", "错误明细"]
