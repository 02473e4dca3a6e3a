"""URLs of the brightspots app."""

from django.urls import path

from brightspots import views

app_name = "brightspots"

urlpatterns = [
    path("", views.spot_list, name="list"),
    path("dang-ky/", views.spot_register, name="register"),
    path("<int:pk>/", views.spot_detail, name="detail"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
]
