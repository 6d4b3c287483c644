from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CentreConfig(AppConfig):
    name = "centre"
    verbose_name = "Site"

    def ready(self):
        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from core.cache import connect_signals
        from core.links import forget_site_url
        from core.roles import ensure_roles_after_migrate

        from .site_url import sync_after_migrate, sync_on_setting_change

        connect_signals()

        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="centre-roles")
        # One canonical base for every absolute URL: the Site record, following SITE_URL.
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="centre-site-url")
        post_save.connect(forget_site_url, sender=Site, dispatch_uid="centre-site-saved")
        post_delete.connect(forget_site_url, sender=Site, dispatch_uid="centre-site-deleted")
        setting_changed.connect(sync_on_setting_change, dispatch_uid="centre-site-url-setting")
