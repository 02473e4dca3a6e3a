from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Theo dõi, đôn đốc"

    def ready(self):
        from django.core.signals import request_started
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from followup import calendar
        from followup.models import CalendarOverride

        def overrides_changed(**kwargs):
            calendar.clear_cache()
            # Again once committed: a read later in the same transaction may have cached.
            transaction.on_commit(calendar.clear_cache)

        def request_began(**kwargs):
            calendar.clear_cache()

        for signal in (post_save, post_delete):
            signal.connect(
                overrides_changed,
                sender=CalendarOverride,
                weak=False,
                dispatch_uid=f"followup-overrides-{signal is post_save}",
            )
        request_started.connect(request_began, weak=False, dispatch_uid="followup-calendar")
