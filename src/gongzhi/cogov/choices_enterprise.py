"""Choices of enterprise requests (企业诉求): type, channel, state, each unit's part, satisfaction."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    POLICY = "policy", _("政策咨询")
    TAX = "tax", _("办税缴费")
    FINANCE = "finance", _("融资需求")
    LAND_LABOUR = "land_labour", _("用地用工")
    APPROVAL = "approval", _("审批办理")
    COMPLAINT = "complaint", _("投诉建议")
    OTHER = "other", _("其他")


class RequestChannel(models.TextChoices):
    GRID = "grid", _("网格员")
    DEPARTMENT = "department", _("部门")
    PUBLIC = "public", _("公开表单")


class RequestState(models.TextChoices):
    NEW = "new", _("待分办")
    ROUTED = "routed", _("办理中")
    ANSWERED = "answered", _("待办结")  # every unit has answered: the lead unit closes it
    CLOSED = "closed", _("已办结")


class UnitRole(models.TextChoices):
    LEAD = "lead", _("主办")
    CO = "co", _("协办")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class RatingSource(models.TextChoices):
    CALLBACK = "callback", _("回访")
    PUBLIC = "public", _("企业自评")


# what the list filters by beyond the stored states
LIST_FILTERS = [
    ("open", _("未办结")),
    ("overdue", _("已逾期")),
    *RequestState.choices,
    ("unrated", _("待回访")),
    ("rated", _("已评价")),
]
