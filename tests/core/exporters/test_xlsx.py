"""Table workbooks, checked by reading the .xlsx back (and, where LibreOffice is installed, as it shows them)."""

import csv
import datetime
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gongzhi.core.exporters import xlsx
from gongzhi.core.exporters.xlsx import DATE_FORMAT, STREAM_ROW_THRESHOLD, Column, Sheet, write_table_workbook

COLUMNS = [
    Column("单位", 28),
    Column("应缴税额（元）", 16, "number", decimals=2),
    Column("报送日期", 18, "date"),
    Column("按时率", 10, "percent"),
    Column("次数", 8, "number"),
    Column("备注", 30),
]
ROWS = [
    ["区财政局", Decimal("1234567.891"), datetime.date(2025, 6, 30), 0.953, 3, "按时报送"],
    ["区医疗保障分局", -1200.5, datetime.datetime(2025, 7, 2, 16, 30), 0.5, 0, None],
    ['=HYPERLINK("http://example.invalid","点击")', None, None, None, None, "+1+1"],
    ["-2+3", "暂缺", "待定", "—", -7, "@SUM(A1:A3)"],
]
INJECTIONS = {
    "A5": '=HYPERLINK("http://example.invalid","点击")',
    "F5": "+1+1",
    "A6": "-2+3",
    "F6": "@SUM(A1:A3)",
}


def write(path: Path, *, stream: bool | None = None, rows=None, **sheet) -> Path:
    arguments = {
        "title": "迟报单位",
        "columns": COLUMNS,
        "rows": ROWS if rows is None else rows,
        "title_row": "2025年第二季度涉税数据迟报单位",
        "notes": ["注：按时率＝按时报送次数÷应报送次数。"],
    } | sheet
    return write_table_workbook(path, sheets=[Sheet(**arguments)], stream=stream)


@pytest.fixture(params=[False, True], ids=["normal", "streamed"])
def sheet(request, tmp_path):
    """The same workbook written both ways: every layout assertion holds in both modes."""
    path = write(tmp_path / "迟报单位.xlsx", stream=request.param)
    workbook = openpyxl.load_workbook(path)
    return workbook["迟报单位"]


def test_title_row_is_merged_bold_and_centred(sheet):
    assert sheet["A1"].value == "2025年第二季度涉税数据迟报单位"
    assert [str(cell_range) for cell_range in sheet.merged_cells.ranges] == ["A1:F1"]
    assert sheet["A1"].font.b and sheet["A1"].alignment.horizontal == "center"


def test_header_row_is_bold_on_a_fill_with_borders(sheet):
    assert [cell.value for cell in sheet[2]] == [column.name for column in COLUMNS]
    for cell in sheet[2]:
        assert cell.font.b
        assert cell.fill.fill_type == "solid" and cell.fill.start_color.rgb == "FFD9E1F2"
        assert cell.border.left.style == cell.border.bottom.style == "thin"


def test_panes_freeze_below_the_header_and_the_filter_covers_header_and_data(sheet):
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:F6"
    assert sheet.print_title_rows == "$2:$2"


def test_column_widths(sheet):
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEF"]
    assert widths == [column.width for column in COLUMNS]


def test_number_formats_follow_the_column_kind(sheet):
    row = sheet[3]
    assert [cell.number_format for cell in row] == ["@", "#,##0.00", DATE_FORMAT, "0.0%", "General", "@"]
    assert DATE_FORMAT == 'yyyy"年"m"月"d"日"'
    assert row[1].value == pytest.approx(1234567.891) and row[1].data_type == "n"
    assert row[2].value == datetime.datetime(2025, 6, 30)  # openpyxl reads dates back as datetimes
    assert row[3].value == pytest.approx(0.953)
    # A datetime in a date column keeps only its date; negative numbers stay numbers.
    assert sheet["C4"].value == datetime.datetime(2025, 7, 2) and sheet["B4"].value == -1200.5
    assert sheet["E6"].value == -7 and sheet["E6"].data_type == "n"
    for cell in row:
        assert cell.border.left.style == cell.border.top.style == "thin"


def test_text_in_a_number_or_date_column_is_written_as_text(sheet):
    assert sheet["B6"].value == "暂缺" and sheet["B6"].data_type == "s"
    assert sheet["C6"].value == "待定" and sheet["C6"].number_format == "@"
    assert sheet["F4"].value is None


def test_notes_follow_the_data_after_a_blank_row(sheet):
    assert all(cell.value is None for cell in sheet[7])
    assert sheet["A8"].value == "注：按时率＝按时报送次数÷应报送次数。"


def test_formula_like_text_is_stored_as_quoted_text(sheet):
    for coordinate, text in INJECTIONS.items():
        cell = sheet[coordinate]
        assert cell.value == text, coordinate  # the text itself is unchanged
        assert cell.data_type == "s", coordinate
        assert cell.quotePrefix, coordinate
    assert not sheet["A3"].quotePrefix  # ordinary text is left alone


def test_no_formula_reaches_the_file(tmp_path):
    for stream in (False, True):
        path = write(tmp_path / f"f{stream}.xlsx", stream=stream)
        with zipfile.ZipFile(path) as archive:
            sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
            styles_xml = archive.read("xl/styles.xml").decode()
        assert "<f>" not in sheet_xml and "<f " not in sheet_xml
        assert 'quotePrefix="1"' in styles_xml


def test_large_sheets_and_iterators_are_streamed(tmp_path, monkeypatch):
    modes = []
    real_workbook = xlsx.Workbook

    def recording_workbook(*, write_only):
        modes.append(write_only)
        return real_workbook(write_only=write_only)

    monkeypatch.setattr(xlsx, "Workbook", recording_workbook)
    columns = [Column("序号", 8, "number", decimals=0), Column("单位", 20)]
    small = [[n, "区财政局"] for n in range(STREAM_ROW_THRESHOLD)]
    large = [*small, [STREAM_ROW_THRESHOLD, "=1+1"]]

    write_table_workbook(tmp_path / "small.xlsx", sheets=[Sheet("甲", columns, small)])
    write_table_workbook(tmp_path / "large.xlsx", sheets=[Sheet("甲", columns, large)])
    write_table_workbook(tmp_path / "iter.xlsx", sheets=[Sheet("甲", columns, ([n, "乙"] for n in range(3)))])
    assert modes == [False, True, True]

    sheet = openpyxl.load_workbook(tmp_path / "large.xlsx")["甲"]
    assert sheet.max_row == len(large) + 1 and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:B{len(large) + 1}"
    last = sheet.cell(row=sheet.max_row, column=2)
    assert last.value == "=1+1" and last.data_type == "s" and last.quotePrefix
    iterated = openpyxl.load_workbook(tmp_path / "iter.xlsx")["甲"]
    assert [row for row in iterated.iter_rows(min_row=2, values_only=True)] == [
        (0, "乙"),
        (1, "乙"),
        (2, "乙"),
    ]
    assert iterated.auto_filter.ref == "A1:B4"


def test_several_sheets_get_valid_unique_titles(tmp_path):
    columns = [Column("单位")]
    path = write_table_workbook(
        tmp_path / "多表.xlsx",
        sheets=[
            Sheet("迟报/漏报单位", columns, [["区财政局"]]),
            Sheet("迟报/漏报单位", columns, []),
            Sheet(
                "二〇二五年第二季度全区各部门涉税数据共享需求清单报送情况及数据质量评分统计表", columns, []
            ),
        ],
    )
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[:2] == ["迟报_漏报单位", "迟报_漏报单位(2)"]
    assert len(workbook.sheetnames[2]) == 31
    empty = workbook["迟报_漏报单位(2)"]
    assert empty.auto_filter.ref == "A1:A1" and [cell.value for cell in empty[1]] == ["单位"]


def test_illegal_characters_and_odd_values(tmp_path):
    columns = [Column("单位"), Column("金额", kind="number"), Column("是否按时"), Column("日期", kind="date")]
    rows = [
        ["区财\x07政局", float("nan"), True, "2025-06-30"],
        ["区税务局", Decimal("Infinity"), False, None],
    ]
    path = write_table_workbook(tmp_path / "a.xlsx", sheets=[Sheet("表", columns, rows)])
    sheet = openpyxl.load_workbook(path)["表"]
    assert [cell.value for cell in sheet[2]] == ["区财政局", None, "是", "2025-06-30"]
    assert [cell.value for cell in sheet[3]] == ["区税务局", None, "否", None]


def test_a_row_of_the_wrong_length_is_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "迟报单位.xlsx"
    path.write_bytes(b"previous")
    with pytest.raises(ValueError, match="row 2: 1 values for 6 columns"):
        write(path, rows=[ROWS[0], ["区财政局"]])
    assert path.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["迟报单位.xlsx"]


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="at least one sheet"):
        write_table_workbook(tmp_path / "a.xlsx", sheets=[])
    with pytest.raises(ValueError, match="no columns"):
        write_table_workbook(tmp_path / "a.xlsx", sheets=[Sheet("表", [], [])])
    with pytest.raises(ValueError, match="unknown column kind"):
        write_table_workbook(tmp_path / "a.xlsx", sheets=[Sheet("表", [Column("甲", kind="money")], [])])


def test_workbook_properties_are_chinese(tmp_path):
    workbook = openpyxl.load_workbook(write(tmp_path / "a.xlsx"))
    assert workbook.properties.creator == "共治"
    assert workbook.properties.title == "2025年第二季度涉税数据迟报单位"


# --- LibreOffice ---------------------------------------------------------------------------------

# CSV export options: comma, double quote, UTF-8, from line 1, ..., save cell contents as shown.
CSV_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


@pytest.mark.parametrize("stream", [False, True], ids=["normal", "streamed"])
def test_libreoffice_shows_formula_like_text_as_text_and_formats_as_set(tmp_path, soffice_calc, stream):
    source = write(tmp_path / f"late-{stream}.xlsx", stream=stream)
    shown = list(csv.reader(soffice_calc(source, CSV_AS_SHOWN).read_text(encoding="utf-8").splitlines()))
    assert shown[0][0] == "2025年第二季度涉税数据迟报单位"
    assert shown[2] == ["区财政局", "1,234,567.89", "2025年6月30日", "95.3%", "3", "按时报送"]
    assert shown[3][:5] == ["区医疗保障分局", "-1,200.50", "2025年7月2日", "50.0%", "0"]
    # Evaluated, these would show 2, 1 and an error or a link; shown as text they are unchanged.
    assert shown[4][0] == INJECTIONS["A5"] and shown[4][5] == "+1+1"
    assert shown[5][0] == "-2+3" and shown[5][5] == "@SUM(A1:A3)"


def test_the_control_file_shows_that_libreoffice_would_evaluate_a_real_formula(tmp_path, soffice_calc):
    """Guards the test above: without the defence, LibreOffice computes the formula."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "=1+1"
    workbook.save(tmp_path / "control.xlsx")
    shown = soffice_calc(tmp_path / "control.xlsx", CSV_AS_SHOWN).read_text(encoding="utf-8")
    assert shown.strip() == "2"
