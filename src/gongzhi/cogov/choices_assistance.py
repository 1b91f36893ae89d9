from django.db import models
from django.utils.translation import gettext_lazy as _


class Condition(models.TextChoices):
    """The tax conditions an assistance item checks (查验条件)."""

    TAX_PAID = "tax_paid", _("完税")
    NO_ARREARS = "no_arrears", _("无欠税")
    CREDIT_LEVEL = "credit_level", _("纳税信用级别")
    NOT_ABNORMAL = "not_abnormal", _("非非正常户")


class VersionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已批准")


class Outcome(models.TextChoices):
    """What the department records after a look-up (查验结果)."""

    PENDING = "pending", _("待记录")
    PASSED = "passed", _("查验通过")
    FAILED = "failed", _("未通过")


class LookupChannel(models.TextChoices):
    PAGE = "page", _("页面")
    API = "api", _("接口")


CREDIT_LEVELS = ["A", "B", "M", "C", "D"]
TAX_TYPES = [
    "增值税",
    "企业所得税",
    "个人所得税",
    "契税",
    "土地增值税",
    "房产税",
    "城镇土地使用税",
    "印花税",
    "城市维护建设税",
]
