"""URLs of the followup app."""

from django.urls import path

from followup import views

app_name = "followup"

urlpatterns = [
    path("lich/", views.feed_tokens, name="feed_tokens"),
    path("lich/tao/", views.feed_token_create, name="feed_token_create"),
    path("lich/<int:pk>/thu-hoi/", views.feed_token_revoke, name="feed_token_revoke"),
    path("lich/<str:token>.ics", views.feed, name="feed"),
]
