"""Inspections (督查检查), findings, rectification (整改) and good-practice cases (优秀工作案例).

The models were in supervision until the app was split; their tables keep the old names
(`Meta.db_table`), so moving them changed no table (see migrations/0001_initial.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel
from gongzhi.inspections.choices import CaseState, InspectionKind, RectificationState

User = settings.AUTH_USER_MODEL


class Inspection(TimeStampedModel):
    """督查检查：定期督查、“四不两直”暗访、第三方评估、面对面访谈。"""

    plan = models.ForeignKey(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="inspections", verbose_name=_("方案")
    )
    kind = models.CharField(_("方式"), max_length=20, choices=InspectionKind)
    date = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="inspections", verbose_name=_("被检查单位")
    )
    inspector = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("检查人"))
    summary = models.TextField(_("检查情况"), blank=True)

    class Meta:
        db_table = "supervision_inspection"  # kept from when the model was in supervision
        verbose_name = verbose_name_plural = _("督查检查")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.unit} {self.get_kind_display()}"


class Finding(models.Model):
    """检查发现的问题；需要整改的，形成整改事项。"""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("发现问题"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "supervision_finding"  # kept from when the model was in supervision
        verbose_name = verbose_name_plural = _("发现问题")
        ordering = ["inspection", "order"]

    def __str__(self) -> str:
        return self.text[:40]


class Rectification(TimeStampedModel):
    """整改事项：单位须在期限内整改并附佐证，办公室销号。"""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="rectifications")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="rectifications", verbose_name=_("整改单位")
    )
    requirement = models.TextField(_("整改要求"))
    deadline = models.DateField(_("整改期限"))
    state = models.CharField(
        _("状态"), max_length=20, choices=RectificationState, default=RectificationState.OPEN
    )
    result = models.TextField(_("整改结果"), blank=True)
    closed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)

    class Meta:
        db_table = "supervision_rectification"  # kept from when the model was in supervision
        verbose_name = verbose_name_plural = _("整改事项")
        ordering = ["deadline"]

    def __str__(self) -> str:
        return self.requirement[:40]


class GoodPracticeCase(TimeStampedModel):
    """优秀工作案例：单位报送，办公室遴选并公开。"""

    plan = models.ForeignKey(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="cases", verbose_name=_("方案")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name=_("单位")
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("案例内容"))
    state = models.CharField(_("状态"), max_length=20, choices=CaseState, default=CaseState.SUBMITTED)
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)

    class Meta:
        db_table = "supervision_goodpracticecase"  # kept from when the model was in supervision
        verbose_name = verbose_name_plural = _("优秀工作案例")
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title
