"""Preferential-policy push (税费优惠政策精准推送, 无风险不打扰).

A policy is a push rule (taxrisk `RiskRule` with purpose "push", codes P01…: SQL over the shared
data, same engine, editor and dry run as the risk rules). A campaign is one run of one push rule
over the current data (its candidates: taxpayers eligible for the preference and not enjoying
it) and the pushes made from it. A push is one message to one taxpayer about one policy, by one
channel, on one day, by one person; its take-up is monitored from later declarations. Opted-out
taxpayers are never pushed; nobody gets the same policy twice within the set interval.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel
from gongzhi.taxrisk.choices import RunState

__all__ = [
    "CandidateState",
    "PolicyPush",
    "PushCampaign",
    "PushCandidate",
    "PushChannel",
    "PushOptOut",
    "Takeup",
]


class PushChannel(models.TextChoices):
    SMS = "sms", _("短信")
    ETAX = "etax", _("电子税务局消息")
    VISIT = "visit", _("上门辅导")


class Takeup(models.TextChoices):
    PENDING = "pending", _("未享受")
    TAKEN_UP = "taken_up", _("已享受")


class CandidateState(models.TextChoices):
    """A candidate as the push list shows it (computed, not stored)."""

    READY = "ready", _("可推送")
    PUSHED = "pushed", _("已推送")
    OPTED_OUT = "opted_out", _("已申请不打扰")
    RECENT = "recent", _("间隔期内已推送")


class PushCampaign(TimeStampedModel):
    """推送批次：一条推送规则在当前数据上的一次筛选，及由此发出的推送。"""

    rule = models.ForeignKey(
        "taxrisk.RiskRule", on_delete=models.PROTECT, related_name="push_campaigns", verbose_name=_("政策")
    )
    rule_version = models.ForeignKey(
        "taxrisk.RuleVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("规则版本"),
    )
    period_from = models.CharField(_("起始期间"), max_length=7, blank=True)
    period_to = models.CharField(_("截止期间"), max_length=7, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=RunState, default=RunState.QUEUED)
    candidate_count = models.PositiveIntegerField(_("符合条件户次"), default=0)
    seconds = models.FloatField(_("耗时（秒）"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    job = models.ForeignKey("core.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("发起人"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("推送批次")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"第{self.pk}批推送"


class PushCandidate(models.Model):
    """符合条件未享受：推送规则返回的一行（一个纳税人、一个期间）。"""

    campaign = models.ForeignKey(PushCampaign, on_delete=models.CASCADE, related_name="candidates")
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200, blank=True)
    period = models.CharField(_("期间"), max_length=7)
    benefit = models.DecimalField(_("预计可减免税额"), max_digits=18, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("涉及金额"), max_digits=18, decimal_places=2, null=True, blank=True)
    evidence = models.JSONField(_("依据数据"), default=list)

    class Meta:
        verbose_name = verbose_name_plural = _("推送对象")
        ordering = ["campaign", "uscc", "period"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "uscc", "period"], name="credit_pushcandidate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.uscc} {self.period}"


class PolicyPush(models.Model):
    """一次推送：一个纳税人、一项政策、一个渠道、一天、一位经办人；享受情况由此后的申报监测。"""

    campaign = models.ForeignKey(
        PushCampaign, on_delete=models.PROTECT, related_name="pushes", verbose_name=_("推送批次")
    )
    rule = models.ForeignKey(
        "taxrisk.RiskRule", on_delete=models.PROTECT, related_name="pushes", verbose_name=_("政策")
    )
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200, blank=True)
    periods = models.JSONField(_("涉及期间"), default=list)
    benefit = models.DecimalField(_("预计可减免税额"), max_digits=18, decimal_places=2, null=True, blank=True)
    channel = models.CharField(_("推送渠道"), max_length=10, choices=PushChannel)
    pushed_on = models.DateField(_("推送日期"), db_index=True)
    pushed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("经办人")
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    takeup = models.CharField(_("享受情况"), max_length=10, choices=Takeup, default=Takeup.PENDING)
    taken_up_on = models.DateField(_("发现享受日期"), null=True, blank=True)
    takeup_period = models.CharField(_("享受期间"), max_length=7, blank=True)
    takeup_evidence = models.JSONField(_("享受依据"), default=list, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("政策推送")
        ordering = ["-pushed_on", "-pk"]
        indexes = [models.Index(fields=["uscc", "rule", "pushed_on"])]

    def __str__(self) -> str:
        return f"{self.rule.code} {self.uscc} {self.pushed_on:%Y-%m-%d}"


class PushOptOut(TimeStampedModel):
    """无风险不打扰：纳税人申请不接收政策推送；撤回之前从不推送。"""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200, blank=True)
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    registered_on = models.DateField(_("登记日期"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("不打扰登记")
        ordering = ["-registered_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"],
                condition=Q(withdrawn_on__isnull=True),
                name="credit_pushoptout_one_active",
                violation_error_message=_("该纳税人已登记不打扰"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.uscc} {self.taxpayer_name}".strip()
