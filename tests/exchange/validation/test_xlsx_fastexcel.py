"""The fastexcel reader gives, batch for batch, the text the python-calamine reader gives; where
it cannot promise that, it steps aside and python-calamine reads the file (合成数据)."""

import datetime as dt

import pyarrow as pa
import pytest
from python_calamine import CalamineWorkbook

from gongzhi.exchange.validation import readers, validate_file
from gongzhi.exchange.validation.readers import NUMERIC_MARK
from gongzhi.exchange.validation.xlsx_fastexcel import open_fast, sheet_head


def read_both(path, spec):
    """(fast Source or None, calamine table, fast table or None) of one file."""
    book = CalamineWorkbook.from_path(str(path))
    name = readers._sheet_name(book, spec)
    slow = readers._open_xlsx_calamine(book, name, path.name, spec)
    fast = open_fast(path, path.name, spec, name)
    slow_table = pa.Table.from_batches(list(slow.read()), schema=slow.schema)
    if fast is None:
        return None, slow_table, None
    assert (fast.header_row, fast.columns, fast.warnings) == (slow.header_row, slow.columns, slow.warnings)
    batches = list(fast.read())
    assert [b.num_rows for b in batches] == [b.num_rows for b in slow.read()]
    return fast, slow_table, pa.Table.from_batches(batches, schema=fast.schema)


def assert_same(path, spec):
    fast, slow_table, fast_table = read_both(path, spec)
    assert fast is not None, "fastexcel stepped aside"
    assert fast_table.to_pylist() == slow_table.to_pylist()
    return fast_table


def test_numbers_dates_and_texts(write_xlsx, tx_spec, tx_header, codes):
    rows = [
        [codes.unit_no(), codes.uscc(), None, 10000, 100.5, 1005000, dt.date(2025, 6, 30), "住宅"],
        [codes.unit_no(), codes.uscc(), None, 8000.0, 50.25, 0.1 + 0.2, dt.date(2025, 6, 1), "商业"],
        [codes.unit_no(), codes.uscc(), None, None, 1e20, 123456789012345678, None, "办公"],
        [None, None, None, None, None, None, None, None],
        [codes.unit_no(), codes.uscc(), None, -0.0, 1 / 3, 2.5e-7, dt.date(2025, 6, 2), " 其他 "],
    ]
    table = assert_same(write_xlsx([tx_header, *rows]), tx_spec)
    assert table.column("c3").to_pylist() == ["10000", "8000", None, None, "0"]
    assert table.column("c5").to_pylist()[:2] == ["1005000", "0.3"]
    assert table.column("c6").to_pylist() == ["2025-06-30", "2025-06-01", None, None, "2025-06-02"]
    assert table.column("c2").to_pylist() == [""] * 5  # an empty text column: "" as python-calamine
    assert table.column("_row").to_pylist() == [2, 3, 4, 5, 6]


def test_code_columns_stored_as_numbers_keep_their_mark(write_xlsx, tx_spec, tx_header, codes):
    rows = [
        [codes.unit_no(), None, 110105194912310021, 1, 1, 1, "2025-06-30", "住宅"],
        [codes.unit_no(), 913703061234567890, None, 1, 1, 1, "2025-06-30", "住宅"],
        [codes.unit_no(), 12345, 370306, 1, 1, 1, "2025-06-30", "住宅"],
    ]
    table = assert_same(write_xlsx([tx_header, *rows]), tx_spec)
    assert table.column("c2").to_pylist() == [
        NUMERIC_MARK + "1.1010519491231e+17",
        "",
        NUMERIC_MARK + "370306",
    ]
    assert table.column("c1").to_pylist()[0] == ""


def test_dates_datetimes_and_times_in_one_column(write_xlsx, tx_spec, tx_header, codes):
    stamps = [
        dt.datetime(2025, 6, 1, 12, 30),
        dt.date(2025, 6, 2),
        dt.time(8, 15),
        dt.datetime(2025, 6, 3, 0, 0, 1),
    ]
    rows = [[codes.unit_no(), codes.uscc(), None, 1, 1, 1, s, "住宅"] for s in stamps]
    table = assert_same(write_xlsx([tx_header, *rows]), tx_spec)
    assert table.column("c6").to_pylist() == [
        "2025-06-01 12:30:00",
        "2025-06-02",
        "08:15:00",
        "2025-06-03 00:00:01",
    ]


def test_only_datetimes(write_xlsx, tx_spec, tx_header, codes):
    rows = [
        [codes.unit_no(), codes.uscc(), None, 1, 1, 1, dt.datetime(2025, 6, d, 9), "住宅"] for d in (1, 2)
    ]
    table = assert_same(write_xlsx([tx_header, *rows]), tx_spec)
    assert table.column("c6").to_pylist()[0].startswith("2025-06-01 09:00:00")


def test_booleans(write_xlsx, tx_spec, tx_header, codes):
    rows = [[codes.unit_no(), codes.uscc(), None, 1, 1, 1, "2025-06-30", v] for v in (True, False, None)]
    table = assert_same(write_xlsx([tx_header, *rows]), tx_spec)
    assert table.column("c7").to_pylist() == ["TRUE", "FALSE", ""]


def test_decisions_per_batch(write_xlsx, tx_spec, tx_header, codes, monkeypatch):
    """python-calamine's reader chooses per batch of rows: a batch whose number cells are all
    empty is written as "" texts, a batch of dates alone through Arrow's date type."""
    monkeypatch.setattr(readers, "XLSX_BATCH_ROWS", 2)
    rows = [
        [codes.unit_no(), codes.uscc(), None, 1, 1, 1, dt.date(2025, 6, 1), "住宅"],
        [codes.unit_no(), codes.uscc(), None, 2, 1, 1, dt.date(2025, 6, 2), "住宅"],
        [codes.unit_no(), codes.uscc(), None, None, 1, 1, dt.datetime(2025, 6, 3, 8), "住宅"],
        [codes.unit_no(), codes.uscc(), None, None, 1, 1, dt.date(2025, 6, 4), "住宅"],
        [codes.unit_no(), codes.uscc(), None, 5, 1, 1, None, "住宅"],
    ]
    table = assert_same(write_xlsx([tx_header, *rows]), tx_spec)
    assert table.column("c3").to_pylist() == ["1", "2", "", "", "5"]
    assert table.column("c6").to_pylist() == [
        "2025-06-01",
        "2025-06-02",
        "2025-06-03 08:00:00",
        "2025-06-04",
        "",
    ]


def test_a_table_that_does_not_start_at_a1(tmp_path, tx_spec, tx_header, tx_row):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws["A1"].font = Font(bold=True)  # a formatted cell without a value is not where the table starts
    for c, value in enumerate([*tx_header, "备注"], start=3):
        ws.cell(row=4, column=c, value=value)
    for r in (5, 6):
        for c, value in enumerate([*tx_row(), r], start=3):
            ws.cell(row=r, column=c, value=value)
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    first_row, head, *_ = sheet_head(path, ws.title)
    assert first_row == 3
    assert head[0][2] == "不动产单元号" and head[1][10] is None  # C4 a text; K5 (the number 5) not one
    table = assert_same(path, tx_spec)
    assert table.column("_row").to_pylist() == [5, 6]


def test_title_rows_above_the_header_and_shared_strings(tmp_path, tx_spec, tx_header, codes):
    """A title and a blank row above the header (as many official forms have), written by
    openpyxl's normal writer, whose texts are shared strings."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["不动产交易登记表（测试）"])
    ws.append([])
    ws.append(["填报单位：合成单位（测试）", None, None, None, None, None, "单位：元"])
    ws.append([*tx_header[:3], " 单价（元/平方米） ", *tx_header[4:], "备注"])
    for i in range(4):
        ws.append(
            [codes.unit_no(), codes.uscc(), None, 10000 + i, 100, 1000000, dt.date(2025, 6, 1 + i), "住宅", i]
        )
    path = tmp_path / "titled.xlsx"
    wb.save(path)
    table = assert_same(path, tx_spec)
    assert table.column("_row").to_pylist() == [5, 6, 7, 8]
    assert table.column("c3").to_pylist() == ["10000", "10001", "10002", "10003"]


def test_a_column_mixing_kinds_in_its_first_rows_skips_fastexcel(
    write_xlsx, tx_spec, tx_header, codes, monkeypatch
):
    """fastexcel's strict load would fail only after parsing the whole sheet."""
    import fastexcel

    rows = [[codes.unit_no(), codes.uscc(), None, 1, 1, 1, "2025-06-30", "住宅"] for _ in range(30)]
    rows[20][3] = "一万"  # a text among the numbers of 单价
    path = write_xlsx([tx_header, *rows])

    calls = []
    monkeypatch.setattr(fastexcel, "read_excel", lambda *args, **kwargs: calls.append(args))
    book = CalamineWorkbook.from_path(str(path))
    assert open_fast(path, path.name, tx_spec, readers._sheet_name(book, tx_spec)) is None
    assert calls == []  # fastexcel was not asked to parse the sheet


def test_a_title_and_a_header_that_do_not_start_at_a1(tmp_path, tx_spec, tx_header, codes):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.cell(row=2, column=4, value="不动产交易登记表（测试）")
    for c, value in enumerate(tx_header, start=3):
        ws.cell(row=5, column=c, value=value)
    for r in (6, 8):  # row 7 left blank
        for c, value in enumerate(
            [codes.unit_no(), codes.uscc(), None, r, 1, 1, "2025-06-30", "住宅"], start=3
        ):
            ws.cell(row=r, column=c, value=value)
    path = tmp_path / "offset-title.xlsx"
    wb.save(path)
    table = assert_same(path, tx_spec)
    assert table.column("_row").to_pylist() == [6, 7, 8]
    assert table.column("c3").to_pylist() == ["6", None, "8"]


@pytest.mark.parametrize(
    "case",
    ["text_in_a_number_column", "repeated_header", "number_header"],
)
def test_what_fastexcel_cannot_promise_is_read_by_calamine(
    write_xlsx, tx_spec, tx_header, codes, tmp_path, out_dir, case
):
    rows = [
        [codes.unit_no(), codes.uscc(), None, 10000, 100, 1000000, "2025-06-30", "住宅"],
        [codes.unit_no(), codes.uscc(), None, "12,000", 100, 1200000, "2025-06-30", "住宅"],
    ]
    header = list(tx_header)
    if case == "text_in_a_number_column":
        table = [header, *rows]
    elif case == "repeated_header":
        table = [[*header, "房屋用途"], *[[*r, "住宅"] for r in rows]]
    else:  # a header cell holding the number 2025 (python-calamine: 2025.0)
        table = [[*header, 2025], *[[*r[:3], 1, *r[4:], 1] for r in rows]]
    path = write_xlsx(table)
    book = CalamineWorkbook.from_path(str(path))
    assert open_fast(path, path.name, tx_spec, readers._sheet_name(book, tx_spec)) is None
    # and the file is still read (by python-calamine) as before
    result = validate_file(path, tx_spec, period="2025-06", submission_id=7, out_dir=out_dir)
    if case == "repeated_header":
        assert result.status == "rejected" and "表头重复" in result.file_errors[0]
    elif case == "number_header":
        assert result.warnings == ["第9列“2025.0”不在数据规范中，已忽略（不保存）"]
    else:
        assert result.rows == 2
