from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "citizens"
    verbose_name = "Tiếp công dân, đơn thư"

    def ready(self):
        """Petitions on the parent's dashboard (``reports.providers``), their monthly tally's
        triggers checked after every ``migrate`` (``citizens.tally``); reception days in
        every calendar feed (``followup.feeds``)."""
        from django.db.models.signals import post_migrate

        from citizens.figures import register_provider

        register_provider()
        post_migrate.connect(_ensure_tally, sender=self)
        try:
            from followup.feeds import register_source
        except ImportError:  # pragma: no cover - followup absent
            return
        from citizens.schedule import feed_events

        register_source(feed_events)


def _ensure_tally(using, **kwargs):
    from django.db import connections

    from citizens import tally

    tally.ensure(connections[using])
