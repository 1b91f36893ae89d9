from django.utils.translation import gettext as _
from ninja import Router, Schema

from gongzhi.accounts.models import User
from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode

router = Router(tags=["账号"])


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    unit: str | None
    role: str
    is_active: bool


@router.get("/users", response={200: list[UserOut], **errors()}, summary="用户列表（系统管理员）")
def users(request):
    if not request.principal.has_capability("accounts.manage_users"):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限执行此操作"))
    return [
        {
            "id": u.pk,
            "username": u.username,
            "full_name": u.full_name,
            "unit": u.unit.name if u.unit else None,
            "role": u.role,
            "is_active": u.is_active,
        }
        for u in User.objects.visible_to(request.principal).select_related("unit")
    ]
