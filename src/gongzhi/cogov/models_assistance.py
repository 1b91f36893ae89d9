"""The assistance list (税费协助事项清单): the matters a department must not handle before it has
checked the applicant's tax conditions, kept by the co-governance office as a versioned list
like the demand list, and the look-ups departments run against it with their outcome.

An item (`AssistanceListItem`, a stable code) has versions (`AssistanceListVersion`): the office
drafts one, approves it with the day it takes effect; a change is a new draft with a reason, and
the old version stays readable (look-ups keep the version they applied). The current version on
a day is the latest approved one in effect by then. An item is retired with a reason and a day.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.cogov.choices_assistance import Condition, LookupChannel, Outcome, VersionState
from gongzhi.core.models import TimeStampedModel
from gongzhi.core.permissions import ScopedQuerySet

__all__ = ["AssistanceListItem", "AssistanceListLookup", "AssistanceListVersion"]


class AssistanceListItem(TimeStampedModel):
    """协助事项：清单中的一项（代码不变，内容见各版本）。"""

    code = models.CharField(_("事项代码"), max_length=63, unique=True)
    order = models.PositiveIntegerField(_("序号"), default=0)
    retired_on = models.DateField(_("停用日期"), null=True, blank=True)
    retired_reason = models.CharField(_("停用原因"), max_length=300, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("协助事项")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        latest = self.versions.order_by("-version").first()
        return f"{latest.matter if latest else self.code}（{self.code}）"

    def retired(self, day) -> bool:
        return self.retired_on is not None and self.retired_on <= day


class AssistanceListVersion(models.Model):
    """协助事项的一个版本：办理事项、查验条件、依据、须查验的部门、生效日期、变更原因。"""

    item = models.ForeignKey(
        AssistanceListItem, on_delete=models.CASCADE, related_name="versions", verbose_name=_("协助事项")
    )
    version = models.PositiveIntegerField(_("版本"))
    state = models.CharField(_("状态"), max_length=20, choices=VersionState, default=VersionState.DRAFT)
    matter = models.CharField(_("办理事项"), max_length=100)
    conditions = models.JSONField(
        _("查验条件"),
        default=list,
        help_text=_(
            '如 [{"kind": "tax_paid", "tax_types": ["契税"]}, {"kind": "credit_level", "levels": ["A", "B"]}]'
        ),
    )
    legal_basis = models.CharField(_("依据"), max_length=300)
    description = models.TextField(_("说明"), blank=True)
    units = models.ManyToManyField("org.Unit", related_name="+", verbose_name=_("查验部门"))
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    change_reason = models.CharField(_("变更原因"), max_length=300, blank=True)
    drafted_at = models.DateTimeField(_("起草时间"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("协助事项版本")
        ordering = ["item", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="cogov_assistance_version_unique"),
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(state="draft"),
                name="cogov_assistance_one_draft",
                violation_error_message=_("同一协助事项只能有一个草稿"),
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(effective_from__isnull=False),
                name="cogov_assistance_approved_has_date",
                violation_error_message=_("已批准的版本须有生效日期"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter} 第{self.version}版"

    def condition_labels(self) -> list[str]:
        return [condition_label(c) for c in self.conditions]


def condition_label(condition: dict) -> str:
    """完税（契税）, 无欠税, 纳税信用级别为A、B、M, 非非正常户."""
    kind = condition.get("kind")
    if kind == Condition.TAX_PAID:
        types = condition.get("tax_types") or []
        return str(Condition.TAX_PAID.label) + (f"（{'、'.join(types)}）" if types else "")
    if kind == Condition.CREDIT_LEVEL:
        return f"纳税信用级别为{'、'.join(condition.get('levels') or [])}"
    if kind == Condition.NOT_ABNORMAL:
        return "不是非正常户"
    return str(Condition(kind).label) if kind in Condition.values else str(kind)


class AssistanceListLookupQuerySet(ScopedQuerySet):
    scope_all_capability = "cogov.assistance_ledger_all"


class AssistanceListLookup(models.Model):
    """一次涉税查验：某部门办理某协助事项前，按该事项当时的版本查验某纳税人，及其查验结果。"""

    version = models.ForeignKey(
        AssistanceListVersion, on_delete=models.PROTECT, related_name="lookups", verbose_name=_("事项版本")
    )
    item = models.ForeignKey(
        AssistanceListItem, on_delete=models.PROTECT, related_name="lookups", verbose_name=_("协助事项")
    )
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("查验单位"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("查验人"), max_length=150, blank=True)
    channel = models.CharField(_("方式"), max_length=10, choices=LookupChannel, default=LookupChannel.PAGE)
    subject = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200, blank=True)
    purpose = models.CharField(_("办理事由"), max_length=200, blank=True)
    passed = models.BooleanField(_("符合条件"), null=True)  # None: not enough data to decide
    checks = models.JSONField(_("各条件查验结果"), default=list)
    data_date = models.DateTimeField(_("数据日期"), null=True, blank=True)
    looked_up_at = models.DateTimeField(_("查验时间"))
    outcome = models.CharField(_("查验结果"), max_length=10, choices=Outcome, default=Outcome.PENDING)
    handling = models.CharField(_("经办人处理结果"), max_length=500, blank=True)
    outcome_at = models.DateTimeField(_("记录时间"), null=True, blank=True)
    outcome_by = models.CharField(_("记录人"), max_length=150, blank=True)

    objects = AssistanceListLookupQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("涉税查验记录")
        ordering = ["-looked_up_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "looked_up_at"]),
            models.Index(fields=["outcome", "looked_up_at"]),
        ]

    def __str__(self) -> str:
        return f"第{self.pk}号涉税查验 {self.subject}"
