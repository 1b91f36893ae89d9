from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "gongzhi.assessment"
    label = "assessment"
    verbose_name = _("考核通报")
