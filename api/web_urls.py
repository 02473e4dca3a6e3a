"""The API key page (mounted at ``/tai-khoan/khoa-api/``)."""

from django.urls import path

from api import web_views

app_name = "api_tokens"

urlpatterns = [
    path("", web_views.token_list, name="list"),
    path("tao/", web_views.token_create, name="create"),
    path("<int:pk>/thu-hoi/", web_views.token_revoke, name="revoke"),
]
