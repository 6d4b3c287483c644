from wagtail.search.backends import opensearch2

from search.backends import ENGINE_SEARCH_TIMEOUT_SECONDS


class SearchResults(opensearch2.OpenSearch2SearchResults):
    def _backend_do_search(self, body, **kwargs):
        # opensearch-py takes the timeout of one request as a keyword.
        return super()._backend_do_search(
            body, request_timeout=ENGINE_SEARCH_TIMEOUT_SECONDS, **kwargs
        )


class SearchBackend(opensearch2.OpenSearch2SearchBackend):
    results_class = SearchResults
