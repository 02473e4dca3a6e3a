"""Site-wide views: the health check."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
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
