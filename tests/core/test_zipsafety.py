"""core.zipsafety: the one zip inspection (.xlsx submissions, small tables, plan .docx, evidence)."""

import io
import random
import struct
import zipfile

import pytest

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.tabular import check_xlsx_archive
from gongzhi.core.zipsafety import ZipLimits, ZipRejected, inspect_zip

MB = 1024 * 1024


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _workbook(**extra: bytes) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types/>',
        "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook/>',
        **extra,
    }


def _bomb(megabytes: int = 64) -> bytes:
    """One member of `megabytes` MB of zeros: about a thousandth of that once compressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _workbook().items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            zeros = b"\0" * MB
            for _ in range(megabytes):
                part.write(zeros)
    return buffer.getvalue()


def _lying(declared: int = 4096) -> bytes:
    """The directory claims a small member whose data inflates to 8 MB."""
    data = bytearray(_zip(_workbook(**{"xl/worksheets/sheet1.xml": b"<" + b" " * (8 * MB)})))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_len = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + name_len]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, position + 24, declared)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


def _rejected(source, **kwargs) -> ZipRejected:
    with pytest.raises(ZipRejected) as info:
        inspect_zip(source, **kwargs)
    return info.value


def test_a_genuine_workbook_passes_as_bytes_and_as_a_path(tmp_path):
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["名称", "类别"])
    book.save(buffer)
    inspect_zip(buffer.getvalue(), required=["xl/workbook.xml"])
    path = tmp_path / "a.xlsx"
    path.write_bytes(buffer.getvalue())
    inspect_zip(path, required=["xl/workbook.xml", "[Content_Types].xml"])


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path):
    data = _bomb()
    assert len(data) < MB
    error = _rejected(data)
    assert error.kind == "unsafe"
    assert error.reason == "的成员“xl/worksheets/sheet1.xml”压缩比异常（疑似压缩炸弹）"
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    assert _rejected(path).reason == error.reason


def test_a_zip_bomb_is_refused_by_its_unpacked_size():
    error = _rejected(_bomb(8), limits=ZipLimits(max_ratio=10_000, max_member_bytes=4 * MB))
    assert error.reason == "的成员“xl/worksheets/sheet1.xml”解压后过大（疑似压缩炸弹）"
    error = _rejected(_bomb(8), limits=ZipLimits(max_ratio=10_000, max_total_bytes=4 * MB))
    assert error.reason == "解压后总大小超过上限（疑似压缩炸弹）"


def test_a_zip_bomb_lying_about_its_size_is_caught_while_inflating():
    error = _rejected(_lying())
    assert error.reason == "的成员“xl/worksheets/sheet1.xml”实际解压大小超过声明大小（疑似压缩炸弹）"


def _damaged() -> bytes:
    """A workbook whose sheet's deflate data is overwritten in the middle (a damaged download)."""
    rng = random.Random(7)
    sheet = b"<worksheet>" + bytes(rng.choice(b"0123456789<>/c") for _ in range(200_000))
    data = bytearray(_zip(_workbook(**{"xl/worksheets/sheet1.xml": sheet + b"</worksheet>"})))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 200
    data[start : start + 64] = b"\xff" * 64
    return bytes(data)


def test_damaged_deflate_data_is_a_clear_refusal_not_a_crash():
    error = _rejected(_damaged())
    assert (error.kind, error.reason) == (
        "unsafe",
        "的成员“xl/worksheets/sheet1.xml”压缩数据损坏（文件损坏或被篡改）",
    )
    with pytest.raises(ApplicationError) as info:
        check_xlsx_archive(_damaged(), "表.xlsx")
    assert info.value.message.startswith("文件“表.xlsx”的成员“xl/worksheets/sheet1.xml”压缩数据损坏")


def test_the_fast_inflater_reads_what_zlib_reads():
    """ISA-L's inflate (isal) replaces zlib's: a large random-ish member, read in bounded chunks
    across many calls, passes with its CRC; one byte changed in its stored CRC does not."""
    from gongzhi.core import zipsafety

    assert zipsafety._deflate.__name__.endswith("isal_zlib")
    rng = random.Random(11)
    sheet = b"<worksheet>" + bytes(rng.choice(b"abcdefgh<>/ ") for _ in range(3 * MB)) + b"</worksheet>"
    good = _zip(_workbook(**{"xl/worksheets/sheet1.xml": sheet}))
    inspect_zip(good)
    data = bytearray(good)
    position = data.find(b"PK\x01\x02")
    while position != -1:  # the CRC of the sheet in the central directory
        name_len = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + name_len]) == b"xl/worksheets/sheet1.xml":
            data[position + 16] ^= 0x01
        position = data.find(b"PK\x01\x02", position + 4)
    assert _rejected(bytes(data)).reason == "的成员“xl/worksheets/sheet1.xml”数据校验失败（文件损坏或被篡改）"


def test_too_many_entries():
    members = _workbook(**{f"xl/media/{i}.bin": b"x" for i in range(2001)})
    error = _rejected(_zip(members, zipfile.ZIP_STORED))
    assert (error.kind, error.reason) == ("unsafe", "的压缩包成员过多（2003个）")
    inspect_zip(_zip(members, zipfile.ZIP_STORED), limits=ZipLimits(max_members=3000))


def test_xml_with_entities_or_not_in_utf8_is_refused():
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>'
    error = _rejected(_zip(_workbook(**{"xl/sharedStrings.xml": laughs})))
    assert error.reason == "的 XML 部件“xl/sharedStrings.xml”含有 DOCTYPE/ENTITY 声明（XXE 风险）"
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><workbook/>'.encode("utf-16")
    error = _rejected(_zip({**_workbook(), "xl/workbook.xml": utf16}))
    assert error.reason == "的 XML 部件“xl/workbook.xml”不是 UTF-8 编码"


_NOISE = bytes(random.Random(18).choices(b"abcdefgh <>/", k=MB))  # compresses about 3:1


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
@pytest.mark.parametrize("cut", [0, 1, 2, 5, 9, 11, 12, 13, 16, 17])
def test_a_declaration_across_two_inflated_chunks_is_found(method, cut):
    """The member is inflated and scanned 1 MB at a time: a "<!DOCTYPE" (or "<! ENTITY") that
    the chunk boundary cuts `cut` bytes after its "<" is still seen."""
    for declaration in (b"<!DOCTYPE x>", b"<! entity y 'z'>"):
        prolog = b'<?xml version="1.0"?><!-- a comment! -->'
        padding = _NOISE[: MB - len(prolog) - cut]
        part = prolog + padding + declaration + b"<x>Hello!</x>" + b" " * 100
        error = _rejected(_zip(_workbook(**{"docProps/custom.xml": part}), method))
        assert error.reason == "的 XML 部件“docProps/custom.xml”含有 DOCTYPE/ENTITY 声明（XXE 风险）"


def test_comments_cdata_and_exclamation_marks_are_not_declarations():
    part = b'<?xml version="1.0"?><!-- note! --><x><![CDATA[<b>!</b>]]>!!<y>#DIV/0!</y></x>'
    inspect_zip(_zip(_workbook(**{"xl/sharedStrings.xml": part})))


def test_not_a_zip_missing_members_and_file_size():
    assert _rejected(b"PK\x03\x04garbage").kind == "not_zip"
    error = _rejected(_zip({"readme.txt": b"hello"}), required=["xl/workbook.xml"])
    assert (error.kind, error.reason) == ("missing", "缺少“xl/workbook.xml”")
    error = _rejected(_zip(_workbook()), limits=ZipLimits(max_file_bytes=100))
    assert (error.kind, error.reason) == ("too_large", "超过 0 MB 上限")


def test_encrypted_members_are_refused():
    data = bytearray(_zip(_workbook()))
    position = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, position + 8, 0x1)  # central directory: general purpose flags
    assert _rejected(bytes(data)).reason == "含有加密内容（请取消密码保护后再上传）"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_bomb(), "文件“表.xlsx”的成员“xl/worksheets/sheet1.xml”压缩比异常（疑似压缩炸弹），已拒绝"),
        (
            _zip(_workbook(**{f"{i}": b"" for i in range(2001)})),
            "文件“表.xlsx”的压缩包成员过多（2003个），已拒绝",
        ),
        (b"PK\x03\x04garbage", "文件“表.xlsx”不是有效的 Excel（.xlsx）文件"),
    ],
)
def test_small_tables_use_the_same_inspection(data, message):
    with pytest.raises(ApplicationError) as info:
        check_xlsx_archive(data, "表.xlsx")
    assert info.value.message == message
