"""URLs of the activities app."""

app_name = "activities"

urlpatterns: list = []
