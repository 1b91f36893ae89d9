"""Writes of the yearly tasks (年度任务): the office drafts a set (rows per source task, or a copy of
last year's), then issues it (下达).

Issuing stores the set as one plan through the plans app's own service (`plans.storing.plan_store`,
a new revision when the set is issued again): "<year>年度<10号文>任务分解", owned by the office unit,
one task per yearly task with its responsible unit and a dated 节点要求. The monitoring is then set
up as the meetings app does for decisions (start on the issue day, the milestone indicator due on
the task's own deadline), so reporting rounds, reports, warnings, 督办 and to-dos of the supervision
app apply to the yearly tasks unchanged.
"""

import datetime
import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cogov.models_yearly import YearlyTask, YearlyTaskSet, YearlyTaskSetState, short_title
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.exporters.docx import cn_date
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.org.models import Unit
from gongzhi.plans.choices import NodeKind, UnitDecision
from gongzhi.plans.models import PlanNode, PolicyDocument
from gongzhi.plans.services import plan_assign
from gongzhi.plans.storing import plan_store
from gongzhi.supervision.freshness import plan_data_changed
from gongzhi.supervision.services import indicator_update, indicators_sync, monitoring_settings

# yearly tasks: warn a month before the deadline, not the plans' 90 days
YEARLY_THRESHOLDS = {"milestone_warn_days": 30}
MAX_ROWS = 500


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_INPUT, message)


def _require_office(actor, task_set: YearlyTaskSet | None = None) -> None:
    require_capability(actor, "cogov.yearly_manage")
    if (
        actor is not None
        and task_set is not None
        and not actor.has_capability("plans.manage_all")
        and actor.unit_id != task_set.office_unit_id
    ):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("“%(set)s”由%(unit)s下达，只有该单位可以修改")
            % {"set": task_set, "unit": task_set.office_unit},
        )


def _require_draft(task_set: YearlyTaskSet) -> None:
    if task_set.state != YearlyTaskSetState.DRAFT:
        raise ApplicationError(ErrorCode.CONFLICT, _("年度任务已下达；如需调整，请先转为草稿"))


@transaction.atomic
def yearly_set_create(
    *, actor, document: PolicyDocument, year: int, office_unit: Unit | None = None
) -> YearlyTaskSet:
    """新建某文件某年度的任务分解（草稿）。"""
    require_capability(actor, "cogov.yearly_manage")
    office_unit = office_unit or getattr(actor, "unit", None)
    if office_unit is None:
        raise _invalid(_("下达单位：请选择下达年度任务的单位"))
    if not (2000 <= int(year) <= 2100):
        raise _invalid(_("年度：请填写四位年份"))
    if YearlyTaskSet.objects.filter(document=document, year=year).exists():
        raise ApplicationError(
            ErrorCode.DUPLICATE,
            _("年度：%(document)s的%(year)s年度任务分解已存在")
            % {"document": short_title(document), "year": year},
        )
    task_set = YearlyTaskSet(
        document=document, year=year, office_unit=office_unit, created_by=user_or_none(actor)
    )
    task_set.full_clean()
    task_set.save()
    audit_record(
        actor=actor,
        action=AuditAction.YEARLY_SET_SAVED,
        target=task_set,
        detail={"created": True, "document": document.pk, "year": year},
    )
    return task_set


def _check_row(task_set: YearlyTaskSet, row: dict, position: int) -> dict:
    where = _("第%(n)s行") % {"n": position}
    source = row.get("source_task")
    if (
        not isinstance(source, PlanNode)
        or source.document_id != task_set.document_id
        or source.kind != NodeKind.TASK
    ):
        raise _invalid(_("%(where)s来源任务：请选择本文件的任务") % {"where": where})
    unit = row.get("unit")
    if not isinstance(unit, Unit):
        raise _invalid(_("%(where)s责任单位：请选择责任单位") % {"where": where})
    content = (row.get("content") or "").strip()
    if not content:
        raise _invalid(_("%(where)s任务内容：请填写任务内容") % {"where": where})
    if len(content) > 300:
        raise _invalid(_("%(where)s任务内容：不能超过300字") % {"where": where})
    measure = (row.get("measure") or "").strip()
    if len(measure) > 500:
        raise _invalid(_("%(where)s措施或目标：不能超过500字") % {"where": where})
    deadline = row.get("deadline")
    if not isinstance(deadline, datetime.date):
        raise _invalid(_("%(where)s完成时限：请填写日期") % {"where": where})
    if deadline.year != task_set.year:
        raise _invalid(_("%(where)s完成时限：应在%(year)s年内") % {"where": where, "year": task_set.year})
    return {"source_task": source, "unit": unit, "content": content, "measure": measure, "deadline": deadline}


@transaction.atomic
def yearly_tasks_add(*, actor, task_set: YearlyTaskSet, rows: list[dict]) -> list[YearlyTask]:
    """成批增加年度任务：每行来源任务、责任单位、任务内容、措施或目标、完成时限；任一行有误则都不保存。"""
    _require_office(actor, task_set)
    _require_draft(task_set)
    if not rows:
        raise _invalid(_("任务内容：请至少填写一行"))
    if len(rows) > MAX_ROWS:
        raise _invalid(_("一次最多增加%(n)s行") % {"n": MAX_ROWS})
    checked = [_check_row(task_set, row, n) for n, row in enumerate(rows, start=1)]
    start = (task_set.tasks.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    created = YearlyTask.objects.bulk_create(
        [YearlyTask(task_set=task_set, order=start + i, **row) for i, row in enumerate(checked)]
    )
    audit_record(
        actor=actor,
        action=AuditAction.YEARLY_SET_SAVED,
        target=task_set,
        detail={"added": len(created), "units": sorted({r["unit"].name for r in checked})},
    )
    return created


@transaction.atomic
def yearly_task_remove(*, actor, task: YearlyTask) -> None:
    """删除草稿中的一项年度任务。"""
    _require_office(actor, task.task_set)
    _require_draft(task.task_set)
    detail = {"removed": task.pk, "unit": task.unit.name, "content": task.content}
    task.delete()
    audit_record(actor=actor, action=AuditAction.YEARLY_SET_SAVED, target=task.task_set, detail=detail)


@transaction.atomic
def yearly_set_copy_previous(*, actor, task_set: YearlyTaskSet) -> list[YearlyTask]:
    """复制上一年度的任务分解：同一文件、上一年度的各行，完成时限顺延一年（2月29日改为28日）。"""
    _require_office(actor, task_set)
    _require_draft(task_set)
    previous = YearlyTaskSet.objects.filter(document=task_set.document, year=task_set.year - 1).first()
    if previous is None or not previous.tasks.exists():
        raise _invalid(_("复制上年：%(year)s年度没有任务分解可复制") % {"year": task_set.year - 1})
    rows = []
    for task in previous.tasks.select_related("source_task", "unit"):
        if not task.source_task.active:
            continue
        day = task.deadline
        try:
            deadline = day.replace(year=task_set.year)
        except ValueError:  # 29 February
            deadline = day.replace(year=task_set.year, day=28)
        rows.append(
            {
                "source_task": task.source_task,
                "unit": task.unit,
                "content": task.content,
                "measure": task.measure,
                "deadline": deadline,
            }
        )
    return yearly_tasks_add(actor=actor, task_set=task_set, rows=rows)


def _doc_for(task_set: YearlyTaskSet, tasks: list[YearlyTask], day: datetime.date) -> dict:
    document = task_set.document
    number = f"{document.doc_number}（{task_set.year}年度任务分解）" if document.doc_number else ""
    return {
        "title": str(task_set),
        "notice_title": _("关于下达%(set)s的通知") % {"set": task_set},
        "doc_number": number[:100],
        "issuer": task_set.office_unit.name,
        "date": day.isoformat(),
        "recipients": "、".join(dict.fromkeys(t.unit.name for t in tasks)),
        "publication": "",
        "attachments": [],
        "end_year": task_set.year,
        "task_rule": "yearly",
        "groups": [],
        "tasks": [
            {
                "number": f"{n}.",
                "title": t.content[:300],
                "text": f"{n}.{t.content}"
                + (f"（{t.measure}）" if t.measure else "")
                + _("；完成时限：%(day)s前") % {"day": cn_date(t.deadline)},
                "path": [t.source_task.label],
                "lead_units": [t.unit.name],
                "responsible_units": [],
                "cooperating_units": [],
                "targets": [],
                "milestones": [{"text": (t.measure or t.content)[:500], "deadline_year": t.deadline.year}],
                "deadline": f"{cn_date(t.deadline)}前",
                "open_ended": False,
            }
            for n, t in enumerate(tasks, start=1)
        ],
    }


@transaction.atomic
def yearly_set_issue(*, actor, task_set: YearlyTaskSet) -> YearlyTaskSet:
    """下达年度任务：任务分解成为一份由下达单位牵头督办的方案（再次下达时为该方案的新版本）。"""
    _require_office(actor, task_set)
    task_set = YearlyTaskSet.objects.select_for_update().get(pk=task_set.pk)
    _require_draft(task_set)
    tasks = list(task_set.tasks.select_related("source_task", "unit").order_by("order", "pk"))
    if not tasks:
        raise _invalid(_("任务内容：请先增加年度任务再下达"))
    day = clock.today()
    doc = _doc_for(task_set, tasks, day)
    text = "\n".join([doc["title"], *(t["text"] for t in doc["tasks"])])
    decisions = {t.unit.name: {"action": UnitDecision.MAP, "unit_id": t.unit_id} for t in tasks}
    plan, _changes = plan_store(
        actor=actor,
        doc=doc,
        text=text,
        filename=f"yearly-{task_set.pk}.txt",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        office_unit=task_set.office_unit,
        decisions=decisions,
        end_year=task_set.year,
    )
    if plan.set_up_at is None:
        plan_assign(actor=actor, document=plan, office_unit=task_set.office_unit, evaluators=[])
    by_number = {node.number: node for node in plan.nodes.tasks().current()}
    deadlines = {}
    for n, task in enumerate(tasks, start=1):
        node = by_number.get(f"{n}.")
        task.plan_task = node
        task.save(update_fields=["plan_task", "updated_at"])
        if node is not None:
            deadlines[node.pk] = task.deadline
    settings_row = monitoring_settings(plan)
    if task_set.issued_on is None:
        settings_row.start = day
    settings_row.thresholds = {**settings_row.thresholds, **YEARLY_THRESHOLDS}
    settings_row.full_clean()
    settings_row.save()
    indicators_sync(actor=actor, plan=plan)
    for indicator in plan.indicators.filter(active=True, milestone__isnull=False):
        deadline = deadlines.get(indicator.task_id)
        if deadline is not None and indicator.deadline != deadline:  # the exact day, not the year's end
            indicator_update(actor=actor, indicator=indicator, deadline=deadline)
    plan_data_changed(plan.pk)
    task_set.state, task_set.plan = YearlyTaskSetState.ISSUED, plan
    task_set.issued_on = task_set.issued_on or day
    task_set.issued_by = user_or_none(actor)
    task_set.full_clean()
    task_set.save()
    audit_record(
        actor=actor,
        action=AuditAction.YEARLY_SET_ISSUED,
        target=task_set,
        detail={"plan": plan.pk, "revision": plan.revision, "tasks": len(tasks)},
    )
    return task_set


@transaction.atomic
def yearly_set_reopen(*, actor, task_set: YearlyTaskSet) -> YearlyTaskSet:
    """转为草稿以调整已下达的年度任务；再次下达时方案生成新版本，已有报告保留。"""
    _require_office(actor, task_set)
    if task_set.state != YearlyTaskSetState.ISSUED:
        raise ApplicationError(ErrorCode.CONFLICT, _("年度任务尚未下达"))
    task_set.state = YearlyTaskSetState.DRAFT
    task_set.save(update_fields=["state", "updated_at"])
    audit_record(actor=actor, action=AuditAction.YEARLY_SET_SAVED, target=task_set, detail={"reopened": True})
    return task_set
