"""Settings of the demo (``dvcq serve-demo``, what ``make run`` starts): DEBUG off, so the
site answers as in production (its own Vietnamese error pages, no technical page), with the
developer defaults for everything else (plain HTTP on 127.0.0.1, SQLite under ``data/``).

Static files are served by WhiteNoise straight from the source folders (``finders``), not
from a ``collectstatic`` copy, so a fresh clone runs without that step (about a minute, for
the compressed copies production wants).
"""

from dvcq.settings import *  # noqa: F403

DEBUG = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
