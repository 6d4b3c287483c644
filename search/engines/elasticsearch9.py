from wagtail.search.backends import elasticsearch9

from search.engines import SEARCH_PREFERENCE, OneRequestSliceMixin, ShortSearchesMixin


class SearchResults(OneRequestSliceMixin, elasticsearch9.Elasticsearch9SearchResults):
    def _backend_do_search(self, body, **kwargs):
        # The elasticsearch 9 client sets the timeout of one request through options().
        client = self.backend.es.options(request_timeout=self.backend.search_timeout)
        return client.search(**body, preference=SEARCH_PREFERENCE, **kwargs)

    def _backend_do_msearch(self, searches):
        client = self.backend.es.options(request_timeout=self.backend.search_timeout)
        return client.msearch(searches=searches)


class SearchBackend(ShortSearchesMixin, elasticsearch9.Elasticsearch9SearchBackend):
    results_class = SearchResults
