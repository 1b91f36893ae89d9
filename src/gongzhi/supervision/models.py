from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel
from gongzhi.supervision.choices import (
    Direction,
    Frequency,
    IndicatorKind,
    OrderState,
    ReportState,
    RoundState,
    TaskStatus,
    ValueSource,
)

User = settings.AUTH_USER_MODEL


class MonitoringSettings(TimeStampedModel):
    """方案的监测设置：起算日期与预警阈值（可按方案调整）。"""

    plan = models.OneToOneField(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="monitoring", verbose_name=_("方案")
    )
    start = models.DateField(_("起算日期"))
    thresholds = models.JSONField(_("预警阈值"), default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("监测设置")

    def __str__(self) -> str:
        return f"{self.plan} 监测设置"


class Indicator(TimeStampedModel):
    """监测指标：由方案的目标或节点要求生成，牵头办公室补全基线、频率、口径等。"""

    plan = models.ForeignKey(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="indicators", verbose_name=_("方案")
    )
    task = models.ForeignKey(
        "plans.PlanNode", on_delete=models.CASCADE, related_name="indicators", verbose_name=_("任务")
    )
    target = models.OneToOneField(
        "plans.Target",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="monitoring_indicator",
        verbose_name=_("目标"),
    )
    milestone = models.OneToOneField(
        "plans.Milestone",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="monitoring_indicator",
        verbose_name=_("节点要求"),
    )
    name = models.CharField(_("指标名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=IndicatorKind)
    comparator = models.CharField(_("比较方式"), max_length=20)
    direction = models.CharField(_("方向"), max_length=10, choices=Direction, blank=True)
    target_value = models.DecimalField(_("目标值"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_value_max = models.DecimalField(
        _("目标上限"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    unit_of_measure = models.CharField(_("计量单位"), max_length=30, blank=True)
    baseline_value = models.DecimalField(_("基线值"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_date = models.DateField(_("基线日期"), null=True, blank=True)
    deadline = models.DateField(_("期限"), null=True, blank=True)
    frequency = models.CharField(_("报送频率"), max_length=20, choices=Frequency, default=Frequency.QUARTERLY)
    reporting_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="reported_indicators", verbose_name=_("报送单位")
    )
    per_units = models.ManyToManyField(
        "org.Unit", blank=True, related_name="per_unit_indicators", verbose_name=_("逐单位考核的单位")
    )
    definition = models.TextField(_("统计口径"), blank=True)
    data_source = models.CharField(_("数据来源"), max_length=200, blank=True)
    confirmed = models.BooleanField(_("已补全确认"), default=False)
    active = models.BooleanField(_("有效"), default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("监测指标")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.name


class ReportingRound(TimeStampedModel):
    """报送轮次：牵头办公室为某方案某期间开启，各责任单位按期报送任务进展和指标数值。"""

    plan = models.ForeignKey(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="rounds", verbose_name=_("方案")
    )
    period_label = models.CharField(_("期间"), max_length=40)
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    due_date = models.DateField(_("报送截止日期"))
    remind_days = models.PositiveSmallIntegerField(_("提前提醒天数"), default=3)
    state = models.CharField(_("状态"), max_length=10, choices=RoundState, default=RoundState.OPEN)
    opened_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("开启人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("报送轮次")
        ordering = ["plan", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period_start", "period_end"],
                name="round_unique_period",
                violation_error_message="该方案这一期间的报送轮次已存在",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="round_period_ordered",
                violation_error_message="期间结束不能早于开始",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.title} · {self.period_label}"


class TaskReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Offices, leaders and evaluators read every report of the plans they can see (an
        evaluator: the plans assigned to it); a unit its own reports and, as a lead unit, its
        co-units' reports on the tasks it leads."""
        from gongzhi.plans.selectors import plan_list

        if not getattr(user, "is_authenticated", False):
            return self.none()
        reports = self.filter(round__plan__in=plan_list(user=user).values("pk"))
        if user.has_capability("supervision.view_all"):
            return reports
        return reports.filter(
            Q(unit_id=user.unit_id)
            | Q(task__responsibilities__unit_id=user.unit_id, task__responsibilities__role="lead")
        ).distinct()


class TaskReport(TimeStampedModel):
    """任务进展报告：一个单位在一个轮次对一项任务的报告。"""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="reports", verbose_name=_("轮次")
    )
    task = models.ForeignKey(
        "plans.PlanNode", on_delete=models.CASCADE, related_name="reports", verbose_name=_("任务")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="task_reports", verbose_name=_("单位")
    )
    role = models.CharField(_("分工"), max_length=20, blank=True)
    status = models.CharField(
        _("进展状态"), max_length=20, choices=TaskStatus, default=TaskStatus.IN_PROGRESS
    )
    percent = models.PositiveSmallIntegerField(_("完成比例（%）"), null=True, blank=True)
    done_text = models.TextField(_("工作进展"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下步计划"), blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=ReportState, default=ReportState.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=0)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_comment = models.TextField(_("审核意见"), blank=True)

    objects = TaskReportQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("任务进展报告")
        ordering = ["round", "task__order", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["round", "task", "unit"], name="taskreport_unique"),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100),
                name="taskreport_percent_lte_100",
                violation_error_message="完成比例不能超过100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round.period_label} {self.task.number} {self.unit}"


class TaskReportVersion(models.Model):
    """报告的每一次保存都留一个版本。"""

    report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    saved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["report", "-version"]
        constraints = [models.UniqueConstraint(fields=["report", "version"], name="taskreportversion_unique")]

    def __str__(self) -> str:
        return f"{self.report} v{self.version}"


class IndicatorValue(TimeStampedModel):
    """指标数值：某单位某期的报送值（逐单位指标每个单位一个值）。"""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("指标")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="indicator_values", verbose_name=_("单位")
    )
    round = models.ForeignKey(
        ReportingRound,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="values",
        verbose_name=_("轮次"),
    )
    period_end = models.DateField(_("统计截止日期"))
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=4)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=ReportState, default=ReportState.DRAFT)
    source = models.CharField(_("来源"), max_length=10, choices=ValueSource, default=ValueSource.FORM)
    reported_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(_("报送时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("指标数值")
        ordering = ["indicator", "period_end", "reported_at"]
        indexes = [models.Index(fields=["indicator", "unit", "period_end"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_end} {self.value}"


class SupervisionOrder(TimeStampedModel):
    """督办单：就任务或预警向单位提出问题、要求和期限；单位答复，办公室办结或升级。"""

    number = models.CharField(_("编号"), max_length=40, unique=True)
    plan = models.ForeignKey(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="orders", verbose_name=_("方案")
    )
    task = models.ForeignKey(
        "plans.PlanNode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("任务"),
    )
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("指标"),
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="orders", verbose_name=_("督办单位")
    )
    issue = models.TextField(_("督办事项"))
    requirement = models.TextField(_("办理要求"))
    deadline = models.DateField(_("办理期限"))
    state = models.CharField(_("状态"), max_length=20, choices=OrderState, default=OrderState.ISSUED)
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("签发人"))
    answer = models.TextField(_("整改措施及成效"), blank=True)
    answered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    close_note = models.TextField(_("办结意见"), blank=True)
    escalation_note = models.TextField(_("升级说明"), blank=True)
    level_reason = models.TextField(_("预警依据"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("督办单")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.number


class Evidence(models.Model):
    """佐证材料：图片、PDF、Word、Excel，限定大小并校验类型，挂在报告、数值、督办单、整改或案例上。"""

    filename = models.CharField(_("文件名"), max_length=255)
    file_path = models.CharField(max_length=500)
    size = models.PositiveIntegerField(_("大小"))
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    report = models.ForeignKey(
        TaskReport, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    value = models.ForeignKey(
        IndicatorValue, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    order = models.ForeignKey(
        SupervisionOrder, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    rectification = models.ForeignKey(
        "inspections.Rectification", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    case = models.ForeignKey(
        "inspections.GoodPracticeCase",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )

    class Meta:
        verbose_name = verbose_name_plural = _("佐证材料")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.filename


class PlanDataVersion(models.Model):
    """方案监测数据的版本号：报告、指标数值、指标、轮次、监测设置、任务或分工一有变化即加一。

    A stored plan status (PlanStatusSnapshot) is used only while its version is the plan's
    current one (see monitoring.plan_status); the bump happens in the same transaction as the
    change (supervision.freshness)."""

    plan = models.OneToOneField(
        "plans.PolicyDocument",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("方案"),
    )
    version = models.PositiveBigIntegerField(_("版本"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("监测数据版本")

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version}"


class PlanStatusSnapshot(models.Model):
    """预警结果：某方案某一天各任务和指标的等级与原因，按数据版本保存，数据一变即重新计算。"""

    plan = models.ForeignKey(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="+", verbose_name=_("方案")
    )
    as_of = models.DateField(_("判断日期"))
    version = models.PositiveBigIntegerField(_("数据版本"))
    data = models.TextField(_("结果"))  # JSON written by monitoring._encode_states
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = verbose_name_plural = _("预警结果快照")
        constraints = [models.UniqueConstraint(fields=["plan", "as_of"], name="planstatussnapshot_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.as_of} v{self.version}"


from gongzhi.supervision.models_funding import PlanPublication, TaskFunding  # noqa: E402, F401
