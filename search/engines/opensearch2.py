from wagtail.search.backends import opensearch2

from search.engines import SEARCH_PREFERENCE, OneRequestSliceMixin, ShortSearchesMixin


class SearchResults(OneRequestSliceMixin, opensearch2.OpenSearch2SearchResults):
    def _backend_do_search(self, body, **kwargs):
        # opensearch-py takes the timeout of one request as a keyword.
        return super()._backend_do_search(
            body,
            request_timeout=self.backend.search_timeout,
            preference=SEARCH_PREFERENCE,
            **kwargs,
        )

    def _backend_do_msearch(self, searches):
        return self.backend.es.msearch(body=searches, request_timeout=self.backend.search_timeout)


class SearchBackend(ShortSearchesMixin, opensearch2.OpenSearch2SearchBackend):
    results_class = SearchResults
