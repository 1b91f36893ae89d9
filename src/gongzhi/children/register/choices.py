from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionGroup(models.TextChoices):
    SPACE = "space", _("空间")
    SAFETY = "safety", _("安全")
    SERVICE = "service", _("服务")
    PARTICIPATION = "participation", _("参与")


class Answer(models.TextChoices):
    YES = "yes", _("是")
    PARTLY = "partly", _("部分")
    NO = "no", _("否")
    NOT_APPLICABLE = "na", _("不适用")


class SubjectKind(models.TextChoices):
    TASK = "task", _("规划任务")
    POLICY = "policy", _("政策文件")
    PROJECT = "project", _("项目")


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    SIGNED_OFF = "signed_off", _("已签认")


class Conclusion(models.TextChoices):
    FRIENDLY = "friendly", _("符合儿童友好要求")
    WITH_CHANGES = "with_changes", _("按要求修改后符合")
    NOT_FRIENDLY = "not_friendly", _("不符合，须重新论证")


class SpaceKind(models.TextChoices):
    BLOCK = "block", _("儿童友好街区")
    SCHOOL = "school", _("儿童友好学校")
    HOSPITAL = "hospital", _("儿童友好医院")
    ROAD = "road", _("儿童友好道路")
    PARK = "park", _("儿童友好公园")
    READING = "reading", _("儿童阅读空间")
    SPORTS = "sports", _("儿童运动场地")
    OTHER = "other", _("其他儿童友好空间")


class SpaceStatus(models.TextChoices):
    PLANNED = "planned", _("规划")
    BUILDING = "building", _("在建")
    BUILT = "built", _("建成")
    CERTIFIED = "certified", _("已认定")
