from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongzhi.core"
    label = "core"
    verbose_name = _("基础设施")
    # imported when a job is first started or run (core.jobs), not at start-up
    job_modules = ("gongzhi.core.tasks",)
