from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClausesConfig(AppConfig):
    name = "clauses"
    verbose_name = "Clauses types et référentiel"

    def ready(self):
        from .roles import after_migrate

        post_migrate.connect(after_migrate, dispatch_uid="clauses-roles")
