from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "gongzhi.credit"
    label = "credit"
    verbose_name = _("纳税信用")
    # imported when a job is first started or run (core.jobs), not at start-up
    job_modules = ("gongzhi.credit.tasks_push",)

    def ready(self) -> None:
        from gongzhi.exchange import quality_hooks
        from gongzhi.taxrisk import hooks as taxrisk_hooks

        def rating_findings(ids):
            from gongzhi.credit.selectors import rating_problems  # reads shared data: imported when used

            return rating_problems(submission_ids=ids)

        # a rating whose level contradicts its score is a finding in the data-quality view
        quality_hooks.register("credit_rating", rating_findings)

        def levels(usccs, *, user, purpose):
            from gongzhi.credit.selectors import levels_of

            return levels_of(usccs, user=user, purpose=purpose)

        # the lead list shows each taxpayer's level from the ratings
        taxrisk_hooks.register_credit_levels(levels)
