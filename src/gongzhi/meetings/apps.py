from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gongzhi.meetings"
    label = "meetings"
    verbose_name = _("联席会议")

    def ready(self) -> None:
        # an important matter of cogov shows the meetings it was put on (cogov does not import
        # meetings: meetings sits above it and registers the lookup)
        from gongzhi.cogov.selectors_matters import register_agenda_lookup
        from gongzhi.meetings.selectors import agenda_meetings_linking

        register_agenda_lookup(agenda_meetings_linking)
