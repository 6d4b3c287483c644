from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StatsBaseConfig(AppConfig):
    name = "statsbase"
    label = "statsbase"
    verbose_name = "Base statistique nationale"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from resources.panoramas import register_panorama

        from .panorama import national_section
        from .roles import ensure_statistics_roles_after_migrate

        register_panorama(national_section)
        post_migrate.connect(ensure_statistics_roles_after_migrate, dispatch_uid="statsbase_roles")
