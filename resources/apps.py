from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Ressources"

    def ready(self):
        from .roles import after_migrate

        post_migrate.connect(after_migrate, dispatch_uid="resources-roles")
