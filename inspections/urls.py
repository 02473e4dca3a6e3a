"""URLs of the inspections app."""

app_name = "inspections"

urlpatterns: list = []
