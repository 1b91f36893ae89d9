"""What the finance bureau enters beside the shared data: the yearly revenue plan, marks on a
revenue series (structural breaks, outlier months) and saved policy what-if scenarios.
The revenue itself is never stored here: it is read from `tax_paid` through the warehouse."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL

# the series a plan or a mark belongs to: a tax type of `tax_paid`, or all of them
TOTAL = ""


class RevenuePlan(TimeStampedModel):
    """预算收入计划：a year's planned revenue, in total (tax_type "") or for one tax type."""

    year = models.PositiveSmallIntegerField(_("年度"))
    tax_type = models.CharField(_("税种"), max_length=20, blank=True, default=TOTAL)
    amount = models.DecimalField(_("预算收入（元）"), max_digits=18, decimal_places=2)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("录入人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("预算收入计划")
        ordering = ["-year", "tax_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "tax_type"],
                name="revenue_plan_unique_year_tax_type",
                violation_error_message="该年度该税种已有预算收入计划",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.tax_type or '全部税收'}"


class MarkKind(models.TextChoices):
    BREAK = "break", _("结构性变化")
    OUTLIER = "outlier", _("异常月份")


class SeriesMark(TimeStampedModel):
    """An analyst's mark on a monthly revenue series: a structural break from a month on (e.g.
    2016 营改增, 2022 留抵退税) or one outlier month; forecasts are fitted with and without it."""

    tax_type = models.CharField(_("税种"), max_length=20, blank=True, default=TOTAL)
    period = models.CharField(_("月份"), max_length=7)  # YYYY-MM
    kind = models.CharField(_("类别"), max_length=10, choices=MarkKind)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("标注人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("序列标注")
        ordering = ["tax_type", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_type", "period", "kind"],
                name="series_mark_unique",
                violation_error_message="该月份已有同类标注",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tax_type or '全部税收'} {self.period} {self.get_kind_display()}"


class Scenario(TimeStampedModel):
    """A saved policy what-if (政策测算): the changes applied to the declaration data, the base
    period, and the result as computed when saved (recomputed on demand)."""

    name = models.CharField(_("测算名称"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    changes = models.JSONField(_("政策变化"), default=list)
    period_from = models.CharField(_("基期起"), max_length=7)
    period_to = models.CharField(_("基期止"), max_length=7)
    result = models.JSONField(_("测算结果"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("测算时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("创建人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("政策测算")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class AnalysisSetting(TimeStampedModel):
    """分析设置 (a single row): the month the economy pages analyse by default (数据截至月份);
    empty means the latest month with paid data. Analysts choose the last complete month."""

    data_end = models.CharField(_("数据截至月份"), max_length=7, blank=True)  # YYYY-MM or ""
    note = models.CharField(_("说明"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("设置人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("分析设置")

    def __str__(self) -> str:
        return f"数据截至{self.data_end or '最新月份'}"
