"""Who may do what with meetings: one place for the services, selectors and views.

- manage (create, agenda, attendance, minutes, decisions, approve): `meetings.manage` and the
  group's office unit (领导小组办公室所在单位), or an admin (`scope.all`);
- read all meetings: `meetings.view_all` (admin, leaders);
- read a group's meetings: `meetings.view` and the user's unit is a current member unit of the
  group, or its office unit;
- a unit named in a decision (lead or cooperating) sees that decision and its meeting, even when
  it is not a member.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import has_capability
from gongzhi.org.models import Group, Membership


def can_manage(user, group: Group) -> bool:
    if user is None:  # the system: demo, commands
        return True
    if not has_capability(user, "meetings.manage"):
        return False
    if has_capability(user, "scope.all"):
        return True
    return user.unit_id is not None and group.office_unit_id == user.unit_id


def require_manage(user, group: Group) -> None:
    if not can_manage(user, group):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("只有“%(group)s”办公室（%(unit)s）可以管理其会议")
            % {"group": group.name, "unit": group.office_unit or "未设置"},
        )


def sees_all(user) -> bool:
    return has_capability(user, "meetings.view_all") or has_capability(user, "scope.all")


def member_group_ids(user) -> set[int]:
    """The groups whose meetings the user's unit attends or runs."""
    if user is None or not getattr(user, "unit_id", None):
        return set()
    ids = set(Membership.objects.current().filter(unit_id=user.unit_id).values_list("group_id", flat=True))
    ids |= set(Group.objects.filter(office_unit_id=user.unit_id).values_list("pk", flat=True))
    return ids


def own_decisions_q(user, prefix: str = "") -> Q:
    unit = user.unit_id
    return Q(**{f"{prefix}lead_units": unit}) | Q(**{f"{prefix}cooperating_units": unit})
