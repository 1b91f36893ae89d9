"""Credit: the joint-measures catalogue (versioned) and the checks other departments make.

Ratings themselves are shared data (dataset `credit_rating`, read through the warehouse); no
copy of them is kept here. The published A/D lists and repair live in `models_lists`
(helper C2), the preferential-policy push in `models_push` (helper C3); both are imported at
the end of this module so that Django finds their models.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.permissions import ScopedQuerySet
from gongzhi.credit.choices import CheckChannel, Decision, Level, MeasureKind, Scenario


class JointMeasure(models.Model):
    """联合奖惩措施的一个版本. An edit adds a new version (same `code`, `version` + 1) and the
    old one stops being current; a check keeps the version it applied."""

    code = models.CharField(_("措施编号"), max_length=40)
    version = models.PositiveIntegerField(_("版本"), default=1)
    current = models.BooleanField(_("现行版本"), default=True)
    kind = models.CharField(_("类别"), max_length=20, choices=MeasureKind)
    level = models.CharField(_("适用信用级别"), max_length=1, choices=Level)
    text = models.TextField(_("措施内容"))
    legal_basis = models.CharField(_("依据"), max_length=300)
    scenarios = models.JSONField(_("适用场景"), default=list)
    agencies = models.CharField(_("实施单位"), max_length=200, blank=True)
    valid_from = models.DateField(_("生效日期"), null=True, blank=True)
    valid_until = models.DateField(_("失效日期"), null=True, blank=True)
    change_note = models.CharField(_("修订说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("联合奖惩措施")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="credit_measure_code_version"),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(current=True),
                name="credit_measure_one_current",
                violation_error_message=_("同一措施只能有一个现行版本"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} {self.text[:30]}"

    def valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class CreditCheckQuerySet(ScopedQuerySet):
    scope_all_capability = "credit.view_ledger"


class CreditCheck(models.Model):
    """一次联合奖惩信用核查：某部门在某场景下查询某纳税人的信用，及其实施记录。"""

    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("核查单位"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("核查人"), max_length=150, blank=True)
    channel = models.CharField(_("方式"), max_length=20, choices=CheckChannel, default=CheckChannel.PAGE)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200, blank=True)
    scenario = models.CharField(_("场景"), max_length=30)
    level = models.CharField(_("信用级别"), max_length=1, blank=True)
    eval_year = models.PositiveIntegerField(_("评价年度"), null=True, blank=True)
    data_date = models.DateTimeField(_("数据日期"), null=True, blank=True)
    submission_id = models.PositiveIntegerField(_("数据来源报送"), null=True, blank=True)
    measures = models.ManyToManyField(
        JointMeasure, blank=True, related_name="checks", verbose_name=_("适用措施")
    )
    checked_at = models.DateTimeField(_("核查时间"))
    decision = models.CharField(_("实施情况"), max_length=20, choices=Decision, default=Decision.PENDING)
    decision_reason = models.CharField(_("未实施原因/说明"), max_length=500, blank=True)
    decided_at = models.DateTimeField(_("记录时间"), null=True, blank=True)
    decided_by = models.CharField(_("记录人"), max_length=150, blank=True)

    objects = CreditCheckQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("联合奖惩核查")
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["unit", "checked_at"])]

    def __str__(self) -> str:
        return f"第{self.pk}号核查 {self.uscc}"

    @property
    def scenario_name(self) -> str:
        return str(dict(Scenario.choices).get(self.scenario, self.scenario))


# The other credit helpers' models (published lists and repair; policy push). Guarded so that a
# module not written yet does not break the app.
try:
    from gongzhi.credit.models_lists import *  # noqa: F403
except ModuleNotFoundError as exc:  # pragma: no cover
    if exc.name != "gongzhi.credit.models_lists":
        raise
try:
    from gongzhi.credit.models_push import *  # noqa: F403
except ModuleNotFoundError as exc:  # pragma: no cover
    if exc.name != "gongzhi.credit.models_push":
        raise
