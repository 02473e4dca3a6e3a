"""URLs of the followup app."""

app_name = "followup"

urlpatterns: list = []
