"""Evidence files (佐证材料): type-checked by content, size-limited, stored under the data dir."""

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import user_or_none
from gongzhi.core.zipsafety import ZipRejected, inspect_zip
from gongzhi.supervision.models import Evidence

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# extension -> (content type, magic bytes the file must start with)
ALLOWED = {
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    # Word 97-2003 and Excel 97-2003: OLE2 compound files, stored as they are
    ".doc": ("application/msword", (OLE2_MAGIC,)),
    ".xls": ("application/vnd.ms-excel", (OLE2_MAGIC,)),
}
# zip-based types: the member that makes the archive what its extension says
ZIP_REQUIRED = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
# OLE2 types: a stream (directory entry name) that makes the compound file what its extension says
OLE2_STREAMS = {".doc": ("WordDocument",), ".xls": ("Workbook", "Book")}


def _check_ole2(data: bytes, name: str, streams: tuple[str, ...]) -> None:
    """A .doc/.xls is an OLE2 compound file (signature, version, 512/4096-byte sectors) whose
    directory names the stream of its kind (WordDocument; Workbook or Book). Kept as it is."""
    sector_shift = int.from_bytes(data[30:32], "little") if len(data) >= 512 else 0
    if data[26:28] not in (b"\x03\x00", b"\x04\x00") or sector_shift not in (9, 12):
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("佐证材料“%(name)s”的内容与扩展名不符，已拒绝") % {"name": name}
        )
    # directory entries hold their names in UTF-16LE, padded with NUL up to 64 bytes
    if not any(s.encode("utf-16-le") + b"\x00\x00" in data for s in streams):
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("佐证材料“%(name)s”的内容与扩展名不符，已拒绝") % {"name": name}
        )


def _check_archive(data: bytes, name: str, required: str) -> None:
    """Zip bombs, overlapping members, XXE … (`gongzhi.core.zipsafety`) before the file is kept."""
    try:
        inspect_zip(data, required=[required])
    except ZipRejected as exc:
        if exc.kind in ("not_zip", "missing"):
            message = _("佐证材料“%(name)s”的内容与扩展名不符，已拒绝") % {"name": name}
        else:
            message = _("佐证材料“%(name)s”%(reason)s，已拒绝") % {"name": name, "reason": exc.reason}
        raise ApplicationError(ErrorCode.INVALID_FILE, message) from None


def evidence_store(*, actor, unit, filename: str, data: bytes, **attach) -> Evidence:
    """Check and store one evidence file; `attach` names what it belongs to (report=…, order=…)."""
    name = Path(filename).name[:200] or "file"
    suffix = Path(name).suffix.lower()
    if not data:
        raise ApplicationError(ErrorCode.INVALID_FILE, _("佐证材料“%(name)s”是空文件") % {"name": name})
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("佐证材料“%(name)s”超过 20 MB 上限") % {"name": name}
        )
    if suffix not in ALLOWED:
        raise ApplicationError(
            ErrorCode.INVALID_FILE,
            _(
                "佐证材料“%(name)s”的类型不支持：仅限图片（jpg、png）、PDF、Word（doc、docx）、Excel（xls、xlsx）"
            )
            % {"name": name},
        )
    content_type, magics = ALLOWED[suffix]
    if not data.startswith(magics):
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("佐证材料“%(name)s”的内容与扩展名不符，已拒绝") % {"name": name}
        )
    if suffix in ZIP_REQUIRED:
        _check_archive(data, name, ZIP_REQUIRED[suffix])
    if suffix in OLE2_STREAMS:
        _check_ole2(data, name, OLE2_STREAMS[suffix])
    folder = Path(settings.DATA_DIR) / "evidence" / unit.pk.__str__()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    path.write_bytes(data)
    evidence = Evidence.objects.create(
        filename=name,
        file_path=str(path),
        size=len(data),
        content_type=content_type,
        sha256=hashlib.sha256(data).hexdigest(),
        unit=unit,
        uploaded_by=user_or_none(actor),
        **attach,
    )
    audit_record(
        actor=actor,
        action=AuditAction.EVIDENCE_ADDED,
        target=evidence,
        detail={k: getattr(v, "pk", v) for k, v in attach.items()},
    )
    return evidence
