"""/api/v1/cogov/yearly/: yearly task sets (list, detail, create, add rows, issue), through the same
services and selectors as the pages (same permissions and audit)."""

import datetime

from ninja import Router, Schema

from gongzhi.cogov import selectors_yearly as selectors
from gongzhi.cogov import services_yearly as services
from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability
from gongzhi.org.models import Unit
from gongzhi.plans.models import PlanNode

router = Router(tags=["年度任务"])


class YearlyTaskOut(Schema):
    id: int
    source_task_id: int
    source_task: str
    unit_id: int
    unit: str
    content: str
    measure: str
    deadline: datetime.date
    plan_task_id: int | None
    level: str
    status: str
    latest_report_id: int | None


class YearlySetOut(Schema):
    id: int
    title: str
    document_id: int
    year: int
    office_unit: str
    state: str
    state_label: str
    plan_id: int | None
    issued_on: datetime.date | None
    task_count: int


class YearlySetDetailOut(YearlySetOut):
    tasks: list[YearlyTaskOut]


class YearlySetIn(Schema):
    document_id: int
    year: int


class YearlyTaskIn(Schema):
    source_task_id: int
    unit_id: int
    content: str
    measure: str = ""
    deadline: datetime.date


class YearlyTasksIn(Schema):
    tasks: list[YearlyTaskIn]


def _set_out(task_set) -> dict:
    return {
        "id": task_set.pk,
        "title": str(task_set),
        "document_id": task_set.document_id,
        "year": task_set.year,
        "office_unit": task_set.office_unit.name,
        "state": task_set.state,
        "state_label": task_set.get_state_display(),
        "plan_id": task_set.plan_id,
        "issued_on": task_set.issued_on,
        "task_count": task_set.tasks.count(),
    }


def _task_out(row) -> dict:
    t = row.task
    return {
        "id": t.pk,
        "source_task_id": t.source_task_id,
        "source_task": t.source_task.label,
        "unit_id": t.unit_id,
        "unit": t.unit.name,
        "content": t.content,
        "measure": t.measure,
        "deadline": t.deadline,
        "plan_task_id": t.plan_task_id,
        "level": row.level,
        "status": row.status_label,
        "latest_report_id": row.latest_report.pk if row.latest_report else None,
    }


def _detail(task_set) -> dict:
    rows = selectors.statuses(selectors.set_tasks(task_set=task_set))
    return {**_set_out(task_set), "tasks": [_task_out(r) for r in rows]}


@router.get("/yearly/sets", response={200: list[YearlySetOut], **errors()}, summary="年度任务分解列表")
def yearly_sets(request):
    return [_set_out(s) for s in selectors.set_list(user=request.principal)]


@router.get(
    "/yearly/sets/{set_id}",
    response={200: YearlySetDetailOut, **errors(404)},
    summary="年度任务分解及各项落实情况",
)
def yearly_set(request, set_id: int):
    return _detail(selectors.set_get(user=request.principal, pk=set_id))


@router.post(
    "/yearly/sets", response={200: YearlySetOut, **errors(400, 409)}, summary="新建年度任务分解（草稿）"
)
def yearly_set_create(request, body: YearlySetIn):
    require_capability(request.principal, "cogov.yearly_manage")
    document = selectors.documents_for_sets().filter(pk=body.document_id).first()
    if document is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "document_id：文件不存在")
    task_set = services.yearly_set_create(actor=request.principal, document=document, year=body.year)
    return _set_out(task_set)


@router.post(
    "/yearly/sets/{set_id}/tasks",
    response={200: YearlySetDetailOut, **errors(400, 404, 409)},
    summary="成批增加年度任务（任一行有误则都不保存）",
)
def yearly_tasks_add(request, set_id: int, body: YearlyTasksIn):
    task_set = selectors.set_get(user=request.principal, pk=set_id)
    rows = []
    for n, row in enumerate(body.tasks, start=1):
        source = PlanNode.objects.filter(pk=row.source_task_id, document_id=task_set.document_id).first()
        unit = Unit.objects.active().filter(pk=row.unit_id).first()
        if source is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, f"第{n}行来源任务：不是本文件的任务")
        if unit is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, f"第{n}行责任单位：单位不存在")
        rows.append(
            {
                "source_task": source,
                "unit": unit,
                "content": row.content,
                "measure": row.measure,
                "deadline": row.deadline,
            }
        )
    services.yearly_tasks_add(actor=request.principal, task_set=task_set, rows=rows)
    return _detail(task_set)


@router.post(
    "/yearly/sets/{set_id}/issue",
    response={200: YearlySetDetailOut, **errors(400, 404, 409)},
    summary="下达年度任务（转为督办任务）",
)
def yearly_set_issue(request, set_id: int):
    task_set = selectors.set_get(user=request.principal, pk=set_id)
    return _detail(services.yearly_set_issue(actor=request.principal, task_set=task_set))


@router.get(
    "/yearly/mine", response={200: list[YearlyTaskOut], **errors()}, summary="本单位年度任务及报送情况"
)
def yearly_mine(request, year: int | None = None):
    return [_task_out(r) for r in selectors.statuses(selectors.my_tasks(user=request.principal, year=year))]
