from django.apps import AppConfig


class DvcqConfig(AppConfig):
    name = "dvcq"
    verbose_name = "DVCQ"

    def ready(self):
        from dvcq import checks  # noqa: F401 (registers the system checks)
