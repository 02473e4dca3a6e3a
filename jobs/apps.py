from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Việc chạy nền"

    def ready(self):
        # Each app's ``background.py`` registers its job kinds and schedules.
        autodiscover_modules("background")
