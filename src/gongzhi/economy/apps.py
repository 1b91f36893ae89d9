from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "gongzhi.economy"
    label = "economy"
    verbose_name = _("经济分析")
    # imported when a job is first started or run (core.jobs), not at start-up
    job_modules = ("gongzhi.economy.report_tasks", "gongzhi.economy.cube_store")
