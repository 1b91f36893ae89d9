from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "gongzhi.credit"
    label = "credit"
    verbose_name = _("纳税信用")

    def ready(self) -> None:
        from gongzhi.credit import tasks_push  # noqa: F401  (registers the policy-push job handlers)
        from gongzhi.credit.selectors import rating_problems
        from gongzhi.exchange import quality_hooks

        # a rating whose level contradicts its score is a finding in the data-quality view
        quality_hooks.register("credit_rating", lambda ids: rating_problems(submission_ids=ids))
