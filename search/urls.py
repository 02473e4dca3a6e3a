"""URLs of the search app."""

app_name = "search"

urlpatterns = []
