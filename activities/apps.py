from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Hoạt động"

    def ready(self):
        try:
            from followup.feeds import register_source
        except ImportError:
            return
        from activities.feeds import activity_events

        register_source(activity_events)
