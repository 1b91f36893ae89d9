"""Large files, generated at test time (synthetic data); marked slow."""

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from gongzhi.exchange.validation import load_spec, synthetic, validate_file

EXCEL_MAX_ROWS = 1_048_576


@pytest.mark.slow
def test_a_file_of_1048576_rows(tmp_path):
    """As many rows as a spreadsheet holds (header + 1,048,575 data rows)."""
    spec = load_spec(synthetic.BENCH_SPEC_YAML)
    path = synthetic.write_bench_csv(tmp_path / "max.csv", EXCEL_MAX_ROWS - 1)
    out = tmp_path / "out"
    result = validate_file(path, spec, period="2025-06", submission_id=1, out_dir=out)
    assert result.status == "accepted", (result.file_errors, result.errors[:5])
    assert result.rows == result.accepted == EXCEL_MAX_ROWS - 1
    meta = pq.read_metadata(result.parquet_path)
    assert meta.num_rows == EXCEL_MAX_ROWS - 1
    last = pq.read_table(result.parquet_path, columns=["_source_row"]).column(0)
    assert last[-1].as_py() == EXCEL_MAX_ROWS


@pytest.mark.slow
def test_an_xlsx_sheet_of_1048576_rows(tmp_path):
    """A full sheet (two columns), written directly as sheet XML to keep the test quick."""
    spec = load_spec(
        {
            "code": "big",
            "name": "大表（合成数据）",
            "key": ["no"],
            "fields": [
                {"code": "no", "name": "编号", "required": True},
                {"code": "amount", "name": "金额", "type": "decimal"},
            ],
        }
    )
    path = tmp_path / "max.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + '<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c></row>'.encode()
            )
            chunk = []
            for r in range(2, EXCEL_MAX_ROWS + 1):
                chunk.append(
                    f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>N{r}</t></is></c><c r="B{r}"><v>{r % 1000}.5</v></c></row>'
                )
                if len(chunk) == 50_000:
                    sheet.write("".join(chunk).encode())
                    chunk.clear()
            sheet.write("".join(chunk).encode() + b"</sheetData></worksheet>")
    result = validate_file(path, spec, submission_id=2, out_dir=tmp_path / "out")
    assert result.status == "accepted", (result.file_errors, result.errors[:5])
    assert result.rows == EXCEL_MAX_ROWS - 1
    assert pq.read_metadata(result.parquet_path).num_rows == EXCEL_MAX_ROWS - 1


MEASURE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from gongzhi.exchange.validation import load_spec, synthetic, validate_file
    spec = load_spec(synthetic.BENCH_SPEC_YAML)
    result = validate_file(sys.argv[1], spec, period="2025-06", submission_id=1, out_dir=sys.argv[2])
    assert result.status == "accepted", result.file_errors
    status = Path("/proc/self/status").read_text().splitlines()
    print(result.rows, next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")))
    """
)


@pytest.mark.slow
def test_memory_stays_bounded(tmp_path):
    """2,000,000 rows checked in a subprocess: peak RSS well under 1 GiB (the bench does 5,000,000).

    The peak is the child's own high-water mark (VmHWM), not ru_maxrss: Linux carries the
    parent's maxrss over fork and exec, so a child of a 1.8 GB pytest process "peaked" at 1.8 GB.
    """
    path = synthetic.write_bench_csv(tmp_path / "two_million.csv", 2_000_000)
    from gongzhi.exchange import validation

    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PYTHONPATH": str(Path(validation.__file__).parents[3]), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    rows, peak_kib = map(int, done.stdout.split())
    assert rows == 2_000_000
    assert peak_kib * 1024 < 1024**3  # VmHWM is in KiB
