from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("按月")
    QUARTERLY = "quarterly", _("按季")
    YEARLY = "yearly", _("按年")
    EVENT = "event", _("按事项")


class Policy(models.TextChoices):
    QUARANTINE = "quarantine", _("接收正确行，隔离错误行")
    REJECT = "reject", _("有错误即整体退回")


class SubmissionState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    VALIDATING = "validating", _("校验中")
    ACCEPTED = "accepted", _("已接收")
    PARTIAL = "partial", _("部分接收")
    REJECTED = "rejected", _("已退回")
    FAILED = "failed", _("处理失败")
    SUPERSEDED = "superseded", _("已被替代")

    @classmethod
    def visible(cls) -> list[str]:
        """States whose accepted rows count as the current data."""
        return [cls.ACCEPTED, cls.PARTIAL]


class SubmissionSource(models.TextChoices):
    UPLOAD = "upload", _("上传文件")
    API = "api", _("接口推送")
    COMMAND = "command", _("命令行")


class GrantState(models.TextChoices):
    REQUESTED = "requested", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("已拒绝")
    REVOKED = "revoked", _("已撤销")
