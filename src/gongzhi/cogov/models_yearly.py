"""年度任务 (三、（四）督促有关涉税单位落实年度任务): the office breaks a document's tasks into each
responsible unit's yearly tasks; issuing a set (下达) makes them the tasks of one plan (a
plans.PolicyDocument owned by the office unit), so that rounds, reports, warnings, 督办 and to-dos of
the supervision app apply to them unchanged (as meetings do with decisions)."""

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel
from gongzhi.core.permissions import ScopedQuerySet

__all__ = ["YearlyTask", "YearlyTaskSet"]


class YearlyTaskSetState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已下达")


class YearlyTaskSet(TimeStampedModel):
    """年度任务分解：一份文件、一个年度的各责任单位年度任务。"""

    document = models.ForeignKey(
        "plans.PolicyDocument", on_delete=models.PROTECT, related_name="+", verbose_name=_("文件")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    office_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("下达单位")
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=YearlyTaskSetState, default=YearlyTaskSetState.DRAFT
    )
    plan = models.ForeignKey(
        "plans.PolicyDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("任务分解方案"),
    )
    issued_on = models.DateField(_("下达日期"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("年度任务分解")
        ordering = ["-year", "document"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "year"],
                name="yearlytaskset_unique_document_year",
                violation_error_message="该文件该年度的任务分解已存在",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度{short_title(self.document)}任务分解"


def short_title(document) -> str:
    """10号文 for 周政办字〔2023〕10号; the title when the document has no number."""
    match = re.search(r"(\d+)号$", document.doc_number or "")
    return f"{match.group(1)}号文" if match else document.title[:40]


class YearlyTaskQuerySet(ScopedQuerySet):
    unit_path = "unit"
    scope_all_capability = "cogov.yearly_view_all"


class YearlyTask(TimeStampedModel):
    """某责任单位的一项年度任务：来源任务、任务内容、措施或目标、完成时限。"""

    task_set = models.ForeignKey(
        YearlyTaskSet, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("年度任务分解")
    )
    source_task = models.ForeignKey(
        "plans.PlanNode", on_delete=models.PROTECT, related_name="+", verbose_name=_("来源任务")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位")
    )
    content = models.CharField(_("任务内容"), max_length=300)
    measure = models.CharField(_("措施或目标"), max_length=500, blank=True)
    deadline = models.DateField(_("完成时限"))
    order = models.PositiveIntegerField(_("顺序"), default=0)
    plan_task = models.ForeignKey(
        "plans.PlanNode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("督办任务"),
    )

    objects = YearlyTaskQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("年度任务")
        ordering = ["task_set", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.unit} {self.content}"
