from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.org.selectors import unit_get
from gongzhi.plans import selectors, services

router = Router(tags=["政策文件"])


def _person(request):
    if request.principal.role == "api_token":
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("接口令牌不能访问政策文件接口"))
    return request.principal


class PlanOut(Schema):
    id: int
    title: str
    doc_number: str
    issuer: str
    issue_date: str | None
    revision: int
    office_unit: str
    task_count: int


def _plan_out(p) -> dict:
    return {
        "id": p.pk,
        "title": p.title,
        "doc_number": p.doc_number,
        "issuer": p.issuer,
        "issue_date": p.issue_date.isoformat() if p.issue_date else None,
        "revision": p.revision,
        "office_unit": p.office_unit.name,
        "task_count": getattr(p, "task_count", 0),
    }


@router.get("/plans", response={200: list[PlanOut], **errors()}, summary="方案列表")
def plans(request, q: str = ""):
    return [_plan_out(p) for p in selectors.plan_list(user=_person(request), search=q)]


@router.post(
    "/plans/parse",
    response={200: dict, **errors(400)},
    summary="解析文件（不保存），结构同 gongzhi plan parse --json",
)
def parse(request, file: File[UploadedFile]):
    user = _person(request)
    if not user.has_capability("plans.import"):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限执行此操作"))
    if file.size > services.MAX_UPLOAD_BYTES:
        raise ApplicationError(
            ErrorCode.PARSE_FAILED, _("文件“%(file)s”过大：超过 20 MB 上限") % {"file": file.name}
        )
    payload = services.plan_parse(data=file.read(), filename=file.name or "upload")
    payload.pop("texts")
    return payload


@router.get(
    "/plans/{plan_id}",
    response={200: dict, **errors(404)},
    summary="方案结构：章节、任务、责任单位、目标、节点要求；goals 为文件总体目标",
)
def plan(request, plan_id: int):
    user = _person(request)
    document = selectors.plan_get(user=user, pk=plan_id)
    nodes = []
    for row in selectors.plan_tree(document=document):
        n = row["node"]
        item = {
            "id": n.pk,
            "kind": n.kind,
            "number": n.number,
            "label": n.label,
            "depth": row["depth"],
            "parent": n.parent_id,
        }
        if n.kind == "task":
            item.update(
                text=n.text,
                title=n.title or None,
                open_ended=n.open_ended,
                units=[
                    {"unit": r.unit.name, "role": r.role, "as_written": r.name_as_written}
                    for r in n.responsibilities.all()
                ],
                targets=[
                    {
                        "indicator": t.indicator,
                        "comparator": t.comparator,
                        "value": float(t.value),
                        "value_max": float(t.value_max) if t.value_max is not None else None,
                        "unit": t.unit_of_measure or None,
                        "deadline_year": t.deadline_year,
                        "per": t.per or None,
                    }
                    for t in n.targets.all()
                ],
                milestones=[{"text": m.text, "deadline_year": m.deadline_year} for m in n.milestones.all()],
            )
        nodes.append(item)
    return {**_plan_out(document), "goals": document.goals, "nodes": nodes}


@router.get(
    "/plans/units/{unit_id}/tasks",
    response={200: list[dict], **errors(404)},
    summary="某单位承担的任务（跨方案）",
)
def unit_tasks(request, unit_id: int):
    user = _person(request)
    unit = unit_get(pk=unit_id)
    return [
        {
            "plan": r.task.document.title,
            "task_id": r.task_id,
            "number": r.task.number,
            "title": r.task.display_title,
            "role": r.role,
        }
        for r in selectors.unit_tasks(user=user, unit=unit)
    ]
