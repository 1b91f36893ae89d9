"""Funding per plan task (资金保障) and a plan's publication to citizens: services and selectors.

Who may record funding: the plan's office unit, or the finance bureau (the co-governance
office, 共治办), with the capability ``supervision.manage_funding``; an admin over all plans.
Every write is audited; an import either stores every row or none.
"""

import re
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode, FileRowError
from gongzhi.core.exporters.xlsx import Column, Sheet, write_table_workbook
from gongzhi.core.files import temporary_directory
from gongzhi.core.money import parse_amount
from gongzhi.core.permissions import user_or_none
from gongzhi.core.roles import Role
from gongzhi.core.tabular import read_table
from gongzhi.plans.models import PlanNode, PolicyDocument
from gongzhi.plans.selectors import is_plan_office
from gongzhi.supervision.models_funding import FundingMode, FundingSource, PlanPublication, TaskFunding

MANAGE_FUNDING = "supervision.manage_funding"
AMOUNTS = ("planned", "allocated", "spent")
# the finance bureau's sheet: header -> field
COLUMNS = {
    "任务编号": "task",
    "任务名称": "",
    "项目": "project",
    "年度": "year",
    "资金来源": "source",
    "支持方式": "mode",
    "计划金额（元）": "planned",
    "已下达金额（元）": "allocated",
    "已支出金额（元）": "spent",
    "备注": "note",
}
REQUIRED = [
    "任务编号",
    "年度",
    "资金来源",
    "支持方式",
    "计划金额（元）",
    "已下达金额（元）",
    "已支出金额（元）",
]


def may_manage_funding(user, plan: PolicyDocument) -> bool:
    """The plan's office unit or the finance bureau (共治办), holding `supervision.manage_funding`."""
    if user is None or is_plan_office(user, plan, capability=MANAGE_FUNDING):
        return True
    return user.has_capability(MANAGE_FUNDING) and user.role == Role.COGOV_OFFICE


def _require(user, plan: PolicyDocument) -> None:
    if not may_manage_funding(user, plan):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED, _("只有方案牵头办公室或区财政局（共治办）可以登记任务资金")
        )


def funding_list(*, task: PlanNode) -> QuerySet[TaskFunding]:
    return TaskFunding.objects.filter(task=task).order_by("year", "project", "source", "mode")


def funding_of_plan(*, plan: PolicyDocument) -> QuerySet[TaskFunding]:
    return TaskFunding.objects.filter(plan=plan).select_related("task").order_by("task__order", "year")


def funding_total(rows) -> dict[str, Decimal]:
    """planned / allocated / spent summed over rows (a queryset)."""
    sums = rows.aggregate(**{key: Sum(key) for key in AMOUNTS})
    return {key: sums[key] or Decimal(0) for key in AMOUNTS}


def _check_amounts(values: dict) -> None:
    if values["spent"] > values["allocated"] and values["allocated"] > 0:
        raise ValidationError(_("已支出金额不能超过已下达金额"))


def _upsert(*, actor, task: PlanNode, values: dict) -> tuple[TaskFunding, bool]:
    key = {k: values[k] for k in ("project", "year", "source", "mode")}
    row = TaskFunding.objects.filter(task=task, **key).first()
    created = row is None
    if row is None:
        row = TaskFunding(plan_id=task.document_id, task=task, **key)
    for field in (*AMOUNTS, "note"):
        setattr(row, field, values[field])
    row.recorded_by = user_or_none(actor)
    _check_amounts(values)
    row.full_clean()
    row.save()
    return row, created


@transaction.atomic
def funding_record(
    *,
    actor,
    task: PlanNode,
    year: int,
    source: str,
    mode: str,
    planned: Decimal,
    allocated: Decimal,
    spent: Decimal,
    project: str = "",
    note: str = "",
) -> TaskFunding:
    """登记（或更正）一项任务某年度某来源、某方式的资金。"""
    _require(actor, task.document)
    values = {
        "project": project.strip(),
        "year": year,
        "source": source,
        "mode": mode,
        "planned": planned,
        "allocated": allocated,
        "spent": spent,
        "note": note.strip(),
    }
    try:
        row, created = _upsert(actor=actor, task=task, values=values)
    except ValidationError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "；".join(exc.messages)) from exc
    audit_record(
        actor=actor,
        action=AuditAction.FUNDING_RECORDED,
        target=row,
        detail={
            "task": task.pk,
            "created": created,
            **{k: str(v) for k, v in values.items() if k in AMOUNTS},
        },
    )
    return row


def _task_number(text: str) -> str:
    """'1', '(1)', '（1）' -> '（1）': the way the plan numbers its tasks."""
    digits = re.sub(r"[()（）\s]", "", text)
    return f"（{digits}）" if digits.isdigit() else text.strip()


def _choice(choices, text: str, *, filename: str, row: int, field: str) -> str:
    for value, label in choices.choices:
        if text in (str(label), value):
            return value
    allowed = "、".join(str(label) for _v, label in choices.choices)
    raise FileRowError(
        file=filename, row=row, field=field, message=_("应为以下之一：%(allowed)s") % {"allowed": allowed}
    )


def _parse_rows(plan: PolicyDocument, data: bytes, filename: str) -> list[tuple[int, PlanNode, dict]]:
    table = read_table(data, filename, required=REQUIRED)
    tasks = {t.number: t for t in plan.nodes.tasks().current()}
    parsed = []
    seen: dict[tuple, int] = {}
    for number, row in table.rows:
        task = tasks.get(_task_number(row.get("任务编号", "")))
        if task is None:
            raise FileRowError(
                file=filename,
                row=number,
                field="任务编号",
                message=_("方案中没有编号为“%(n)s”的任务") % {"n": row.get("任务编号", "")},
            )
        try:
            year = int(row.get("年度", "").removesuffix("年"))
        except ValueError:
            raise FileRowError(
                file=filename, row=number, field="年度", message=_("应为年份，如 2025")
            ) from None
        if not 2000 <= year <= 2100:
            raise FileRowError(file=filename, row=number, field="年度", message=_("年度应在2000至2100之间"))
        values = {
            "project": row.get("项目", "").strip()[:200],
            "year": year,
            "source": _choice(
                FundingSource, row["资金来源"], filename=filename, row=number, field="资金来源"
            ),
            "mode": _choice(FundingMode, row["支持方式"], filename=filename, row=number, field="支持方式"),
            "note": row.get("备注", "").strip()[:300],
        }
        for header, field in COLUMNS.items():
            if field not in AMOUNTS:
                continue
            text = row.get(header, "").strip()
            try:
                amount = parse_amount(text) if text else Decimal(0)
            except ValueError as exc:
                raise FileRowError(file=filename, row=number, field=header, message=str(exc)) from None
            if amount < 0:
                raise FileRowError(file=filename, row=number, field=header, message=_("金额不能为负数"))
            values[field] = amount.quantize(Decimal("0.01"))
        key = (task.pk, values["project"], year, values["source"], values["mode"])
        if key in seen:
            raise FileRowError(
                file=filename,
                row=number,
                field="任务编号",
                message=_("与第%(other)s行重复（同一任务、项目、年度、来源和方式）") % {"other": seen[key]},
            )
        seen[key] = number
        try:
            _check_amounts(values)
        except ValidationError as exc:
            raise FileRowError(
                file=filename, row=number, field="已支出金额（元）", message=exc.messages[0]
            ) from None
        parsed.append((number, task, values))
    if not parsed:
        raise ApplicationError(ErrorCode.INVALID_FILE, _("文件“%(f)s”没有资金数据") % {"f": filename})
    return parsed


@transaction.atomic
def funding_import(*, actor, plan: PolicyDocument, data: bytes, filename: str) -> dict[str, int]:
    """导入区财政局的资金表（.xlsx）：每一行都正确才保存，否则一行也不保存。"""
    _require(actor, plan)
    rows = _parse_rows(plan, data, filename)
    created = updated = 0
    for number, task, values in rows:
        try:
            _row, was_created = _upsert(actor=actor, task=task, values=values)
        except ValidationError as exc:
            raise FileRowError(
                file=filename, row=number, field=None, message="；".join(exc.messages)
            ) from exc
        created += was_created
        updated += not was_created
    audit_record(
        actor=actor,
        action=AuditAction.FUNDING_IMPORTED,
        target=plan,
        detail={"file": filename, "rows": len(rows), "created": created, "updated": updated},
    )
    return {"rows": len(rows), "created": created, "updated": updated}


def funding_template(*, plan: PolicyDocument) -> Path:
    """The sheet the finance bureau fills in: one line per task, the amounts left blank."""
    path = temporary_directory("funding") / "任务资金导入模板.xlsx"
    columns = [Column(name, width=14 if name != "任务名称" else 40) for name in COLUMNS]
    rows = [
        [t.number, t.display_title, "", "", "财政预算", "直接投入", "", "", "", ""]
        for t in plan.nodes.tasks().current().order_by("order")
    ]
    return write_table_workbook(
        path,
        sheets=[
            Sheet(
                title="任务资金",
                columns=columns,
                rows=rows,
                notes=[
                    "资金来源：财政预算、上级资金、社会资本；支持方式：直接投入、投资补助、以奖代补、先建后补。",
                    "金额单位：元；同一任务可按项目、年度、来源、方式分多行填写。",
                ],
            )
        ],
    )


# --- publication --------------------------------------------------------------------------------


def publication_of(plan: PolicyDocument) -> PlanPublication | None:
    return PlanPublication.objects.filter(plan=plan).first()


@transaction.atomic
def plan_publicity_set(*, actor, plan: PolicyDocument, public: bool, intro: str = "") -> PlanPublication:
    """牵头办公室决定是否在公众页面公开方案进展。"""
    if not is_plan_office(actor, plan, capability="supervision.manage"):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有方案牵头办公室可以设置公开"))
    publication, _created = PlanPublication.objects.get_or_create(plan=plan)
    publication.public, publication.intro = public, intro.strip()
    publication.changed_by = user_or_none(actor)
    publication.save()
    audit_record(
        actor=actor,
        action=AuditAction.PLAN_PUBLICITY_CHANGED,
        target=plan,
        detail={"public": public},
    )
    return publication
