from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "gongzhi.credit"
    label = "credit"
    verbose_name = _("纳税信用")

    def ready(self) -> None:
        from gongzhi.credit import tasks_push  # noqa: F401  (registers the policy-push job handlers)
