"""``dvcq worker`` that stops for ``DVCQ_TEST_HOLD_SECONDS`` at one known point of writing a
report's file, so a test can SIGKILL it there. Test-only: the hooks live here, not in the
job code.

``DVCQ_TEST_HOLD`` names the point:

* ``saved``: the file is written and its ``ReportFile`` row has just been inserted, inside
  whatever transaction the job code keeps it in;
* ``kept``: that transaction has just committed (at once, if there is none).

Reaching the point creates a file of that name in ``DVCQ_TEST_MARKERS``.
"""

import os
import sys
import time
from pathlib import Path

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvcq.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models.signals import post_save

    from reports.models import ReportFile

    point = os.environ.get("DVCQ_TEST_HOLD", "")
    markers = Path(os.environ["DVCQ_TEST_MARKERS"])
    seconds = float(os.environ.get("DVCQ_TEST_HOLD_SECONDS", "60"))

    def hold(here: str) -> None:
        if here == point:
            (markers / here).touch()
            time.sleep(seconds)

    def saved(sender, created, **kwargs):
        if created:
            transaction.on_commit(lambda: hold("kept"))
            hold("saved")

    post_save.connect(saved, sender=ReportFile, weak=False)
    call_command("worker", *sys.argv[1:])


if __name__ == "__main__":
    main()
