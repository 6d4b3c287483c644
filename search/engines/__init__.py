"""Wagtail's engine backends with two changes to searches.

- They wait less than writes. A stopped engine refuses at once, but a frozen one holds each search
  until the client's timeout. Writes (a page published, a bulk import) may take seconds on a busy
  node, so the client keeps the backend's TIMEOUT for them, while searches and autocomplete give
  up after its SEARCH_TIMEOUT and search/fallback.py answers from the database.
- They name a fixed `preference`: with replicas, a primary and its replica may order equal
  scores differently, and the same query must list its results in the same order each time.
"""

from search.backends import ENGINE_SEARCH_TIMEOUT_SECONDS

SEARCH_PREFERENCE = "clauses-site"


class ShortSearchesMixin:
    """For a backend class: reads SEARCH_TIMEOUT from its settings (Wagtail ignores the key)."""

    def __init__(self, params):
        params = dict(params)
        self.search_timeout = params.pop("SEARCH_TIMEOUT", ENGINE_SEARCH_TIMEOUT_SECONDS)
        super().__init__(params)
