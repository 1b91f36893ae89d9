from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    """What a criterion is computed from: each one reads only records the platform holds."""

    TIMELINESS = "timeliness", _("数据报送及时性")
    COMPLETENESS = "completeness", _("数据报送完整性")
    ACCURACY = "accuracy", _("数据报送准确性")
    LEADS = "leads", _("疑点核实反馈")
    TASK_REPORTS = "task_reports", _("任务进展报送")
    TASK_WARNINGS = "task_warnings", _("任务推进预警")
    ORDERS = "orders", _("督办事项办理")
    DEDUCTIONS = "deductions", _("扣分项")
    VETO = "veto", _("一票否决")


MANUAL_MEASURES = (Measure.DEDUCTIONS, Measure.VETO)


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("征求意见（单位核对、申诉）")
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已审定（冻结）")


class EvidenceKind(models.TextChoices):
    SUBMISSION = "submission", _("报送记录")
    DATASET_PERIOD = "dataset_period", _("应报数据")
    LEAD = "lead", _("疑点")
    TASK = "task", _("任务")
    REPORT = "report", _("进展报告")
    ORDER = "order", _("督办单")
    FINDING = "finding", _("质量问题")
    MANUAL = "manual", _("扣分记录")


class ManualKind(models.TextChoices):
    DEDUCTION = "deduction", _("扣分")
    VETO = "veto", _("一票否决")


class AppealState(models.TextChoices):
    OPEN = "open", _("待处理")
    ACCEPTED = "accepted", _("已采纳")
    REJECTED = "rejected", _("不予采纳")


class NoticeState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已审批")
    SENT = "sent", _("已印发")
