"""Children's councils (儿童议事会) at three levels, their members and sessions, and children's
suggestions (建议) with their routing, answers and publication.

Members are minors: only a name, an age band, the school or community, the guardian's consent and
its date, and when they joined and left are kept. No ID number, birth date or phone.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongzhi.children.choices import Adoption, AgeBand, CouncilLevel, SuggestionSource, SuggestionState
from gongzhi.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL

SUGGESTION_MAX = 500  # characters of a child's suggestion


class Council(TimeStampedModel):
    """儿童议事会：区、镇（街道）、社区（学校）三级，由一个成人单位负责组织（辅导单位）。"""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    level = models.CharField(_("层级"), max_length=20, choices=CouncilLevel)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级议事会"),
    )
    facilitator_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="child_councils", verbose_name=_("辅导单位")
    )
    place = models.CharField(_("学校或社区"), max_length=100, blank=True)
    founded_on = models.DateField(_("成立日期"))

    class Meta:
        verbose_name = verbose_name_plural = _("儿童议事会")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class CouncilMember(TimeStampedModel):
    """议事会成员（未成年人）：姓名、年龄段、学校或社区、监护人同意及日期、加入和退出日期。"""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("议事会")
    )
    name = models.CharField(_("姓名"), max_length=20)
    age_band = models.CharField(_("年龄段"), max_length=10, choices=AgeBand)
    school = models.CharField(_("学校或社区"), max_length=100)
    guardian_consent = models.BooleanField(_("监护人同意"), default=False)
    consent_date = models.DateField(_("监护人同意日期"))
    joined_on = models.DateField(_("加入日期"))
    left_on = models.DateField(_("退出日期"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("议事会成员")
        ordering = ["council", "joined_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(guardian_consent=True),
                name="councilmember_consent_required",
                violation_error_message="须有监护人同意才能成为议事会成员",
            ),
            models.CheckConstraint(
                condition=Q(consent_date__lte=F("joined_on")),
                name="councilmember_consent_before_joining",
                violation_error_message="监护人同意日期不能晚于加入日期",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="councilmember_left_after_joined",
                violation_error_message="退出日期不能早于加入日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} · {self.name}"


class CouncilSession(TimeStampedModel):
    """议事会活动：日期、议题、纪要、参加人数。"""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("议事会")
    )
    date = models.DateField(_("活动日期"))
    topic = models.CharField(_("议题"), max_length=200)
    minutes = models.TextField(_("活动纪要"), blank=True)
    attendance = models.PositiveSmallIntegerField(_("参加人数"), default=0)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("议事会活动")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.council} {self.date} {self.topic}"


class Suggestion(TimeStampedModel):
    """儿童建议：来自议事会活动（辅导单位录入）或网上建议表（无需登录）；牵头办公室交办给单位并定期限，
    单位用孩子能读懂的话答复（采纳、部分采纳、未采纳及理由），办公室同意后公开。"""

    source = models.CharField(_("来源"), max_length=10, choices=SuggestionSource)
    council = models.ForeignKey(
        Council,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggestions",
        verbose_name=_("议事会"),
    )
    session = models.ForeignKey(
        CouncilSession,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggestions",
        verbose_name=_("议事会活动"),
    )
    text = models.TextField(_("建议内容"), max_length=SUGGESTION_MAX)
    # optional, only if a child gives them on the public form; never shown on public pages
    first_name = models.CharField(_("名字（自愿填写）"), max_length=10, blank=True)
    age_band = models.CharField(_("年龄段"), max_length=10, choices=AgeBand, blank=True)
    school = models.CharField(_("学校或社区（自愿填写）"), max_length=100, blank=True)
    received_on = models.DateField(_("收到日期"))
    state = models.CharField(_("状态"), max_length=10, choices=SuggestionState, default=SuggestionState.NEW)
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="child_suggestions",
        verbose_name=_("办理单位"),
    )
    task = models.ForeignKey(
        "plans.PlanNode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_suggestions",
        verbose_name=_("关联任务"),
    )
    routed_on = models.DateField(_("交办日期"), null=True, blank=True)
    deadline = models.DateField(_("答复期限"), null=True, blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    adoption = models.CharField(_("采纳情况"), max_length=10, choices=Adoption, blank=True)
    answer = models.TextField(_("给孩子们的答复"), blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("儿童建议")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["state", "published_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=SuggestionSource.COUNCIL) | Q(council__isnull=False),
                name="suggestion_council_source_has_council",
                violation_error_message="来自议事会的建议须注明议事会",
            ),
            models.CheckConstraint(
                condition=Q(state=SuggestionState.NEW) | Q(unit__isnull=False, deadline__isnull=False),
                name="suggestion_routed_has_unit",
                violation_error_message="交办的建议须有办理单位和答复期限",
            ),
        ]

    def __str__(self) -> str:
        return f"建议{self.pk}"

    @property
    def answered_on_time(self) -> bool:
        return bool(self.answered_on and self.deadline and self.answered_on <= self.deadline)


class ChildrenPage(TimeStampedModel):
    """儿童版公开页：哪一个方案写给孩子们看，开头的话（用孩子能读懂的话写）。"""

    plan = models.OneToOneField(
        "plans.PolicyDocument", on_delete=models.CASCADE, related_name="children_page", verbose_name=_("方案")
    )
    heading = models.CharField(_("标题"), max_length=100)
    intro = models.TextField(_("写给孩子们的话"))
    published = models.BooleanField(_("已公开"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("儿童版公开页")

    def __str__(self) -> str:
        return self.heading
