from django.db import models
from django.utils.translation import gettext_lazy as _


class ResponsibilityRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    RESPONSIBLE = "responsible", _("责任单位")
    COOPERATING = "cooperating", _("配合单位")


class Comparator(models.TextChoices):
    GTE = ">=", _("不低于")
    GT = ">", _("超过")
    EQ = "=", _("达到")
    LTE = "<=", _("不高于")
    LT = "<", _("低于")
    RANGE = "range", _("区间")
    DECREASE_BY = "decrease_by", _("降低")
    INCREASE_BY = "increase_by", _("提高")


class ImportState(models.TextChoices):
    PARSING = "parsing", _("解析中")
    REVIEW = "review", _("待审核")
    CONFIRMED = "confirmed", _("已确认")
    FAILED = "failed", _("解析失败")
    CANCELLED = "cancelled", _("已取消")


class NodeKind(models.TextChoices):
    SECTION = "section", _("章节")
    TASK = "task", _("任务")


class UnitDecision(models.TextChoices):
    MAP = "map", _("对应已有单位")
    CREATE = "create", _("新建单位")
    IGNORE = "ignore", _("不是单位，忽略")


class LessonKind(models.TextChoices):
    """What a reviewer's correction teaches the next import (plans.lessons)."""

    NOT_TARGET = "not_target", _("不是目标")
    TARGET = "target", _("是目标")
    TARGET_FIX = "target_fix", _("目标修正")
    NOT_UNIT = "not_unit", _("不是单位")
