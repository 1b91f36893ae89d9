"""Role capabilities and row scope: who may do what, and which unit-owned rows a user may see.

Role capabilities live in `gongzhi.core.roles`; every unit-scoped queryset inherits
`ScopedQuerySet` and names (1) the path to its unit and (2) the capability that lifts the
scope. `access_or_404` fetches one object and fails the same way for "missing" and
"not yours". `require_capability` is the one permission check of services and views alike
(views get the 403 page through `gongzhi.core.http`).
"""

from django.contrib.auth import get_user_model
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.roles import role_has


def has_capability(user, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return role_has(user.role, capability)


def require_capability(actor, capability: str, *, allow_system: bool = True) -> None:
    """The permission check: the actor's role must grant `capability`.

    `actor=None` is the system (command line, demo, jobs) and may act unless `allow_system` is off.
    Raises `ApplicationError(PERMISSION_DENIED)`, which the API answers with 403 and HTML views
    show as the 403 page.
    """
    if actor is None and allow_system:
        return
    if actor is None or not actor.has_capability(capability):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限执行此操作"))


class ScopedQuerySet(models.QuerySet):
    unit_path: str = "unit"
    scope_all_capability: str = "scope.all"

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if has_capability(user, self.scope_all_capability):
            return self
        if user.unit_id is None:
            return self.none()
        return self.filter(**{self.unit_path: user.unit_id})


def access_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("页面不存在或无权访问") from exc


def user_or_none(actor):
    """The person behind an actor, for "created by" columns: None for tokens and the system."""
    return actor if isinstance(actor, get_user_model()) else None
