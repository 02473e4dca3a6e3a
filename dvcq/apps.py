from django.apps import AppConfig


class DvcqConfig(AppConfig):
    name = "dvcq"
    verbose_name = "DVCQ"
