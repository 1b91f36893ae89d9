from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadStatus(models.TextChoices):
    NEW = "new", _("新疑点")
    DISPATCHED = "dispatched", _("已派发")
    VERIFYING = "verifying", _("核实中")
    CONFIRMED = "confirmed", _("已确认")
    DISMISSED = "dismissed", _("已排除")

    @classmethod
    def open(cls) -> list[str]:
        return [cls.NEW, cls.DISPATCHED, cls.VERIFYING]


class DismissReason(models.TextChoices):
    DATA_ERROR = "data_error", _("数据错误")
    ALREADY_PAID = "already_paid", _("已在其他期间或他处缴纳")
    NOT_TAXABLE = "not_taxable", _("不属于应税行为")
    EXEMPT = "exempt", _("符合减免税政策")
    DUPLICATE = "duplicate", _("重复线索")
    OTHER = "other", _("其他")


class RunState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Engine(models.TextChoices):
    DUCKDB = "duckdb", _("DuckDB（单机）")
    SPARK = "spark", _("Spark（集群）")


class RulePurpose(models.TextChoices):
    """What a rule's rows are: leads (风险规则, R01…) or taxpayers to tell about a preference they
    are eligible for and not enjoying (政策推送规则, P01…; the credit app runs them)."""

    RISK = "risk", _("风险识别")
    PUSH = "push", _("政策推送")

    @classmethod
    def of_code(cls, code: str) -> "RulePurpose":
        return cls.PUSH if code.upper().startswith("P") else cls.RISK
