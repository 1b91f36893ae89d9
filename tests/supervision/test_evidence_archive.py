"""Evidence .docx/.xlsx files pass the one zip inspection (core.zipsafety) before they are kept."""

import io
import zipfile

import pytest

from gongzhi.core.exceptions import ApplicationError
from gongzhi.supervision.evidence import evidence_store


def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(32):
                part.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        (
            "照片.docx",
            _docx_bomb(),
            "佐证材料“照片.docx”的成员“word/document.xml”压缩比异常（疑似压缩炸弹），已拒绝",
        ),
        ("台账.xlsx", b"PK\x03\x04garbage", "佐证材料“台账.xlsx”的内容与扩展名不符，已拒绝"),
    ],
)
def test_unsafe_or_broken_archives_are_refused_before_anything_is_stored(filename, data, message):
    with pytest.raises(ApplicationError) as info:
        evidence_store(actor=None, unit=None, filename=filename, data=data)
    assert info.value.message == message
