from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Bibliothèque et outils"

    def ready(self):
        from core import annotations

        from .glossary import annotate_first_uses

        # Glossary terms linked at their first use wherever a page asks for annotations.
        annotations.register(annotate_first_uses)
