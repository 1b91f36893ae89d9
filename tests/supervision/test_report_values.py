"""The report form (issue 11, point 9): values typed as people type them ("65%", "６５", "1,234.5")
are understood; a value that is not a number is a Chinese error on that field, nothing is stored,
and what was typed stays; saved values read "83.3%" with their note apart. Evidence: Word and
Excel 97-2003 files (.doc, .xls) are accepted as they are, checked by content (OLE2)."""

import struct
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import IndicatorFactory, TargetFactory, TaskReportFactory, UserFactory

from gongzhi.core.exceptions import ApplicationError
from gongzhi.supervision.evidence import MAX_EVIDENCE_BYTES, evidence_store
from gongzhi.supervision.models import Evidence, IndicatorValue

pytestmark = pytest.mark.django_db

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, *, child=NOSTREAM, start=END, size=0) -> bytes:
    encoded = (name.encode("utf-16-le") + b"\0\0") if name else b""
    entry = encoded.ljust(64, b"\0")
    entry += struct.pack("<HBB", len(encoded), kind, 1 if kind else 0)
    entry += struct.pack("<III", NOSTREAM, NOSTREAM, child)
    entry += b"\0" * 16 + b"\0" * 4 + b"\0" * 16  # CLSID, state bits, times
    entry += struct.pack("<IQ", start, size)
    assert len(entry) == 128
    return entry


def ole2(stream: str, payload: bytes = b"synthetic test content") -> bytes:
    """A minimal real compound file (version 3, 512-byte sectors): a FAT sector, a directory
    sector (root entry and one stream) and the stream's 4096 bytes (past the mini-stream cutoff)."""
    data = payload.ljust(4096, b"\0")
    n = len(data) // 512
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    assert len(header) == 512
    fat = [FATSECT, END] + [2 + i + 1 for i in range(n - 1)] + [END]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", FREE) * (128 - len(fat))
    directory = (
        _dir_entry("Root Entry", 5, child=1)
        + _dir_entry(stream, 2, start=2, size=len(data))
        + _dir_entry("", 0)
        + _dir_entry("", 0)
    )
    return header + fat_sector + directory + data


@pytest.mark.parametrize(
    ("filename", "stream", "content_type"),
    [
        ("会议纪要（测试）.doc", "WordDocument", "application/msword"),
        ("台账（测试）.xls", "Workbook", "application/vnd.ms-excel"),
        ("旧台账（测试）.xls", "Book", "application/vnd.ms-excel"),
    ],
)
def test_word_and_excel_97_files_are_kept_as_they_are(filename, stream, content_type):
    liaison = UserFactory()
    data = ole2(stream)
    evidence = evidence_store(actor=liaison, unit=liaison.unit, filename=filename, data=data)
    assert evidence.content_type == content_type
    assert evidence.size == len(data)
    with open(evidence.file_path, "rb") as stored:
        assert stored.read() == data


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("照片.doc", b"\x89PNG\r\n\x1a\n" + b"\0" * 600),  # a picture renamed
        ("台账.xls", ole2("WordDocument")),  # a Word file renamed .xls
        ("纪要.doc", ole2("Workbook")),  # an Excel file renamed .doc
        ("纪要.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),  # a signature and nothing else
    ],
)
def test_doc_and_xls_whose_content_does_not_match_are_refused(filename, data):
    before = Evidence.objects.count()
    with pytest.raises(ApplicationError) as info:
        evidence_store(actor=None, unit=None, filename=filename, data=data)
    assert info.value.message == f"佐证材料“{filename}”的内容与扩展名不符，已拒绝"
    assert Evidence.objects.count() == before


def test_doc_files_have_the_same_size_limit():
    big = ole2("WordDocument") + b"\0" * MAX_EVIDENCE_BYTES
    with pytest.raises(ApplicationError, match="超过 20 MB 上限"):
        evidence_store(actor=None, unit=None, filename="大文件.doc", data=big)


def _report_with_percent_indicator():
    liaison = UserFactory()
    report = TaskReportFactory(unit=liaison.unit)
    indicator = IndicatorFactory(
        plan=report.round.plan,
        task=report.task,
        reporting_unit=liaison.unit,
        target=TargetFactory(task=report.task, value=Decimal(65), unit_of_measure="%"),
    )
    return liaison, report, indicator


def _post(client, report, indicator, value, **extra):
    data = {
        "op": "save",
        "status": "in_progress",
        "percent": "40",
        "done_text": "已完成摸底（测试）",
        f"value-{indicator.pk}": value,
        f"note-{indicator.pk}": "5/6家",
        **extra,
    }
    return client.post(reverse("supervision:report_detail", args=[report.pk]), data)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("65%", Decimal("65")),
        ("65 %", Decimal("65")),
        ("６５", Decimal("65")),
        ("83.3％", Decimal("83.3")),
    ],
)
def test_a_value_typed_with_a_percent_sign_is_saved(client_for, typed, stored):
    liaison, report, indicator = _report_with_percent_indicator()
    response = _post(client_for(liaison), report, indicator, typed)
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=indicator, unit=liaison.unit)
    assert value.value == stored
    report.refresh_from_db()
    assert report.done_text == "已完成摸底（测试）"


def test_a_bad_value_is_an_error_on_its_field_and_nothing_is_stored(client_for):
    liaison, report, indicator = _report_with_percent_indicator()
    before = report.done_text
    evidence = SimpleUploadedFile("纪要（测试）.doc", ole2("WordDocument"), content_type="application/msword")
    # when the liaison types a value that is no number, with a file chosen
    response = _post(client_for(liaison), report, indicator, "六十五", evidence=evidence)
    html = response.content.decode()
    # then the page comes back with the error on that field, what was typed kept
    assert response.status_code == 200
    assert "“六十五”不是数字" in html
    assert 'value="六十五"' in html and 'value="5/6家"' in html
    assert "已完成摸底（测试）" in html  # the other fields keep what was typed
    assert "选择的佐证材料未上传" in html
    # and nothing was stored
    report.refresh_from_db()
    assert report.done_text == before
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()
    assert not Evidence.objects.filter(report=report).exists()


def test_an_out_of_range_percentage_stores_nothing(client_for):
    liaison, report, indicator = _report_with_percent_indicator()
    before = report.done_text
    response = _post(client_for(liaison), report, indicator, "165%")
    assert response.status_code == 200
    assert "应在0到100之间" in response.content.decode()
    report.refresh_from_db()
    assert report.done_text == before  # the report text was not saved without its value
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_saved_values_read_with_their_unit_and_the_note_apart(client_for, users):
    liaison, report, indicator = _report_with_percent_indicator()
    _post(client_for(liaison), report, indicator, "83.3")
    # the office reads the report (not editable for it)
    html = (
        client_for(users["admin"])
        .get(reverse("supervision:report_detail", args=[report.pk]))
        .content.decode()
    )
    assert "83.3%" in html
    assert "（5/6家）" in html
    assert "83.3 5/6家" not in html
