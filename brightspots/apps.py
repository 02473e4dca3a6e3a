from django.apps import AppConfig


class BrightspotsConfig(AppConfig):
    name = "brightspots"
    verbose_name = "Điểm sáng, mô hình Dân vận khéo"
