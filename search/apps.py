from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"

    def ready(self):
        # Every app's `search_sources` module registers what the search finds there.
        autodiscover_modules("search_sources")
