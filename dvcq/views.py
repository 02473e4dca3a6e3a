"""Site-wide views: the health check and the page of a refused form."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dvcq.dbdown import health_response


@never_cache
@require_GET
def healthz(request):
    """200 with ``{"status": "ok"}`` when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return health_response()
    return JsonResponse({"status": "ok", "database": "ok"})


def csrf_failure(request, reason=""):
    """A refused form (no or an old CSRF token: a page left open across a log-out, or cookies
    blocked) in the site's own frame and in the user's language, not Django's technical page.
    Django logs the reason (logger ``django.security.csrf``); the user needs none."""
    return render(request, "403_csrf.html", status=403)
