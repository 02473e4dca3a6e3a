"""WSGI entry point for gunicorn: ``gunicorn dvcq.wsgi``.

gunicorn runs no system checks, so the identity-key check is run here: a server without
its own key (DEBUG off) refuses to start rather than seal identities with the demo key.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvcq.settings")
application = get_wsgi_application()

from dvcq.checks import refuse_without_identity_key  # noqa: E402 (needs the apps loaded)

refuse_without_identity_key()
