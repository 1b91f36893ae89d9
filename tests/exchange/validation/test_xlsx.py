"""XLSX files: reading with python-calamine after our own inspection of the archive."""

import datetime as dt
import os
import zipfile
from decimal import Decimal

import pyarrow.parquet as pq
import pytest

from gongzhi.exchange.validation import validate_file
from gongzhi.exchange.validation.xlsx_safety import XlsxLimits

TODAY = dt.date(2025, 7, 1)


def run(path, spec, out_dir, **kwargs):
    kwargs.setdefault("period", "2025-06")
    return validate_file(path, spec, submission_id=7, out_dir=out_dir, today=TODAY, **kwargs)


def test_numbers_dates_and_texts_from_a_spreadsheet(write_xlsx, tx_spec, tx_header, codes, out_dir):
    rows = [
        [codes.unit_no(), codes.uscc(), None, 10000, 100.5, 1005000, dt.date(2025, 6, 30), "住宅"],
        [codes.unit_no(), codes.uscc(), None, 8000.0, 50.25, 402000.0, dt.datetime(2025, 6, 1), "商业"],
        [codes.unit_no(), codes.uscc(), None, None, None, "1,234.50", "2025年6月2日", "办公"],
        [codes.unit_no(), codes.uscc(), None, None, None, 0.1 + 0.2, 45838, "其他"],
    ]
    result = run(write_xlsx([tx_header, *rows]), tx_spec, out_dir)
    assert result.status == "accepted", (result.errors, result.file_errors)
    data = pq.read_table(result.parquet_path).to_pylist()
    assert [r["price"] for r in data] == [
        Decimal("1005000.00"),
        Decimal("402000.00"),
        Decimal("1234.50"),
        Decimal("0.30"),
    ]
    assert [r["deal_date"] for r in data] == [
        dt.date(2025, 6, 30),
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 2),
        dt.date(2025, 6, 30),
    ]
    assert data[0]["area"] == Decimal("100.50")
    assert [r["_source_row"] for r in data] == [2, 3, 4, 5]


def test_id_and_credit_code_columns_stored_as_numbers_are_refused(
    write_xlsx, tx_spec, tx_header, codes, out_dir
):
    rows = [
        [codes.unit_no(), None, 110105194912310021, 1, 1, 1, "2025-06-30", "住宅"],
        [codes.unit_no(), 913703061234567890, None, 1, 1, 1, "2025-06-30", "住宅"],
        [codes.unit_no(), None, "11010519491231002X", 1, 1, 1, "2025-06-30", "住宅"],
    ]
    result = run(write_xlsx([tx_header, *rows]), tx_spec, out_dir)
    assert [(e.row, e.field, e.code) for e in result.errors] == [
        (2, "seller_id", "numeric_storage"),
        (3, "seller_uscc", "numeric_storage"),
    ]
    assert all(e.reason == "以数值形式存储，已丢失精度，请将该列设为文本后重新导出" for e in result.errors)
    assert result.errors[0].value == "1.1010519491231e+17"  # what the spreadsheet kept: 15 digits
    assert result.accepted == 1


def test_formula_text_in_a_cell_is_refused(write_xlsx, tx_spec, tx_header, codes, out_dir):
    rows = [[codes.unit_no(), codes.uscc(), None, 1, 1, 1, "2025-06-30", "=cmd|' /C calc'!A0"]]
    result = run(write_xlsx([tx_header, *rows]), tx_spec, out_dir)
    assert [(e.field, e.code) for e in result.errors] == [("use", "formula")]


def test_the_sheet_named_like_the_dataset_is_read(tmp_path, tx_spec, tx_header, tx_row, out_dir):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本文件为合成数据"])
    ws = wb.create_sheet("不动产交易登记")
    ws.append(tx_header)
    ws.append(tx_row())
    path = tmp_path / "book.xlsx"
    wb.save(path)
    assert run(path, tx_spec, out_dir).status == "accepted"


def test_a_file_with_an_xlsx_content_but_a_csv_name_is_read_as_xlsx(
    write_xlsx, tx_spec, tx_header, tx_row, out_dir
):
    path = write_xlsx([tx_header, tx_row()])
    renamed = path.with_name("renamed.csv")
    path.rename(renamed)
    assert run(renamed, tx_spec, out_dir).status == "accepted"


# ----------------------------------------------------------------------------- unsafe archives


def assert_refused(result, fragment: str, out_dir):
    assert result.status == "rejected" and result.rows == 0 and result.accepted == 0
    assert result.parquet_path is None and result.quarantine_path is None
    assert any(fragment in message for message in result.file_errors), result.file_errors
    assert os.listdir(out_dir) == []


def test_zip_bomb_disguised_as_xlsx(unsafe_xlsx, tx_spec, out_dir):
    """A member of 300 MB of zeros, compressed to about 300 KB."""
    path = unsafe_xlsx.zip_bomb()
    assert path.stat().st_size < 2 * 1024 * 1024
    assert_refused(run(path, tx_spec, out_dir), "压缩比异常（疑似压缩炸弹）", out_dir)


def test_zip_bomb_lying_about_its_size(unsafe_xlsx, tx_spec, out_dir):
    assert_refused(run(unsafe_xlsx.lying_bomb(), tx_spec, out_dir), "实际解压大小超过声明大小", out_dir)


def test_limits_on_total_size(unsafe_xlsx, tx_spec, out_dir):
    members = unsafe_xlsx.members()
    members["xl/media/padding.bin"] = os.urandom(300_000)
    path = unsafe_xlsx.build("big.xlsx", members)
    limits = XlsxLimits(max_total_bytes=200_000)
    assert_refused(run(path, tx_spec, out_dir, xlsx_limits=limits), "解压后总大小超过上限", out_dir)


def test_overlapping_entries_are_refused(unsafe_xlsx, tx_spec, out_dir):
    path = unsafe_xlsx.overlapping()
    with zipfile.ZipFile(path) as archive:  # Python 3.11.7's zipfile reads it without complaint
        assert archive.read("xl/media/b.bin") == b"B" * 1000
    assert_refused(run(path, tx_spec, out_dir), "成员重叠", out_dir)


@pytest.mark.parametrize(
    ("member", "content"),
    [
        ("xl/sharedStrings.xml", "XXE"),
        ("xl/worksheets/sheet1.xml", "LAUGHS"),
        ("xl/workbook.xml", b"<!-- a comment first -->\n<!doctype x [<!entity y 'z'>]><workbook/>"),
        ("docProps/custom.xml", b"<?xml version='1.0'?>" + b" " * 70_000 + b"<!ENTITY a 'b'><x/>"),
    ],
)
def test_doctype_and_entity_declarations_are_refused(unsafe_xlsx, tx_spec, out_dir, member, content):
    content = getattr(unsafe_xlsx, content) if isinstance(content, str) else content
    path = unsafe_xlsx.with_part("xxe.xlsx", member, content)
    assert_refused(run(path, tx_spec, out_dir), "DOCTYPE/ENTITY", out_dir)


def test_utf16_xml_parts_are_refused(unsafe_xlsx, tx_spec, out_dir):
    workbook = unsafe_xlsx.members()["xl/workbook.xml"].decode().replace("UTF-8", "UTF-16").encode("utf-16")
    path = unsafe_xlsx.with_part("utf16.xlsx", "xl/workbook.xml", workbook)
    assert_refused(run(path, tx_spec, out_dir), "不是 UTF-8 编码", out_dir)


@pytest.mark.parametrize(
    ("members", "fragment"),
    [
        ({"readme.txt": b"not a workbook"}, "不是有效的 Excel"),
        ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}, "无法读取"),
    ],
)
def test_zips_that_are_not_workbooks(unsafe_xlsx, tx_spec, out_dir, members, fragment):
    assert_refused(run(unsafe_xlsx.build("fake.xlsx", members), tx_spec, out_dir), fragment, out_dir)


def test_a_truncated_xlsx_is_refused(tx_spec, out_dir, write_xlsx, tx_header, tx_row):
    path = write_xlsx([tx_header, tx_row()])
    path.write_bytes(path.read_bytes()[:-200])
    assert_refused(run(path, tx_spec, out_dir), "不是有效的 Excel", out_dir)


def test_a_table_that_does_not_start_at_a1(tmp_path, tx_spec, tx_header, tx_row, out_dir):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for c, value in enumerate([*tx_header, "备注"], start=3):
        ws.cell(row=4, column=c, value=value)
    for c, value in enumerate(tx_row(price="x"), start=3):
        ws.cell(row=5, column=c, value=value)
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    result = run(path, tx_spec, out_dir)
    assert result.header_row == 4
    assert [(e.row, e.field, e.code) for e in result.errors] == [(5, "price", "type_decimal")]
    assert result.warnings == ["第11列“备注”不在数据规范中，已忽略（不保存）"]
