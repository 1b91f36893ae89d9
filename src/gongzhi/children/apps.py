from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildrenConfig(AppConfig):
    name = "gongzhi.children"
    label = "children"
    verbose_name = _("儿童议事与儿童声音")
