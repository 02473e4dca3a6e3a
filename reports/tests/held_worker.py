"""``dvcq worker`` that stops (see ``jobs.testing``) at one known point of writing a report's
file, so a test can SIGKILL it there. Test-only: the hooks live here, not in the job code.

``DVCQ_TEST_HOLD`` names the point:

* ``saved``: the file is written and its ``ReportFile`` row has just been inserted, inside
  whatever transaction the job code keeps it in;
* ``kept``: that transaction has just committed (at once, if there is none).
"""

from jobs.testing import Hold, run_held_worker


def hooks(hold: Hold) -> None:
    from django.db import transaction
    from django.db.models.signals import post_save

    from reports.models import ReportFile

    def saved(sender, created, **kwargs):
        if created:
            transaction.on_commit(lambda: hold.at("kept"))
            hold.at("saved")

    post_save.connect(saved, sender=ReportFile, weak=False)


if __name__ == "__main__":
    run_held_worker(hooks)
