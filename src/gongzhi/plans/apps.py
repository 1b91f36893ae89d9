from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "gongzhi.plans"
    label = "plans"
    verbose_name = _("政策文件")

    def ready(self) -> None:
        from gongzhi.plans import tasks  # noqa: F401  (registers the job handlers)
