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

# Urging letters (công văn đôn đốc) about overdue tasks.
from followup import urging_views  # noqa: E402

urlpatterns += [
    path("don-doc/", urging_views.urging_page, name="urging"),
    path("don-doc/cong-van/", urging_views.urging_letters, name="urging_letters"),
    path("don-doc/cong-van/<int:pk>/", urging_views.urging_letter, name="urging_letter"),
    path(
        "don-doc/cong-van/<int:pk>/ban-hanh/",
        urging_views.urging_letter_issue,
        name="urging_letter_issue",
    ),
    path(
        "don-doc/cong-van/<int:pk>/<slug:step>/",
        urging_views.urging_letter_step,
        name="urging_letter_step",
    ),
    path(
        "don-doc/cong-van/<int:pk>/tai-ve/<str:fmt>/",
        urging_views.urging_download,
        name="urging_download",
    ),
]
