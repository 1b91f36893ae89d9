from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "gongzhi.exchange"
    label = "exchange"
    verbose_name = _("数据共享")
    # imported when a job is first started or run (core.jobs), not at start-up
    job_modules = ("gongzhi.exchange.tasks",)
