"""URLs of the citizens app."""

app_name = "citizens"

urlpatterns: list = []
