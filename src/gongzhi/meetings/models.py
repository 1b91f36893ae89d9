"""Joint meetings of a leading group (成员单位联席会议): agenda, attendance, minutes and the
decisions (议定事项) that become supervised tasks of a minutes document (see services)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import TimeStampedModel
from gongzhi.meetings.choices import AgendaKind, AttendanceStatus, MeetingKind, MeetingStatus

User = settings.AUTH_USER_MODEL


class Meeting(TimeStampedModel):
    """会议：领导小组的联席会议或专题会议，编号如“2025年第1次”。"""

    group = models.ForeignKey(
        "org.Group", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("议事协调机构")
    )
    kind = models.CharField(_("会议类别"), max_length=10, choices=MeetingKind, default=MeetingKind.JOINT)
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveSmallIntegerField(_("年度序号"))
    date = models.DateField(_("会议日期"))
    place = models.CharField(_("会议地点"), max_length=200, blank=True)
    convener = models.CharField(_("主持人"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=MeetingStatus, default=MeetingStatus.PLANNED)
    summary = models.TextField(_("会议综述"), blank=True)
    minutes_number = models.CharField(_("纪要编号"), max_length=100, blank=True)
    approved_on = models.DateField(_("纪要签发日期"), null=True, blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("签发人")
    )
    # the minutes document whose tasks are the decisions (set when the minutes are approved)
    plan = models.OneToOneField(
        "plans.PolicyDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting",
        verbose_name=_("议定事项督办文件"),
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("创建人")
    )

    class Meta:
        verbose_name = verbose_name_plural = _("会议")
        ordering = ["-date", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "kind", "year", "sequence"],
                name="meeting_unique_number",
                violation_error_message="该机构本年度已有同一编号的会议",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group.name}{self.number}{self.get_kind_display()}"

    @property
    def number(self) -> str:
        return f"{self.year}年第{self.sequence}次"

    @property
    def title(self) -> str:
        return str(self)


class AgendaItem(TimeStampedModel):
    """议题：标题、汇报单位，可关联方案、疑点、考核结果或收入分析（文字或链接），附本议题的会议纪要。"""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("会议")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    kind = models.CharField(_("议题类别"), max_length=20, choices=AgendaKind, default=AgendaKind.OTHER)
    title = models.CharField(_("议题"), max_length=300)
    presenter_unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("汇报单位"),
    )
    plan = models.ForeignKey(
        "plans.PolicyDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("关联方案"),
    )
    lead = models.ForeignKey(
        "taxrisk.Lead",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("关联疑点"),
    )
    score_run = models.ForeignKey(
        "assessment.ScoreRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("关联考核评分"),
    )
    link = models.CharField(_("材料或链接"), max_length=500, blank=True)
    minutes = models.TextField(_("会议纪要（本议题）"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("议题")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """出席情况：成员出席、请假（写明原因）、委托他人出席（姓名、职务）；非成员列席。"""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("会议")
    )
    membership = models.ForeignKey(
        "org.Membership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("成员"),
    )
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("单位")
    )
    status = models.CharField(
        _("出席情况"), max_length=20, choices=AttendanceStatus, default=AttendanceStatus.PRESENT
    )
    reason = models.CharField(_("请假原因"), max_length=200, blank=True)
    substitute_name = models.CharField(_("受委托人"), max_length=50, blank=True)
    substitute_post = models.CharField(_("受委托人职务"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("出席情况")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(membership__isnull=False),
                name="attendance_one_per_member",
                violation_error_message="该成员已在本次会议的出席名单中",
            ),
            models.CheckConstraint(
                condition=Q(membership__isnull=False) | Q(status="observer"),
                name="attendance_non_member_observes",
                violation_error_message="非成员只能列席",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.get_status_display()}"


class Decision(TimeStampedModel):
    """议定事项：内容、牵头单位、配合单位、完成时限；纪要签发后成为督办任务（task）。"""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("会议")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("所属议题"),
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    text = models.TextField(_("议定事项"))
    lead_units = models.ManyToManyField("org.Unit", related_name="+", verbose_name=_("牵头单位"))
    cooperating_units = models.ManyToManyField(
        "org.Unit", blank=True, related_name="+", verbose_name=_("配合单位")
    )
    deadline = models.DateField(_("完成时限"))
    task = models.OneToOneField(
        "plans.PlanNode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_decision",
        verbose_name=_("督办任务"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("议定事项")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:40]
