"""URLs of the brightspots app."""

app_name = "brightspots"

urlpatterns: list = []
