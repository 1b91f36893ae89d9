"""Grid verification (网格联动): grids, verification tasks and their workflow
待派发 → 已派发 → 已完成（待复核） → 已复核 / 退回重做 (→ 已完成 again).

Writes are audited in the same transaction; a reviewed task flows back: into its lead's history
(网格核查结果, through `taxrisk.services.lead_result_add`) or, for the registry and by hand, as a
taxpayer note (`TaxpayerNote`). The registry is read through the warehouse only.
"""

import datetime
import hashlib
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.cogov.choices_grid import (
    CHECK_ITEMS,
    FindingResult,
    RegistrySelection,
    VerificationKind,
    VerificationSource,
    VerificationState,
)
from gongzhi.cogov.models_grid import Grid, TaxpayerNote, VerificationPhoto, VerificationTask
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.periods import date_words
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.core.roles import Role
from gongzhi.exchange.warehouse import open_warehouse
from gongzhi.org.choices import TOWN_KINDS
from gongzhi.org.models import Unit
from gongzhi.taxrisk.models import Lead
from gongzhi.taxrisk.services import lead_result_add

MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = {  # extension -> (content type, magic bytes)
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
REGISTRY_LIMIT = 200  # tasks created by one registry action at most
NEW_REGISTRATION_DAYS = 30


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_INPUT, message)


# --- who may act on what ---------------------------------------------------------------------


def is_office(user) -> bool:
    return user is None or user.has_capability("cogov.grid_manage")


def can_create_in(user, grid: Grid) -> bool:
    """The office everywhere; a tax manager in the grids he manages."""
    if is_office(user):
        return True
    return user.has_capability("cogov.grid_create") and grid.tax_manager_id == user.pk


def can_work(user, task: VerificationTask) -> bool:
    if user is None:
        return True
    if not user.has_capability("cogov.grid_work"):
        return False
    return user.role == Role.ADMIN or task.grid.workers.filter(pk=user.pk).exists()


def can_review(user, task: VerificationTask) -> bool:
    if user is None:
        return True
    if not user.has_capability("cogov.grid_review"):
        return False
    return user.role == Role.ADMIN or task.grid.tax_manager_id == user.pk


# --- grids -----------------------------------------------------------------------------------


@transaction.atomic
def grid_save(
    *,
    actor,
    town: Unit,
    name: str,
    area: str = "",
    tax_manager: User | None = None,
    workers: list[User] | tuple = (),
    active: bool = True,
    grid: Grid | None = None,
) -> Grid:
    """共治办新建或修改网格：所属镇街、名称、范围、网格员（本镇街的网格员账号）和税收管理员。"""
    require_capability(actor, "cogov.grid_manage")
    name, area = (name or "").strip(), (area or "").strip()
    if town is None or town.kind not in TOWN_KINDS:
        raise _invalid(_("所属镇街：请选择镇、街道或开发区"))
    if not name:
        raise _invalid(_("网格名称：必填"))
    if len(name) > 100:
        raise _invalid(_("网格名称：不超过100个字"))
    if Grid.objects.filter(town=town, name=name).exclude(pk=getattr(grid, "pk", None)).exists():
        raise ApplicationError(ErrorCode.DUPLICATE, _("网格名称：%(town)s已有同名网格") % {"town": town.name})
    if tax_manager is not None and (tax_manager.role != Role.TAX_OFFICER or not tax_manager.is_active):
        raise _invalid(_("税收管理员：须为在用的税务人员账号"))
    for worker in workers:
        if worker.role != Role.GRID_WORKER or not worker.is_active:
            raise _invalid(_("网格员：“%(name)s”不是在用的网格员账号") % {"name": worker})
        if worker.unit_id != town.pk:
            raise _invalid(_("网格员：“%(name)s”不属于%(town)s") % {"name": worker, "town": town.name})
    created = grid is None
    grid = grid or Grid()
    grid.town, grid.name, grid.area, grid.tax_manager, grid.active = (
        town,
        name,
        area[:200],
        tax_manager,
        active,
    )
    grid.full_clean()
    grid.save()
    grid.workers.set(workers)
    audit_record(
        actor=actor,
        action=AuditAction.GRID_SAVED,
        target=grid,
        detail={
            "created": created,
            "tax_manager": getattr(tax_manager, "pk", None),
            "workers": sorted(w.pk for w in workers),
        },
    )
    return grid


def grid_for_town(town_name: str) -> Grid | None:
    """The grid a taxpayer of this town (the registry's 所属镇街) goes to: the town's active grid
    with the fewest open tasks."""
    town_name = (town_name or "").strip()
    if not town_name:
        return None
    unit = Unit.objects.filter(name=town_name, kind__in=TOWN_KINDS).first() or (
        Unit.objects.filter(aliases__alias=town_name, kind__in=TOWN_KINDS).first()
    )
    if unit is None:
        return None
    grids = list(Grid.objects.filter(town=unit, active=True).order_by("name", "pk"))
    if not grids:
        return None
    open_counts = {g.pk: g.tasks.filter(state__in=VerificationState.open()).count() for g in grids}
    return min(grids, key=lambda g: (open_counts[g.pk], g.name, g.pk))


# --- the registry, through the warehouse -----------------------------------------------------


def _registry_columns(wh) -> set[str]:
    table = wh.tables.get("taxpayer")
    return set(table.column_names) if table is not None else set()


def taxpayer_lookup(*, actor, uscc: str) -> dict | None:
    """The taxpayer's registry row (name, town, address where the registry has one), read through
    the warehouse and audited; None when not registered."""
    require_capability(actor, "cogov.grid_create")
    with open_warehouse(
        user=actor,
        datasets=["taxpayer"],
        purpose="网格核查：纳税人登记信息",
        capability="cogov.grid_create",
    ) as wh:
        address = "address" if "address" in _registry_columns(wh) else "''"
        rows = wh.rows(f"SELECT name, town, {address}, status FROM taxpayer WHERE uscc = ? LIMIT 1", [uscc])
        wh.detail["uscc"] = uscc
    if not rows:
        return None
    name, town, address, status = rows[0]
    return {"uscc": uscc, "name": name or "", "town": town or "", "address": address or "", "status": status}


def registry_candidates(*, actor, selection: str, today: datetime.date) -> list[dict]:
    """Taxpayers of the registry to verify: 非正常户, or registered in the last 30 days."""
    require_capability(actor, "cogov.grid_manage")
    if selection not in RegistrySelection.values:
        raise _invalid(_("核查对象：请选择非正常户或近30日新登记"))
    with open_warehouse(
        user=actor,
        datasets=["taxpayer"],
        purpose=f"网格核查：从登记信息生成任务（{RegistrySelection(selection).label}）",
        capability="cogov.grid_manage",
    ) as wh:
        address = "address" if "address" in _registry_columns(wh) else "''"
        select = f"SELECT uscc, name, town, {address} FROM taxpayer "
        if selection == RegistrySelection.ABNORMAL:
            rows = wh.rows(select + "WHERE status = '非正常' ORDER BY uscc LIMIT ?", [REGISTRY_LIMIT * 5])
        else:
            since = today - datetime.timedelta(days=NEW_REGISTRATION_DAYS)
            rows = wh.rows(
                select
                + "WHERE reg_date >= ? AND reg_date <= ? AND status = '正常' ORDER BY reg_date DESC, uscc "
                "LIMIT ?",
                [since, today, REGISTRY_LIMIT * 5],
            )
        wh.detail["selection"] = selection
    return [{"uscc": u, "name": n or "", "town": t or "", "address": a or ""} for u, n, t, a in rows]


# --- tasks -----------------------------------------------------------------------------------


def _check_task_fields(*, kind: str, uscc: str, name: str, due_date, today: datetime.date) -> None:
    if kind not in VerificationKind.values:
        raise _invalid(_("核查类型：请选择地址核实、经营状态、门头招牌、经营活动或政策送达"))
    if not USCC_RE.match(uscc):
        raise _invalid(_("统一社会信用代码：应为18位代码"))
    if not name:
        raise _invalid(_("纳税人名称：必填（登记信息中未找到该纳税人时请填写）"))
    if not isinstance(due_date, datetime.date):
        raise _invalid(_("完成期限：必填"))
    if due_date < today:
        raise _invalid(_("完成期限：不能早于今天"))


@transaction.atomic
def task_create(
    *,
    actor,
    kind: str,
    uscc: str,
    due_date: datetime.date,
    taxpayer_name: str = "",
    address: str = "",
    grid: Grid | None = None,
    instructions: str = "",
    lead: Lead | None = None,
    source: str = VerificationSource.MANUAL,
    source_note: str = "",
    registry: dict | None = None,
    today: datetime.date | None = None,
) -> VerificationTask:
    """新建核查任务（待派发）：纳税人从登记信息读取（名称、镇街、地址），网格按镇街确定或指定。"""
    require_capability(actor, "cogov.grid_create")
    today = today or clock.today()
    uscc = (uscc or "").strip().upper()
    if lead is not None:
        source = VerificationSource.LEAD
        uscc = uscc or lead.uscc
    if registry is None and USCC_RE.match(uscc):
        registry = taxpayer_lookup(actor=actor, uscc=uscc)
    registry = registry or {}
    name = (taxpayer_name or "").strip() or registry.get("name", "") or (lead.taxpayer_name if lead else "")
    address = (address or "").strip() or registry.get("address", "")
    _check_task_fields(kind=kind, uscc=uscc, name=name, due_date=due_date, today=today)
    if grid is None:
        grid = grid_for_town(registry.get("town") or (lead.town if lead else ""))
        if grid is None:
            raise _invalid(_("网格：未能按纳税人所属镇街确定网格，请选择网格"))
    if not grid.active:
        raise _invalid(_("网格：该网格已停用"))
    if not can_create_in(actor, grid):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只能在本人管理的网格中新建核查任务"))
    if source not in VerificationSource.values:
        raise _invalid(_("来源：不支持的来源"))
    task = VerificationTask(
        kind=kind,
        uscc=uscc,
        taxpayer_name=name[:200],
        address=address[:200],
        grid=grid,
        source=source,
        source_note=(source_note or "").strip()[:200],
        lead=lead,
        instructions=(instructions or "").strip(),
        due_date=due_date,
        created_by=user_or_none(actor),
    )
    task.full_clean()
    task.save()
    audit_record(
        actor=actor,
        action=AuditAction.GRID_TASK_CREATED,
        target=task,
        detail={"grid": grid.pk, "source": source, "lead": getattr(lead, "pk", None), "uscc": uscc},
    )
    return task


def task_create_from_lead(
    *, actor, lead: Lead, kind: str, due_date: datetime.date, grid: Grid | None = None, instructions: str = ""
) -> VerificationTask:
    """从风险疑点发起网格核查（疑点须对发起人可见）。"""
    if not Lead.objects.visible_to(actor).filter(pk=lead.pk).exists() and actor is not None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("疑点不存在或无权访问"))
    if not lead.uscc:
        raise _invalid(_("疑点：没有统一社会信用代码的疑点不能发起网格核查"))
    return task_create(
        actor=actor,
        kind=kind,
        uscc=lead.uscc,
        due_date=due_date,
        grid=grid,
        lead=lead,
        instructions=instructions,
        source_note=f"疑点{lead.rule.code} {lead.period}",
    )


@transaction.atomic
def tasks_from_registry(
    *, actor, selection: str, kind: str, due_date: datetime.date, today: datetime.date | None = None
) -> dict:
    """共治办从登记信息批量生成核查任务：非正常户或近30日新登记，按所属镇街派入网格；同一纳税人已有
    同类未复核任务的跳过。"""
    require_capability(actor, "cogov.grid_manage")
    today = today or clock.today()
    if kind not in VerificationKind.values:
        raise _invalid(_("核查类型：请选择地址核实、经营状态、门头招牌、经营活动或政策送达"))
    if not isinstance(due_date, datetime.date) or due_date < today:
        raise _invalid(_("完成期限：不能早于今天"))
    candidates = registry_candidates(actor=actor, selection=selection, today=today)
    label = RegistrySelection(selection).label
    busy = set(
        VerificationTask.objects.filter(
            kind=kind, state__in=VerificationState.open(), uscc__in=[c["uscc"] for c in candidates]
        ).values_list("uscc", flat=True)
    )
    created, skipped, no_grid = [], 0, []
    for row in candidates:
        if len(created) >= REGISTRY_LIMIT:
            break
        if row["uscc"] in busy or not USCC_RE.match(row["uscc"] or ""):
            skipped += 1
            continue
        grid = grid_for_town(row["town"])
        if grid is None:
            no_grid.append(row["uscc"])
            continue
        created.append(
            task_create(
                actor=actor,
                kind=kind,
                uscc=row["uscc"],
                taxpayer_name=row["name"] or row["uscc"],
                address=row["address"],
                grid=grid,
                due_date=due_date,
                source=VerificationSource.REGISTRY,
                source_note=str(label),
                registry=row,
                today=today,
            )
        )
        busy.add(row["uscc"])
    return {"created": created, "skipped": skipped, "no_grid": no_grid}


@transaction.atomic
def task_dispatch(
    *, actor, task: VerificationTask, assignee: User | None = None, due_date: datetime.date | None = None
) -> VerificationTask:
    """派发给网格（可指定网格员）；未开始的已派发任务可重新派发。"""
    require_capability(actor, "cogov.grid_create")
    if not can_create_in(actor, task.grid):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只能派发本人管理网格的核查任务"))
    if task.state not in (VerificationState.PENDING, VerificationState.DISPATCHED):
        raise ApplicationError(ErrorCode.CONFLICT, _("只能派发待派发或已派发的任务"))
    if assignee is not None and not task.grid.workers.filter(pk=assignee.pk).exists():
        raise _invalid(_("网格员：“%(name)s”不是该网格的网格员") % {"name": assignee})
    if due_date is not None:
        if due_date < clock.today():
            raise _invalid(_("完成期限：不能早于今天"))
        task.due_date = due_date
    task.assignee, task.state, task.dispatched_at = assignee, VerificationState.DISPATCHED, timezone.now()
    task.save()
    audit_record(
        actor=actor,
        action=AuditAction.GRID_TASK_DISPATCHED,
        target=task,
        detail={"assignee": getattr(assignee, "pk", None), "due_date": task.due_date.isoformat()},
    )
    return task


def _check_photo(filename: str, data: bytes) -> tuple[str, str, str]:
    name = Path(filename or "").name[:200] or "photo"
    suffix = Path(name).suffix.lower()
    if suffix not in PHOTO_TYPES:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("现场照片“%(name)s”：仅限 jpg、png 图片") % {"name": name}
        )
    if not data:
        raise ApplicationError(ErrorCode.INVALID_FILE, _("现场照片“%(name)s”是空文件") % {"name": name})
    if len(data) > MAX_PHOTO_BYTES:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("现场照片“%(name)s”超过 10 MB 上限") % {"name": name}
        )
    content_type, magic = PHOTO_TYPES[suffix]
    if not data.startswith(magic):
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("现场照片“%(name)s”的内容与扩展名不符，已拒绝") % {"name": name}
        )
    return name, suffix, content_type


def _check_findings(task: VerificationTask, findings: list[dict]) -> list[dict]:
    items = CHECK_ITEMS[task.kind]
    given = {str(f.get("item", "")).strip(): f for f in findings or []}
    unknown = set(given) - set(items)
    if unknown:
        raise _invalid(_("核查结果：不是本任务的核查事项：%(items)s") % {"items": "、".join(sorted(unknown))})
    cleaned = []
    for item in items:
        finding = given.get(item)
        result = str((finding or {}).get("result", "")).strip()
        if result not in FindingResult.values:
            raise _invalid(_("核查结果：“%(item)s”请选择属实、不属实或无法核实") % {"item": item})
        note = str(finding.get("note", "") or "").strip()[:500]
        if result != FindingResult.TRUE and not note:
            raise _invalid(_("核查结果：“%(item)s”为不属实或无法核实时，请说明情况") % {"item": item})
        cleaned.append({"item": item, "result": result, "note": note})
    return cleaned


@transaction.atomic
def task_submit(
    *,
    actor,
    task: VerificationTask,
    findings: list[dict],
    summary: str = "",
    location: str = "",
    photos: list[tuple[str, bytes]] | tuple = (),
) -> VerificationTask:
    """网格员提交核查结果：逐项结论（属实／不属实／无法核实及说明）、现场照片1至5张、位置。"""
    require_capability(actor, "cogov.grid_work")
    if not can_work(actor, task):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("核查任务不存在或无权访问"))
    if task.state not in VerificationState.in_the_field():
        raise ApplicationError(ErrorCode.CONFLICT, _("只能提交已派发或退回重做的任务"))
    cleaned = _check_findings(task, findings)
    location = (location or "").strip()
    if not location:
        raise _invalid(_("位置：请填写或获取现场位置"))
    if len(location) > 200:
        raise _invalid(_("位置：不超过200个字"))
    checked = [(_check_photo(name, data), data) for name, data in photos]
    total = task.photos.count() + len(checked)
    if total < 1:
        raise _invalid(_("现场照片：至少上传1张"))
    if total > MAX_PHOTOS:
        raise _invalid(_("现场照片：最多5张（已有%(n)d张）") % {"n": task.photos.count()})
    folder = Path(settings.DATA_DIR) / "cogov" / "grid" / str(task.pk)
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for (name, suffix, content_type), data in checked:
            path = folder / f"{uuid.uuid4().hex}{suffix}"
            path.write_bytes(data)
            written.append(path)
            VerificationPhoto.objects.create(
                task=task,
                filename=name,
                file_path=str(path),
                size=len(data),
                content_type=content_type,
                sha256=hashlib.sha256(data).hexdigest(),
                uploaded_by=user_or_none(actor),
            )
        task.findings, task.summary, task.location = cleaned, (summary or "").strip(), location
        task.state, task.submitted_at, task.submitted_by = (
            VerificationState.SUBMITTED,
            timezone.now(),
            user_or_none(actor),
        )
        task.save()
        audit_record(
            actor=actor,
            action=AuditAction.GRID_TASK_SUBMITTED,
            target=task,
            detail={"photos": len(checked), "results": [f["result"] for f in cleaned]},
        )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return task


def result_text(task: VerificationTask) -> str:
    """核查结论 in one line: each item's result (and note), the summary and the place."""
    labels = dict(FindingResult.choices)
    parts = [
        f"{f['item']}：{labels.get(f['result'], f['result'])}" + (f"（{f['note']}）" if f.get("note") else "")
        for f in task.findings
    ]
    text = f"{task.get_kind_display()}——" + "；".join(parts)
    if task.summary:
        text += f"。{task.summary}"
    return text


@transaction.atomic
def task_review(*, actor, task: VerificationTask, accept: bool, note: str = "") -> VerificationTask:
    """税收管理员复核：通过（结果回流疑点或纳税人核查记录）或退回重做（须说明原因）。"""
    require_capability(actor, "cogov.grid_review")
    if not can_review(actor, task):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有该网格的税收管理员可以复核"))
    if task.state != VerificationState.SUBMITTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只能复核已完成（待复核）的任务"))
    note = (note or "").strip()
    task.reviewed_at, task.reviewed_by = timezone.now(), user_or_none(actor)
    if not accept:
        if not note:
            raise _invalid(_("退回原因：必填"))
        task.state, task.return_reason = VerificationState.RETURNED, note
        task.save()
        audit_record(actor=actor, action=AuditAction.GRID_TASK_RETURNED, target=task, detail={"reason": note})
        return task
    task.state, task.review_note = VerificationState.REVIEWED, note
    task.save()
    audit_record(actor=actor, action=AuditAction.GRID_TASK_REVIEWED, target=task, detail={"note": note})
    link = reverse("cogov:grid_task_detail", args=[task.pk])
    text = result_text(task) + f"（{task.grid}，{date_words(clock.today())}复核）"
    if task.lead_id is not None:
        lead_result_add(actor=actor, lead=task.lead, note=text, link=link)
    else:
        TaxpayerNote.objects.create(
            uscc=task.uscc,
            taxpayer_name=task.taxpayer_name,
            note=text,
            task=task,
            created_by=user_or_none(actor),
        )
    return task
