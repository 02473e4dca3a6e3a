from django.apps import AppConfig


class OutgoingConfig(AppConfig):
    name = "outgoing"
    verbose_name = "Văn bản đi"
