"""Who may do what with councils and suggestions: one place for services, selectors and views.

- the women-and-children's office (`children.manage`) runs everything: councils, members,
  sessions, routing and publishing;
- a council's facilitator unit (`children.facilitate` and the user's unit is the council's
  facilitator unit) keeps that council's members and sessions and enters its suggestions;
- members (minors' data) are read only by those two; every read is audited (selectors);
  everyone else with `children.view` sees counts only;
- a unit answers the suggestions routed to it (`children.answer` and its own unit only).
"""

from django.utils.translation import gettext as _

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import has_capability


def can_manage(user) -> bool:
    return user is None or has_capability(user, "children.manage")


def can_facilitate(user, council) -> bool:
    if can_manage(user):
        return True
    return (
        has_capability(user, "children.facilitate")
        and user.unit_id is not None
        and council.facilitator_unit_id == user.unit_id
    )


def can_see_members(user, council) -> bool:
    return can_facilitate(user, council)


def can_view(user) -> bool:
    return has_capability(user, "children.view") or has_capability(user, "children.answer")


def sees_all_suggestions(user) -> bool:
    return can_manage(user) or has_capability(user, "supervision.view_all")


def can_answer(user, suggestion) -> bool:
    if user is None:
        return True
    if not has_capability(user, "children.answer"):
        return False
    if has_capability(user, "scope.all"):
        return True
    return user.unit_id is not None and suggestion.unit_id == user.unit_id


def _deny(message: str) -> None:
    raise ApplicationError(ErrorCode.PERMISSION_DENIED, message)


def require_manage(user) -> None:
    if not can_manage(user):
        _deny(_("只有区妇儿工委办公室可以执行此操作"))


def require_facilitate(user, council) -> None:
    if not can_facilitate(user, council):
        _deny(
            _("只有“%(council)s”的辅导单位（%(unit)s）和区妇儿工委办公室可以执行此操作")
            % {"council": council.name, "unit": council.facilitator_unit.name}
        )


def require_answer(user, suggestion) -> None:
    if not can_answer(user, suggestion):
        _deny(_("只有承办单位可以答复这条建议"))
