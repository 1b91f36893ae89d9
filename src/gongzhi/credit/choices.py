from django.db import models
from django.utils.translation import gettext_lazy as _

LEVELS = ("A", "B", "M", "C", "D")


class Level(models.TextChoices):
    A = "A", _("A级")
    B = "B", _("B级")
    M = "M", _("M级")
    C = "C", _("C级")
    D = "D", _("D级")


class MeasureKind(models.TextChoices):
    INCENTIVE = "incentive", _("联合激励")
    PUNISHMENT = "punishment", _("联合惩戒")


class Scenario(models.TextChoices):
    """The exact scenario codes other departments use in the check (issue 13)."""

    PROCUREMENT = "procurement", _("政府采购")
    BIDDING = "bidding", _("招标投标")
    SUBSIDY = "subsidy", _("财政补助与专项资金")
    HONOURS = "honours", _("评先树优")
    DEPUTIES = "deputies", _("“两代表一委员”资格审核")
    FINANCING = "financing", _("投融资与融资担保")
    MARKET_ACCESS = "market_access", _("企业经营与市场准入")


class Decision(models.TextChoices):
    PENDING = "pending", _("待记录")
    APPLIED = "applied", _("已实施")
    NOT_APPLIED = "not_applied", _("未实施")


class CheckChannel(models.TextChoices):
    PAGE = "page", _("页面查询")
    API = "api", _("接口查询")
    COMMAND = "command", _("命令行")
