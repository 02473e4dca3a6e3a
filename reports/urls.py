"""URLs of the reports app."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tong-hop.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("danh-sach/", views.report_list, name="list"),
    path("moi/", views.report_create, name="create"),
    path("hop-thu/", views.inbox, name="inbox"),
    path("tep/<int:pk>/", views.file_download, name="file"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/sua/", views.report_edit, name="edit"),
    path("<int:pk>/ban-hanh/", views.report_issue, name="issue"),
    path("<int:pk>/gui/", views.report_submit, name="submit"),
    path("<int:pk>/xu-ly/", views.report_review, name="review"),
    path("<int:pk>/tao-tep/", views.report_generate, name="generate"),
    path("<int:pk>/tai/<str:fmt>/", views.report_download, name="download"),
]
