"""Inspect a zip archive (.xlsx, .docx) before any reader opens it, in one place (pure Python).

An .xlsx or .docx file is a zip archive of XML parts. Before a reader (python-calamine,
openpyxl, python-docx) sees it we check, with our own reading of the archive:
- zip bombs: too many members, a member or the whole archive too large once unpacked, an
  extreme compression ratio, or a member whose data inflates to more than it declares (every
  member is inflated here, with the output bounded, and its CRC-32 verified);
- overlapping members (CVE-2024-0450, fixed in CPython 3.11.8/3.12.2, not in the 3.11.7 we
  run): each member's local header and data must lie in their own byte range, before the
  central directory, with the same name as the central directory says;
- encrypted members and compression methods other than stored/deflate;
- XML parts declaring a DOCTYPE or ENTITY (XXE, "billion laughs") or not encoded in UTF-8.

`inspect_zip` raises `ZipRejected`: ``kind`` is "too_large" (the file itself), "not_zip",
"missing" (a required member is absent) or "unsafe"; ``reason`` is a Chinese phrase that
follows the file name ("的压缩包成员过多（3000个）"). Callers name the file and add their words.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

try:  # ISA-L's inflate and CRC: the same bytes as zlib's, a third of its CPU (issue 18, ADR 0005)
    from isal import isal_zlib as _deflate
except ImportError:  # pragma: no cover - isal is a dependency; zlib is the same contract
    _deflate = zlib

MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_file_bytes: int = 200 * MB
    max_members: int = 2000
    max_member_bytes: int = 1024 * MB
    max_total_bytes: int = 1536 * MB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MB  # the ratio is only judged for members larger than this


DEFAULT_ZIP_LIMITS = ZipLimits()
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_DESCRIPTOR_SIGNATURE = b"PK\x07\x08"
_CHUNK = 1 * MB
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SEAM = 16  # bytes of a chunk scanned again with the next one (a "<!" and the 10 bytes after it)


class ZipRejected(ValueError):
    """The archive is refused; ``kind`` says why in a word, ``reason`` in Chinese."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind, self.reason = kind, reason


def _unsafe(reason: str) -> ZipRejected:
    return ZipRejected("unsafe", reason)


def inspect_zip(
    source: Path | str | bytes, *, limits: ZipLimits = DEFAULT_ZIP_LIMITS, required: Iterable[str] = ()
) -> None:
    """Raise `ZipRejected` unless the archive (a path or its bytes) is safe to hand to a reader
    and holds every ``required`` member."""
    if isinstance(source, bytes):
        size, target = len(source), None
    else:
        target = Path(source)
        size = target.stat().st_size
    if size > limits.max_file_bytes:
        raise ZipRejected("too_large", f"超过 {limits.max_file_bytes // MB} MB 上限")
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if target is None else target)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ZipRejected("not_zip", "不是有效的压缩文件") from exc
    with archive, io.BytesIO(source) if target is None else target.open("rb") as raw:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise _unsafe(f"的压缩包成员过多（{len(infos)}个）")
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise _unsafe("的压缩包含有重名成员")
        missing = [name for name in required if name not in names]
        if missing:
            raise ZipRejected("missing", f"缺少“{'、'.join(missing)}”")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise _unsafe("含有加密内容（请取消密码保护后再上传）")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _unsafe(f"使用了不支持的压缩方式（{info.compress_type}）")
            if info.file_size > limits.max_member_bytes:
                raise _unsafe(f"的成员“{info.filename}”解压后过大（疑似压缩炸弹）")
            if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise _unsafe(f"的成员“{info.filename}”压缩比异常（疑似压缩炸弹）")
            total += info.file_size
        if total > limits.max_total_bytes:
            raise _unsafe("解压后总大小超过上限（疑似压缩炸弹）")
        spans = sorted(((*_member_span(raw, info), info) for info in infos), key=lambda t: t[:3])
        end_of_members = archive.start_dir
        previous_end = 0
        for start, end, data_start, info in spans:
            if start < previous_end or end > end_of_members:
                raise _unsafe("的压缩结构异常（成员重叠，疑似压缩炸弹）")
            previous_end = end
            _inflate_and_scan(raw, info, data_start)


def _member_span(raw, info: zipfile.ZipInfo) -> tuple[int, int, int]:
    """(start, end, data start) of a member's bytes, read from its own local header."""
    raw.seek(info.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size:
        raise _unsafe("的压缩结构异常（成员位置越界）")
    signature, _, flags, method, _, _, _, csize, usize, name_len, extra_len = _LOCAL_HEADER.unpack(header)
    if signature != _LOCAL_SIGNATURE:
        raise _unsafe("的压缩结构异常（成员头损坏）")
    name = raw.read(name_len)
    try:
        local_name = name.decode("utf-8" if flags & 0x800 else "cp437")
    except UnicodeDecodeError:
        local_name = None
    if local_name != info.filename:
        raise _unsafe("的压缩结构异常（成员名称与目录不一致）")
    if method != info.compress_type:
        raise _unsafe("的压缩结构异常（压缩方式与目录不一致）")
    if not flags & 0x8 and csize != 0xFFFFFFFF and (csize != info.compress_size or usize != info.file_size):
        raise _unsafe("的压缩结构异常（成员大小与目录不一致）")
    data_start = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len
    end = data_start + info.compress_size
    if flags & 0x8:  # a data descriptor follows the data
        raw.seek(end)
        head = raw.read(4)
        zip64 = info.file_size >= 0xFFFFFFFF or info.compress_size >= 0xFFFFFFFF
        end += (4 if head == _DESCRIPTOR_SIGNATURE else 0) + (20 if zip64 else 12)
    return info.header_offset, end, data_start


def _inflate_and_scan(raw, info: zipfile.ZipInfo, data_start: int) -> None:
    """Inflate one member with bounded output; check its size, CRC and (XML) prolog."""
    try:
        _inflate_member(raw, info, data_start)
    except (zlib.error, _deflate.error) as exc:  # deflate data that is not deflate: a damaged file
        raise _unsafe(f"的成员“{info.filename}”压缩数据损坏（文件损坏或被篡改）") from exc


def _inflate_member(raw, info: zipfile.ZipInfo, data_start: int) -> None:
    raw.seek(data_start)
    left = info.compress_size
    inflater = _deflate.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    produced = 0
    crc = 0
    is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
    tail = b""
    first = True
    while True:
        if inflater is not None and inflater.unconsumed_tail:
            chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        elif left > 0:
            data = raw.read(min(_CHUNK, left))
            if not data:
                raise _unsafe("的压缩数据不完整")
            left -= len(data)
            chunk = inflater.decompress(data, _CHUNK) if inflater is not None else data
        else:
            break
        produced += len(chunk)
        if produced > info.file_size:
            raise _unsafe(f"的成员“{info.filename}”实际解压大小超过声明大小（疑似压缩炸弹）")
        crc = _deflate.crc32(chunk, crc)
        if first and chunk:
            first = False
            is_xml = is_xml or chunk.lstrip()[:1] == b"<"
            if is_xml and (chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in chunk[:64]):
                raise _unsafe(f"的 XML 部件“{info.filename}”不是 UTF-8 编码")
        if is_xml:
            # The chunk, and the seam with the previous one (a declaration cut in two, or its
            # word read past the chunk's end), without copying the chunk.
            _scan_xml(tail + chunk[:_SEAM], info.filename)
            _scan_xml(chunk, info.filename)
            tail = chunk[-_SEAM:]
    if inflater is not None:
        rest = inflater.flush()
        if rest:
            produced += len(rest)
            if produced > info.file_size:
                raise _unsafe(f"的成员“{info.filename}”实际解压大小超过声明大小（疑似压缩炸弹）")
            crc = _deflate.crc32(rest, crc)
        if not inflater.eof:
            raise _unsafe(f"的成员“{info.filename}”压缩数据不完整")
    if produced != info.file_size or crc != info.CRC:
        raise _unsafe(f"的成员“{info.filename}”数据校验失败（文件损坏或被篡改）")


def _scan_xml(data: bytes, member: str) -> None:
    """Refuse a "<!DOCTYPE" or "<!ENTITY" (up to 8 spaces inside, any case) in `data`.

    Every "<!" is looked at; the search is for "!" (one byte: memchr, 8x faster than searching
    "<!" in a 138 MB sheet, where "!" is rare) and then for the "<" before it.
    """
    bang = data.find(b"!")
    while bang != -1:
        if bang and data[bang - 1] == 0x3C:  # "<!"
            word = data[bang + 1 : bang + 11].lstrip().upper()
            if word.startswith((b"DOCTYPE", b"ENTITY")):
                raise _unsafe(f"的 XML 部件“{member}”含有 DOCTYPE/ENTITY 声明（XXE 风险）")
        bang = data.find(b"!", bang + 1)
