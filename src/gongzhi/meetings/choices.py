from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    JOINT = "joint", _("联席会议")
    TOPIC = "topic", _("专题会议")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    HELD = "held", _("已召开")
    APPROVED = "approved", _("纪要已签发")


class AgendaKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("上次会议议定事项落实情况")
    PLAN = "plan", _("方案推进情况")
    LEAD = "lead", _("风险疑点")
    ASSESSMENT = "assessment", _("考核结果")
    REVENUE = "revenue", _("收入分析")
    OTHER = "other", _("其他议题")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("出席")
    ABSENT = "absent", _("请假")
    SUBSTITUTE = "substitute", _("请假（委托出席）")
    OBSERVER = "observer", _("列席")
