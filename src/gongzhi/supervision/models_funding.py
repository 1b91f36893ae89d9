"""Funding per plan task (资金保障) and a plan's publication to citizens (公开)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL


class FundingSource(models.TextChoices):
    BUDGET = "budget", _("财政预算")
    HIGHER = "higher", _("上级资金")
    SOCIAL = "social", _("社会资本")


class FundingMode(models.TextChoices):
    DIRECT = "direct", _("直接投入")
    INVESTMENT_SUBSIDY = "investment_subsidy", _("投资补助")
    AWARD = "award", _("以奖代补")
    BUILD_FIRST = "build_first", _("先建后补")


class TaskFunding(TimeStampedModel):
    """任务资金：某任务（或其下某项目）某年度某来源、某方式的计划、下达和支出金额（元）。"""

    plan = models.ForeignKey(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="+", verbose_name=_("方案")
    )
    task = models.ForeignKey(
        "plans.PlanNode", on_delete=models.CASCADE, related_name="funding", verbose_name=_("任务")
    )
    project = models.CharField(_("项目"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    source = models.CharField(_("资金来源"), max_length=20, choices=FundingSource)
    mode = models.CharField(_("支持方式"), max_length=20, choices=FundingMode)
    planned = models.DecimalField(_("计划金额（元）"), max_digits=18, decimal_places=2, default=0)
    allocated = models.DecimalField(_("已下达金额（元）"), max_digits=18, decimal_places=2, default=0)
    spent = models.DecimalField(_("已支出金额（元）"), max_digits=18, decimal_places=2, default=0)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("登记人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("任务资金")
        ordering = ["task__order", "year", "project", "source", "mode"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "project", "year", "source", "mode"],
                name="taskfunding_unique",
                violation_error_message="该任务这一项目、年度、来源和方式的资金已登记",
            ),
            models.CheckConstraint(
                condition=Q(planned__gte=0) & Q(allocated__gte=0) & Q(spent__gte=0),
                name="taskfunding_amounts_not_negative",
                violation_error_message="金额不能为负数",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="taskfunding_year_range",
                violation_error_message="年度应在2000至2100之间",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.year} {self.project or ''}".strip()


class PlanPublication(TimeStampedModel):
    """方案公开：牵头办公室决定是否在公众页面公开方案进展（只显示已审核通过的数值）。"""

    plan = models.OneToOneField(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="public_page", verbose_name=_("方案")
    )
    public = models.BooleanField(_("向公众公开"), default=False)
    intro = models.TextField(_("公众说明"), blank=True)
    changed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("设置人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("方案公开")

    def __str__(self) -> str:
        return f"{self.plan_id} {'公开' if self.public else '不公开'}"
