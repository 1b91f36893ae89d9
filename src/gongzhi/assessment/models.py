"""Assessment schemes (versioned), score runs with every point traced to records, manual
deductions / vetoes, appeals with their trace, and notices (通报) with read receipts."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.assessment.choices import (
    AppealState,
    EvidenceKind,
    ManualKind,
    NoticeState,
    RunStatus,
)
from gongzhi.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL


class Scheme(TimeStampedModel):
    """考核办法：如税费协同共治考核、儿童友好城市建设考核。内容在版本里，已用于评分的版本不再修改。"""

    code = models.CharField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    applies_to = models.JSONField(
        _("考核对象"), default=dict, blank=True, help_text=_("如 {'plan': 文号, 'providers': true}")
    )
    current = models.ForeignKey(
        "SchemeVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("考核办法")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessment:scheme_detail", args=[self.code])


class SchemeVersion(models.Model):
    """考核办法的一个版本：评分细则（criteria）。一经评分即不可修改，修改即生成新版本。

    criteria: [{"code", "name", "max_points", "kind" (Measure), "params": {...}}]"""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("版本"))
    criteria = models.JSONField(_("评分细则"))
    note = models.CharField(_("修改说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("考核办法版本")
        ordering = ["scheme", "version"]
        constraints = [models.UniqueConstraint(fields=["scheme", "version"], name="scheme_version_unique")]

    def __str__(self) -> str:
        return f"{self.scheme.name}（第{self.version}版）"

    @property
    def total_points(self) -> float:
        return sum(float(c.get("max_points") or 0) for c in self.criteria)


class ManualItem(TimeStampedModel):
    """共治办记录的扣分或一票否决（如数据挪作他用），附理由和材料。"""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="manual_items")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    period = models.CharField(_("考核期间"), max_length=10)
    kind = models.CharField(_("类别"), max_length=10, choices=ManualKind)
    points = models.DecimalField(_("扣分"), max_digits=6, decimal_places=2, default=0)
    reason = models.TextField(_("事由"))
    day = models.DateField(_("发生日期"))
    attachment = models.ForeignKey(
        "supervision.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("扣分及否决记录")
        ordering = ["period", "unit", "pk"]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_kind_display()} {self.reason[:20]}"

    @property
    def period_label(self) -> str:
        from gongzhi.assessment.schemes import parse_assessment_period

        return parse_assessment_period(self.period).label


class ScoreRun(TimeStampedModel):
    """一次评分：某考核办法版本、某考核期间、某截止日期（as_of）的全部单位得分。"""

    version = models.ForeignKey(SchemeVersion, on_delete=models.PROTECT, related_name="runs")
    period = models.CharField(_("考核期间"), max_length=10, db_index=True)
    as_of = models.DateField(_("计算截止日期"))
    computed_at = models.DateTimeField(_("计算时间"))
    fingerprint = models.CharField(_("输入指纹"), max_length=64)
    seconds = models.FloatField(_("耗时（秒）"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=RunStatus, default=RunStatus.DRAFT)
    appeal_deadline = models.DateField(_("申诉截止日期"), null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("提交审批时间"), null=True, blank=True)
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("评分")
        ordering = ["-computed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version.scheme.name} {self.period}（第{self.pk}次评分）"

    def get_absolute_url(self) -> str:
        return reverse("assessment:run_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        """2026H1 -> 2026年上半年."""
        from gongzhi.assessment.schemes import parse_assessment_period

        return parse_assessment_period(self.period).label

    @property
    def frozen(self) -> bool:
        return self.status == RunStatus.APPROVED


class UnitScore(models.Model):
    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    score = models.DecimalField(_("得分"), max_digits=7, decimal_places=2)
    rank = models.PositiveIntegerField(_("名次"))
    vetoed = models.BooleanField(_("一票否决"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("单位得分")
        ordering = ["run", "rank", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["run", "unit"], name="unit_score_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.score}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:unit_score", args=[self.run_id, self.unit_id])


class ScoreItem(models.Model):
    unit_score = models.ForeignKey(UnitScore, on_delete=models.CASCADE, related_name="items")
    criterion = models.CharField(_("指标代码"), max_length=40)
    name = models.CharField(_("考核内容"), max_length=100)
    kind = models.CharField(_("计分方式"), max_length=20)
    points = models.DecimalField(_("得分"), max_digits=7, decimal_places=2)
    max_points = models.DecimalField(_("分值"), max_digits=7, decimal_places=2)
    note = models.TextField(_("说明"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("得分项")
        ordering = ["unit_score", "order"]

    def __str__(self) -> str:
        return f"{self.name} {self.points}/{self.max_points}"


class ItemEvidence(models.Model):
    """失分依据：一条平台记录（报送、应报未报的数据期间、疑点、任务、报告、督办单、扣分记录）。"""

    item = models.ForeignKey(ScoreItem, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("类别"), max_length=20, choices=EvidenceKind)
    ref = models.PositiveBigIntegerField(_("记录编号"))
    text = models.CharField(_("内容"), max_length=400)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    points = models.DecimalField(_("扣分"), max_digits=7, decimal_places=2, default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("失分依据")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.text


class Appeal(TimeStampedModel):
    """单位对某一得分项的申诉；共治办逐项处理，采纳则改分并留痕（原分、新分、处理人、理由）。"""

    item = models.ForeignKey(ScoreItem, on_delete=models.CASCADE, related_name="appeals")
    reason = models.TextField(_("申诉理由"))
    attachment = models.ForeignKey(
        "supervision.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(_("状态"), max_length=10, choices=AppealState, default=AppealState.OPEN)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decision_note = models.TextField(_("处理意见"), blank=True)
    old_points = models.DecimalField(_("原得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    new_points = models.DecimalField(_("调整后得分"), max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("申诉")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.item.unit_score.unit} {self.item.name}"


class Notice(TimeStampedModel):
    """通报：由已审定的评分和本期数据报送、疑点核实问题生成草稿，修改、审批后印发各单位。"""

    run = models.ForeignKey(ScoreRun, on_delete=models.PROTECT, related_name="notices")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    commended = models.JSONField(_("通报表扬单位"), default=list, blank=True)
    criticised = models.JSONField(_("通报批评单位"), default=list, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=NoticeState, default=NoticeState.DRAFT)
    drafted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("印发时间"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("通报")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:notice_detail", args=[self.pk])


class NoticeDelivery(models.Model):
    """通报送达：发给哪个单位、何时阅读（回执）。"""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    sent_at = models.DateTimeField(_("送达时间"))
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    read_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("通报送达")
        ordering = ["notice", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["notice", "unit"], name="notice_delivery_unique")]

    def __str__(self) -> str:
        return f"{self.notice} → {self.unit}"
