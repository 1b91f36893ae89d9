"""Published A/D lists (frozen, numbered revisions approved maker-checker) and credit repair.

A `CreditList` is the A list or the D list of one evaluation year. Each `ListRevision` is drafted
from the current ratings (rows copied into `ListEntry`, with the SHA-256 of their canonical
serialisation), approved by a second person of the other office (共治办 / 区税务局), then
published. A published revision never changes: its rows and hash are frozen (the queryset and
the model refuse writes); a correction is a new revision (第2版) with its reason.

A `RepairCase` (纳税信用修复) records the taxpayer, the original D rating, the condition met
under 2019年第37号 / 2021年第31号, approval and the effective date; from that day the taxpayer
leaves the current D list of that year. Its follow-up (解除缴税专用账户休眠状态) is a
`RepairAction` with an owner unit and a deadline.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel

__all__ = [
    "ActionState",
    "CreditList",
    "ListEntry",
    "ListLevel",
    "ListRevision",
    "ReasonCategory",
    "RepairAction",
    "RepairCase",
    "RepairCondition",
    "RepairState",
    "RevisionState",
]

User = settings.AUTH_USER_MODEL


class ListLevel(models.TextChoices):
    A = "A", _("A级纳税人名单")
    D = "D", _("D级纳税人名单")


class RevisionState(models.TextChoices):
    DRAFT = "draft", _("待复核")
    APPROVED = "approved", _("已复核待发布")
    PUBLISHED = "published", _("已发布")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATES = (RevisionState.DRAFT, RevisionState.APPROVED)


class ReasonCategory(models.TextChoices):
    """What a D list shows of the reason: a category (2014年第40号第20条, 2025年第12号第18条), never
    the free text of the rating (it may name people)."""

    TAX_CRIME = "tax_crime", _("涉税犯罪")
    EVASION = "evasion", _("偷税（逃避缴纳税款）、逃避追缴欠税")
    REFUND_FRAUD = "refund_fraud", _("骗取出口退税、骗取留抵退税")
    INVOICE = "invoice", _("虚开发票等违反发票管理规定")
    UNPAID = "unpaid", _("未按税务机关处理结论缴纳税款、滞纳金和罚款")
    OBSTRUCTION = "obstruction", _("抗税、阻挠税务检查")
    FALSE_FILING = "false_filing", _("虚假申报骗取税收优惠")
    ABNORMAL = "abnormal", _("非正常户、走逃（失联）户")
    RELATED = "related", _("关联判级（由D级纳税人的直接责任人员注册或负责经营）")
    MAJOR_DISHONEST = "major_dishonest", _("重大税收违法失信主体")
    SCORE = "score", _("年度评价指标得分不满40分")
    OTHER = "other", _("其他严重失信行为")


class CreditList(models.Model):
    """纳税信用A级或D级纳税人名单（某评价年度），由多个版本组成。"""

    eval_year = models.PositiveIntegerField(_("评价年度"))
    level = models.CharField(_("名单"), max_length=1, choices=ListLevel)

    class Meta:
        verbose_name = verbose_name_plural = _("纳税信用名单")
        ordering = ["-eval_year", "level"]
        constraints = [
            models.UniqueConstraint(fields=["eval_year", "level"], name="credit_list_year_level"),
        ]

    def __str__(self) -> str:
        return f"{self.eval_year}年度{self.get_level_display()}"


class ListRevisionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=RevisionState.PUBLISHED)


FROZEN_REVISION_FIELDS = ("credit_list_id", "number", "row_count", "content_hash", "reason", "as_of")


class ListRevision(models.Model):
    """名单的一个版本：拟稿时从现行评价结果生成并冻结，复核（另一单位的另一人）后发布。"""

    credit_list = models.ForeignKey(
        CreditList, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("名单")
    )
    number = models.PositiveIntegerField(_("版本号"))
    state = models.CharField(
        _("状态"), max_length=12, choices=RevisionState, default=RevisionState.DRAFT, db_index=True
    )
    reason = models.CharField(_("修订原因"), max_length=300, blank=True)
    as_of = models.DateField(_("数据截至日期"))
    row_count = models.PositiveIntegerField(_("户数"), default=0)
    content_hash = models.CharField(_("内容校验值（SHA-256）"), max_length=64)
    sources = models.JSONField(_("数据来源报送"), default=list, blank=True)
    drafted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("拟稿人")
    )
    drafted_at = models.DateTimeField(_("拟稿时间"))
    checked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("复核人")
    )
    checked_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    check_note = models.CharField(_("复核意见"), max_length=300, blank=True)
    published_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("发布人")
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    objects = ListRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("名单版本")
        ordering = ["credit_list", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_list", "number"],
                condition=Q(state="published"),
                name="credit_list_revision_number",
                violation_error_message=_("该名单已有此版本号的已发布版本"),
            ),
            models.UniqueConstraint(
                fields=["credit_list"],
                condition=Q(state__in=["draft", "approved"]),
                name="credit_list_one_open_revision",
                violation_error_message=_("该名单已有待复核或待发布的版本"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.credit_list} 第{self.number}版"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values("state", *FROZEN_REVISION_FIELDS, "published_at", "published_by_id")
                .first()
            )
            if stored and stored["state"] == RevisionState.PUBLISHED:
                changed = [
                    f
                    for f in ("state", *FROZEN_REVISION_FIELDS, "published_at", "published_by_id")
                    if getattr(self, f) != stored[f]
                ]
                if changed:
                    raise PermissionError("已发布的名单不能修改，更正请发布新版本")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.state == RevisionState.PUBLISHED:
            raise PermissionError("已发布的名单不能删除")
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.state == RevisionState.PUBLISHED


class ListEntryQuerySet(models.QuerySet):
    def _refuse_if_published(self):
        if self.filter(revision__state=RevisionState.PUBLISHED).exists():
            raise PermissionError("已发布的名单不能修改，更正请发布新版本")

    def update(self, **kwargs):
        self._refuse_if_published()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_if_published()
        return super().delete()


class ListEntry(models.Model):
    """名单中的一户：只有公布规则允许的字段（名称、统一社会信用代码、级别、年度；D级另有原因类别）。"""

    revision = models.ForeignKey(ListRevision, on_delete=models.CASCADE, related_name="entries")
    seq = models.PositiveIntegerField(_("序号"))
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    name = models.CharField(_("纳税人名称"), max_length=200, db_index=True)
    level = models.CharField(_("信用级别"), max_length=1)
    eval_year = models.PositiveIntegerField(_("评价年度"))
    reason_category = models.CharField(_("原因类别"), max_length=20, choices=ReasonCategory, blank=True)

    objects = ListEntryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("名单条目")
        ordering = ["revision", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "uscc"], name="credit_list_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.uscc} {self.name}"

    def save(self, *args, **kwargs):
        if ListRevision.objects.filter(pk=self.revision_id, state=RevisionState.PUBLISHED).exists():
            raise PermissionError("已发布的名单不能修改，更正请发布新版本")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if ListRevision.objects.filter(pk=self.revision_id, state=RevisionState.PUBLISHED).exists():
            raise PermissionError("已发布的名单不能删除")
        return super().delete(*args, **kwargs)


# --- credit repair --------------------------------------------------------------------------------


class RepairCondition(models.TextChoices):
    """The repair conditions of 2019年第37号 (three) and 2021年第31号 (five more)."""

    LATE_REMEDIED = (
        "late_remedied",
        _("未按法定期限办理纳税申报、税款缴纳、资料备案等事项且已补办（2019年第37号）"),
    )
    PAID_60_DAYS = (
        "paid_60_days",
        _("未按处理结论缴纳被直接判为D级，未构成犯罪，期满后60日内足额缴纳、补缴（2019年第37号）"),
    )
    ABNORMAL_LIFTED = "abnormal_lifted", _("履行相应法律义务并由税务机关依法解除非正常户状态（2019年第37号）")
    BANKRUPTCY = (
        "bankruptcy",
        _("破产重整或和解程序中已依法缴纳税款、滞纳金、罚款并纠正失信行为（2021年第31号）"),
    )
    DISHONEST_STOPPED = (
        "dishonest_stopped",
        _(
            "因重大税收违法失信主体被判为D级，已不予公布或停止公布，申请前连续12个月无新增失信记录（2021年第31号）"
        ),
    )
    RELATED_6_MONTHS = (
        "related_6_months",
        _(
            "由D级纳税人的直接责任人员注册或负责经营被关联判为D级，申请前连续6个月无新增失信记录（2021年第31号）"
        ),
    )
    OTHER_12_MONTHS = (
        "other_12_months",
        _(
            "因其他失信行为被判为D级，已纠正并履行相应法律义务，申请前连续12个月无新增失信记录（2021年第31号）"
        ),
    )
    RETAINED_12_MONTHS = (
        "retained_12_months",
        _(
            "因上一年度被直接判为D级而延续保留D级，已纠正或停止公布，申请前连续12个月无新增失信记录（2021年第31号）"
        ),
    )


# months without new dishonest records before the application, by condition
CLEAN_MONTHS = {
    RepairCondition.DISHONEST_STOPPED: 12,
    RepairCondition.RELATED_6_MONTHS: 6,
    RepairCondition.OTHER_12_MONTHS: 12,
    RepairCondition.RETAINED_12_MONTHS: 12,
}


class RepairState(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已修复")
    REFUSED = "refused", _("不予修复")


class RepairCase(TimeStampedModel):
    """纳税信用修复：纳税人、原D级评价、符合的修复条件、审核、生效日期。"""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    name = models.CharField(_("纳税人名称"), max_length=200)
    eval_year = models.PositiveIntegerField(_("原D级评价年度"))
    original_level = models.CharField(_("原信用级别"), max_length=1, default="D")
    original_submission_id = models.PositiveIntegerField(_("原评价数据报送"), null=True, blank=True)
    condition = models.CharField(_("修复条件"), max_length=30, choices=RepairCondition)
    facts = models.TextField(_("纠正失信行为情况"))
    applied_on = models.DateField(_("申请日期"))
    clean_since = models.DateField(_("无新增失信记录起始日期"), null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=RepairState, default=RepairState.PENDING, db_index=True
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("审核人")
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    effective_date = models.DateField(_("修复生效日期"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("纳税信用修复")
        ordering = ["-applied_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc", "eval_year"],
                condition=Q(state__in=["pending", "approved"]),
                name="credit_repair_one_open",
                violation_error_message=_("该纳税人该年度已有待审核或已修复的修复记录"),
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(effective_date__isnull=False),
                name="credit_repair_effective_date",
                violation_error_message=_("修复生效须有生效日期"),
            ),
        ]

    def __str__(self) -> str:
        return f"第{self.pk}号信用修复 {self.name}"


class ActionState(models.TextChoices):
    OPEN = "open", _("办理中")
    DONE = "done", _("已办结")


DORMANT_ACCOUNT_ACTION = "解除缴税专用账户休眠状态"


class RepairAction(TimeStampedModel):
    """修复后的后续事项（如解除缴税专用账户休眠状态）：责任单位、期限、办结情况。"""

    case = models.ForeignKey(RepairCase, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("事项"), max_length=100, default=DORMANT_ACCOUNT_ACTION)
    owner_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位")
    )
    deadline = models.DateField(_("办理期限"))
    state = models.CharField(_("状态"), max_length=10, choices=ActionState, default=ActionState.OPEN)
    done_on = models.DateField(_("办结日期"), null=True, blank=True)
    done_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("办结人")
    )
    note = models.CharField(_("办理情况"), max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("信用修复后续事项")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return f"{self.case.name} {self.title}"
