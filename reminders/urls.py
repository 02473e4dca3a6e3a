"""URLs of the reminders app."""

from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/da-doc/", views.notification_read, name="read"),
    path("da-doc-tat-ca/", views.notification_read_all, name="read_all"),
    path("quy-tac/", views.rules, name="rules"),
    path("cai-dat/", views.preferences, name="preferences"),
]
