"""``dvcq worker`` that stops for ``DVCQ_TEST_HOLD_SECONDS`` at one known point of the
reminder pass, so a test can SIGKILL it there. Test-only: the hooks live here, not in the
reminder code.

``DVCQ_TEST_HOLD`` names the point, with a count:

* ``delivery:N``: the N-th reminder's row has just been inserted (with its in-app
  notification), inside the transaction that records it;
* ``mail:N``: the N-th e-mail is built and about to be handed to the mail server;
* ``sent:N``: the mail server has just accepted the N-th e-mail, which is not yet recorded
  as sent.

Reaching the point creates a file named after it (``delivery-N``...) in
``DVCQ_TEST_MARKERS``.
"""

import os
import sys
import time
from collections import Counter
from pathlib import Path

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvcq.settings")
    django.setup()
    from django.core.mail import EmailMessage
    from django.core.management import call_command
    from django.db.models.signals import post_save

    from reminders.models import ReminderDelivery

    point = os.environ.get("DVCQ_TEST_HOLD", "")
    markers = Path(os.environ["DVCQ_TEST_MARKERS"])
    seconds = float(os.environ.get("DVCQ_TEST_HOLD_SECONDS", "60"))
    seen: Counter = Counter()

    def reached(kind: str) -> None:
        seen[kind] += 1
        here = f"{kind}:{seen[kind]}"
        if here == point:
            (markers / here.replace(":", "-")).touch()
            time.sleep(seconds)

    def recorded(sender, created, **kwargs):
        if created:
            reached("delivery")

    original_send = EmailMessage.send

    def send(self, *args, **kwargs):
        reached("mail")
        accepted = original_send(self, *args, **kwargs)
        reached("sent")
        return accepted

    post_save.connect(recorded, sender=ReminderDelivery, weak=False)
    EmailMessage.send = send
    call_command("worker", *sys.argv[1:])


if __name__ == "__main__":
    main()
