"""/api/v1/cogov/grid/: grid verification (网格联动) — grids, verification tasks, create, dispatch,
submit a result with photos, review. The same services, permissions and audit as the pages; API
tokens have no grid capabilities (a person acts here)."""

import datetime
import json

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from gongzhi.accounts.models import User
from gongzhi.cogov import selectors_grid as selectors
from gongzhi.cogov import services_grid as services
from gongzhi.cogov.choices_grid import VerificationKind
from gongzhi.cogov.models_grid import Grid, VerificationTask
from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability
from gongzhi.taxrisk.selectors import lead_get

router = Router(tags=["网格核查"])


class GridOut(Schema):
    id: int
    name: str
    town_id: int
    town: str
    area: str
    active: bool
    tax_manager: str | None
    workers: list[str]


class FindingOut(Schema):
    item: str
    result: str
    note: str


class TaskOut(Schema):
    id: int
    kind: str
    kind_name: str
    uscc: str
    taxpayer_name: str
    address: str
    grid_id: int
    grid: str
    state: str
    state_name: str
    source: str
    lead_id: int | None
    due_date: datetime.date
    assignee: str | None
    findings: list[FindingOut]
    summary: str
    location: str
    photos: list[int]
    return_reason: str
    review_note: str


def _grid_out(grid: Grid) -> dict:
    return {
        "id": grid.pk,
        "name": grid.name,
        "town_id": grid.town_id,
        "town": grid.town.name,
        "area": grid.area,
        "active": grid.active,
        "tax_manager": str(grid.tax_manager) if grid.tax_manager else None,
        "workers": [str(w) for w in grid.workers.all()],
    }


def _task_out(task: VerificationTask) -> dict:
    return {
        "id": task.pk,
        "kind": task.kind,
        "kind_name": task.get_kind_display(),
        "uscc": task.uscc,
        "taxpayer_name": task.taxpayer_name,
        "address": task.address,
        "grid_id": task.grid_id,
        "grid": str(task.grid),
        "state": task.state,
        "state_name": task.get_state_display(),
        "source": task.source,
        "lead_id": task.lead_id,
        "due_date": task.due_date,
        "assignee": str(task.assignee) if task.assignee else None,
        "findings": task.findings,
        "summary": task.summary,
        "location": task.location,
        "photos": [p.pk for p in task.photos.all()],
        "return_reason": task.return_reason,
        "review_note": task.review_note,
    }


@router.get(
    "/grid/grids", response={200: list[GridOut], **errors()}, summary="网格：网格员和税收管理员（按本人范围）"
)
def grid_grids(request, town_id: int | None = None):
    return [_grid_out(g) for g in selectors.grid_list(user=request.principal, town_id=town_id)]


@router.get(
    "/grid/tasks",
    response={200: list[TaskOut], **errors()},
    summary="网格核查任务（state 可为 open、overdue 或某一状态；按本人范围）",
)
def grid_tasks(request, state: str = "", grid_id: int | None = None, kind: str = "", limit: int = 200):
    rows = selectors.task_list(user=request.principal, state=state, grid_id=grid_id, kind=kind)
    return [_task_out(t) for t in rows.prefetch_related("photos")[: max(1, min(limit, 1000))]]


@router.get(
    "/grid/tasks/{task_id}", response={200: TaskOut, **errors(404)}, summary="一个网格核查任务（留痕）"
)
def grid_task(request, task_id: int):
    return _task_out(selectors.task_get(user=request.principal, pk=task_id))


class TaskIn(Schema):
    kind: VerificationKind
    uscc: str = ""
    due_date: datetime.date
    taxpayer_name: str = ""
    address: str = ""
    grid_id: int | None = None
    lead_id: int | None = None
    instructions: str = ""


@router.post(
    "/grid/tasks",
    response={200: TaskOut, **errors(400, 404, 503)},
    summary="新建核查任务（待派发）：从疑点（lead_id）或按统一社会信用代码；网格留空则按所属镇街确定",
)
def grid_task_create(request, payload: TaskIn):
    actor = request.principal
    require_capability(actor, "cogov.grid_create")
    grid = get_object_or_404(Grid, pk=payload.grid_id) if payload.grid_id else None
    if payload.lead_id:
        lead = lead_get(user=actor, pk=payload.lead_id, purpose="发起网格核查")
        created = services.task_create_from_lead(
            actor=actor,
            lead=lead,
            kind=payload.kind,
            due_date=payload.due_date,
            grid=grid,
            instructions=payload.instructions,
        )
    else:
        created = services.task_create(
            actor=actor,
            kind=payload.kind,
            uscc=payload.uscc,
            due_date=payload.due_date,
            taxpayer_name=payload.taxpayer_name,
            address=payload.address,
            grid=grid,
            instructions=payload.instructions,
        )
    return _task_out(created)


class DispatchIn(Schema):
    assignee_id: int | None = None
    due_date: datetime.date | None = None


@router.post(
    "/grid/tasks/{task_id}/dispatch",
    response={200: TaskOut, **errors(400, 404, 409)},
    summary="派发给网格（可指定网格员、调整期限）",
)
def grid_task_dispatch(request, task_id: int, payload: DispatchIn):
    actor = request.principal
    require_capability(actor, "cogov.grid_create")
    item = selectors.task_get(user=actor, pk=task_id, audit=False)
    assignee = User.objects.filter(pk=payload.assignee_id).first() if payload.assignee_id else None
    if payload.assignee_id and assignee is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("网格员：不存在"))
    return _task_out(
        services.task_dispatch(actor=actor, task=item, assignee=assignee, due_date=payload.due_date)
    )


@router.post(
    "/grid/tasks/{task_id}/submit",
    response={200: TaskOut, **errors(400, 404, 409)},
    summary="网格员提交核查结果（multipart：findings 为 JSON 数组 [{item, result, note}]，photos 1至5张 jpg/png，location）",
)
def grid_task_submit(
    request,
    task_id: int,
    findings: Form[str],
    location: Form[str] = "",
    summary: Form[str] = "",
    photos: File[list[UploadedFile]] = None,
):
    actor = request.principal
    require_capability(actor, "cogov.grid_work")
    item = selectors.task_get(user=actor, pk=task_id, audit=False)
    try:
        parsed = json.loads(findings)
        if not isinstance(parsed, list) or not all(isinstance(f, dict) for f in parsed):
            raise ValueError
    except ValueError:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT, _("核查结果：应为 JSON 数组 [{item, result, note}]")
        ) from None
    uploads = list(photos or [])
    if len(uploads) > services.MAX_PHOTOS:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("现场照片：最多5张"))
    if any(u.size > services.MAX_PHOTO_BYTES for u in uploads):
        raise ApplicationError(ErrorCode.INVALID_FILE, _("现场照片：每张不超过 10 MB"))
    done = services.task_submit(
        actor=actor,
        task=item,
        findings=parsed,
        summary=summary,
        location=location,
        photos=[(u.name, u.read()) for u in uploads],
    )
    return _task_out(done)


class ReviewIn(Schema):
    accept: bool
    note: str = ""


@router.post(
    "/grid/tasks/{task_id}/review",
    response={200: TaskOut, **errors(400, 404, 409)},
    summary="税收管理员复核：通过（结果回流疑点或纳税人核查记录）或退回重做（note 为退回原因）",
)
def grid_task_review(request, task_id: int, payload: ReviewIn):
    actor = request.principal
    require_capability(actor, "cogov.grid_review")
    item = selectors.task_get(user=actor, pk=task_id, audit=False)
    return _task_out(services.task_review(actor=actor, task=item, accept=payload.accept, note=payload.note))
