from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "gongzhi.exchange"
    label = "exchange"
    verbose_name = _("数据共享")

    def ready(self) -> None:
        from gongzhi.exchange import tasks  # noqa: F401  (registers the job handlers)
