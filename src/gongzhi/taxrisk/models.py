from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel
from gongzhi.taxrisk.choices import DismissReason, Engine, LeadStatus, RulePurpose, RunState

User = settings.AUTH_USER_MODEL


class RiskRule(TimeStampedModel):
    """风险规则：编号、名称、是否启用，内容见当前版本（每次修改形成新版本）。"""

    code = models.CharField(_("编号"), max_length=10, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    enabled = models.BooleanField(_("启用"), default=True)
    builtin = models.BooleanField(_("内置规则"), default=False)
    purpose = models.CharField(_("用途"), max_length=10, choices=RulePurpose, default=RulePurpose.RISK)
    current = models.ForeignKey(
        "RuleVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("当前版本"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("风险规则")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RuleVersion(models.Model):
    rule = models.ForeignKey(RiskRule, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("版本"))
    sql = models.TextField(_("SQL"))
    meta = models.TextField(_("元数据（YAML）"))
    note = models.CharField(_("修改说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("规则版本")
        ordering = ["rule", "-version"]
        constraints = [models.UniqueConstraint(fields=["rule", "version"], name="ruleversion_unique")]

    def __str__(self) -> str:
        return f"{self.rule.code} v{self.version}"


class RiskRun(TimeStampedModel):
    """一次风险分析运行：引擎、规则、期间窗口，逐规则耗时与错误。"""

    engine = models.CharField(_("引擎"), max_length=10, choices=Engine, default=Engine.DUCKDB)
    rules = models.JSONField(_("规则"), default=list)
    period_from = models.CharField(_("起始期间"), max_length=7, blank=True)
    period_to = models.CharField(_("截止期间"), max_length=7, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=RunState, default=RunState.QUEUED)
    seconds = models.JSONField(_("耗时"), default=dict)
    errors = models.JSONField(_("错误"), default=dict)
    lead_count = models.PositiveIntegerField(_("疑点数"), default=0)
    new_leads = models.PositiveIntegerField(_("新增疑点"), default=0)
    dry_run = models.BooleanField(_("试运行"), default=False)
    preview = models.JSONField(_("试运行结果"), default=list, blank=True)
    job = models.ForeignKey("core.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("风险分析运行")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"第{self.pk}次运行"


class LeadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The co-governance office sees every lead; a tax officer those dispatched to it or its unit."""
        if not getattr(user, "is_authenticated", False) or not user.has_capability("taxrisk.view_leads"):
            return self.none()
        if user.has_capability("taxrisk.view_all_leads"):
            return self
        return self.filter(models.Q(assignee=user) | models.Q(assignee_unit_id=user.unit_id))


class Lead(TimeStampedModel):
    """疑点：一条规则、一个纳税人（或个人）、一个期间；多次运行发现的同一疑点只有一条，证据随之更新。"""

    rule = models.ForeignKey(RiskRule, on_delete=models.PROTECT, related_name="leads", verbose_name=_("规则"))
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    person = models.CharField(_("个人（脱敏）"), max_length=30, blank=True)
    period = models.CharField(_("期间"), max_length=7, db_index=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200, blank=True)
    industry_code = models.CharField(_("行业代码"), max_length=10, blank=True, db_index=True)
    town = models.CharField(_("所属镇街"), max_length=50, blank=True)
    tax_at_risk = models.DecimalField(_("风险税额"), max_digits=18, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("涉及金额"), max_digits=18, decimal_places=2, null=True, blank=True)
    evidence = models.JSONField(_("证据"), default=list)
    status = models.CharField(
        _("状态"), max_length=20, choices=LeadStatus, default=LeadStatus.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads", verbose_name=_("核实人")
    )
    assignee_unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
        verbose_name=_("核实单位"),
    )
    deadline = models.DateField(_("核实期限"), null=True, blank=True)
    recovered_tax = models.DecimalField(_("查补税款"), max_digits=18, decimal_places=2, null=True, blank=True)
    recovered_date = models.DateField(_("入库日期"), null=True, blank=True)
    recovered_period = models.CharField(_("入库期间"), max_length=7, blank=True)
    dismiss_reason = models.CharField(_("排除原因"), max_length=20, choices=DismissReason, blank=True)
    note = models.TextField(_("核实情况"), blank=True)
    first_run = models.ForeignKey(RiskRun, null=True, on_delete=models.SET_NULL, related_name="+")
    last_run = models.ForeignKey(RiskRun, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = LeadQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("疑点")
        ordering = ["-tax_at_risk", "period"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "uscc", "person", "period"], name="lead_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rule.code} {self.uscc or self.person} {self.period}"


EVENT_LABELS = {
    "dispatched": _("派发"),
    "verifying": _("开始核实"),
    "confirmed": _("确认（查补入库）"),
    "dismissed": _("排除"),
    "grid_verified": _("网格核查结果"),
}


class LeadEvent(models.Model):
    """疑点的处理记录。"""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    # where the step's record is (e.g. the grid verification task), shown as a link in the history
    link = models.CharField(_("链接"), max_length=200, blank=True)

    class Meta:
        ordering = ["lead", "at"]

    def __str__(self) -> str:
        return f"{self.lead} {self.action}"

    @property
    def action_label(self) -> str:
        """派发, 开始核实, 确认, 排除 — the step in the words of the people who take it."""
        return str(EVENT_LABELS.get(self.action, self.action))


class TaxpayerContact(models.Model):
    """与纳税人的接触（无风险不打扰）：只能针对一条未结疑点记录。"""

    lead = models.ForeignKey(Lead, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("疑点"))
    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    method = models.CharField(_("方式"), max_length=50)
    note = models.TextField(_("情况"), blank=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("经办人"))
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("纳税人接触记录")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.uscc} {self.method}"
