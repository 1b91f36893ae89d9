from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxriskConfig(AppConfig):
    name = "gongzhi.taxrisk"
    label = "taxrisk"
    verbose_name = _("税收风险分析")

    def ready(self) -> None:
        from gongzhi.taxrisk import tasks  # noqa: F401  (registers the job handlers)
