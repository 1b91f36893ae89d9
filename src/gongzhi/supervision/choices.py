from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    LEVEL = "level", _("数值目标")
    RATE = "rate", _("年度变化率")
    RANGE = "range", _("区间目标")
    PER_UNIT = "per_unit", _("按单位配备")
    CUMULATIVE = "cumulative", _("累计数量")
    MILESTONE = "milestone", _("节点要求")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("按月")
    QUARTERLY = "quarterly", _("按季")
    HALF_YEARLY = "half_yearly", _("按半年")
    YEARLY = "yearly", _("按年")


class Direction(models.TextChoices):
    UP = "up", _("越高越好")
    DOWN = "down", _("越低越好")


class RoundState(models.TextChoices):
    OPEN = "open", _("报送中")
    CLOSED = "closed", _("已结束")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未启动")
    IN_PROGRESS = "in_progress", _("推进中")
    DONE = "done", _("已完成")
    DELAYED = "delayed", _("滞后")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    ACCEPTED = "accepted", _("已审核通过")
    RETURNED = "returned", _("已退回")


class ValueSource(models.TextChoices):
    FORM = "form", _("网页填报")
    API = "api", _("接口推送")
    DEMO = "demo", _("演示数据")
    REGISTER = "register", _("登记册计算")  # counted from a register (children's spaces), not reported


class OrderState(models.TextChoices):
    ISSUED = "issued", _("待答复")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    ESCALATED = "escalated", _("已升级督办")


class Level(models.TextChoices):
    GREEN = "green", _("正常")
    YELLOW = "yellow", _("预警")
    RED = "red", _("严重")
    GREY = "grey", _("无法判断")
