"""``dvcq worker`` that stops (see ``jobs.testing``) at one known point of the reminder
pass, so a test can SIGKILL it there. Test-only: the hooks live here, not in the reminder
code.

``DVCQ_TEST_HOLD`` names the point, with a count:

* ``delivery:N``: the N-th reminder's row has just been inserted (with its in-app
  notification), inside the transaction that records it;
* ``mail:N``: the N-th e-mail is built and about to be handed to the mail server;
* ``sent:N``: the mail server has just accepted the N-th e-mail, which is not yet recorded
  as sent.
"""

from jobs.testing import Hold, run_held_worker


def hooks(hold: Hold) -> None:
    from django.core.mail import EmailMessage
    from django.db.models.signals import post_save

    from reminders.models import ReminderDelivery

    def recorded(sender, created, **kwargs):
        if created:
            hold.count("delivery")

    original_send = EmailMessage.send

    def send(self, *args, **kwargs):
        hold.count("mail")
        accepted = original_send(self, *args, **kwargs)
        hold.count("sent")
        return accepted

    post_save.connect(recorded, sender=ReminderDelivery, weak=False)
    EmailMessage.send = send


if __name__ == "__main__":
    run_held_worker(hooks)
