"""Grid verification (网格联动, 周政办字〔2023〕10号 二、（一）): grids under the towns and streets,
their grid workers (网格员) and tax manager (税收管理员), verification tasks (信息核查、政策宣传)
with findings and photos, and the notes they leave on a taxpayer."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import User
from gongzhi.cogov.choices_grid import VerificationKind, VerificationSource, VerificationState
from gongzhi.core.models import TimeStampedModel
from gongzhi.core.roles import Role
from gongzhi.org.choices import TOWN_KINDS

__all__ = ["Grid", "TaxpayerNote", "VerificationPhoto", "VerificationTask"]


def grid_scope(user, prefix: str = "") -> Q | None:
    """The grids `user` may see, as a filter on `prefix` (e.g. "grid__"): None for all of them,
    Q(pk__in=[]) for none. Grid worker: his grids; tax manager: those he manages; a town's
    liaison: its town's (read-only); the office and the leader: all."""
    if not getattr(user, "is_authenticated", False) or not user.has_capability("cogov.grid_view"):
        return Q(pk__in=[])
    if user.has_capability("cogov.grid_view_all"):
        return None
    if user.role == Role.GRID_WORKER:
        return Q(**{f"{prefix}workers": user})
    if user.role == Role.TAX_OFFICER:
        return Q(**{f"{prefix}tax_manager": user})
    if user.role == Role.LIAISON and user.unit_id and user.unit.kind in TOWN_KINDS:
        return Q(**{f"{prefix}town_id": user.unit_id})
    return Q(pk__in=[])


class GridQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = grid_scope(user)
        return self if scope is None else self.filter(scope).distinct()


class Grid(TimeStampedModel):
    """网格：镇（街道）下划分的综治网格，配网格员和税收管理员。"""

    town = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="grids",
        verbose_name=_("所属镇街"),
        limit_choices_to={"kind__in": TOWN_KINDS},
    )
    name = models.CharField(_("网格名称"), max_length=100)
    area = models.CharField(_("网格范围"), max_length=200, blank=True)
    workers = models.ManyToManyField(User, blank=True, related_name="grids", verbose_name=_("网格员"))
    tax_manager = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_grids",
        verbose_name=_("税收管理员"),
    )
    active = models.BooleanField(_("启用"), default=True)

    objects = GridQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("网格")
        ordering = ["town__sort_order", "town__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["town", "name"],
                name="grid_unique_name_in_town",
                violation_error_message=_("该镇街已有同名网格"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.town.name}{self.name}"


class VerificationTaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = grid_scope(user, "grid__")
        return self if scope is None else self.filter(scope).distinct()


class VerificationTask(TimeStampedModel):
    """网格核查任务：信息核查（地址、经营状态、门头招牌、经营活动）或政策送达，派给网格，由网格员现场
    核查并拍照、定位，税收管理员复核。"""

    kind = models.CharField(_("核查类型"), max_length=20, choices=VerificationKind)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("网格"))
    assignee = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("网格员")
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=VerificationState, default=VerificationState.PENDING, db_index=True
    )
    source = models.CharField(
        _("来源"), max_length=20, choices=VerificationSource, default=VerificationSource.MANUAL
    )
    source_note = models.CharField(_("来源说明"), max_length=200, blank=True)
    lead = models.ForeignKey(
        "taxrisk.Lead",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("疑点"),
    )
    instructions = models.TextField(_("核查要求"), blank=True)
    due_date = models.DateField(_("完成期限"))
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dispatched_at = models.DateTimeField(_("派发时间"), null=True, blank=True)
    findings = models.JSONField(_("核查结果"), default=list, blank=True)
    summary = models.TextField(_("核查情况"), blank=True)
    location = models.CharField(_("位置"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("核查人")
    )
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("复核人")
    )
    review_note = models.TextField(_("复核意见"), blank=True)
    return_reason = models.TextField(_("退回原因"), blank=True)

    objects = VerificationTaskQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("网格核查任务")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.taxpayer_name}"


class VerificationPhoto(models.Model):
    """现场照片：jpg、png，校验类型和大小，存放在数据目录（不公开）。"""

    task = models.ForeignKey(VerificationTask, on_delete=models.CASCADE, related_name="photos")
    filename = models.CharField(_("文件名"), max_length=200)
    file_path = models.CharField(max_length=500)
    size = models.PositiveIntegerField(_("大小"))
    content_type = models.CharField(max_length=50)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("现场照片")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.filename


class TaxpayerNote(models.Model):
    """纳税人核查记录：从登记信息发起的核查经复核后，记在纳税人名下。"""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200)
    note = models.TextField(_("核查结论"))
    task = models.ForeignKey(
        VerificationTask, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("纳税人核查记录")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.taxpayer_name} {self.note[:20]}"
