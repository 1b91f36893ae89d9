from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxriskConfig(AppConfig):
    name = "gongzhi.taxrisk"
    label = "taxrisk"
    verbose_name = _("税收风险分析")
    # imported when a job is first started or run (core.jobs), not at start-up
    job_modules = ("gongzhi.taxrisk.tasks",)
