from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PARTY = "party", _("区委部门")
    GOVERNMENT = "government", _("政府部门")
    VERTICAL = "vertical", _("垂直管理")
    MASS_ORG = "mass_org", _("群团")
    JUDICIAL = "judicial", _("司法")
    TOWN = "town", _("镇")
    SUBDISTRICT = "subdistrict", _("街道")
    DEV_ZONE = "dev_zone", _("开发区")
    VILLAGE = "village", _("村")
    COMMUNITY = "community", _("社区")
    SCHOOL = "school", _("学校")
    KINDERGARTEN = "kindergarten", _("幼儿园")
    OTHER = "other", _("其他")


# the units below the towns: 村 and 社区 sit under a town, subdistrict or zone; schools and
# kindergartens under one of those or under a village or community
BASE_UNIT_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY)
BELOW_TOWN_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY, UnitKind.SCHOOL, UnitKind.KINDERGARTEN)
TOWN_KINDS = (UnitKind.TOWN, UnitKind.SUBDISTRICT, UnitKind.DEV_ZONE)


class GroupKind(models.TextChoices):
    LEADING_GROUP = "leading_group", _("领导小组")
    COMMITTEE = "committee", _("委员会")
    JOINT_MEETING = "joint_meeting", _("联席会议")
    TASK_FORCE = "task_force", _("工作专班")
    OTHER = "other", _("其他")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("组长")
    DEPUTY = "deputy", _("副组长")
    MEMBER = "member", _("成员")
    OFFICE_DIRECTOR = "office_director", _("办公室主任")

    @classmethod
    def from_label(cls, label: str) -> "MemberRole | None":
        label = "".join(label.split()).rstrip(":：")
        for choice in cls:
            if choice.label == label:
                return choice
        return {"主任": cls.OFFICE_DIRECTOR, "成员单位": cls.MEMBER}.get(label)
