"""Writes of the important-matter reports (重要事项报告): file (报告), acknowledge (签收), assign
(交办, optional) and close (办结). Acknowledgement is due 1 working day after filing for 特急, 2 for
紧急, 5 for 一般 (working days: Monday to Friday; the project keeps no holiday calendar)."""

import datetime
import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cogov.models_matters import (
    ImportantMatter,
    ImportantMatterAttachment,
    MatterKind,
    MatterState,
    MatterUrgency,
)
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.periods import add_working_days
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.org.models import Unit
from gongzhi.supervision.evidence import ALLOWED, MAX_EVIDENCE_BYTES

ACK_WORKING_DAYS = {MatterUrgency.CRITICAL: 1, MatterUrgency.URGENT: 2, MatterUrgency.NORMAL: 5}
MAX_ATTACHMENTS = 10


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_INPUT, message)


def ack_due(filed_on: datetime.date, urgency: str) -> datetime.date:
    return add_working_days(filed_on, ACK_WORKING_DAYS[MatterUrgency(urgency)])


def _store_attachment(
    *, actor, matter: ImportantMatter, filename: str, data: bytes
) -> ImportantMatterAttachment:
    """Checked like evidence (type by extension and content, 20 MB), kept under the private data
    directory, downloaded only through the matter's access check."""
    name = Path(filename).name[:200] or "file"
    suffix = Path(name).suffix.lower()
    if not data:
        raise ApplicationError(ErrorCode.INVALID_FILE, _("附件“%(name)s”是空文件") % {"name": name})
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ApplicationError(ErrorCode.INVALID_FILE, _("附件“%(name)s”超过 20 MB 上限") % {"name": name})
    if suffix not in ALLOWED or not data.startswith(ALLOWED[suffix][1]):
        raise ApplicationError(
            ErrorCode.INVALID_FILE,
            _("附件“%(name)s”的类型不支持或内容与扩展名不符：仅限图片（jpg、png）、PDF、Word、Excel")
            % {"name": name},
        )
    folder = Path(settings.DATA_DIR) / "cogov" / "matters" / str(matter.pk)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    path.write_bytes(data)
    return ImportantMatterAttachment.objects.create(
        matter=matter,
        filename=name,
        file_path=str(path),
        size=len(data),
        content_type=ALLOWED[suffix][0],
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user_or_none(actor),
    )


@transaction.atomic
def matter_file(
    *,
    actor,
    title: str,
    kind: str,
    urgency: str,
    facts: str,
    unit: Unit | None = None,
    attachments: list[tuple[str, bytes]] | None = None,
) -> ImportantMatter:
    """报告重要事项：报告单位为报告人所在单位；签收期限按紧急程度计算。"""
    require_capability(actor, "cogov.matters_file")
    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise _invalid(_("报告单位：账号未绑定单位，不能报告重要事项"))
    title, facts = (title or "").strip(), (facts or "").strip()
    if not title:
        raise _invalid(_("事项名称：请填写事项名称"))
    if len(title) > 200:
        raise _invalid(_("事项名称：不能超过200字"))
    if kind not in MatterKind.values:
        raise _invalid(_("事项类别：请选择事项类别"))
    if urgency not in MatterUrgency.values:
        raise _invalid(_("紧急程度：请选择一般、紧急或特急"))
    if not facts:
        raise _invalid(_("事实情况：请填写事实情况"))
    attachments = attachments or []
    if len(attachments) > MAX_ATTACHMENTS:
        raise _invalid(_("附件：最多%(n)s个") % {"n": MAX_ATTACHMENTS})
    day = clock.today()
    matter = ImportantMatter(
        title=title,
        kind=kind,
        urgency=urgency,
        facts=facts,
        unit=unit,
        filed_by=user_or_none(actor),
        filed_on=day,
        due_date=ack_due(day, urgency),
    )
    matter.full_clean()
    matter.save()
    stored = [_store_attachment(actor=actor, matter=matter, filename=n, data=d) for n, d in attachments]
    audit_record(
        actor=actor,
        action=AuditAction.MATTER_FILED,
        target=matter,
        detail={
            "kind": kind,
            "urgency": urgency,
            "unit": unit.name,
            "attachments": [a.filename for a in stored],
        },
    )
    return matter


def _lock(matter: ImportantMatter) -> ImportantMatter:
    return ImportantMatter.objects.select_for_update().get(pk=matter.pk)


@transaction.atomic
def matter_acknowledge(*, actor, matter: ImportantMatter) -> ImportantMatter:
    """共治办签收。"""
    require_capability(actor, "cogov.matters_handle")
    matter = _lock(matter)
    if matter.state != MatterState.FILED:
        raise ApplicationError(ErrorCode.CONFLICT, _("该事项已签收"))
    matter.state, matter.acknowledged_on = MatterState.ACKNOWLEDGED, clock.today()
    matter.acknowledged_by = user_or_none(actor)
    matter.save(update_fields=["state", "acknowledged_on", "acknowledged_by", "updated_at"])
    late = (matter.acknowledged_on - matter.due_date).days
    audit_record(
        actor=actor,
        action=AuditAction.MATTER_ACKNOWLEDGED,
        target=matter,
        detail={"days_late": max(late, 0)},
    )
    return matter


@transaction.atomic
def matter_assign(
    *, actor, matter: ImportantMatter, unit: Unit, deadline: datetime.date | None = None, note: str = ""
) -> ImportantMatter:
    """交办：交给一个承办单位办理，可定办理期限（可再次交办）。"""
    require_capability(actor, "cogov.matters_handle")
    matter = _lock(matter)
    if matter.state == MatterState.FILED:
        raise ApplicationError(ErrorCode.CONFLICT, _("请先签收再交办"))
    if matter.state == MatterState.CLOSED:
        raise ApplicationError(ErrorCode.CONFLICT, _("该事项已办结"))
    if not isinstance(unit, Unit):
        raise _invalid(_("承办单位：请选择承办单位"))
    day = clock.today()
    if deadline is not None and deadline < day:
        raise _invalid(_("办理期限：不能早于今天"))
    matter.state, matter.assigned_unit, matter.deadline = MatterState.ASSIGNED, unit, deadline
    matter.assign_note, matter.assigned_on = (note or "").strip(), day
    matter.full_clean()
    matter.save()
    audit_record(
        actor=actor,
        action=AuditAction.MATTER_ASSIGNED,
        target=matter,
        detail={"unit": unit.name, "deadline": deadline.isoformat() if deadline else None},
    )
    return matter


@transaction.atomic
def matter_close(*, actor, matter: ImportantMatter, result: str) -> ImportantMatter:
    """办结：填写办理结果。"""
    require_capability(actor, "cogov.matters_handle")
    matter = _lock(matter)
    if matter.state == MatterState.FILED:
        raise ApplicationError(ErrorCode.CONFLICT, _("请先签收再办结"))
    if matter.state == MatterState.CLOSED:
        raise ApplicationError(ErrorCode.CONFLICT, _("该事项已办结"))
    result = (result or "").strip()
    if not result:
        raise _invalid(_("办结情况：请填写办理结果"))
    matter.state, matter.result, matter.closed_on = MatterState.CLOSED, result, clock.today()
    matter.closed_by = user_or_none(actor)
    matter.save(update_fields=["state", "result", "closed_on", "closed_by", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.MATTER_CLOSED, target=matter, detail={"result": result[:200]}
    )
    return matter
