"""``dvcq worker`` with imported documents (from the second one on) held open inside their
transaction for ``DVCQ_TEST_HOLD_SECONDS`` seconds, so a test can SIGKILL it mid-document.

Test-only: the wrapper lives here, not in the job code. A file ``inside-<n>`` in
``DVCQ_TEST_MARKERS`` announces that document n's rows are written but not committed.
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

    import programs.revisions

    original = programs.revisions.apply_reading
    markers = Path(os.environ["DVCQ_TEST_MARKERS"])
    hold = float(os.environ.get("DVCQ_TEST_HOLD_SECONDS", "30"))
    seen = []

    def held(**kwargs):
        report = original(**kwargs)  # atomic: joins the transaction opened below
        seen.append(kwargs["source_name"])
        (markers / f"inside-{len(seen)}").touch()
        if len(seen) >= 2:  # the first document commits; the second is held open
            time.sleep(hold)
        return report

    programs.revisions.apply_reading = programs.revisions.transaction.atomic(held)
    call_command("worker", *sys.argv[1:])


if __name__ == "__main__":
    main()
