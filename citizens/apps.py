from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "citizens"
    verbose_name = "Tiếp công dân, đơn thư"

    def ready(self):
        """Petitions on the parent's dashboard (``reports.providers``); reception days in
        every calendar feed (``followup.feeds``)."""
        from citizens.figures import register_provider

        register_provider()
        try:
            from followup.feeds import register_source
        except ImportError:  # pragma: no cover - followup absent
            return
        from citizens.schedule import feed_events

        register_source(feed_events)
