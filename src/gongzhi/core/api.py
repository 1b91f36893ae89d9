from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema

from gongzhi.core import selectors
from gongzhi.core.exceptions import ApplicationError, ErrorCode

router = Router(tags=["基础"])


class MeOut(Schema):
    kind: str
    username: str
    unit: str | None
    role: str


@router.get("/me", response=MeOut, summary="当前调用者")
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


@router.get("/jobs/{job_id}", response=JobOut, summary="后台任务状态")
def job_get(request, job_id: int):
    if request.principal.role == "api_token":
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("接口令牌不能查看后台任务"))
    return selectors.job_get(user=request.principal, pk=job_id)
