"""The bulk path on CSV files: reading, normalising, checking, policies, typed Parquet output."""

import datetime as dt
import os
from decimal import Decimal

import pyarrow.parquet as pq
import pytest

from gongzhi.exchange.validation import PeriodError, validate_file, validate_rows

TODAY = dt.date(2025, 7, 1)


def run(path, spec, out_dir, **kwargs):
    kwargs.setdefault("period", "2025-06")
    kwargs.setdefault("submission_id", 42)
    kwargs.setdefault("today", TODAY)
    return validate_file(path, spec, out_dir=out_dir, **kwargs)


def read(path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def codes_of(result) -> list[tuple[int, str | None, str]]:
    return [(e.row, e.field, e.code) for e in result.errors]


# ----------------------------------------------------------------------------- the happy path


def test_accepted_parquet_is_typed(write_csv, tx_spec, tx_row, out_dir, tx_header):
    rows = [tx_row(), tx_row(seller_uscc="", seller_id="11010519491231002X", use="商业")]
    path = write_csv([tx_header, *rows])
    result = run(path, tx_spec, out_dir)
    assert result.status == "accepted", result.errors
    assert (result.rows, result.accepted, result.rejected, result.error_count) == (2, 2, 0, 0)
    assert result.parquet_path == out_dir / "42.parquet" and result.quarantine_path is None
    schema = pq.read_schema(result.parquet_path)
    assert str(schema.field("price").type) == "decimal128(18, 2)"
    assert str(schema.field("deal_date").type) == "date32[day]"
    assert str(schema.field("unit_no").type) == "string"
    assert str(schema.field("_submission_id").type) == "int64"
    assert str(schema.field("_source_row").type) == "int64"
    data = read(result.parquet_path)
    assert [r["_source_row"] for r in data] == [2, 3]
    assert {r["_submission_id"] for r in data} == {42}
    assert data[0]["price"] == Decimal("1000000.00") and data[0]["deal_date"] == dt.date(2025, 6, 15)
    assert data[1]["seller_id"] == "11010519491231002X" and data[1]["seller_uscc"] is None
    assert result.seconds >= 0 and result.fingerprint == tx_spec.fingerprint()


def test_other_types(write_csv, ent_spec, codes, out_dir):
    header = [
        "统一社会信用代码",
        "企业名称",
        "从业人数",
        "注册资本（万元）",
        "登记时间",
        "是否分支机构",
        "所属期",
        "营业期限自",
        "营业期限至",
    ]
    row = [
        codes.uscc(),
        "合成企业一",
        "1,234",
        "12.3456",
        "2025/6/3 9:05",
        "是",
        "2025年6月",
        "2020-01-01",
        "2040-01-01",
    ]
    result = run(write_csv([header, row]), ent_spec, out_dir, period="2025-Q2")
    assert result.status == "accepted", result.errors
    (data,) = read(result.parquet_path)
    assert data["employees"] == 1234
    assert data["capital"] == Decimal("12.3456")
    assert data["registered_at"] == dt.datetime(2025, 6, 3, 9, 5)
    assert data["is_branch"] is True
    assert data["report_month"] == "2025-06"
    schema = pq.read_schema(result.parquet_path)
    assert str(schema.field("employees").type) == "int64"
    assert str(schema.field("capital").type) == "decimal128(18, 4)"
    assert str(schema.field("registered_at").type) == "timestamp[us]"
    assert str(schema.field("is_branch").type) == "bool"


# ----------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,000,000.00", Decimal("1000000.00")),
        ("１００００００", Decimal("1000000.00")),
        ("１,０００,０００．００", Decimal("1000000.00")),
        ("  1000000  ", Decimal("1000000.00")),
        ("\u30001000000.5\u3000", Decimal("1000000.50")),
        ("1000000。00", Decimal("1000000.00")),
        ("+1000000", Decimal("1000000.00")),
        ("1000000.000", Decimal("1000000.00")),  # trailing zeros are not extra decimals
    ],
)
def test_numbers_are_normalised(write_csv, tx_spec, tx_row, out_dir, tx_header, raw, expected):
    path = write_csv([tx_header, tx_row(price=raw, unit_price="", area="")])
    result = run(path, tx_spec, out_dir)
    assert result.status == "accepted", result.errors
    assert read(result.parquet_path)[0]["price"] == expected


@pytest.mark.parametrize(
    "raw",
    [
        "2025-06-30",
        "2025/6/30",
        "2025年6月30日",
        "20250630",
        "2025.6.30",
        "45838",
        "２０２５－０６－３０",
        "2025-06-30 00:00:00",
        "2025/6/30 0:00",
    ],
)
def test_dates_are_normalised(write_csv, tx_spec, tx_row, out_dir, tx_header, raw):
    result = run(write_csv([tx_header, tx_row(deal_date=raw)]), tx_spec, out_dir)
    assert result.status == "accepted", result.errors
    assert read(result.parquet_path)[0]["deal_date"] == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    "raw",
    ["2025-06-31", "2025-13-01", "30/06/2025", "June 30", "2025-06-30 14:00", "0000-00-00", "1800-01-01"],
)
def test_bad_dates_are_row_errors(write_csv, tx_spec, tx_row, out_dir, tx_header, raw):
    result = run(write_csv([tx_header, tx_row(deal_date=raw)]), tx_spec, out_dir, period=None)
    assert result.status == "rejected"
    assert [(e.field, e.code) for e in result.errors] in (
        [("deal_date", "type_date")],
        [("deal_date", "date_range")],
    )
    assert result.parquet_path is None


def test_codes_are_cleaned(write_csv, tx_spec, tx_row, codes, out_dir, tx_header):
    uscc = codes.uscc()
    fullwidth = uscc.lower().translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    result = run(
        write_csv([tx_header, tx_row(seller_uscc=f" {fullwidth}\u3000", seller_id="11010519491231002x")]),
        tx_spec,
        out_dir,
    )
    assert result.status == "accepted", result.errors
    (data,) = read(result.parquet_path)
    assert data["seller_uscc"] == uscc and data["seller_id"] == "11010519491231002X"


def test_enum_values_are_matched_loosely_and_stored_canonically(
    write_csv, tx_spec, tx_row, out_dir, tx_header
):
    result = run(write_csv([tx_header, tx_row(use=" 商业 ")]), tx_spec, out_dir)
    assert read(result.parquet_path)[0]["use"] == "商业"


# ----------------------------------------------------------------------------- headers


def test_headers_in_any_order_by_name_or_code_with_stray_spaces_and_widths(
    write_csv, tx_spec, tx_row, out_dir, tx_header
):
    header = [
        "price",
        " 成交日期 ",
        "房屋　用途",
        "*不动产单元号",
        "卖方统一社会信用代码",
        "卖方身份证号（选填）",
        "单价(元/平方米)",
        "AREA",
    ]
    order = [5, 6, 7, 0, 1, 2, 3, 4]
    row = tx_row()
    result = run(write_csv([header, [row[i] for i in order]]), tx_spec, out_dir)
    assert result.status == "accepted", (result.errors, result.file_errors)
    assert read(result.parquet_path)[0]["price"] == Decimal("1000000.00")


def test_missing_required_column_is_a_file_error(write_csv, tx_spec, tx_row, out_dir, tx_header):
    result = run(write_csv([tx_header[:5] + tx_header[6:], tx_row()[:5] + tx_row()[6:]]), tx_spec, out_dir)
    assert result.status == "rejected" and result.rows == 0 and result.parquet_path is None
    assert result.file_errors == ["文件“data.csv”缺少必填列：“成交价格（元）”"]
    assert not os.listdir(out_dir)


def test_extra_columns_and_missing_optional_columns_are_warnings(
    write_csv, tx_spec, tx_row, out_dir, tx_header
):
    header = [*tx_header[:2], *tx_header[3:], "序号", "备注"]
    row = tx_row()
    result = run(write_csv([header, [*row[:2], *row[3:], "1", "合成数据"]]), tx_spec, out_dir)
    assert result.status == "accepted"
    assert result.warnings == [
        "第8列“序号”不在数据规范中，已忽略（不保存）",
        "第9列“备注”不在数据规范中，已忽略（不保存）",
        "文件中没有选填列“卖方身份证号”，这些字段按空值处理",
    ]
    assert "备注" not in pq.read_schema(result.parquet_path).names
    assert read(result.parquet_path)[0]["seller_id"] is None


def test_title_rows_above_the_header_are_skipped(write_csv, tx_spec, tx_row, out_dir, tx_header):
    path = write_csv([["不动产交易登记报送表（合成数据）"], ["填报单位：区自然资源局"], tx_header, tx_row()])
    result = run(path, tx_spec, out_dir)
    assert result.status == "accepted" and result.header_row == 3
    assert read(result.parquet_path)[0]["_source_row"] == 4


def test_duplicated_header_is_a_file_error(write_csv, tx_spec, tx_row, out_dir, tx_header):
    result = run(write_csv([[*tx_header, "price"], [*tx_row(), "1"]]), tx_spec, out_dir)
    assert result.status == "rejected" and "表头重复" in result.file_errors[0]


# ----------------------------------------------------------------------------- row rules


def test_row_errors_name_row_field_value_and_reason(write_csv, tx_spec, tx_row, codes, out_dir, tx_header):
    bad_uscc = codes.uscc()[:17] + "Y"
    rows = [
        tx_row(),
        tx_row(seller_uscc=bad_uscc if bad_uscc != codes.uscc() else "X"),
        tx_row(price="12.345"),
        tx_row(price="-5"),
        tx_row(use="别墅"),
        tx_row(price=""),
        tx_row(price="1.5E+6"),
    ]
    result = run(write_csv([tx_header, *rows]), tx_spec, out_dir)
    found = {(e.row, e.field): e for e in result.errors}
    assert found[(3, "seller_uscc")].code in ("uscc_checksum", "uscc_format")
    assert found[(3, "seller_uscc")].reason.startswith("统一社会信用代码")
    assert found[(3, "seller_uscc")].field_name == "卖方统一社会信用代码"
    assert found[(4, "price")].code == "decimal_scale" and found[(4, "price")].reason == "小数位数超过2位"
    assert found[(4, "price")].value == "12.345"
    assert found[(5, "price")].code == "min" and found[(5, "price")].reason == "小于最小值 0"
    assert found[(6, "use")].code == "enum" and "住宅、商业" in found[(6, "use")].reason
    assert found[(7, "price")].code == "required" and found[(7, "price")].reason == "必填项为空"
    assert found[(8, "price")].code == "sci_notation"
    assert result.status == "partial" and result.accepted == 1 and result.error_rows == 6


def test_required_one_of(write_csv, tx_spec, tx_row, out_dir, tx_header):
    result = run(write_csv([tx_header, tx_row(seller_uscc="", seller_id="")]), tx_spec, out_dir)
    assert codes_of(result) == [(2, "seller_uscc", "one_of:0")]
    assert result.errors[0].reason == "卖方统一社会信用代码、卖方身份证号至少填写一项"


def test_cross_field_product_with_tolerance(write_csv, tx_spec, tx_row, out_dir, tx_header):
    rows = [
        tx_row(unit_price="10000", area="100", price="1005000"),  # 0.5% off: within 1%
        tx_row(unit_price="10000", area="100", price="1200000"),
        tx_row(unit_price="", area="100", price="1200000"),  # not all factors given: not checked
    ]
    result = run(write_csv([tx_header, *rows]), tx_spec, out_dir)
    assert codes_of(result) == [(3, "price", "cross:0")]
    assert result.errors[0].reason == "成交价格（元）应等于单价（元/平方米）×建筑面积（平方米），允许误差1%"


def test_cross_field_dates_and_period_month(write_csv, ent_spec, codes, out_dir):
    header = ["统一社会信用代码", "企业名称", "营业期限自", "营业期限至", "所属期"]
    rows = [
        [codes.uscc(), "合成企业一", "2020-01-01", "2019-12-31", "2025-06"],
        [codes.uscc(), "合成企业二", "2020-01-01", "2020-01-01", "2025-09"],
        [codes.uscc(), "合成企业三", "", "", "2025-13"],
    ]
    result = run(write_csv([header, *rows]), ent_spec, out_dir, period="2025-Q2")
    assert codes_of(result) == [
        (2, "end_date", "cross:0"),
        (3, "report_month", "period"),
        (4, "report_month", "period_format"),
    ]
    assert result.errors[0].reason == "营业期限至应不早于营业期限自"
    assert result.errors[1].reason == "不在本次报送期间（2025年第2季度）内"
    assert result.status == "rejected" and result.parquet_path is None  # policy reject


def test_period_field_outside_the_period(write_csv, tx_spec, tx_row, out_dir, tx_header):
    rows = [tx_row(deal_date="2025-06-30"), tx_row(deal_date="2025-07-01"), tx_row(deal_date="2025-05-31")]
    result = run(write_csv([tx_header, *rows]), tx_spec, out_dir, period="2025-06")
    assert codes_of(result) == [(3, "deal_date", "period"), (4, "deal_date", "period")]
    assert result.errors[0].reason == "不在本次报送期间（2025年6月）内"
    assert (
        run(write_csv([tx_header, *rows], name="b.csv"), tx_spec, out_dir, period="2025-05..2025-07").status
        == "accepted"
    )
    assert (
        run(write_csv([tx_header, *rows], name="c.csv"), tx_spec, out_dir, period=None).status == "accepted"
    )


def test_a_bad_period_argument_raises(write_csv, tx_spec, tx_row, out_dir, tx_header):
    with pytest.raises(PeriodError):
        run(write_csv([tx_header, tx_row()]), tx_spec, out_dir, period="2025-13")


def test_duplicate_keys_name_the_first_row(write_csv, tx_spec, tx_row, codes, out_dir, tx_header):
    unit = codes.unit_no()
    rows = [tx_row(unit_no=unit), tx_row(), tx_row(unit_no=unit.lower()), tx_row(unit_no=unit, price="-1")]
    result = run(write_csv([tx_header, *rows]), tx_spec, out_dir)
    assert codes_of(result) == [(4, "unit_no", "duplicate"), (5, "unit_no", "duplicate"), (5, "price", "min")]
    assert result.errors[0].reason == "不动产单元号与第2行重复"
    assert (result.rows, result.accepted, result.error_rows) == (4, 2, 2)
    assert [r["_source_row"] for r in read(result.parquet_path)] == [2, 3]
    quarantined = read(result.quarantine_path)
    assert [r["_source_row"] for r in quarantined] == [4, 5]
    assert quarantined[0]["_errors"] == "不动产单元号与第2行重复"
    assert quarantined[1]["_errors"] == "成交价格（元）：小于最小值 0；不动产单元号与第2行重复"


def test_formula_injection_is_refused_but_negative_numbers_are_not(write_csv, ent_spec, codes, out_dir):
    header = ["统一社会信用代码", "企业名称", "从业人数", "所属期"]
    rows = [
        [codes.uscc(), "=cmd|' /C calc'!A0", "1", "2025-06"],
        [codes.uscc(), '=HYPERLINK("http://example.invalid","x")', "1", "2025-06"],
        [codes.uscc(), "+1+1", "1", "2025-06"],
        [codes.uscc(), "@SUM(A1:A2)", "1", "2025-06"],
        [codes.uscc(), "合成企业", "=1+2", "2025-06"],
        [codes.uscc(), "-合成企业", "-5", "2025-06"],
    ]
    result = run(write_csv([header, *rows]), ent_spec, out_dir, period=None)
    assert codes_of(result) == [
        (2, "name", "formula"),
        (3, "name", "formula"),
        (4, "name", "formula"),
        (5, "name", "formula"),
        (6, "employees", "formula"),
        (7, "employees", "min"),  # -5 is a number (below the minimum), not a formula
    ]
    assert all(e.reason.startswith("疑似公式注入") for e in result.errors[:5])


def test_ids_in_scientific_notation_are_refused(write_csv, tx_spec, tx_row, out_dir, tx_header):
    result = run(write_csv([tx_header, tx_row(seller_uscc="", seller_id="1.10105E+17")]), tx_spec, out_dir)
    assert codes_of(result) == [(2, "seller_id", "numeric_storage")]
    assert result.errors[0].reason == "以数值形式存储，已丢失精度，请将该列设为文本后重新导出"


# ----------------------------------------------------------------------------- policies


def test_quarantine_policy_keeps_good_rows_and_isolates_bad_ones(
    write_csv, tx_spec, tx_row, out_dir, tx_header
):
    rows = [tx_row(), tx_row(price="abc"), tx_row()]
    result = run(write_csv([tx_header, *rows]), tx_spec, out_dir)
    assert result.status == "partial"
    assert (result.rows, result.accepted, result.rejected) == (3, 2, 1)
    assert [r["_source_row"] for r in read(result.parquet_path)] == [2, 4]
    (bad,) = read(result.quarantine_path)
    assert bad["price"] == "abc" and bad["_source_row"] == 3 and bad["_submission_id"] == 42
    assert bad["_errors"] == "成交价格（元）：应为数字（可带千分位逗号，如 1,234.50）"
    assert sorted(os.listdir(out_dir)) == ["42.parquet", "42.quarantine.parquet"]


def test_quarantine_policy_with_only_bad_rows_is_rejected(write_csv, tx_spec, tx_row, out_dir, tx_header):
    result = run(write_csv([tx_header, tx_row(price="x"), tx_row(price="y")]), tx_spec, out_dir)
    assert result.status == "rejected" and result.accepted == 0 and result.parquet_path is None
    assert result.quarantine_path is not None and len(read(result.quarantine_path)) == 2


def test_reject_policy_accepts_nothing_when_a_row_fails(write_csv, ent_spec, codes, out_dir):
    header = ["统一社会信用代码", "企业名称", "所属期"]
    rows = [[codes.uscc(), f"合成企业{i}", "2025-06"] for i in range(5)] + [["9137", "合成企业坏", "2025-06"]]
    result = run(write_csv([header, *rows]), ent_spec, out_dir, period=None)
    assert result.status == "rejected"
    assert (result.rows, result.accepted, result.rejected, result.error_rows) == (6, 0, 6, 1)
    assert result.parquet_path is None and result.quarantine_path is None
    assert os.listdir(out_dir) == []


def test_reject_policy_accepts_a_clean_file(write_csv, ent_spec, codes, out_dir):
    header = ["统一社会信用代码", "企业名称", "所属期"]
    result = run(write_csv([header, [codes.uscc(), "合成企业", "2025-06"]]), ent_spec, out_dir, period=None)
    assert result.status == "accepted" and result.accepted == 1


# ----------------------------------------------------------------------------- files


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings(write_csv, tx_spec, tx_row, out_dir, tx_header, encoding):
    rows = [tx_row(use="住宅"), tx_row(use="商业")]
    result = run(write_csv([tx_header, *rows], encoding=encoding), tx_spec, out_dir)
    assert result.status == "accepted", (result.file_errors, result.errors)
    assert [r["use"] for r in read(result.parquet_path)] == ["住宅", "商业"]


def test_gbk_file_bigger_than_the_sample_is_transcoded_in_a_stream(
    write_csv, tx_spec, tx_row, out_dir, tx_header
):
    rows = [tx_row(use="办公") for _ in range(5000)]
    result = run(write_csv([tx_header, *rows], encoding="gbk"), tx_spec, out_dir)
    assert result.status == "accepted" and result.accepted == 5000


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_a_file_read_twice_is_decoded_once_with_the_same_outcome_as_utf8(
    tmp_path, write_csv, tx_spec, tx_row, codes, tx_header, encoding
):
    # A dataset with a key is read twice (duplicate pre-pass, then checks); a non-UTF-8 file is
    # decoded once into a UTF-8 copy: everything must come out as for the same file in UTF-8.
    unit = codes.unit_no()
    rows = [
        tx_row(unit_no=unit, use="住宅"),
        tx_row(use="厂房（测试）"),  # not in the enum
        tx_row(unit_no=unit, use="商业"),  # repeated key
        tx_row(use="办公"),
    ]
    outcomes = []
    for name in ("utf-8", encoding):
        out = tmp_path / f"out-{name}"
        out.mkdir()
        result = run(write_csv([tx_header, *rows], name=f"{name}.csv", encoding=name), tx_spec, out)
        assert sorted(os.listdir(out)) == ["42.parquet", "42.quarantine.parquet"]  # no work files left
        outcomes.append(
            (
                result.status,
                result.accepted,
                [(e.row, e.field, e.code, e.value, e.reason) for e in result.errors],
                read(result.parquet_path),
                read(result.quarantine_path),
            )
        )
    assert outcomes[0] == outcomes[1]
    assert [e[:3] for e in outcomes[1][2]] == [(3, "use", "enum"), (4, "unit_no", "duplicate")]
    assert [r["use"] for r in outcomes[1][3]] == ["住宅", "办公"]


def test_an_undecodable_gbk_file_is_rejected_before_the_checks(tmp_path, tx_spec, tx_row, out_dir, tx_header):
    path = tmp_path / "broken.csv"
    good = "\r\n".join(",".join(r) for r in [tx_header, *[tx_row(use="商业") for _ in range(3000)]])
    path.write_bytes(good.encode("gbk") + b"\r\n\x80\x80\x80,\xff\r\n")
    result = run(path, tx_spec, out_dir)
    assert result.status == "rejected" and "无法按 GB18030 识别" in result.file_errors[0], result.file_errors
    assert os.listdir(out_dir) == []


def test_tab_separated_and_quoted_line_breaks(write_csv, ent_spec, codes, out_dir):
    header = ["统一社会信用代码", "企业名称", "所属期"]
    rows = [[codes.uscc(), "合成企业\n（第二行）", "2025-06"], [codes.uscc(), "合成企业,二", "2025-06"]]
    result = run(write_csv([header, *rows], delimiter="\t"), ent_spec, out_dir, period=None)
    assert result.status == "accepted", result.errors
    assert [r["name"] for r in read(result.parquet_path)] == ["合成企业\n（第二行）", "合成企业,二"]


def test_ragged_rows_are_reported_with_their_row_numbers(
    tmp_path, tx_spec, tx_row, out_dir, tx_header, csv_text
):
    path = tmp_path / "ragged.csv"
    path.write_text(
        csv_text([tx_header, tx_row()])
        + "a,b\n"  # row 3: two columns
        + "\n"  # row 4: blank
        + csv_text([tx_row()])  # row 5
        + ",".join(tx_row())
        + ",extra\n"  # row 6: one column too many
        + ",".join(tx_row())
        + ",,\n",  # row 7: trailing empty columns are tolerated
        encoding="utf-8",
    )
    result = run(path, tx_spec, out_dir)
    assert [(e.row, e.field, e.code) for e in result.errors] == [(3, None, "columns"), (6, None, "columns")]
    assert result.errors[0].reason == "列数与表头不一致（表头8列，此行2列）"
    assert result.rows == 5 and result.accepted == 3  # the blank line (row 4) is not a row


def test_blank_rows_are_skipped_and_not_counted(write_csv, tx_spec, tx_row, out_dir, tx_header):
    result = run(write_csv([tx_header, tx_row(), [""] * 8, tx_row()]), tx_spec, out_dir)
    assert result.rows == 2 and [r["_source_row"] for r in read(result.parquet_path)] == [2, 4]


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"", "empty.csv", "是空文件（0 字节）"),
        ("不动产单元号,成交价格（元）,成交日期\r\n".encode(), "header.csv", "只有表头，没有数据行"),
        (bytes(range(256)) * 64, "binary.csv", "不是文本格式的 CSV"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "image.csv", "不是文本格式的 CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.xls", "旧版 Excel"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "scan.csv", "PDF"),
        ("名称,金额\r\n合成,1\r\n".encode(), "other.csv", "没有找到表头"),
        ("\u00e9\u00e8".encode("latin-1") * 50 + b"\xff\xfe\xfa" * 50, "latin.csv", "文字编码无法识别"),
    ],
)
def test_unreadable_files_are_file_errors(tmp_path, tx_spec, out_dir, content, name, expected):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(path, tx_spec, out_dir)
    assert result.status == "rejected" and result.accepted == 0 and result.parquet_path is None
    assert len(result.file_errors) == 1 and expected in result.file_errors[0], result.file_errors
    assert f"“{name}”" in result.file_errors[0]
    assert os.listdir(out_dir) == []


def test_mixed_encodings_are_a_file_error(tmp_path, tx_spec, tx_row, out_dir, tx_header, csv_text):
    head = csv_text([tx_header]).encode("utf-8") + csv_text([tx_row()] * 3000).encode("utf-8")
    path = tmp_path / "mixed.csv"
    path.write_bytes(head + csv_text([tx_row(use="商业")]).encode("gbk"))
    result = run(path, tx_spec, out_dir)
    assert result.status == "rejected" and "混用了多种编码" in result.file_errors[0]
    assert os.listdir(out_dir) == []


def test_the_error_list_is_capped_but_everything_is_counted(write_csv, tx_spec, tx_row, out_dir, tx_header):
    rows = [tx_row(price="x") for _ in range(300)]
    result = run(write_csv([tx_header, *rows]), tx_spec, out_dir, error_cap=50)
    assert len(result.errors) == 50 and result.error_count == 300 and result.errors_truncated
    assert [e.row for e in result.errors] == list(range(2, 52))
    assert [(s.field, s.code, s.count) for s in result.summary] == [("price", "type_decimal", 300)]


def test_progress_is_reported(write_csv, tx_spec, tx_row, out_dir, tx_header):
    seen = []
    run(write_csv([tx_header, tx_row()]), tx_spec, out_dir, progress=lambda p, m: seen.append((p, m)))
    percents = [p for p, _ in seen]
    assert percents[0] == 0 and percents[-1] == 100 and percents == sorted(percents)
    assert seen[-1][1] == "校验完成：已接收" and all(isinstance(m, str) for _, m in seen)


def test_string_submission_ids(write_csv, tx_spec, tx_row, out_dir, tx_header):
    result = run(write_csv([tx_header, tx_row()]), tx_spec, out_dir, submission_id="2025-06.sub-7")
    assert result.parquet_path.name == "2025-06.sub-7.parquet"
    assert read(result.parquet_path)[0]["_submission_id"] == "2025-06.sub-7"
    with pytest.raises(ValueError):
        run(write_csv([tx_header, tx_row()], name="x.csv"), tx_spec, out_dir, submission_id="../evil")


# ----------------------------------------------------------------------------- the API path


def test_validate_rows(tx_spec, tx_row, codes):
    unit = codes.unit_no()
    rows = [
        {
            "unit_no": unit,
            "seller_uscc": codes.uscc(),
            "price": 1000000,
            "unit_price": "10000",
            "area": 100.0,
            "deal_date": "2025-06-03",
            "use": "住宅",
        },
        {
            "不动产单元号": codes.unit_no(),
            "卖方身份证号": "11010519491231002X",
            "成交价格（元）": "12.345",
            "成交日期": "2025-06-03",
        },
        {
            "unit_no": unit,
            "seller_uscc": codes.uscc(),
            "price": "1",
            "deal_date": "2025-06-03",
            "colour": "red",
        },
        {
            "unit_no": codes.unit_no(),
            "seller_id": 110105194912310021,
            "price": "1",
            "deal_date": "2025-06-03",
        },
        {"unit_no": codes.unit_no(), "seller_uscc": codes.uscc(), "price": ["1"], "deal_date": "2025-06-03"},
        {},
    ]
    accepted, errors = validate_rows(rows, tx_spec, "2025-06", today=TODAY)
    assert [r["_source_row"] for r in accepted] == [1]
    assert accepted[0]["price"] == Decimal("1000000.00") and accepted[0]["deal_date"] == dt.date(2025, 6, 3)
    assert [(e.row, e.field, e.code) for e in errors] == [
        (2, "price", "decimal_scale"),
        (3, "colour", "unknown_field"),
        (3, "unit_no", "duplicate"),
        (4, "seller_id", "numeric_storage"),
        (5, "price", "not_scalar"),
        (6, None, "empty_row"),
    ]
    assert errors[1].reason == "未知字段“colour”，请按数据规范填写字段名称或代码"


def test_validate_rows_under_reject_policy(ent_spec, codes):
    rows = [
        {"uscc": codes.uscc(), "name": "合成企业", "report_month": "2025-06"},
        {"uscc": "x", "name": "y", "report_month": "2025-06"},
    ]
    accepted, errors = validate_rows(rows, ent_spec)
    assert accepted == [] and [(e.row, e.code) for e in errors] == [(2, "uscc_length")]
    assert validate_rows([], ent_spec) == ([], [])


# ----------------------------------------------------------------------------- every type


def _ent(codes, **values):
    row = {"uscc": codes.uscc(), "name": "合成企业", "report_month": "2025-06"}
    row.update(values)
    return row


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"employees": "12.5"}, "type_integer"),
        ({"employees": "1e3"}, "sci_notation"),
        ({"employees": "1,2,3"}, "type_integer"),
        ({"employees": "-1"}, "min"),
        ({"employees": "1000001"}, "max"),
        ({"capital": "12.3.4"}, "type_decimal"),
        ({"capital": "12345678901234567890"}, "decimal_range"),
        ({"capital": "1.23456"}, "decimal_scale"),
        ({"registered_at": "2025-06-31 10:00"}, "type_datetime"),
        ({"registered_at": "明天"}, "type_datetime"),
        ({"is_branch": "也许"}, "type_boolean"),
        ({"name": "合" * 101}, "max_length"),
        ({"postcode": "25500"}, "pattern"),
        ({"area_code": "990306"}, "area_code_province"),
        ({"industry": "H63"}, "industry_range"),
        ({"phone": "1234"}, "phone"),
        ({"report_month": "2025-13"}, "period_format"),
        ({"name": ""}, "required"),
    ],
)
def test_type_and_range_errors(ent_spec, codes, values, expected):
    _, errors = validate_rows([_ent(codes, **values)], ent_spec)
    field = next(iter(values))
    assert [(e.field, e.code) for e in errors] == [(field, expected)]
    assert errors[0].reason and errors[0].reason == errors[0].reason.strip()


def test_pattern_message_is_used(ent_spec, codes):
    _, errors = validate_rows([_ent(codes, postcode="25500")], ent_spec)
    assert errors[0].reason == "邮政编码应为6位数字"


@pytest.mark.parametrize(
    ("values", "column", "expected"),
    [
        ({"is_branch": "否"}, "is_branch", False),
        ({"is_branch": "FALSE"}, "is_branch", False),
        ({"is_branch": "n"}, "is_branch", False),
        ({"is_branch": "√"}, "is_branch", True),
        ({"registered_at": "2025-06-30T10:00:00"}, "registered_at", dt.datetime(2025, 6, 30, 10)),
        ({"registered_at": "45838.5"}, "registered_at", dt.datetime(2025, 6, 30, 12)),
        ({"registered_at": "2025年6月30日14时30分"}, "registered_at", dt.datetime(2025, 6, 30, 14, 30)),
        ({"registered_at": "20250630"}, "registered_at", dt.datetime(2025, 6, 30)),
        ({"industry": "61"}, "industry", "61"),  # accept_major_code: the 大类 alone
        ({"industry": "h61"}, "industry", "H61"),
        ({"employees": "1,234,567"}, "employees", None),  # above max: refused
        ({"employees": "００１２"}, "employees", 12),
        ({"capital": "-0.5"}, "capital", Decimal("-0.5000")),
        ({"report_month": "202506"}, "report_month", "2025-06"),
        ({"report_month": "2025年6月"}, "report_month", "2025-06"),
        ({"phone": "0533-1234567转8"}, "phone", "0533-1234567转8"),
    ],
)
def test_typed_values(ent_spec, codes, values, column, expected):
    accepted, errors = validate_rows([_ent(codes, **values)], ent_spec)
    if expected is None:
        assert errors and not accepted
    else:
        assert not errors, errors
        assert accepted[0][column] == expected


def test_a_cell_longer_than_a_read_block_is_read(write_csv, tx_spec, tx_row, out_dir, tx_header):
    rows = [tx_row(), tx_row(use="合" * 600_000), tx_row()]  # about 1.8 MB in one cell
    result = run(write_csv([tx_header, *rows]), tx_spec, out_dir)
    assert [(e.row, e.field, e.code) for e in result.errors] == [(3, "use", "enum")]
    assert result.accepted == 2


def test_a_cell_over_4_mb_is_a_clear_file_error(write_csv, tx_spec, tx_row, out_dir, tx_header):
    result = run(write_csv([tx_header, tx_row(use="x" * (5 * 1024 * 1024))]), tx_spec, out_dir)
    assert result.status == "rejected" and "单元格超过 4 MB" in result.file_errors[0]
