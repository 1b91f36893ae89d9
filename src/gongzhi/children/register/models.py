"""Child impact assessments (儿童影响评价) and child-friendly spaces and projects."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.children.register.choices import (
    Answer,
    AssessmentState,
    Conclusion,
    QuestionGroup,
    SpaceKind,
    SpaceStatus,
    SubjectKind,
)
from gongzhi.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL


class ImpactChecklist(TimeStampedModel):
    """儿童影响评价清单的一个版本：被评价使用后不再修改，修订即生成新版本。"""

    version = models.PositiveIntegerField(_("版本"), unique=True)
    note = models.CharField(_("修订说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("儿童影响评价清单")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"儿童影响评价清单（第{self.version}版）"


class ImpactQuestion(models.Model):
    """清单中的一个问题，归入空间、安全、服务、参与之一。"""

    checklist = models.ForeignKey(
        ImpactChecklist, on_delete=models.CASCADE, related_name="questions", verbose_name=_("清单")
    )
    group = models.CharField(_("方面"), max_length=20, choices=QuestionGroup)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    text = models.CharField(_("问题"), max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = _("评价问题")
        ordering = ["checklist", "order"]

    def __str__(self) -> str:
        return self.text


class ImpactProject(TimeStampedModel):
    """规划和政策之外的项目（由其主管单位登记），可作为儿童影响评价的对象。"""

    name = models.CharField(_("项目名称"), max_length=200)
    owner_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("主管单位")
    )
    description = models.TextField(_("项目简介"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("评价项目")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImpactAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office, leaders and evaluators read every assessment; a unit its own."""
        from gongzhi.children.register.permissions import sees_all_assessments

        if not getattr(user, "is_authenticated", False) or not user.has_capability("children.view"):
            return self.none()
        if sees_all_assessments(user):
            return self
        return self.filter(owner_unit_id=user.unit_id) if user.unit_id else self.none()


class ImpactAssessment(TimeStampedModel):
    """一项重大规划、政策或项目的儿童影响评价：责任单位填写，提交后由妇儿工委办公室审核签认。"""

    checklist = models.ForeignKey(
        ImpactChecklist, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("评价清单")
    )
    subject_kind = models.CharField(_("评价对象类别"), max_length=10, choices=SubjectKind)
    task = models.ForeignKey(
        "plans.PlanNode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="impact_assessments",
        verbose_name=_("规划任务"),
    )
    policy = models.ForeignKey(
        "plans.PolicyDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="impact_assessments",
        verbose_name=_("政策文件"),
    )
    project = models.ForeignKey(
        ImpactProject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("项目"),
    )
    owner_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位")
    )
    state = models.CharField(_("状态"), max_length=20, choices=AssessmentState, default=AssessmentState.DRAFT)
    summary = models.TextField(_("评价说明"), blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_comment = models.TextField(_("审核意见"), blank=True)
    conclusion = models.CharField(_("评价结论"), max_length=20, choices=Conclusion, blank=True)
    required_changes = models.TextField(_("须修改事项"), blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ImpactAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("儿童影响评价")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(subject_kind="task", task__isnull=False, policy__isnull=True, project__isnull=True)
                    | Q(subject_kind="policy", task__isnull=True, policy__isnull=False, project__isnull=True)
                    | Q(subject_kind="project", task__isnull=True, policy__isnull=True, project__isnull=False)
                ),
                name="impact_one_subject",
                violation_error_message="评价对象须为一项规划任务、一份政策文件或一个项目",
            ),
            models.CheckConstraint(
                condition=~Q(state="signed_off") | ~Q(conclusion=""),
                name="impact_signed_off_has_conclusion",
                violation_error_message="签认须有评价结论",
            ),
        ]

    def __str__(self) -> str:
        return f"儿童影响评价：{self.subject_name}"

    @property
    def subject_name(self) -> str:
        if self.task_id:
            return f"{self.task.number}{self.task.display_title}"
        if self.policy_id:
            return self.policy.doc_number or self.policy.title
        return self.project.name if self.project_id else ""


class ImpactAnswer(models.Model):
    """对清单一个问题的回答：是、部分、否或不适用，附说明。"""

    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("评价")
    )
    question = models.ForeignKey(
        ImpactQuestion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("问题")
    )
    answer = models.CharField(_("回答"), max_length=10, choices=Answer, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("评价回答")
        ordering = ["assessment", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="impactanswer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.question} {self.answer}"


class ImpactEvidence(models.Model):
    """评价的佐证材料（文件本身按佐证材料规则校验存放），可对应某个问题。"""

    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("评价")
    )
    question = models.ForeignKey(
        ImpactQuestion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("问题"),
    )
    evidence = models.OneToOneField(
        "supervision.Evidence", on_delete=models.PROTECT, related_name="+", verbose_name=_("文件")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("评价佐证材料")
        ordering = ["assessment", "pk"]

    def __str__(self) -> str:
        return self.evidence.filename


class Space(TimeStampedModel):
    """儿童友好空间或项目：街区、学校、医院、道路、公园、阅读空间、运动场地等。"""

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=20, choices=SpaceKind)
    location_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在镇街或村社区")
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    responsible_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位")
    )
    status = models.CharField(_("状态"), max_length=20, choices=SpaceStatus)
    status_date = models.DateField(_("状态日期"))
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("儿童友好空间")
        ordering = ["kind", "location_unit__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "location_unit"],
                name="space_unique_name_per_location",
                violation_error_message="同一地点已有同名空间",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CountingTarget(TimeStampedModel):
    """由登记册计算的计数指标：指标数值 = 某类空间中处于所选状态的个数。"""

    indicator = models.OneToOneField(
        "supervision.Indicator",
        on_delete=models.CASCADE,
        related_name="counting_target",
        verbose_name=_("监测指标"),
    )
    kind = models.CharField(_("空间类别"), max_length=20, choices=SpaceKind)
    statuses = models.JSONField(_("计入的状态"), default=list)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("登记册计数指标")
        ordering = ["indicator"]

    def __str__(self) -> str:
        return f"{self.indicator} ← {self.get_kind_display()}"

    @property
    def status_labels(self) -> str:
        return "、".join(str(SpaceStatus(s).label) for s in self.statuses if s in SpaceStatus.values)
