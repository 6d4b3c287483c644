"""Run a search on the configured backend, and degrade instead of failing.

Elasticsearch may be down, and a backend's query parser may choke on odd input: the visitor then
gets database results (or none), never an error page.
"""

import logging

from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Strip NUL and control characters (PostgreSQL rejects NUL) and bound the length."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _backend_names():
    names = ["default"]
    if "database" in settings.WAGTAILSEARCH_BACKENDS:
        names.append("database")
    return names


def search_pages(query):
    """Live public pages matching the query, as a list, from the first backend that answers."""
    queryset = Page.objects.live().public().specific()
    for name in _backend_names():
        try:
            return list(get_search_backend(name).search(query, queryset, operator="and"))
        except Exception:  # noqa: BLE001 - any backend failure falls through to the next one
            logger.exception("Search backend %r failed for query %r", name, query)
    return []
