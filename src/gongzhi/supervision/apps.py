from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "gongzhi.supervision"
    label = "supervision"
    verbose_name = _("督查督办")
    # imported when a job is first started or run (core.jobs), not at start-up
    job_modules = ("gongzhi.supervision.tasks",)

    def ready(self):
        from gongzhi.supervision import freshness

        freshness.connect()  # a change to what levels are computed from marks the stored status stale
