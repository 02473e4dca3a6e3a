from django.urls import path

from committee import views

app_name = "committee"

urlpatterns = [
    path("", views.committee_page, name="page"),
    path("don-vi/<slug:code>/", views.committee_page, name="unit_page"),
    path("thanh-vien/them/", views.member_add, name="member_add"),
    path("thanh-vien/<int:pk>/thoi/", views.member_end, name="member_end"),
    path("thanh-vien/<int:pk>/xom/", views.member_hamlets, name="member_hamlets"),
]
