"""企业诉求 (10号文 二、（四）构建多部门、多单位、多机构一站式快速服务通道…及时响应企业诉求).

An enterprise's request (`EnterpriseRequest`) is entered by a grid worker or a department, or by
the enterprise itself on the public form (`/public/enterprise/`, no login, a receipt number to
follow it). The co-governance office routes it to one lead unit (主办) and any number of co-units
(协办) with a response deadline (`EnterpriseRequestUnit`, one row per unit: each answers its
part); when every unit has answered, the lead unit closes it (办结) with the reply to the
enterprise; the enterprise's satisfaction is recorded after a call-back (回访) by the office or by
the enterprise on the public status page.
"""

import datetime
import re
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.cogov.choices_enterprise import (
    RatingSource,
    RequestChannel,
    RequestKind,
    RequestState,
    Satisfaction,
    UnitRole,
)
from gongzhi.core.models import TimeStampedModel
from gongzhi.core.permissions import has_capability

__all__ = ["EnterpriseRequest", "EnterpriseRequestUnit"]

CONTENT_MAX = 2000
ANSWER_MAX = 2000
OPEN_STATES = (RequestState.ROUTED, RequestState.ANSWERED)


def clean_uscc(value) -> str:
    """A 统一社会信用代码 as people type it (spaces, full-width, lower case) -> the 18 characters."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value or ""))).upper()


class EnterpriseRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office and the leader (cogov.enterprise_view_all) see every request; a unit sees
        those routed to it and those it entered (a grid worker's are his town's)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if has_capability(user, "cogov.enterprise_view_all"):
            return self
        if not has_capability(user, "cogov.enterprise_view") or user.unit_id is None:
            return self.none()
        routed = EnterpriseRequestUnit.objects.filter(unit_id=user.unit_id).values("request_id")
        return self.filter(Q(pk__in=routed) | Q(entered_unit_id=user.unit_id) | Q(entered_by_id=user.pk))

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today: datetime.date):
        """Routed, not closed, past the deadline."""
        return self.filter(state__in=OPEN_STATES, deadline__lt=today)


class EnterpriseRequest(TimeStampedModel):
    """企业诉求：一家企业的一件事，由一个或多个单位办理。"""

    receipt_no = models.CharField(_("受理编号"), max_length=20, unique=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    enterprise_name = models.CharField(_("企业名称"), max_length=100)
    contact_name = models.CharField(_("联系人"), max_length=30)
    contact_phone = models.CharField(_("联系电话"), max_length=20)
    kind = models.CharField(_("诉求类型"), max_length=20, choices=RequestKind)
    content = models.TextField(_("诉求内容"), max_length=CONTENT_MAX)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=RequestChannel)
    received_on = models.DateField(_("受理日期"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("登记人"),
    )
    entered_unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记单位"),
    )
    state = models.CharField(_("状态"), max_length=10, choices=RequestState, default=RequestState.NEW)
    deadline = models.DateField(_("答复期限"), null=True, blank=True)
    routed_on = models.DateField(_("分办日期"), null=True, blank=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply = models.TextField(_("答复企业"), blank=True, max_length=ANSWER_MAX)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    satisfaction = models.CharField(_("满意度"), max_length=12, choices=Satisfaction, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=200, blank=True)
    rating_source = models.CharField(_("评价方式"), max_length=10, choices=RatingSource, blank=True)
    rated_on = models.DateField(_("评价日期"), null=True, blank=True)
    # the public form: a keyed hash of the sender's address (not the address), for the rate limit
    client_hash = models.CharField(max_length=32, blank=True, db_index=True)

    objects = EnterpriseRequestQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("企业诉求")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(routed_on__isnull=False),
                name="enterpriserequest_deadline_when_routed",
                violation_error_message="分办后才有答复期限",
            ),
            models.CheckConstraint(
                condition=~Q(state="closed") | Q(closed_on__isnull=False),
                name="enterpriserequest_closed_has_date",
                violation_error_message="办结的诉求须有办结日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_no} {self.enterprise_name}"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.state in OPEN_STATES and self.deadline is not None and self.deadline < today

    def days_over(self, today: datetime.date) -> int:
        return (today - self.deadline).days if self.is_overdue(today) else 0

    @property
    def closed_on_time(self) -> bool | None:
        if self.closed_on is None or self.deadline is None:
            return None
        return self.closed_on <= self.deadline


class EnterpriseRequestUnit(TimeStampedModel):
    """一个单位在一件企业诉求中的部分：主办或协办，各自答复。"""

    request = models.ForeignKey(
        EnterpriseRequest, on_delete=models.CASCADE, related_name="units", verbose_name=_("企业诉求")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("办理单位")
    )
    role = models.CharField(_("办理方式"), max_length=4, choices=UnitRole)
    answer = models.TextField(_("答复意见"), blank=True, max_length=ANSWER_MAX)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = _("企业诉求办理单位")
        ordering = ["request", "-role", "pk"]  # 主办 (lead) before 协办 (co)
        constraints = [
            models.UniqueConstraint(
                fields=["request", "unit"],
                name="enterpriserequestunit_unique_unit",
                violation_error_message="同一单位在一件诉求中只能出现一次",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(role="lead"),
                name="enterpriserequestunit_one_lead",
                violation_error_message="一件诉求只能有一个主办单位",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request.receipt_no} {self.unit} {self.get_role_display()}"

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_on is None or self.request.deadline is None:
            return None
        return self.answered_on <= self.request.deadline

    def is_overdue(self, today: datetime.date) -> bool:
        r = self.request
        return (
            self.answered_on is None
            and r.state in OPEN_STATES
            and r.deadline is not None
            and r.deadline < today
        )
