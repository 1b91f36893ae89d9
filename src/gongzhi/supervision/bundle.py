"""The evaluator's evidence bundle (评估证据包): one zip per plan for the third-party evaluator.

Contents: the plan and its tasks (JSON and .xlsx), every indicator with its values, sources and
approval states (JSON and .xlsx), progress reports with their versions, supervision orders,
inspections (四不两直 visits) with their findings, rectifications, good-practice cases, every
attachment as stored (``attachments/``), the audit extract of the period (entries about this
plan's objects, ``audit/audit.jsonl``) and ``manifest.json``: ``{"files": [{"path", "sha256"}]}``
listing every other file, so the evaluator can check nothing was changed.

Written file by file into the zip (``ZipFile.open(name, "w")``), hashing as it goes: the bundle
is never held in memory. `bundle_write` is used by `gongzhi plan bundle` and by the job
(`supervision.bundle`) behind the download button.
"""

import datetime
import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.exporters.xlsx import Column, Sheet, write_table_workbook
from gongzhi.core.files import remove_temporary, temporary_directory
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.plans.models import PlanNode, PolicyDocument
from gongzhi.plans.selectors import is_plan_office, plan_list
from gongzhi.supervision.models import (
    Evidence,
    Indicator,
    IndicatorValue,
    ReportingRound,
    SupervisionOrder,
    TaskReport,
    TaskReportVersion,
)
from gongzhi.supervision.models_funding import TaskFunding

BUNDLE = "supervision.bundle"
CHUNK = 1024 * 1024
Progress = Callable[[float, str], None]


def may_bundle(user, plan: PolicyDocument) -> bool:
    """The evaluators assigned to the plan, its office (and an admin), with `supervision.bundle`."""
    if user is None:
        return True
    if not user.has_capability(BUNDLE) or not plan_list(user=user).filter(pk=plan.pk).exists():
        return False
    return user.role == Role.EVALUATOR or is_plan_office(user, plan, capability=BUNDLE)


def require_bundle(user, plan: PolicyDocument) -> None:
    if not may_bundle(user, plan):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED, _("只有方案的第三方评估人员和牵头办公室可以下载评估证据包")
        )


def _json_default(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, default=_json_default).encode()


class _Writer:
    """Adds files to the zip one by one, each hashed as it is written."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.files: list[dict[str, str]] = []

    def add(self, path: str, chunks: Iterable[bytes]) -> None:
        digest = hashlib.sha256()
        with self.archive.open(path, "w", force_zip64=True) as out:
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
        self.files.append({"path": path, "sha256": digest.hexdigest()})

    def add_json(self, path: str, data) -> None:
        self.add(path, [_dumps(data)])

    def add_file(self, path: str, source: Path) -> None:
        def chunks() -> Iterator[bytes]:
            with source.open("rb") as handle:
                while block := handle.read(CHUNK):
                    yield block

        self.add(path, chunks())


def _user(user) -> str:
    return user.username if user else ""


def _evidence_rows(rows) -> list[dict]:
    return [
        {
            "id": e.pk,
            "filename": e.filename,
            "sha256": e.sha256,
            "size": e.size,
            "unit": e.unit.name,
            "uploaded_at": e.uploaded_at,
            "path": _attachment_path(e),
        }
        for e in rows
    ]


def _attachment_path(evidence: Evidence) -> str:
    name = Path(evidence.filename).name.replace("/", "_") or "file"
    return f"attachments/{evidence.pk}-{name}"


def _plan_data(plan: PolicyDocument, tasks: list[PlanNode]) -> dict:
    funding: dict[int, list[dict]] = {}
    for f in TaskFunding.objects.filter(plan=plan).order_by("year", "project"):
        funding.setdefault(f.task_id, []).append(
            {
                "project": f.project,
                "year": f.year,
                "source": f.get_source_display(),
                "mode": f.get_mode_display(),
                "planned": f.planned,
                "allocated": f.allocated,
                "spent": f.spent,
                "note": f.note,
            }
        )
    return {
        "plan": {
            "id": plan.pk,
            "doc_number": plan.doc_number,
            "title": plan.title,
            "issuer": getattr(plan, "issuer", ""),
            "revision": plan.revision,
            "office_unit": plan.office_unit.name if plan.office_unit_id else "",
            "end_year": plan.end_year,
        },
        "tasks": [
            {
                "id": t.pk,
                "number": t.number,
                "title": t.display_title,
                "path": t.path,
                "text": t.text,
                "deadline_text": t.deadline_text,
                "responsibilities": [
                    {"unit": r.unit.name, "role": r.get_role_display()} for r in t.responsibilities.all()
                ],
                "targets": [
                    {
                        "indicator": g.indicator,
                        "comparator": g.comparator,
                        "value": g.value,
                        "value_max": g.value_max,
                        "unit_of_measure": g.unit_of_measure,
                        "deadline_year": g.deadline_year,
                        "text": g.text,
                    }
                    for g in t.targets.all()
                ],
                "milestones": [
                    {"text": m.text, "deadline_year": m.deadline_year} for m in t.milestones.all()
                ],
                "funding": funding.get(t.pk, []),
            }
            for t in tasks
        ],
    }


def _tasks_xlsx(plan_data: dict, folder: Path) -> Path:
    rows = []
    for t in plan_data["tasks"]:
        spent = sum(f["spent"] for f in t["funding"]) if t["funding"] else None
        rows.append(
            [
                t["number"],
                t["title"],
                "、".join(r["unit"] for r in t["responsibilities"] if r["role"] == "牵头单位"),
                "；".join(g["text"] for g in t["targets"]),
                t["deadline_text"],
                spent,
            ]
        )
    return write_table_workbook(
        folder / "tasks.xlsx",
        sheets=[
            Sheet(
                title="任务",
                title_row=f"{plan_data['plan']['title']} 任务清单",
                columns=[
                    Column("编号", 8),
                    Column("任务", 50),
                    Column("牵头单位", 24),
                    Column("目标", 40),
                    Column("完成时限", 14),
                    Column("已支出资金（元）", 16, "number", 2),
                ],
                rows=rows,
            )
        ],
    )


def _values_xlsx(indicators: list[dict], folder: Path) -> Path:
    rows = (
        [
            i["name"],
            v["unit"],
            datetime.date.fromisoformat(str(v["period_end"])),
            v["value"],
            v["state"],
            v["source"],
            v["reported_by"],
            v["note"],
        ]
        for i in indicators
        for v in i["values"]
    )
    return write_table_workbook(
        folder / "values.xlsx",
        sheets=[
            Sheet(
                title="指标数值",
                columns=[
                    Column("指标", 40),
                    Column("单位", 20),
                    Column("统计截止日期", 14, "date"),
                    Column("数值", 12, "number"),
                    Column("审核状态", 12),
                    Column("来源", 10),
                    Column("报送人", 12),
                    Column("说明", 30),
                ],
                rows=rows,
            )
        ],
        stream=True,
    )


def _audit_lines(objects: dict[str, set], since: datetime.datetime) -> Iterator[bytes]:
    for object_type, ids in objects.items():
        ids = sorted(str(i) for i in ids)
        for start in range(0, len(ids), 500):
            entries = AuditEntry.objects.filter(
                object_type=object_type, object_id__in=ids[start : start + 500], at__gte=since
            ).order_by("seq")
            for e in entries.iterator(chunk_size=1000):
                line = {
                    "seq": e.seq,
                    "at": e.at,
                    "username": e.username,
                    "unit": e.unit_name,
                    "role": e.role,
                    "action": e.action,
                    "object_type": e.object_type,
                    "object_id": e.object_id,
                    "object": e.object_repr,
                    "purpose": e.purpose,
                    "detail": e.detail,
                    "hash": e.hash,
                }
                yield json.dumps(line, ensure_ascii=False, default=_json_default).encode() + b"\n"


def bundle_write(*, plan: PolicyDocument, out: Path, progress: Progress | None = None) -> dict:
    """Write the plan's evidence bundle to `out` (a .zip, replaced atomically); returns a summary."""
    report = progress or (lambda percent, message: None)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = temporary_directory("bundle")
    partial = out.with_name(out.name + ".part")
    objects: dict[str, set] = {"plans.policydocument": {plan.pk}}
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            writer = _Writer(archive)
            report(2, "方案与任务")
            tasks = list(
                plan.nodes.tasks()
                .current()
                .order_by("order")
                .prefetch_related("responsibilities__unit", "targets", "milestones")
            )
            objects["plans.plannode"] = {t.pk for t in tasks}
            plan_data = _plan_data(plan, tasks)
            writer.add_json("plan/plan.json", plan_data)
            writer.add_file("plan/tasks.xlsx", _tasks_xlsx(plan_data, work))
            objects["supervision.taskfunding"] = set(
                TaskFunding.objects.filter(plan=plan).values_list("pk", flat=True)
            )

            report(10, "指标数值")
            evidence = Evidence.objects.select_related("unit")
            indicators = []
            value_ids = set()
            for indicator in Indicator.objects.filter(plan=plan).select_related("task", "reporting_unit"):
                values = []
                for v in (
                    IndicatorValue.objects.filter(indicator=indicator)
                    .select_related("unit", "round", "reported_by")
                    .prefetch_related("evidence__unit")
                    .order_by("period_end", "reported_at", "pk")
                ):
                    value_ids.add(v.pk)
                    values.append(
                        {
                            "id": v.pk,
                            "unit": v.unit.name,
                            "period_end": v.period_end,
                            "value": v.value,
                            "state": v.get_state_display(),
                            "approved": v.state == "accepted",
                            "source": v.get_source_display(),
                            "round": v.round.period_label if v.round else "",
                            "reported_by": _user(v.reported_by),
                            "reported_at": v.reported_at,
                            "note": v.note,
                            "evidence": _evidence_rows(v.evidence.all()),
                        }
                    )
                indicators.append(
                    {
                        "id": indicator.pk,
                        "task": indicator.task.number,
                        "name": indicator.name,
                        "kind": indicator.get_kind_display(),
                        "comparator": indicator.comparator,
                        "target_value": indicator.target_value,
                        "target_value_max": indicator.target_value_max,
                        "unit_of_measure": indicator.unit_of_measure,
                        "baseline_value": indicator.baseline_value,
                        "baseline_date": indicator.baseline_date,
                        "deadline": indicator.deadline,
                        "reporting_unit": indicator.reporting_unit.name,
                        "definition": indicator.definition,
                        "data_source": indicator.data_source,
                        "values": values,
                    }
                )
            objects["supervision.indicator"] = {i["id"] for i in indicators}
            objects["supervision.indicatorvalue"] = value_ids
            writer.add_json("indicators/indicators.json", {"indicators": indicators})
            writer.add_file("indicators/values.xlsx", _values_xlsx(indicators, work))

            report(30, "进展报告")
            rounds = list(ReportingRound.objects.filter(plan=plan).order_by("period_end"))
            objects["supervision.reportinground"] = {r.pk for r in rounds}
            versions: dict[int, list] = {}
            for version in TaskReportVersion.objects.filter(report__round__plan=plan).order_by("version"):
                versions.setdefault(version.report_id, []).append(
                    {"version": version.version, "saved_at": version.saved_at, "snapshot": version.snapshot}
                )
            reports = []
            for r in (
                TaskReport.objects.filter(round__plan=plan)
                .exclude(state="draft")
                .select_related("round", "task", "unit", "submitted_by", "reviewed_by")
                .prefetch_related("evidence__unit")
                .order_by("round__period_end", "task__order", "unit__name")
            ):
                reports.append(
                    {
                        "id": r.pk,
                        "round": r.round.period_label,
                        "task": r.task.number,
                        "unit": r.unit.name,
                        "status": r.get_status_display(),
                        "percent": r.percent,
                        "done_text": r.done_text,
                        "problems": r.problems,
                        "next_steps": r.next_steps,
                        "state": r.get_state_display(),
                        "submitted_at": r.submitted_at,
                        "submitted_by": _user(r.submitted_by),
                        "reviewed_at": r.reviewed_at,
                        "reviewed_by": _user(r.reviewed_by),
                        "review_comment": r.review_comment,
                        "versions": versions.get(r.pk, []),
                        "evidence": _evidence_rows(r.evidence.all()),
                    }
                )
            objects["supervision.taskreport"] = {r["id"] for r in reports}
            writer.add_json(
                "reports/reports.json",
                {
                    "rounds": [
                        {
                            "period": r.period_label,
                            "start": r.period_start,
                            "end": r.period_end,
                            "due": r.due_date,
                            "state": r.get_state_display(),
                        }
                        for r in rounds
                    ],
                    "reports": reports,
                },
            )

            report(50, "督办、督查检查与整改")
            orders = list(
                SupervisionOrder.objects.filter(plan=plan)
                .select_related("task", "unit")
                .order_by("created_at")
            )
            objects["supervision.supervisionorder"] = {o.pk for o in orders}
            writer.add_json(
                "orders/orders.json",
                [
                    {
                        "number": o.number,
                        "task": o.task.number if o.task else "",
                        "unit": o.unit.name,
                        "issue": o.issue,
                        "requirement": o.requirement,
                        "deadline": o.deadline,
                        "state": o.get_state_display(),
                        "answer": o.answer,
                        "answered_at": o.answered_at,
                        "closed_at": o.closed_at,
                        "close_note": o.close_note,
                    }
                    for o in orders
                ],
            )
            # inspections sit above supervision: reached through the plan's reverse relations
            inspections = list(
                plan.inspections.all()
                .select_related("unit", "inspector")
                .prefetch_related("findings", "evidence__unit")
                .order_by("date")
            )
            objects["inspections.inspection"] = {i.pk for i in inspections}
            writer.add_json(
                "inspections/inspections.json",
                [
                    {
                        "id": i.pk,
                        "kind": i.get_kind_display(),
                        "date": i.date,
                        "place": i.place,
                        "unit": i.unit.name,
                        "inspector": _user(i.inspector),
                        "summary": i.summary,
                        "findings": [{"id": f.pk, "text": f.text} for f in i.findings.all()],
                        "evidence": _evidence_rows(i.evidence.all()),
                    }
                    for i in inspections
                ],
            )
            rectifications = list(
                Evidence.rectification.field.related_model.objects.filter(finding__inspection__plan=plan)
                .select_related("unit", "finding", "closed_by")
                .prefetch_related("evidence__unit")
                .order_by("deadline")
            )
            objects["inspections.rectification"] = {r.pk for r in rectifications}
            writer.add_json(
                "inspections/rectifications.json",
                [
                    {
                        "id": r.pk,
                        "finding": r.finding.text,
                        "inspection": r.finding.inspection_id,
                        "unit": r.unit.name,
                        "requirement": r.requirement,
                        "deadline": r.deadline,
                        "state": r.get_state_display(),
                        "result": r.result,
                        "closed_by": _user(r.closed_by),
                        "closed_at": r.closed_at,
                        "evidence": _evidence_rows(r.evidence.all()),
                    }
                    for r in rectifications
                ],
            )
            cases = list(plan.cases.select_related("unit"))
            objects["inspections.goodpracticecase"] = {c.pk for c in cases}
            writer.add_json(
                "cases/cases.json",
                [
                    {
                        "id": c.pk,
                        "title": c.title,
                        "unit": c.unit.name,
                        "state": c.get_state_display(),
                        "published_at": c.published_at,
                        "body": c.body,
                    }
                    for c in cases
                ],
            )

            report(60, "附件")
            attachments = evidence.filter(
                **{"pk__in": _evidence_ids(plan, value_ids)},
            ).order_by("pk")
            missing = []
            total = attachments.count() or 1
            for n, e in enumerate(attachments.iterator(chunk_size=200)):
                source = Path(e.file_path)
                if source.is_file():
                    writer.add_file(_attachment_path(e), source)
                else:
                    missing.append({"id": e.pk, "filename": e.filename, "sha256": e.sha256})
                if n % 50 == 0:
                    report(60 + 25 * n / total, f"附件 {n}/{total}")
            objects["supervision.evidence"] = set(attachments.values_list("pk", flat=True))
            if missing:
                writer.add_json("attachments/missing.json", missing)

            report(88, "审计日志摘录")
            since = _period_start(plan)
            writer.add("audit/audit.jsonl", _audit_lines(objects, since))
            writer.add_json(
                "README.json",
                {
                    "plan": plan.title,
                    "doc_number": plan.doc_number,
                    "built_at": clock.now(),
                    "audit_since": since,
                    "note": "manifest.json 列出本包其他每个文件的 SHA-256，可逐一核对。",
                },
            )
            archive.writestr("manifest.json", _dumps({"files": writer.files}))
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
        remove_temporary(work)
        shutil.rmtree(work, ignore_errors=True)
    report(100, "已完成")
    return {"files": len(writer.files), "size": out.stat().st_size}


def _evidence_ids(plan: PolicyDocument, value_ids: set[int]):
    from django.db.models import Q

    return Evidence.objects.filter(
        Q(report__round__plan=plan)
        | Q(value__indicator__plan=plan)
        | Q(order__plan=plan)
        | Q(rectification__finding__inspection__plan=plan)
        | Q(inspection__plan=plan)
        | Q(case__plan=plan)
    ).values("pk")


def _period_start(plan: PolicyDocument) -> datetime.datetime:
    """The audit extract starts when the plan came into the system."""
    return plan.created_at


def bundle_path(job_id: int) -> Path:
    return Path(settings.DATA_DIR) / "bundles" / f"bundle-{job_id}.zip"


def bundle_build(*, actor, plan: PolicyDocument, out: Path, progress: Progress | None = None) -> dict:
    """Build the bundle (checked and audited): for the command line and the job."""
    require_bundle(actor, plan)
    summary = bundle_write(plan=plan, out=out, progress=progress)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.EVIDENCE_BUNDLE_BUILT,
            target=plan,
            detail={"files": summary["files"], "size": summary["size"]},
        )
    return summary
