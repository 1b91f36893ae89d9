from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilLevel(models.TextChoices):
    DISTRICT = "district", _("区级")
    TOWN = "town", _("镇（街道）级")
    COMMUNITY = "community", _("社区（学校）级")


class AgeBand(models.TextChoices):
    AGE_6_8 = "6-8", _("6–8岁")
    AGE_9_11 = "9-11", _("9–11岁")
    AGE_12_14 = "12-14", _("12–14岁")
    AGE_15_17 = "15-17", _("15–17岁")


class SuggestionSource(models.TextChoices):
    COUNCIL = "council", _("儿童议事会")
    PUBLIC = "public", _("网上建议")


class SuggestionState(models.TextChoices):
    NEW = "new", _("待交办")
    ROUTED = "routed", _("办理中")
    ANSWERED = "answered", _("已答复")
    PUBLISHED = "published", _("已公开")


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not", _("未采纳")
