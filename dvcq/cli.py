"""The ``dvcq`` console script: Django's management commands under one name.

``dvcq import-program FILE --unit CODE`` is ``manage.py import_program ...``: a hyphen in the
command name stands for an underscore.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvcq.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "dvcq"
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
