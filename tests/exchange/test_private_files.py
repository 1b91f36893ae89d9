"""Data files are for the service's own user only, and temporary files do not outlive their work."""

import datetime
import os
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.files import open_then_remove, sweep_temporary, temp_root, temporary_directory
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.services import submission_create, submission_push_rows
from gongzhi.org.models import Unit
from gongzhi.supervision.evidence import evidence_store

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _private(path) -> bool:
    return Path(path).stat().st_mode & 0o077 == 0


def test_the_data_directory_is_private():
    assert _private(django_settings.DATA_DIR)


def test_a_submissions_parquet_and_an_evidence_file_are_not_readable_by_others(
    db, write_csv, make_uscc, settings, tmp_path
):
    settings.DATA_DIR = tmp_path / "data"
    unit = Unit.objects.get(name="区发展改革局")
    submission = submission_create(
        actor=None,
        dataset=Dataset.objects.get(code="electricity"),
        unit=unit,
        period="2025-10",
        source_path=write_csv(
            [{"uscc": make_uscc(), "period": "2025-10", "kwh": "1"}], ["uscc", "period", "kwh"]
        ),
        filename="a.csv",
        background=False,
    )
    assert submission.parquet_path and _private(submission.parquet_path)
    assert _private(submission.file_path)
    evidence = evidence_store(actor=None, unit=unit, filename="照片.png", data=PNG)
    assert _private(evidence.file_path) and _private(Path(evidence.file_path).parent)


def test_a_refused_api_push_leaves_no_incoming_file(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    # given a unit that does not provide the dataset
    with pytest.raises(ApplicationError):
        submission_push_rows(
            actor=None,
            dataset=Dataset.objects.get(code="electricity"),
            unit=Unit.objects.get(name="区税务局"),
            period="2025-10",
            rows=[{"uscc": "x", "period": "2025-10", "kwh": "1"}],
        )
    assert list((tmp_path / "exchange" / "incoming").iterdir()) == []


def test_a_sent_temporary_file_is_gone_with_its_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    path = temporary_directory("export") / "台账.xlsx"
    path.write_bytes(b"content")
    with open_then_remove(path) as handle:
        assert handle.read() == b"content"
    assert list(temp_root().iterdir()) == []


def test_sweep_removes_leftovers_older_than_a_day_only(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    old_folder = temporary_directory("export")
    new_folder = temporary_directory("export")
    incoming = tmp_path / "exchange" / "incoming"
    incoming.mkdir(parents=True)
    old_csv = incoming / "refused.csv"
    old_csv.write_text("x")
    uploads = tmp_path / "exchange" / "uploads" / "electricity"
    uploads.mkdir(parents=True)
    stray = uploads / ".tmp-abc.parquet.123"
    stray.write_text("x")
    kept = uploads / "kept.parquet"
    kept.write_text("x")
    now = time.time()  # the clock the sweep reads (moved by --clock), not the file system's
    two_days_ago = now - 2 * 86400
    for path in (old_folder, old_csv, stray, kept):
        os.utime(path, (two_days_ago, two_days_ago))
    os.utime(new_folder, (now, now))

    removed = sweep_temporary(older_than=datetime.timedelta(days=1))

    assert set(removed) == {old_folder, old_csv, stray}
    assert new_folder.exists() and kept.exists()
