from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema

from gongzhi.core import selectors
from gongzhi.core.exceptions import ApplicationError, ErrorCode

router = Router(tags=["基础"])


class ErrorOut(Schema):
    """Every error the API answers (`gongzhi.api` renders them all): a stable code, a message a
    person can act on (Chinese), details (e.g. the invalid parameters under "errors")."""

    code: str
    message: str
    extra: dict


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers of an operation, for its `response=`: every operation may answer 401
    (no valid login or token), 403 (not allowed; a session's unsafe request without its CSRF
    token) and 422 (parameters that do not fit the schema); add 400 (a service refused the
    input), 404 (missing or not yours), 409 (the state does not allow it), 503 (a stored data
    file is missing) where the operation can answer them."""
    return dict.fromkeys(sorted({401, 403, 422, *statuses}), ErrorOut)


class MeOut(Schema):
    kind: str
    username: str
    unit: str | None
    role: str


@router.get("/me", response={200: MeOut, **errors()}, summary="当前调用者")
def me(request):
    principal = request.principal
    return {
        "kind": "token" if principal.role == "api_token" else "user",
        "username": principal.get_username(),
        "unit": principal.unit.name if principal.unit else None,
        "role": principal.role,
    }


class JobOut(Schema):
    id: int
    kind: str
    title: str
    state: str
    progress: int
    message: str
    result: dict | list | None
    error: str
    created_at: datetime
    finished_at: datetime | None


@router.get("/jobs/{job_id}", response={200: JobOut, **errors(404)}, summary="后台任务状态")
def job_get(request, job_id: int):
    if request.principal.role == "api_token":
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("接口令牌不能查看后台任务"))
    return selectors.job_get(user=request.principal, pk=job_id)
