from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxriskConfig(AppConfig):
    name = "gongzhi.taxrisk"
    label = "taxrisk"
    verbose_name = _("税收风险分析")
    # imported when a job is first started or run (core.jobs), not at start-up
    job_modules = ("gongzhi.taxrisk.tasks",)

    def ready(self) -> None:
        from gongzhi.exchange import quality_hooks

        # the data-quality notice names the units whose dispatched leads are past their deadline
        quality_hooks.register_notice_lines(overdue_notice_lines)


def overdue_notice_lines(*, start, end, today, units) -> dict:
    """Unit -> the notice lines on its leads past their verification deadline in the window, as
    they stand today (the selector the assessment's lead measure reads)."""
    from gongzhi.taxrisk.selectors import overdue_lead_lines, overdue_leads

    return overdue_lead_lines(overdue_leads(units=units, start=start, end=min(end, today), as_of=today))
