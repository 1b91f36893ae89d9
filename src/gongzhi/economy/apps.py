from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "gongzhi.economy"
    label = "economy"
    verbose_name = _("经济分析")

    def ready(self) -> None:
        from gongzhi.economy import report_tasks  # noqa: F401  (registers the report job handler)
