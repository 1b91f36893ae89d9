from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.models import TimeStampedModel
from gongzhi.core.permissions import ScopedQuerySet
from gongzhi.exchange.choices import (
    Frequency,
    GrantState,
    Policy,
    SubmissionSource,
    SubmissionState,
)


class Dataset(TimeStampedModel):
    """需求清单中的一项数据：由谁提供、谁使用、依据和用途、频率、字段（见版本）。"""

    code = models.CharField(_("代码"), max_length=63, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    provider_units = models.ManyToManyField(
        "org.Unit", related_name="provided_datasets", verbose_name=_("提供单位")
    )
    consumer_units = models.ManyToManyField(
        "org.Unit", related_name="consumed_datasets", blank=True, verbose_name=_("使用单位")
    )
    legal_basis = models.CharField(_("依据"), max_length=300, blank=True)
    purpose = models.CharField(_("用途"), max_length=300, blank=True)
    frequency = models.CharField(_("更新频率"), max_length=20, choices=Frequency, default=Frequency.MONTHLY)
    due_day = models.PositiveSmallIntegerField(
        _("报送日"), null=True, blank=True, help_text=_("每期结束后的第几天前报送")
    )
    policy = models.CharField(_("错误处理"), max_length=20, choices=Policy, default=Policy.QUARANTINE)
    current_version = models.ForeignKey(
        "DatasetVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("当前版本"),
    )
    order = models.PositiveIntegerField(_("序号"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("数据项")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class DatasetVersion(models.Model):
    """字段规范的一个版本：字段变化即新版本，旧报送保留其版本。"""

    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="versions", verbose_name=_("数据项")
    )
    version = models.PositiveIntegerField(_("版本"))
    spec = models.JSONField(_("规范"))
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("数据项版本")
        ordering = ["dataset", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "version"], name="datasetversion_unique_version"),
            models.UniqueConstraint(
                fields=["dataset", "fingerprint"], name="datasetversion_unique_fingerprint"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset.code} v{self.version}"

    def to_spec(self):
        from gongzhi.exchange.validation.spec import load_spec

        return load_spec(self.spec)


class SubmissionQuerySet(ScopedQuerySet):
    scope_all_capability = "exchange.view_all_submissions"

    def current(self):
        return self.filter(state__in=SubmissionState.visible())


class Submission(TimeStampedModel):
    """一次报送：某单位某期的一个数据项，校验后正确行写入一个 Parquet 文件（不可变）。"""

    dataset = models.ForeignKey(
        Dataset, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("数据项")
    )
    version = models.ForeignKey(
        DatasetVersion, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("规范版本")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="submissions", verbose_name=_("报送单位")
    )
    period = models.CharField(_("期间"), max_length=30)
    period_label = models.CharField(_("期间名称"), max_length=60)
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    source = models.CharField(_("来源"), max_length=20, choices=SubmissionSource)
    filename = models.CharField(_("文件名"), max_length=255, blank=True)
    file_path = models.CharField(max_length=500, blank=True)
    size = models.PositiveBigIntegerField(_("大小"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=SubmissionState, default=SubmissionState.QUEUED, db_index=True
    )
    rows = models.PositiveIntegerField(_("行数"), default=0)
    accepted = models.PositiveIntegerField(_("接收行数"), default=0)
    rejected = models.PositiveIntegerField(_("错误行数"), default=0)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    errors = models.JSONField(_("错误（前若干条）"), default=list, blank=True)
    file_errors = models.JSONField(_("文件级错误"), default=list, blank=True)
    parquet_path = models.CharField(max_length=500, blank=True)
    quarantine_path = models.CharField(max_length=500, blank=True)
    report_path = models.CharField(max_length=500, blank=True)
    seconds = models.FloatField(_("耗时（秒）"), null=True, blank=True)
    job = models.ForeignKey("core.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("报送人"),
    )
    submitted_via = models.CharField(_("报送方式说明"), max_length=100, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        verbose_name=_("被替代为"),
    )
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("报送")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["dataset", "unit", "period", "state"])]

    def __str__(self) -> str:
        return f"{self.dataset.name} · {self.unit} · {self.period_label}（第{self.pk}号）"

    def outcome(self, *, row_shift: int = 0, file_error_row: int = 0) -> dict:
        """The result as the API and the command report it: status, counts and every error, a
        whole-file problem on ``file_error_row`` and row numbers less ``row_shift``."""
        return {
            "submission": self.pk,
            "status": self.state if self.state in {"accepted", "partial"} else "rejected",
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "errors": [
                {"row": file_error_row, "field": None, "value": "", "reason": m}
                for m in self.file_errors
                if not m.startswith("提示：")
            ]
            + [
                {"row": e["row"] - row_shift, "field": e["field"], "value": e["value"], "reason": e["reason"]}
                for e in self.errors
            ],
        }


class AccessGrantQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or clock.today()
        return self.filter(state=GrantState.APPROVED, valid_from__lte=on).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )


class AccessGrant(TimeStampedModel):
    """数据使用授权：使用单位申请，共治办审批，到期失效；使用须符合申请用途。"""

    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="grants", verbose_name=_("数据项")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="data_grants", verbose_name=_("使用单位")
    )
    purpose = models.CharField(_("用途"), max_length=300)
    legal_basis = models.CharField(_("依据"), max_length=300)
    include_personal = models.BooleanField(
        _("含个人信息"), default=False, help_text=_("批准后可查看身份证号、自然人姓名、电话等个人信息")
    )
    valid_from = models.DateField(_("起始日期"))
    valid_until = models.DateField(_("截止日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=GrantState, default=GrantState.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=300, blank=True)

    objects = AccessGrantQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("数据使用授权")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="grant_valid_range",
                violation_error_message="截止日期不能早于起始日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.dataset.name}（{self.get_state_display()}）"
