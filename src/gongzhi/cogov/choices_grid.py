"""Choices of grid verification (网格联动, 周政办字〔2023〕10号 二、（一）)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerificationKind(models.TextChoices):
    ADDRESS = "address", _("地址核实")
    STATUS = "status", _("经营状态")
    SIGNAGE = "signage", _("门头招牌")
    ACTIVITY = "activity", _("经营活动")
    POLICY = "policy", _("政策送达")


class VerificationState(models.TextChoices):
    PENDING = "pending", _("待派发")
    DISPATCHED = "dispatched", _("已派发")
    SUBMITTED = "submitted", _("已完成（待复核）")
    REVIEWED = "reviewed", _("已复核")
    RETURNED = "returned", _("退回重做")

    @classmethod
    def open(cls) -> list[str]:
        """Not yet reviewed: still to be done by the grid or its tax manager."""
        return [cls.PENDING, cls.DISPATCHED, cls.SUBMITTED, cls.RETURNED]

    @classmethod
    def in_the_field(cls) -> list[str]:
        """With the grid worker: counted against the due date."""
        return [cls.DISPATCHED, cls.RETURNED]


class VerificationSource(models.TextChoices):
    LEAD = "lead", _("风险疑点")
    REGISTRY = "registry", _("登记信息")
    MANUAL = "manual", _("手工录入")


class FindingResult(models.TextChoices):
    TRUE = "true", _("属实")
    FALSE = "false", _("不属实")
    UNKNOWN = "unknown", _("无法核实")


class RegistrySelection(models.TextChoices):
    ABNORMAL = "abnormal", _("非正常户")
    NEW = "new", _("近30日新登记")


# the items a grid worker checks for each kind of task, in the words of the field
CHECK_ITEMS: dict[str, list[str]] = {
    VerificationKind.ADDRESS: ["登记地址真实存在", "纳税人在登记地址实际经营"],
    VerificationKind.STATUS: ["正在经营", "经营状态与登记状态一致"],
    VerificationKind.SIGNAGE: ["设有门头招牌", "招牌名称与登记名称一致"],
    VerificationKind.ACTIVITY: ["经营活动与登记行业一致", "经营规模与申报情况大致相符"],
    VerificationKind.POLICY: ["政策材料已送达", "纳税人已知悉政策内容"],
}
