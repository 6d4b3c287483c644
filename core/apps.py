from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Vocabulaire commun"

    def ready(self):
        from . import collector, database_session

        collector.install()
        database_session.install()
