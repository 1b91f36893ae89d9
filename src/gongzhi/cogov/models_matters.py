"""重要事项报告 (二、（二）重要事项及时报告): any unit files a report to the co-governance office, which
acknowledges it (签收) within a due time set by its urgency, may assign it to a unit (交办) and closes
it (办结)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel

__all__ = ["ImportantMatter", "ImportantMatterAttachment"]


class MatterKind(models.TextChoices):
    TAX_SOURCE = "tax_source", _("重大税源变化")
    TAX_RISK = "tax_risk", _("重大涉税风险")
    POLICY = "policy", _("政策执行问题")
    DATA_SHARING = "data_sharing", _("数据共享问题")
    OTHER = "other", _("其他")


class MatterUrgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    CRITICAL = "critical", _("特急")


class MatterState(models.TextChoices):
    FILED = "filed", _("待签收")
    ACKNOWLEDGED = "acknowledged", _("已签收")
    ASSIGNED = "assigned", _("已交办")
    CLOSED = "closed", _("已办结")


class ImportantMatterQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office and the leader see every matter; a unit the matters it filed and those
        assigned to it."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.has_capability("cogov.matters_view_all"):
            return self
        if user.unit_id is None:
            return self.none()
        return self.filter(Q(unit_id=user.unit_id) | Q(assigned_unit_id=user.unit_id))


class ImportantMatter(TimeStampedModel):
    """重要事项报告：报告单位、类别、紧急程度、事实情况；签收、交办、办结。"""

    title = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类别"), max_length=20, choices=MatterKind)
    urgency = models.CharField(
        _("紧急程度"), max_length=10, choices=MatterUrgency, default=MatterUrgency.NORMAL
    )
    facts = models.TextField(_("事实情况"))
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("报告单位")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_on = models.DateField(_("报告日期"))
    due_date = models.DateField(_("签收期限"))
    state = models.CharField(_("状态"), max_length=15, choices=MatterState, default=MatterState.FILED)
    acknowledged_on = models.DateField(_("签收日期"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承办单位"),
    )
    deadline = models.DateField(_("办理期限"), null=True, blank=True)
    assign_note = models.TextField(_("交办意见"), blank=True)
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    result = models.TextField(_("办结情况"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ImportantMatterQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("重要事项报告")
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class ImportantMatterAttachment(models.Model):
    """附件：存放在数据目录（非公开），经权限检查后下载。"""

    matter = models.ForeignKey(
        ImportantMatter, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("重要事项")
    )
    filename = models.CharField(_("文件名"), max_length=255)
    file_path = models.CharField(max_length=500)
    size = models.PositiveIntegerField(_("大小"))
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("重要事项附件")
        ordering = ["matter", "pk"]

    def __str__(self) -> str:
        return self.filename
