from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildrenRegisterConfig(AppConfig):
    """Child impact assessments and the register of child-friendly spaces and projects (a
    sub-app of children/ with its own models and migrations)."""

    name = "gongzhi.children.register"
    label = "children_register"
    verbose_name = _("儿童影响评价与儿童友好空间")
