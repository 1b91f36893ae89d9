from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CogovConfig(AppConfig):
    name = "gongzhi.cogov"
    label = "cogov"
    verbose_name = _("税费共治")

    def ready(self):
        from gongzhi.cogov import selectors_grid
        from gongzhi.taxrisk import hooks

        # the grid part: the lead page shows the lead's grid verification tasks (网格核查)
        hooks.register_lead_panel(selectors_grid.lead_panel)
