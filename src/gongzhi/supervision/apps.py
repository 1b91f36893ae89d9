from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "gongzhi.supervision"
    label = "supervision"
    verbose_name = _("督查督办")

    def ready(self):
        from gongzhi.supervision import freshness, tasks  # noqa: F401  (tasks registers the job handlers)

        freshness.connect()  # a change to what levels are computed from marks the stored status stale
