from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gongzhi.meetings"
    label = "meetings"
    verbose_name = _("联席会议")

    def ready(self) -> None:
        # an important matter of cogov shows the meetings it was put on (cogov does not import
        # meetings: meetings sits above it and registers the lookup)
        # (by its dotted path: importing the meetings' selectors here would slow every command's
        # start)
        from gongzhi.cogov.selectors_matters import register_agenda_lookup

        register_agenda_lookup("gongzhi.meetings.selectors.agenda_meetings_linking")
