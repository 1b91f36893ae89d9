"""Who may do what with impact assessments and the spaces register: one place for the
services, selectors and views.

- read every assessment: the office (`children.manage`), leaders and evaluators
  (`supervision.view_all`); a unit reads its own (`children.view`);
- draft, answer, attach, submit: `children.assess_impact` and the assessment's owner unit, while
  it is a draft or returned;
- review (return, sign off) and edit the checklist: `children.manage` (妇儿工委办公室);
- spaces: everyone with `children.view` reads the register; the office enters any space, a unit
  (`supervision.report`) the spaces it is responsible for; counting targets: the office.
"""

from django.utils.translation import gettext as _

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import has_capability


def _denied(message: str = "") -> ApplicationError:
    return ApplicationError(ErrorCode.PERMISSION_DENIED, message or _("没有权限执行此操作"))


def is_office(user) -> bool:
    return user is None or has_capability(user, "children.manage")


def sees_all_assessments(user) -> bool:
    return is_office(user) or has_capability(user, "supervision.view_all")


def can_draft(user, unit) -> bool:
    if user is None:
        return True
    if not has_capability(user, "children.assess_impact"):
        return False
    return has_capability(user, "scope.all") or (unit is not None and user.unit_id == unit.pk)


def require_draft(user, unit) -> None:
    if not can_draft(user, unit):
        raise _denied(_("只有责任单位（%(unit)s）可以填写本单位的儿童影响评价") % {"unit": unit})


def require_office(user) -> None:
    if not is_office(user):
        raise _denied(_("只有妇儿工委办公室可以执行此操作"))


def can_enter_space(user, responsible_unit) -> bool:
    if is_office(user):
        return True
    return (
        has_capability(user, "supervision.report")
        and has_capability(user, "children.view")
        and responsible_unit is not None
        and user.unit_id == responsible_unit.pk
    )


def require_enter_space(user, responsible_unit) -> None:
    if not can_enter_space(user, responsible_unit):
        raise _denied(_("只有责任单位或妇儿工委办公室可以登记该空间"))
