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
"""

from search.backends import ENGINE_SEARCH_TIMEOUT_SECONDS

SEARCH_PREFERENCE = "clauses-site"


class ShortSearchesMixin:
    """For a backend class: reads SEARCH_TIMEOUT from its settings (Wagtail ignores the key)."""

    def __init__(self, params):
        params = dict(params)
        self.search_timeout = params.pop("SEARCH_TIMEOUT", ENGINE_SEARCH_TIMEOUT_SECONDS)
        super().__init__(params)


# The engines' default `index.max_result_window`: a slice that ends beyond it is scrolled.
MAX_RESULT_WINDOW = 10000


class OneRequestSliceMixin:
    """For a results class: a bounded slice in one search request."""

    def _do_search(self):
        if self.stop is None or self.stop > MAX_RESULT_WINDOW:
            return super()._do_search()
        params = {
            "index": self.backend.get_index_for_model(self.query_compiler.queryset.model).name,
            "_source": False,
            self.fields_param_name: "pk",
            "from_": self.start,
            "size": self.stop - self.start,
        }
        hits = self._backend_do_search(self._get_es_body(), **params)["hits"]["hits"]
        return self._get_results_from_hits(hits)
