"""Outgoing documents: the register that numbers them and their export in the state format."""

from django.urls import path

from outgoing import views

app_name = "outgoing"

urlpatterns = [
    path("", views.register, name="register"),
    path(
        "chuong-trinh/<int:pk>/tai-ve/<str:fmt>/",
        views.program_download,
        name="program_download",
    ),
    path("chuong-trinh/<int:pk>/ban-hanh/", views.program_issue, name="program_issue"),
]
