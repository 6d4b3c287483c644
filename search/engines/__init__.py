"""Wagtail's engine backends with two changes to searches.

- They wait less than writes. A stopped engine refuses at once, but a frozen one holds each search
  until the client's timeout. Writes (a page published, a bulk import) may take seconds on a busy
  node, so the client keeps the backend's TIMEOUT for them, while searches and autocomplete give
  up after its SEARCH_TIMEOUT and search/fallback.py answers from the database.
- They name a fixed `preference`: with replicas, a primary and its replica may order equal
  scores differently, and the same query must list its results in the same order each time.
- A slice of results is one request. Wagtail scrolls through any slice longer than 100 hits: the
  site search's 200 per source cost three requests each (search, scroll, clear) and a scroll
  context the node kept for two minutes.
- The sources of a site search are asked in one multi-search request (`fetch_all`, called by
  search/fallback.py), not one request each, and their hits' objects are remembered until the
  content changes (search/objects.py), as on PostgreSQL.
"""

from functools import partial

from search.backends import ENGINE_SEARCH_TIMEOUT_SECONDS
from search.objects import hit_objects

SEARCH_PREFERENCE = "clauses-site"


class ShortSearchesMixin:
    """For a backend class: reads SEARCH_TIMEOUT from its settings (Wagtail ignores the key)."""

    def __init__(self, params):
        params = dict(params)
        self.search_timeout = params.pop("SEARCH_TIMEOUT", ENGINE_SEARCH_TIMEOUT_SECONDS)
        super().__init__(params)


# The engines' default `index.max_result_window`: a slice that ends beyond it is scrolled.
MAX_RESULT_WINDOW = 10000


class EngineSearchError(Exception):
    """One search of a multi-search request failed (the engine says why)."""


class OneRequestSliceMixin:
    """For a results class: a bounded slice in one search request, and several searches'
    bounded slices in one multi-search request. Its class defines `_backend_do_msearch`."""

    def bounded(self):
        return self.stop is not None and self.stop <= MAX_RESULT_WINDOW

    def index_name(self):
        return self.backend.get_index_for_model(self.query_compiler.queryset.model).name

    def _do_search(self):
        if not self.bounded():
            return super()._do_search()
        params = {
            "index": self.index_name(),
            "_source": False,
            self.fields_param_name: "pk",
            "from_": self.start,
            "size": self.stop - self.start,
        }
        hits = self._backend_do_search(self._get_es_body(), **params)["hits"]["hits"]
        return self._get_results_from_hits(hits)

    @classmethod
    def fetch_all(cls, results):
        """Read the bounded slices among `results` (unread) in one request; their objects are
        those remembered, the others read from the database."""
        pending = [found for found in results if found._results_cache is None and found.bounded()]
        if len(pending) < 2:
            return  # a single search is its own request
        searches = []
        for found in pending:
            searches.append({"index": found.index_name(), "preference": SEARCH_PREFERENCE})
            searches.append(
                {
                    **found._get_es_body(),
                    "from": found.start,
                    "size": found.stop - found.start,
                    "_source": False,
                    found.fields_param_name: "pk",
                }
            )
        responses = pending[0]._backend_do_msearch(searches)["responses"]
        for found, response in zip(pending, responses, strict=True):
            if "error" in response:
                raise EngineSearchError(response["error"])
            hits = response["hits"]["hits"]
            found._results_cache = hit_objects(
                found,
                [hit["fields"]["pk"][0] for hit in hits],
                partial(found._get_results_from_hits, hits),
            )
