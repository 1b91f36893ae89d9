"""A corpus of bad files (synthetic): each is caught with the right reason and nothing is accepted.

Each case builds its file in a temporary directory and states either the file-level error
expected or the (row, field, code) row errors expected. Files whose only problem is cured by
normalisation (thousands separators, full-width digits) are accepted whole.
"""

import datetime as dt
import os

import pyarrow.parquet as pq
import pytest

from gongzhi.exchange.validation import validate_file


def build_cases():
    def csv(rows_fn, **kw):
        return lambda f: f.write_csv(rows_fn(f), **kw)

    def xlsx(rows_fn):
        return lambda f: f.write_xlsx(rows_fn(f))

    return {
        # name: (builder, file error fragment or None, expected row errors or None)
        "wrong encoding (Big5 bytes)": (
            lambda f: f.raw(
                "big5.csv",
                "不動產單元號,成交價格,成交日期\r\n".encode("big5")
                + b"\xa4\xa4\xa4\xe5" * 20
                + b"\xf9\xfe" * 9,
            ),
            "文字编码可能不是 UTF-8 或 GBK（疑似 big5",
            None,
        ),
        "wrong encoding (invalid in UTF-8 and GB18030)": (
            lambda f: f.raw(
                "latin.csv", "Unité,Prix,Année\r\n".encode("latin-1") * 20 + b"\xff\xfe\x80\x80" * 20
            ),
            "文字编码无法识别",
            None,
        ),
        "missing required column": (
            csv(lambda f: [f.header[:5] + f.header[6:], f.row()[:5] + f.row()[6:]]),
            "缺少必填列：“成交价格（元）”",
            None,
        ),
        "no recognisable header": (csv(lambda f: [["甲", "乙"], ["1", "2"]]), "没有找到表头", None),
        "bad credit code check digit": (
            csv(lambda f: [f.header, f.row(seller_uscc=f.bad_uscc)]),
            None,
            [(2, "seller_uscc", "uscc_checksum")],
        ),
        "bad ID check digit": (
            csv(lambda f: [f.header, f.row(seller_uscc="", seller_id="110105194912310021")]),
            None,
            [(2, "seller_id", "id_card_checksum")],
        ),
        "bad dates": (
            csv(lambda f: [f.header, f.row(deal_date="2025-02-30"), f.row(deal_date="30.06.2025")]),
            None,
            [(2, "deal_date", "type_date"), (3, "deal_date", "type_date")],
        ),
        "duplicate keys": (
            csv(lambda f: [f.header, f.row(unit_no=f.unit), f.row(unit_no=f.unit)]),
            None,
            [(3, "unit_no", "duplicate")],
            1,  # the first occurrence is fine
        ),
        "formula injection": (
            csv(
                lambda f: [
                    f.header,
                    f.row(use="=cmd|' /C calc'!A0"),
                    f.row(use="@SUM(A1)"),
                    f.row(use="+1+1"),
                ]
            ),
            None,
            [(2, "use", "formula"), (3, "use", "formula"), (4, "use", "formula")],
        ),
        "ID as number in scientific notation (CSV)": (
            csv(lambda f: [f.header, f.row(seller_uscc="", seller_id="1.10105E+17")]),
            None,
            [(2, "seller_id", "numeric_storage")],
        ),
        "ID and credit code stored as Excel numbers": (
            xlsx(
                lambda f: [
                    f.header,
                    f.row(seller_uscc=913703061234567890),
                    f.row(seller_uscc="", seller_id=110105194912310021),
                ]
            ),
            None,
            [(2, "seller_uscc", "numeric_storage"), (3, "seller_id", "numeric_storage")],
        ),
        "period field outside the period": (
            csv(lambda f: [f.header, f.row(deal_date="2025-07-01")]),
            None,
            [(2, "deal_date", "period")],
        ),
        "required_one_of": (
            csv(lambda f: [f.header, f.row(seller_uscc="", seller_id="")]),
            None,
            [(2, "seller_uscc", "one_of:0")],
        ),
        "0-byte file": (lambda f: f.raw("empty.csv", b""), "是空文件（0 字节）", None),
        "header only": (csv(lambda f: [f.header]), "只有表头，没有数据行", None),
        "binary pretending to be CSV": (
            lambda f: f.raw("data.csv", os.urandom(4096)),
            "不是文本格式的 CSV",
            None,
        ),
        "zip bomb disguised as .xlsx": (lambda f: f.unsafe.zip_bomb(), "疑似压缩炸弹", None),
        "zip bomb lying about sizes": (lambda f: f.unsafe.lying_bomb(), "实际解压大小超过声明大小", None),
        "overlapping zip entries": (lambda f: f.unsafe.overlapping(), "成员重叠", None),
        "XXE in an .xlsx part": (
            lambda f: f.unsafe.with_part("xxe.xlsx", "xl/sharedStrings.xml", f.unsafe.XXE),
            "DOCTYPE/ENTITY",
            None,
        ),
        "billion laughs in an .xlsx part": (
            lambda f: f.unsafe.with_part("laughs.xlsx", "xl/worksheets/sheet1.xml", f.unsafe.LAUGHS),
            "DOCTYPE/ENTITY",
            None,
        ),
    }


CASES = build_cases()


class Factory:
    def __init__(self, tmp_path, write_csv, write_xlsx, unsafe_xlsx, tx_header, tx_row, codes):
        self.tmp_path, self.write_csv, self.write_xlsx, self.unsafe = (
            tmp_path,
            write_csv,
            write_xlsx,
            unsafe_xlsx,
        )
        self.header, self.row = tx_header, tx_row
        self.unit = codes.unit_no()
        good = codes.uscc()
        self.bad_uscc = good[:17] + ("0" if good[17] != "0" else "1")

    def raw(self, name: str, content: bytes):
        path = self.tmp_path / name
        path.write_bytes(content)
        return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file(case, tmp_path, write_csv, write_xlsx, unsafe_xlsx, tx_header, tx_row, codes, tx_spec):
    builder, file_error, row_errors, *accepted = CASES[case]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    path = builder(Factory(tmp_path, write_csv, write_xlsx, unsafe_xlsx, tx_header, tx_row, codes))
    result = validate_file(
        path, tx_spec, period="2025-06", submission_id=1, out_dir=out_dir, today=dt.date(2025, 7, 1)
    )
    if file_error:
        assert result.status == "rejected" and result.rows == 0
        assert any(file_error in m for m in result.file_errors), result.file_errors
    else:
        assert [(e.row, e.field, e.code) for e in result.errors] == row_errors
        assert all(e.reason for e in result.errors)
    expected_accepted = accepted[0] if accepted else 0
    assert result.accepted == expected_accepted
    if expected_accepted == 0:
        assert result.parquet_path is None and not (out_dir / "1.parquet").exists()


@pytest.mark.parametrize(
    ("price", "expected"),
    [
        ("1,000,000.00", "1000000.00"),
        ("１，０００，０００．００", "1000000.00"),
        ("1,０００,０００", "1000000.00"),
    ],
)
def test_cured_by_normalisation(price, expected, write_csv, tx_header, tx_row, tx_spec, out_dir):
    path = write_csv([tx_header, tx_row(price=price, unit_price="", area="")])
    result = validate_file(path, tx_spec, submission_id=1, out_dir=out_dir)
    assert result.status == "accepted", result.errors
    assert str(pq.read_table(result.parquet_path).column("price")[0].as_py()) == expected


def test_extra_columns_are_not_stored(write_csv, tx_header, tx_row, tx_spec, out_dir):
    path = write_csv([[*tx_header, "身份证号（备用）"], [*tx_row(), "11010519491231002X"]])
    result = validate_file(path, tx_spec, submission_id=1, out_dir=out_dir)
    assert result.status == "accepted" and result.warnings == [
        "第9列“身份证号（备用）”不在数据规范中，已忽略（不保存）"
    ]
    assert "身份证号（备用）" not in pq.read_schema(result.parquet_path).names
