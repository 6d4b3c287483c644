from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Guide annuel"

    def ready(self):
        from . import signals

        signals.connect()
