"""URLs of the API (mounted at ``/api/v1/``). Its root lists the schema, the docs and the
endpoints; any other address below it is a JSON 404."""

from django.http import JsonResponse
from django.urls import NoReverseMatch, path, re_path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import views
from api.exceptions import not_found

app_name = "api"


class OptionalSlashRouter(SimpleRouter):
    """``/tasks`` and ``/tasks/`` both work (no redirect a client could mishandle)."""

    def __init__(self):
        super().__init__()
        self.trailing_slash = "/?"


router = OptionalSlashRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("committee-members", views.CommitteeMemberViewSet, basename="committee-member")
router.register("programs", views.ProgramViewSet, basename="program")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("evidence", views.EvidenceFileViewSet, basename="evidence")
router.register("documents", views.CitedDocumentViewSet, basename="document")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("petitions", views.PetitionViewSet, basename="petition")
router.register("visits", views.VisitViewSet, basename="visit")
router.register("reports", views.ReportViewSet, basename="report")


class PublicSchemaView(SpectacularJSONAPIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = []


class PublicDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a separate file: the site's CSP allows no
    inline script."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []
    template_name = "api/swagger_ui.html"


def _list_urls(request) -> dict:
    """The address of each endpoint that lists (evidence has only its download)."""
    urls = {}
    for prefix, _viewset, basename in router.registry:
        try:
            urls[prefix] = request.build_absolute_uri(reverse(f"api:{basename}-list"))
        except NoReverseMatch:
            continue
    return urls


def api_root(request):
    """Where to start: absolute links to the OpenAPI schema, the docs and each endpoint."""
    return JsonResponse(
        {
            "description": _("API của DVCQ, phiên bản 1; dùng khoá API (Bearer)."),
            "schema": request.build_absolute_uri(reverse("api:schema")),
            "docs": request.build_absolute_uri(reverse("api:docs")),
            "endpoints": _list_urls(request),
        },
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns = [
    path("", api_root, name="root"),
    path("openapi.json", PublicSchemaView.as_view(), name="schema"),
    path("docs", PublicDocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    # ``[\s\S]``, not ``.``: a path holding a line feed (``/api/v1/tasks/%0a``) is caught
    # here too, not left to the site's HTML 404.
    re_path(r"^[\s\S]*$", not_found),
]
