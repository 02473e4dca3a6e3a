"""Login lockout: django-axes refuses a username+address pair after repeated failures.

Axes needs the request to know the address. Web logins always pass it (Django's login form
does); ``authenticate()`` without a request comes only from code on the server (management
commands, the test client's ``login()``), which no outsider can drive, so it is let through to
the next backend instead of failing.

An account held for password spraying (``accounts.spraying``) is refused before any
password is checked, whatever asks.
"""

from axes.backends import AxesStandaloneBackend
from django.core.exceptions import PermissionDenied

from accounts import spraying


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if spraying.is_held(username):
            raise PermissionDenied(spraying.held_message())
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
