"""The reminder jobs, registered with the worker (``jobs.registry``).

* ``reminders.daily_pass``: queued once a day from ``DVCQ_REMINDER_HOUR`` o'clock (7 by
  default), Asia/Ho_Chi_Minh time.
* a tick on every worker round: send digests that are due again after a failure.
"""

import datetime
import os

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jobs import registry


def reminder_hour() -> int:
    """The hour of the daily pass: setting ``DVCQ_REMINDER_HOUR``, else the environment
    variable of the same name, else 7."""
    value = getattr(settings, "DVCQ_REMINDER_HOUR", None)
    if value is None:
        value = os.environ.get("DVCQ_REMINDER_HOUR", "7")
    return int(value)


@registry.job("reminders.daily_pass", label=_("Gửi nhắc việc hằng ngày"))
def daily_pass(ctx):
    from reminders.dispatch import run_reminder_pass

    day = ctx.payload.get("day")
    today = datetime.date.fromisoformat(day) if day else None
    return run_reminder_pass(today, worker_id=ctx.job.locked_by, progress=ctx.progress)


registry.daily("reminders.daily_pass", hour=reminder_hour)


@registry.tick
def retry_digests(*, now, worker_id):
    from reminders.digests import send_due_digests

    send_due_digests(now=now, worker_id=worker_id)
