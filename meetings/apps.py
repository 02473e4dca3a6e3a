from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Họp Ban Chỉ đạo"

    def ready(self):
        try:
            from followup.feeds import register_source
        except ImportError:
            return
        from meetings.feeds import meeting_events

        register_source(meeting_events)
