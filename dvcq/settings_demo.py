"""Settings of the demo (``dvcq serve-demo``, what ``make run`` starts): DEBUG off, so the
site answers as in production (its own Vietnamese error pages, no technical page), with the
developer defaults for everything else (plain HTTP on 127.0.0.1, SQLite under ``data/``).

Static files are served by WhiteNoise straight from the source folders (``finders``), not
from a ``collectstatic`` copy, so a fresh clone runs without that step (about a minute, for
the compressed copies production wants).
"""

import json
import os
import secrets

from cryptography.fernet import Fernet

from dvcq.settings import *  # noqa: F403

DEBUG = False


def _installation_keys(folder) -> dict:
    """This installation's own secret key and identity key, made on first use and kept in
    ``demo-keys.json`` beside its database (readable by its owner only). With DEBUG off the
    system refuses the public development keys printed in the source code, and the demo's
    data is sealed under this key from ``load-demo`` on."""
    path = folder / "demo-keys.json"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        keys = {
            "secret_key": secrets.token_urlsafe(50),
            "identity_key": Fernet.generate_key().decode(),
        }
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            json.dump(keys, out)
    return json.loads(path.read_text())


_keys = _installation_keys(DATA_DIR)  # noqa: F405
SECRET_KEY = os.environ.get("SECRET_KEY") or _keys["secret_key"]
DVCQ_IDENTITY_KEY = os.environ.get("DVCQ_IDENTITY_KEY") or _keys["identity_key"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# The demo sends no real mail (there is no mail server on a fresh machine): digests and
# reminders are printed by the console backend, which production refuses (dvcq.E010).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "dvcq.E010"]  # noqa: F405
