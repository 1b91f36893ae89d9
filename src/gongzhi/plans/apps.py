from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "gongzhi.plans"
    label = "plans"
    verbose_name = _("政策文件")
    # imported when a job is first started or run (core.jobs), not at start-up
    job_modules = ("gongzhi.plans.tasks",)
