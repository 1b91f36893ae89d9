"""The fill-in template of a dataset: downloaded from the dataset page, filled in with openpyxl
as a person would fill it in Excel, uploaded through the real service."""

import datetime
import io
import uuid
from pathlib import Path

import openpyxl
import pytest
from factories import DatasetFactory, UnitFactory, UserFactory, submit_rows, uscc

from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.services import exchange_dir, submission_create
from gongzhi.exchange.templates_xlsx import HELP_SHEET, VALUES_SHEET, write_template_xlsx
from gongzhi.exchange.validation import load_spec

pytestmark = pytest.mark.django_db

FIELDS = [
    {"code": "uscc", "name": "统一社会信用代码", "type": "text", "required": True, "check": "uscc"},
    {"code": "company", "name": "单位名称", "type": "text", "required": True},
    {
        "code": "kind",
        "name": "补贴类别",
        "type": "enum",
        "values": ["稳岗", "技改", "研发"],
        "required": True,
    },
    {"code": "granted", "name": "拨付日期", "type": "date", "required": True},
    {"code": "amount", "name": "补贴金额（元）", "type": "decimal", "min": 0, "required": True},
    {"code": "headcount", "name": "在职人数", "type": "integer"},
    {"code": "local", "name": "是否本区企业", "type": "boolean"},
]


@pytest.fixture
def provider():
    return UnitFactory()


@pytest.fixture
def dataset(provider):
    return DatasetFactory(providers=[provider], spec__fields=FIELDS, spec__key=())


def _download(client, dataset) -> openpyxl.Workbook:
    response = client.get(f"/exchange/datasets/{dataset.code}/template.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _fill(book: openpyxl.Workbook, rows: list[list]) -> Path:
    sheet = book.worksheets[0]
    for values in rows:
        sheet.append(values)
    path = exchange_dir("incoming") / f"{uuid.uuid4().hex}.xlsx"
    book.save(path)
    return path


def _rows(kind: str = "技改") -> list[list]:
    return [
        [uscc(), "示例企业甲（测试）", "稳岗", datetime.date(2025, 11, 3), 120000.5, 35, "是"],
        [uscc(), "示例企业乙（测试）", kind, "2025-11-20", "1,616,772.74", None, "否"],
        [uscc(), "示例企业丙（测试）", "研发", "2025年11月28日", 88, 120, None],
    ]


def test_the_template_is_on_the_dataset_page_and_describes_every_field(
    client_for, data_dir, dataset, provider
):
    liaison = UserFactory(unit=provider)
    client = client_for(liaison)
    page = client.get(f"/exchange/datasets/{dataset.code}/").content.decode()
    assert f"/exchange/datasets/{dataset.code}/template.xlsx" in page

    book = _download(client, dataset)
    data, help_sheet = book.worksheets[0], book[HELP_SHEET]
    assert data.title == dataset.name  # the reader picks the sheet named like the dataset
    assert [c.value for c in data[1]] == [
        "*统一社会信用代码",
        "*单位名称",
        "*补贴类别",
        "*拨付日期",
        "*补贴金额（元）",
        "在职人数",
        "是否本区企业",
    ]
    assert "字段代码：uscc" in data["A1"].comment.text
    assert data.column_dimensions["A"].number_format == "@"  # a credit code stays text
    lists = {str(v.sqref): v.formula1 for v in data.data_validations.dataValidation}
    assert lists["C2:C1001"] == f"'{VALUES_SHEET}'!$C$1:$C$3"
    assert lists["G2:G1001"] == f"'{VALUES_SHEET}'!$G$1:$G$2"
    assert [book[VALUES_SHEET].cell(row=r, column=3).value for r in (1, 2, 3)] == ["稳岗", "技改", "研发"]
    assert book[VALUES_SHEET].sheet_state == "hidden"
    described = {
        row[1]: row for row in help_sheet.iter_rows(values_only=True) if row[1] in {"uscc", "kind", "amount"}
    }
    assert described["kind"][4] == "稳岗、技改、研发"
    assert described["amount"][2] == "数值（最多2位小数）" and described["amount"][6] == "≥ 0"
    # the example of a credit code passes the credit-code check
    assert load_spec(dataset.current_version.spec).get_field("uscc").check == "uscc"
    assert described["uscc"][7] and len(described["uscc"][7]) == 18


def test_a_filled_template_uploads_cleanly(client_for, data_dir, dataset, provider):
    liaison = UserFactory(unit=provider)
    path = _fill(_download(client_for(liaison), dataset), _rows())
    submission = submission_create(
        actor=liaison,
        dataset=dataset,
        unit=provider,
        period="2025-11",
        source_path=path,
        filename="补贴填报模板.xlsx",
        background=False,
    )
    assert submission.state == SubmissionState.ACCEPTED, (submission.errors, submission.file_errors)
    assert (submission.rows, submission.accepted, submission.rejected) == (3, 3, 0)
    assert not [m for m in submission.file_errors if "未知" in m or "缺少" in m]


def test_a_wrong_enum_gives_the_same_error_as_the_same_rows_in_csv(client_for, data_dir, dataset, provider):
    liaison = UserFactory(unit=provider)
    rows = _rows(kind="扶贫")
    path = _fill(_download(client_for(liaison), dataset), rows)
    from_xlsx = submission_create(
        actor=liaison,
        dataset=dataset,
        unit=provider,
        period="2025-11",
        source_path=path,
        filename="补贴填报模板.xlsx",
        background=False,
    )
    codes = [f["code"] for f in FIELDS]
    as_text = [
        {
            c: ("" if v is None else v.isoformat() if isinstance(v, datetime.date) else str(v))
            for c, v in zip(codes, r, strict=True)
        }
        for r in rows
    ]
    from_csv = submit_rows(dataset, provider, "2025-11", as_text, actor=liaison)
    assert from_xlsx.state == from_csv.state == SubmissionState.PARTIAL
    assert (
        from_xlsx.errors
        == from_csv.errors
        == [
            {
                "row": 3,
                "field": "kind",
                "field_name": "补贴类别",
                "value": "扶贫",
                "reason": "不在可选值范围内（可选：稳岗、技改、研发）",
            }
        ]
    )


def test_catalog_text_never_becomes_a_formula(tmp_path):
    spec = load_spec(
        {
            "code": "hostile",
            "name": "恶意名称（测试）",
            "fields": [
                {"code": "a", "name": '=HYPERLINK("http://x","点我")', "type": "text"},
                {"code": "b", "name": "金额", "type": "enum", "values": ["=1+1", "@SUM(A1)", "正常"]},
            ],
        }
    )
    book = openpyxl.load_workbook(write_template_xlsx(spec, tmp_path / "t.xlsx"))
    cells = [book.worksheets[0]["A1"], book[VALUES_SHEET]["B1"], book[VALUES_SHEET]["B2"]]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x","点我")', "=1+1", "@SUM(A1)"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
