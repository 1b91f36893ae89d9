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
# extension -> (content type, magic bytes the file must start with)
ALLOWED = {
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}
# zip-based types: the member that makes the archive what its extension says
ZIP_REQUIRED = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


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
            _("佐证材料“%(name)s”的类型不支持：仅限图片（jpg、png）、PDF、Word（docx）、Excel（xlsx）")
            % {"name": name},
        )
    content_type, magics = ALLOWED[suffix]
    if not data.startswith(magics):
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("佐证材料“%(name)s”的内容与扩展名不符，已拒绝") % {"name": name}
        )
    if suffix in ZIP_REQUIRED:
        _check_archive(data, name, ZIP_REQUIRED[suffix])
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
