from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    PLANNED = "planned", _("定期督查")
    UNANNOUNCED = "unannounced", _("“四不两直”暗访")
    THIRD_PARTY = "third_party", _("第三方评估")
    INTERVIEW = "interview", _("面对面访谈")


class RectificationState(models.TextChoices):
    OPEN = "open", _("整改中")
    SUBMITTED = "submitted", _("已报整改结果")
    CLOSED = "closed", _("已销号")


class CaseState(models.TextChoices):
    SUBMITTED = "submitted", _("已报送")
    SELECTED = "selected", _("已入选")
    PUBLISHED = "published", _("已公开")
    DECLINED = "declined", _("未入选")
