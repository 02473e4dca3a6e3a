"""URLs of the activities app (mounted at /hoat-dong/)."""

from django.urls import path

from activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("moi/", views.activity_create, name="create"),
    path("tong-hop/", views.totals, name="totals"),
    path("ngay-ky-niem/", views.anniversary_list, name="anniversaries"),
    path("ngay-ky-niem/<int:pk>/xoa/", views.anniversary_delete, name="anniversary_delete"),
    path("tep/<int:pk>/", views.file_download, name="file"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/sua/", views.activity_edit, name="edit"),
]
