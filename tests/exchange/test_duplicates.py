"""Exact duplicate rows in a dataset without a key: flagged like a repeated key (a row error naming
the first row, the copy quarantined), never silently stored twice."""

import csv

import pyarrow.parquet as pq
import pytest
from factories import DatasetFactory, UnitFactory, submit_rows, uscc

from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.validation import load_spec, validate_file, validate_rows

SPEC = load_spec(
    {
        "code": "subsidy_paid",
        "name": "补贴发放（测试）",
        "fields": [
            {"code": "uscc", "name": "统一社会信用代码", "type": "text", "required": True, "check": "uscc"},
            {"code": "paid_on", "name": "发放日期", "type": "date", "required": True},
            {"code": "amount", "name": "金额", "type": "decimal", "required": True},
            {"code": "note", "name": "备注", "type": "text"},
        ],
    }
)
A, B = uscc(), uscc()


def _csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["统一社会信用代码", "发放日期", "金额", "备注"])
        writer.writerows(rows)
    return path


def test_an_exact_copy_of_an_earlier_row_is_an_error_naming_both_rows(tmp_path):
    rows = [
        [A, "2025-11-03", "1000.00", ""],  # row 2
        [A, "2025-11-03", "1000.00", "首次"],  # row 3
        [B, "2025-11-04", "500", ""],  # row 4
        [A, "2025-11-03", "1000.00", "首次"],  # row 5: row 3 again
        [A, "2025年11月3日", " 1,000 ", "首次"],  # row 6: the same data written otherwise
        [A, "2025-11-03", "1000.01", "首次"],  # row 7: one cent apart, not a copy
    ]
    result = validate_file(
        _csv(tmp_path / "补贴.csv", rows), SPEC, submission_id=1, out_dir=tmp_path / "out", period="2025-11"
    )
    assert (result.status, result.rows, result.accepted, result.rejected) == ("partial", 6, 4, 2)
    assert [(e.row, e.field, e.code, e.reason) for e in result.errors] == [
        (5, None, "duplicate_row", "第5行与第3行完全相同"),
        (6, None, "duplicate_row", "第6行与第3行完全相同"),
    ]
    assert [(s.code, s.count, s.reason) for s in result.summary] == [
        ("duplicate_row", 2, "与前面的一行完全相同（重复行）")
    ]
    accepted = pq.read_table(result.parquet_path).column("_source_row").to_pylist()
    assert accepted == [2, 3, 4, 7]
    quarantined = pq.read_table(result.quarantine_path).to_pylist()
    assert [(r["_source_row"], r["_errors"]) for r in quarantined] == [
        (5, "第5行与第3行完全相同"),
        (6, "第6行与第3行完全相同"),
    ]


def test_a_reject_policy_refuses_a_file_with_a_copied_row(tmp_path):
    spec = load_spec({**SPEC.to_dict(), "policy": "reject"})
    rows = [[A, "2025-11-03", "1000", ""], [A, "2025-11-03", "1000", ""]]
    result = validate_file(_csv(tmp_path / "补贴.csv", rows), spec, submission_id=2, out_dir=tmp_path / "out")
    assert (result.status, result.accepted) == ("rejected", 0)
    assert [e.reason for e in result.errors] == ["第3行与第2行完全相同"]


def test_rows_pushed_by_api_are_checked_the_same_way():
    rows = [
        {"uscc": A, "paid_on": "2025-11-03", "amount": "10"},
        {"uscc": A, "paid_on": "2025-11-03", "amount": "10"},
        {"uscc": A, "paid_on": "2025-11-03", "amount": "10", "note": "另一笔"},
    ]
    accepted, errors = validate_rows(rows, SPEC)
    assert [r["_source_row"] for r in accepted] == [1, 3]
    assert [(e.row, e.reason) for e in errors] == [(2, "第2行与第1行完全相同")]


@pytest.mark.django_db
def test_a_submission_shows_the_copied_row(data_dir):
    provider = UnitFactory()
    dataset = DatasetFactory(
        providers=[provider],
        spec__key=(),
        spec__fields=[{"code": "uscc", "name": "统一社会信用代码", "type": "text", "check": "uscc"}],
    )
    submission = submit_rows(dataset, provider, "2025-11", [{"uscc": A}, {"uscc": B}, {"uscc": A}])
    assert (submission.state, submission.accepted, submission.rejected) == (SubmissionState.PARTIAL, 2, 1)
    assert submission.errors == [
        {"row": 4, "field": None, "field_name": None, "value": None, "reason": "第4行与第2行完全相同"}
    ]
