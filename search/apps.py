"""The search app: one index over programs, tasks, cited documents, activities, committee
members, petitions, reception visits, bright spots, meetings, reports, self-inspections,
outgoing documents and hamlets, kept current by signals."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from search import signals

        signals.connect()
