from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("chuong-trinh/", views.program_list, name="program_list"),
    path("chuong-trinh/<int:pk>/", views.program_detail, name="program"),
    path("chuong-trinh/<int:pk>/van-ban/", views.program_document, name="program_document"),
    path(
        "chuong-trinh/<int:pk>/khoi-phuc/",
        views.program_restore_revision,
        name="program_restore_revision",
    ),
    path("chuong-trinh/<int:pk>/nam-sau/", views.program_next_year, name="program_next_year"),
    path("nhiem-vu/", views.task_list, name="task_list"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/phan-cong/", views.task_assign, name="task_assign"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
]
