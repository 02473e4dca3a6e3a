from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo, tổng hợp"

    def ready(self):
        # The built-in figure providers and report sections register themselves on import.
        from reports import figures, outline  # noqa: F401
