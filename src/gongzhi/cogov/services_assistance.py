"""Writes of the assistance list (税费协助事项清单) and its look-ups; each audited in its
transaction.

The office drafts an item (`item_draft`: a new item, or a change of an existing one with its
reason, which is a new version), approves the draft with the day it takes effect
(`version_approve`), and retires an item with a reason and a day (`item_retire`); a whole list
comes in and goes out as .xlsx (`list_import`, `list_export`). A department runs a look-up
(`lookup_run`: recorded with the version applied and the answer per condition) and records its
outcome (`lookup_outcome`: 查验通过 / 未通过, with the handler's result).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cogov import selectors_assistance as selectors
from gongzhi.cogov.choices_assistance import (
    CREDIT_LEVELS,
    TAX_TYPES,
    Condition,
    LookupChannel,
    Outcome,
    VersionState,
)
from gongzhi.cogov.models_assistance import AssistanceListItem, AssistanceListLookup, AssistanceListVersion
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode, FileRowError
from gongzhi.core.exporters.xlsx import Column, Sheet, write_table_workbook
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.org.matching import UnitIndex
from gongzhi.org.models import Unit

CONTENT_FIELDS = ("matter", "conditions", "legal_basis", "description")


def _invalid(message: str, field: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_INPUT, message, {"field": field})


def clean_conditions(conditions) -> list[dict]:
    """The conditions in their stored form; ApplicationError naming 查验条件 otherwise."""
    if not isinstance(conditions, list) or not conditions:
        raise _invalid(_("查验条件：至少选择一项查验条件"), "conditions")
    out, seen = [], set()
    for raw in conditions:
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if kind not in Condition.values:
            raise _invalid(_("查验条件：“%(kind)s”不是可用的查验条件") % {"kind": kind}, "conditions")
        if kind in seen:
            raise _invalid(_("查验条件：“%(label)s”重复") % {"label": Condition(kind).label}, "conditions")
        seen.add(kind)
        if kind == Condition.TAX_PAID:
            types = [str(t).strip() for t in raw.get("tax_types") or [] if str(t).strip()]
            if not types:
                raise _invalid(_("完税税种：查验完税须列明税种"), "tax_types")
            if unknown := [t for t in types if t not in TAX_TYPES]:
                raise _invalid(
                    _("完税税种：“%(types)s”不是可查验的税种") % {"types": "、".join(unknown)}, "tax_types"
                )
            out.append({"kind": kind, "tax_types": list(dict.fromkeys(types))})
        elif kind == Condition.CREDIT_LEVEL:
            levels = [str(v).strip().upper() for v in raw.get("levels") or [] if str(v).strip()]
            if not levels:
                raise _invalid(_("允许的信用级别：查验信用级别须列明允许的级别"), "levels")
            if unknown := [v for v in levels if v not in CREDIT_LEVELS]:
                raise _invalid(
                    _("允许的信用级别：“%(levels)s”不是纳税信用级别（A、B、M、C、D）")
                    % {"levels": "、".join(unknown)},
                    "levels",
                )
            out.append({"kind": kind, "levels": [v for v in CREDIT_LEVELS if v in levels]})
        else:
            out.append({"kind": kind})
    order = list(Condition.values)
    return sorted(out, key=lambda c: order.index(c["kind"]))


def clean_content(data: dict) -> dict:
    """matter, conditions, legal_basis, description, units (Unit objects), each checked."""
    matter = str(data.get("matter") or "").strip()
    if not matter:
        raise _invalid(_("办理事项：不能为空"), "matter")
    if len(matter) > 100:
        raise _invalid(_("办理事项：不能超过100字"), "matter")
    basis = str(data.get("legal_basis") or "").strip()
    if not basis:
        raise _invalid(_("依据：不能为空"), "legal_basis")
    if len(basis) > 300:
        raise _invalid(_("依据：不能超过300字"), "legal_basis")
    units = list(data.get("units") or [])
    if not units:
        raise _invalid(_("查验部门：至少选择一个部门"), "units")
    return {
        "matter": matter,
        "conditions": clean_conditions(data.get("conditions")),
        "legal_basis": basis,
        "description": str(data.get("description") or "").strip(),
        "units": units,
    }


def _same(version: AssistanceListVersion, content: dict) -> bool:
    return all(getattr(version, f) == content[f] for f in CONTENT_FIELDS) and {
        u.pk for u in version.units.all()
    } == {u.pk for u in content["units"]}


@transaction.atomic
def item_draft(
    *,
    actor,
    data: dict,
    item: AssistanceListItem | None = None,
    code: str = "",
    reason: str = "",
    order: int | None = None,
) -> AssistanceListVersion:
    """起草协助事项：新事项（`code`），或变更已有事项（`item`，须说明变更原因：新版本，旧版本保留）。
    An item's open draft is edited in place."""
    require_capability(actor, "cogov.assistance_manage")
    content = clean_content(data)
    reason = (reason or "").strip()
    if item is None:
        code = (code or "").strip()
        if not code:
            raise _invalid(_("事项代码：不能为空"), "code")
        if len(code) > 63 or not all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in code):
            raise _invalid(_("事项代码：只能由字母、数字、下划线和连字符组成（不超过63个字符）"), "code")
        if AssistanceListItem.objects.filter(code=code).exists():
            raise ApplicationError(
                ErrorCode.CONFLICT, _("事项代码：“%(code)s”已存在") % {"code": code}, {"field": "code"}
            )
        last = AssistanceListItem.objects.order_by("-order").values_list("order", flat=True).first() or 0
        item = AssistanceListItem.objects.create(code=code, order=order if order is not None else last + 1)
    else:
        item = AssistanceListItem.objects.select_for_update().get(pk=item.pk)
        if item.retired_on is not None:
            raise ApplicationError(ErrorCode.CONFLICT, _("该协助事项已停用，不能再变更"))
    has_approved = item.versions.filter(state=VersionState.APPROVED).exists()
    if has_approved and not reason:
        raise _invalid(_("变更原因：变更已批准的事项须说明原因"), "reason")
    if len(reason) > 300:
        raise _invalid(_("变更原因：不能超过300字"), "reason")
    draft = item.versions.filter(state=VersionState.DRAFT).first()
    if draft is None:
        number = (item.versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
        draft = AssistanceListVersion(item=item, version=number, state=VersionState.DRAFT)
    for name in CONTENT_FIELDS:
        setattr(draft, name, content[name])
    draft.change_reason = reason
    draft.drafted_at, draft.drafted_by = clock.now(), user_or_none(actor)
    draft.full_clean(exclude=["units", "item"])
    draft.save()
    draft.units.set(content["units"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSISTANCE_ITEM_SAVED,
        target=item,
        object_repr=str(draft),
        detail={
            "version": draft.version,
            "conditions": content["conditions"],
            "units": [u.name for u in content["units"]],
            "reason": reason,
        },
    )
    return draft


@transaction.atomic
def version_approve(
    *, actor, version: AssistanceListVersion, effective_from: datetime.date | None
) -> AssistanceListVersion:
    """批准草稿，自生效日期起适用；此前的版本保留可查，生效日起被替代。"""
    require_capability(actor, "cogov.assistance_manage")
    version = AssistanceListVersion.objects.select_for_update().select_related("item").get(pk=version.pk)
    if version.state != VersionState.DRAFT:
        raise ApplicationError(ErrorCode.CONFLICT, _("该版本已批准"))
    if version.item.retired_on is not None:
        raise ApplicationError(ErrorCode.CONFLICT, _("该协助事项已停用，不能再批准"))
    if effective_from is None:
        raise _invalid(_("生效日期：不能为空"), "effective_from")
    latest = (
        version.item.versions.filter(state=VersionState.APPROVED)
        .order_by("-effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    if latest is not None and effective_from < latest:
        raise _invalid(
            _("生效日期：不能早于上一版本的生效日期（%(day)s）") % {"day": selectors._day(latest)},
            "effective_from",
        )
    version.state, version.effective_from = VersionState.APPROVED, effective_from
    version.approved_at, version.approved_by = clock.now(), user_or_none(actor)
    version.save(update_fields=["state", "effective_from", "approved_at", "approved_by"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSISTANCE_ITEM_APPROVED,
        target=version.item,
        object_repr=str(version),
        detail={"version": version.version, "effective_from": str(effective_from)},
    )
    return version


@transaction.atomic
def item_retire(
    *, actor, item: AssistanceListItem, day: datetime.date | None, reason: str
) -> AssistanceListItem:
    """停用协助事项（说明原因和停用日期）；其版本和查验记录保留可查。"""
    require_capability(actor, "cogov.assistance_manage")
    item = AssistanceListItem.objects.select_for_update().get(pk=item.pk)
    if item.retired_on is not None:
        raise ApplicationError(ErrorCode.CONFLICT, _("该协助事项已停用"))
    reason = (reason or "").strip()
    if not reason:
        raise _invalid(_("停用原因：不能为空"), "reason")
    if day is None:
        raise _invalid(_("停用日期：不能为空"), "day")
    item.retired_on, item.retired_reason, item.retired_by = day, reason[:300], user_or_none(actor)
    item.save(update_fields=["retired_on", "retired_reason", "retired_by", "updated_at"])
    item.versions.filter(state=VersionState.DRAFT).delete()
    audit_record(
        actor=actor,
        action=AuditAction.ASSISTANCE_ITEM_RETIRED,
        target=item,
        detail={"day": str(day), "reason": reason[:200]},
    )
    return item


# --- look-ups --------------------------------------------------------------------------


@transaction.atomic
def lookup_run(
    *,
    actor,
    item_code: str,
    code: str,
    purpose: str = "",
    channel: str = LookupChannel.PAGE,
    today: datetime.date | None = None,
    unit: Unit | None = None,
    by: str = "",
) -> AssistanceListLookup:
    """涉税查验：按事项现行版本逐项查验，记录查验（版本、单位、人员、代码、各条件结果）并留痕。
    `unit` and `by`: the unit and name the system (actor None: the demo) looks up for."""
    require_capability(actor, "cogov.assistance_lookup")
    username = actor.get_username() if actor is not None else (by or "system")
    today = today or clock.today()
    row = selectors.item_for_lookup(user=actor, code=item_code, today=today)
    version = row.current
    purpose = (purpose or "").strip()
    if len(purpose) > 200:
        raise _invalid(_("办理事由：不能超过200字"), "purpose")
    answer = selectors.tax_check(version=version, code=code, today=today)
    lookup = AssistanceListLookup.objects.create(
        version=version,
        item=row.item,
        unit_id=getattr(actor, "unit_id", None) if actor is not None else getattr(unit, "pk", None),
        user=user_or_none(actor),
        username=username,
        channel=channel,
        subject=answer.subject,
        taxpayer_name=answer.name[:200],
        purpose=purpose,
        passed=answer.passed,
        checks=answer.checks,
        data_date=answer.data_date,
        looked_up_at=clock.now(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.TAX_LOOKUP,
        target=lookup,
        purpose=(purpose or version.matter)[:200],
        detail={
            "item": row.item.code,
            "version": version.version,
            "subject": answer.subject,
            "passed": answer.passed,
            "channel": channel,
            # what was read of the shared data: the submissions the answer stands on
            "sources": answer.sources,
        },
    )
    return lookup


@transaction.atomic
def lookup_outcome(
    *, actor, lookup: AssistanceListLookup, outcome: str, handling: str = "", by: str = ""
) -> AssistanceListLookup:
    """记录查验结果：查验通过或未通过，及经办人处理结果（未通过时必填）。只有查验单位可以记录
    (the system, actor None, records for the demo as `by`)."""
    require_capability(actor, "cogov.assistance_lookup")
    lookup = AssistanceListLookup.objects.select_for_update().get(pk=lookup.pk)
    if actor is not None and lookup.unit_id != getattr(actor, "unit_id", None):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有查验单位可以记录查验结果"))
    if outcome not in (Outcome.PASSED, Outcome.FAILED):
        raise _invalid(_("查验结果：应为“查验通过”或“未通过”"), "outcome")
    handling = (handling or "").strip()
    if outcome == Outcome.FAILED and not handling:
        raise _invalid(_("经办人处理结果：未通过的，请写明处理结果"), "handling")
    if len(handling) > 500:
        raise _invalid(_("经办人处理结果：不能超过500字"), "handling")
    if lookup.outcome != Outcome.PENDING:
        raise ApplicationError(ErrorCode.CONFLICT, _("本次查验已记录结果"))
    lookup.outcome, lookup.handling = outcome, handling
    lookup.outcome_at = clock.now()
    lookup.outcome_by = actor.get_username() if actor is not None else (by or "system")
    lookup.save(update_fields=["outcome", "handling", "outcome_at", "outcome_by"])
    audit_record(
        actor=actor,
        action=AuditAction.TAX_LOOKUP_OUTCOME,
        target=lookup,
        detail={"outcome": outcome, "handling": handling[:200], "subject": lookup.subject},
    )
    return lookup


# --- the list as .xlsx ----------------------------------------------------------------

SHEET = "协助事项清单"
COLUMNS = [
    Column("序号", 6, "number"),
    Column("事项代码", 24),
    Column("办理事项", 18),
    Column("完税税种", 18),
    Column("无欠税", 8),
    Column("允许的信用级别", 14),
    Column("不得为非正常户", 14),
    Column("依据", 40),
    Column("查验部门", 30),
    Column("说明", 30),
    Column("变更原因", 24),
    Column("版本", 6, "number"),
    Column("状态", 10),
    Column("生效日期", 14, "date"),
]
REQUIRED = ("事项代码", "办理事项", "依据", "查验部门")
YES = {"是", "√", "✓", "Y", "y", "yes", "1", "true", "True"}


def list_export(*, actor, path: Path, today: datetime.date | None = None) -> Path:
    """The list as .xlsx (formula-safe): per item its latest version (its draft, else the newest
    approved one), which is what `list_import` compares each row with."""
    require_capability(actor, "cogov.assistance_manage")
    today = today or clock.today()
    rows = []
    for number, row in enumerate(selectors.item_rows(user=actor, today=today), start=1):
        # the latest version (a draft, one approved to take effect later, else the one in effect):
        # what an import compares with
        version = max(row.item.versions.all(), key=lambda v: v.version, default=None)
        if version is None:
            continue
        kinds = {c["kind"]: c for c in version.conditions}
        rows.append(
            [
                number,
                row.item.code,
                version.matter,
                "、".join(kinds.get(Condition.TAX_PAID, {}).get("tax_types", [])),
                "是" if Condition.NO_ARREARS in kinds else "",
                "、".join(kinds.get(Condition.CREDIT_LEVEL, {}).get("levels", [])),
                "是" if Condition.NOT_ABNORMAL in kinds else "",
                version.legal_basis,
                "、".join(u.name for u in version.units.all()),
                version.description,
                version.change_reason,
                version.version,
                str(version.get_state_display()),
                version.effective_from,
            ]
        )
    write_table_workbook(
        path,
        sheets=[
            Sheet(
                SHEET,
                COLUMNS,
                rows,
                notes=[
                    "导入时按“事项代码”对应：新代码为新事项，内容有变化的为新版本草稿（须填变更原因），经共治办批准后生效。",
                    "“版本”“状态”“生效日期”仅供查看，导入时不读取。",
                ],
            )
        ],
    )
    audit_record(
        actor=actor,
        action=AuditAction.DOCUMENT_EXPORTED,
        object_repr=SHEET,
        detail={"kind": "assistance_list", "items": len(rows)},
    )
    return path


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _split(text: str) -> list[str]:
    for sep in ("，", ",", "；", ";", "/", " "):
        text = text.replace(sep, "、")
    return [p.strip() for p in text.split("、") if p.strip()]


def read_list_xlsx(data: bytes, filename: str) -> list[dict]:
    """The rows of an assistance list .xlsx, each checked; FileRowError naming row and field."""
    from openpyxl import load_workbook

    from gongzhi.core.tabular import check_xlsx_archive

    check_xlsx_archive(data, filename)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ApplicationError(
            ErrorCode.INVALID_FILE,
            _("文件“%(filename)s”无法读取：%(reason)s") % {"filename": filename, "reason": exc},
        ) from exc
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    header_at = next(
        (i for i, r in enumerate(rows[:5]) if "事项代码" in [_cell(v) for v in r]), None
    )  # a title row may come first
    if header_at is None:
        raise FileRowError(file=filename, row=1, field="事项代码", message=_("缺少必需的列"))
    header = [_cell(v) for v in rows[header_at]]
    for column in REQUIRED:
        if column not in header:
            raise FileRowError(file=filename, row=header_at + 1, field=column, message=_("缺少必需的列"))
    index = UnitIndex.build()
    entries, seen = [], {}
    for number, raw in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {h: _cell(v) for h, v in zip(header, raw, strict=False) if h}
        if not any(values.values()):
            continue
        code = values.get("事项代码", "")
        if not code:
            if values.get("序号") and not values.get("办理事项"):
                continue  # a note line below the table
            raise FileRowError(file=filename, row=number, field="事项代码", message=_("不能为空"))
        if code in seen:
            raise FileRowError(
                file=filename,
                row=number,
                field="事项代码",
                message=_("“%(code)s”与第%(row)s行重复") % {"code": code, "row": seen[code]},
            )
        seen[code] = number
        units, unknown = [], []
        for name in _split(values.get("查验部门", "")):
            match = index.match(name)
            if match.status in {"exact", "alias"}:
                units.append(match.unit)
            elif match.status == "collective":
                units.extend(match.units)
            else:
                unknown.append(name)
        if unknown:
            raise FileRowError(
                file=filename,
                row=number,
                field="查验部门",
                message=_("不在单位名录中：%(names)s") % {"names": "、".join(unknown)},
            )
        conditions = []
        if types := _split(values.get("完税税种", "")):
            conditions.append({"kind": Condition.TAX_PAID, "tax_types": types})
        if values.get("无欠税", "") in YES:
            conditions.append({"kind": Condition.NO_ARREARS})
        if levels := _split(values.get("允许的信用级别", "").replace("级", "")):
            conditions.append({"kind": Condition.CREDIT_LEVEL, "levels": levels})
        if values.get("不得为非正常户", "") in YES:
            conditions.append({"kind": Condition.NOT_ABNORMAL})
        data = {
            "matter": values.get("办理事项", ""),
            "conditions": conditions,
            "legal_basis": values.get("依据", ""),
            "description": values.get("说明", ""),
            "units": list(dict.fromkeys(units)),
        }
        try:
            content = clean_content(data)
        except ApplicationError as exc:
            field, _sep, message = exc.message.partition("：")
            raise FileRowError(
                file=filename,
                row=number,
                field=COLUMN_OF.get(exc.extra.get("field"), field),
                message=message or exc.message,
            ) from exc
        entries.append(
            {"row": number, "code": code, "content": content, "reason": values.get("变更原因", "")}
        )
    if not entries:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("文件“%(filename)s”中没有协助事项") % {"filename": filename}
        )
    return entries


COLUMN_OF = {
    "matter": "办理事项",
    "legal_basis": "依据",
    "units": "查验部门",
    "conditions": "完税税种",
    "tax_types": "完税税种",
    "levels": "允许的信用级别",
}


def list_import(*, actor, data: bytes, filename: str) -> dict[str, int]:
    """导入协助事项清单（.xlsx）：新代码为新事项草稿，内容有变化的为新版本草稿（须填变更原因），
    其余不变。整个文件校验通过才保存。"""
    require_capability(actor, "cogov.assistance_manage")
    entries = read_list_xlsx(data, filename)
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    with transaction.atomic():
        items = {i.code: i for i in AssistanceListItem.objects.prefetch_related("versions__units")}
        for entry in entries:
            item = items.get(entry["code"])
            if item is None:
                item_draft(actor=actor, data=entry["content"], code=entry["code"])
                counts["created"] += 1
                continue
            latest = max(item.versions.all(), key=lambda v: v.version, default=None)
            if latest is not None and _same(latest, entry["content"]):
                counts["unchanged"] += 1
                continue
            if item.retired_on is not None:
                raise FileRowError(
                    file=filename,
                    row=entry["row"],
                    field="事项代码",
                    message=_("该协助事项已停用，不能再变更"),
                )
            try:
                item_draft(actor=actor, data=entry["content"], item=item, reason=entry["reason"])
            except ApplicationError as exc:
                raise FileRowError(
                    file=filename,
                    row=entry["row"],
                    field="变更原因",
                    message=exc.message.partition("：")[2] or exc.message,
                ) from exc
            counts["changed"] += 1
        audit_record(
            actor=actor,
            action=AuditAction.ASSISTANCE_LIST_IMPORTED,
            object_type="cogov.assistancelistitem",
            object_repr=filename[:200],
            detail=counts,
        )
    return counts


def units_by_ids(ids) -> list[Unit]:
    """The units of a form's or the API's ids (unknown ids are left out, then refused as empty)."""
    clean = [int(i) for i in ids if str(i).strip().isdigit()]
    return list(Unit.objects.filter(pk__in=clean))
