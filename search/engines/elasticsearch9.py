from wagtail.search.backends import elasticsearch9

from search.backends import ENGINE_SEARCH_TIMEOUT_SECONDS


class SearchResults(elasticsearch9.Elasticsearch9SearchResults):
    def _backend_do_search(self, body, **kwargs):
        # The elasticsearch 9 client sets the timeout of one request through options().
        client = self.backend.es.options(request_timeout=ENGINE_SEARCH_TIMEOUT_SECONDS)
        return client.search(**body, **kwargs)


class SearchBackend(elasticsearch9.Elasticsearch9SearchBackend):
    results_class = SearchResults
