from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel
from gongzhi.plans.choices import Comparator, ImportState, LessonKind, NodeKind, ResponsibilityRole


class PolicyDocument(TimeStampedModel):
    """政策文件：一份文件承载一个方案（印发通知与方案合为一份，标题取方案标题）。"""

    title = models.CharField(_("标题"), max_length=300)
    notice_title = models.CharField(_("印发通知标题"), max_length=300, blank=True)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True, db_index=True)
    issuer = models.CharField(_("发文机关"), max_length=200, blank=True)
    issue_date = models.DateField(_("成文日期"), null=True, blank=True)
    recipients = models.TextField(_("主送"), blank=True)
    publication = models.CharField(_("公开方式"), max_length=100, blank=True)
    attachments = models.JSONField(_("附件"), default=list, blank=True)
    # the document's own quantified goals (发展目标, 专栏) as parsed: indicator, comparator, value,
    # value_max, unit, deadline_year, per, text — a Target row belongs to a task, these to no task
    goals = models.JSONField(_("文件总体目标"), default=list, blank=True)
    end_year = models.PositiveSmallIntegerField(
        _("规划期末年份"), null=True, blank=True, help_text=_("无年份的目标可由人工确认采用此年份")
    )
    office_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="plans_office", verbose_name=_("牵头办公室")
    )
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="evaluated_plans", verbose_name=_("第三方评估人员")
    )
    set_up_at = models.DateTimeField(
        _("完成设置时间"),
        null=True,
        blank=True,
        help_text=_("导入后确定牵头办公室、评估人员和监测起算日期的时间"),
    )
    revision = models.PositiveSmallIntegerField(_("版本"), default=1)
    source_filename = models.CharField(_("源文件"), max_length=255)
    source_sha256 = models.CharField(max_length=64)
    source_text = models.TextField(_("规范化正文"))
    task_rule = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("政策文件")
        ordering = ["-issue_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_number"],
                condition=~Q(doc_number=""),
                name="policydocument_unique_doc_number",
                violation_error_message="该文号的文件已导入，请以修订方式重新导入",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title


class PlanNodeQuerySet(models.QuerySet):
    def tasks(self):
        return self.filter(kind=NodeKind.TASK)

    def current(self):
        return self.filter(active=True)


class PlanNode(TimeStampedModel):
    """方案结构中的一个编号条目：章节（领域、行动）或任务。任务被删除时停用而不删除，已有报告保留。"""

    document = models.ForeignKey(
        PolicyDocument, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("文件")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("上级条目"),
    )
    kind = models.CharField(_("类别"), max_length=10, choices=NodeKind)
    number = models.CharField(_("编号"), max_length=30)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    label = models.CharField(_("显示名称"), max_length=300)
    text = models.TextField(_("原文"), blank=True)
    path = models.JSONField(_("所属层级"), default=list, blank=True)
    level = models.PositiveSmallIntegerField(_("层级"), default=0)
    order = models.PositiveIntegerField(_("顺序"), default=0)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    open_ended = models.BooleanField(_("单位列表含“等”"), default=False)
    deadline_text = models.CharField(_("完成时限"), max_length=100, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    revision_added = models.PositiveSmallIntegerField(_("加入版本"), default=1)
    revision_removed = models.PositiveSmallIntegerField(_("删除版本"), null=True, blank=True)

    objects = PlanNodeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("方案条目")
        ordering = ["document", "order"]
        indexes = [models.Index(fields=["document", "kind", "active"])]

    def __str__(self) -> str:
        return self.label

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        text = self.text.removeprefix(self.number).lstrip()
        return text[:40] + ("…" if len(text) > 40 else "")

    @property
    def full_title(self) -> str:
        """The title for documents and orders: never shortened."""
        return self.title or self.text.removeprefix(self.number).lstrip()


class Responsibility(models.Model):
    """任务的责任分工：某单位以牵头、责任或配合身份承担某任务。"""

    task = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("任务")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="responsibilities", verbose_name=_("单位")
    )
    role = models.CharField(_("分工"), max_length=20, choices=ResponsibilityRole)
    name_as_written = models.CharField(_("原文写法"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("责任分工")
        ordering = ["task", "role", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "role"],
                name="responsibility_unique",
                violation_error_message="该单位已承担此任务的同一分工",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.number} {self.get_role_display()} {self.unit}"


class Target(models.Model):
    """可量化目标：指标、比较方式、目标值、计量单位、期限年份。"""

    task = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="targets", verbose_name=_("任务")
    )
    indicator = models.CharField(_("指标"), max_length=200)
    comparator = models.CharField(_("比较方式"), max_length=20, choices=Comparator)
    value = models.DecimalField(_("目标值"), max_digits=18, decimal_places=4)
    value_max = models.DecimalField(_("目标上限"), max_digits=18, decimal_places=4, null=True, blank=True)
    unit_of_measure = models.CharField(_("计量单位"), max_length=30, blank=True)
    deadline_year = models.PositiveSmallIntegerField(_("期限年份"), null=True, blank=True)
    per = models.CharField(_("计量基准"), max_length=30, blank=True, help_text=_("如：年、学期、镇（街道）"))
    text = models.CharField(_("原文"), max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("目标")
        ordering = ["task", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=models.F("value")),
                name="target_range_ordered",
                violation_error_message="区间上限不能小于下限",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.comparator} {self.value}{self.unit_of_measure}"


class Milestone(models.Model):
    """定性节点：有年份的完成要求（2023年实现应建尽建）。"""

    task = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("任务")
    )
    text = models.CharField(_("内容"), max_length=500)
    deadline_year = models.PositiveSmallIntegerField(_("期限年份"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("节点要求")
        ordering = ["task", "order"]

    def __str__(self) -> str:
        return self.text


class PlanImport(TimeStampedModel):
    """一次导入：上传的文件、解析任务、解析结果与审核中的修改；确认后才写入方案。"""

    filename = models.CharField(_("文件名"), max_length=255)
    file_path = models.CharField(max_length=500)
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    state = models.CharField(_("状态"), max_length=20, choices=ImportState, default=ImportState.PARSING)
    job = models.ForeignKey("core.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    result = models.JSONField(_("解析结果"), null=True, blank=True)
    texts = models.JSONField(_("各文件正文"), default=list, blank=True)
    decisions = models.JSONField(_("单位匹配决定"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("导入人")
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    confirmed_documents = models.JSONField(default=dict, blank=True)  # {doc index: PolicyDocument id}

    class Meta:
        verbose_name = verbose_name_plural = _("文件导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class PlanRevision(TimeStampedModel):
    """文件修订：重新导入时的变更清单（新增、删除、改写的任务，单位与目标的变化）。"""

    document = models.ForeignKey(
        PolicyDocument, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("文件")
    )
    revision = models.PositiveSmallIntegerField(_("版本"))
    source_filename = models.CharField(_("源文件"), max_length=255)
    changes = models.JSONField(_("变更"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("操作人"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("文件修订")
        ordering = ["document", "-revision"]
        constraints = [models.UniqueConstraint(fields=["document", "revision"], name="planrevision_unique")]

    def __str__(self) -> str:
        return f"{self.document} 第{self.revision}版"


class ParseLesson(TimeStampedModel):
    """审核经验：审核人的一次更正（删除误识别的目标、补充目标、修正目标、忽略误识别的单位），
    下次导入时自动应用（plans.lessons）。单位别名记在单位名录中，不在这里。"""

    kind = models.CharField(_("类别"), max_length=20, choices=LessonKind)
    pattern = models.CharField(_("模式"), max_length=300, help_text=_("原文写法，数字以 # 代替"))
    example = models.CharField(_("原文示例"), max_length=300)
    fields = models.JSONField(_("目标要素"), default=dict, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    uses = models.PositiveIntegerField(_("应用次数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("审核人"),
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("单位")
    )
    plan_import = models.ForeignKey(
        PlanImport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("来自导入"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("审核经验")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "pattern"], name="plans_lesson_unique_pattern")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.example}"
