from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CentreConfig(AppConfig):
    name = "centre"
    verbose_name = "Site"

    def ready(self):
        from core.cache import connect_signals
        from core.roles import ensure_roles_after_migrate

        connect_signals()

        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="centre-roles")
