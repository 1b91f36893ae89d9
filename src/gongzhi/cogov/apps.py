from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CogovConfig(AppConfig):
    name = "gongzhi.cogov"
    label = "cogov"
    verbose_name = _("税费共治")
