"""URLs of the inspections app."""

from django.urls import path

from inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("mo-dot/", views.inspection_start, name="start"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/cham-diem/", views.inspection_score, name="score"),
    path("<int:pk>/ton-tai/", views.finding_add, name="finding_add"),
]
