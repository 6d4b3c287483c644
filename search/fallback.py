"""Ask the configured search backend, and fall back instead of failing.

Elasticsearch/OpenSearch may be down, and a backend's query parser may choke on odd input: the
visitor then gets the database index's results (or none), never an error page.
"""

import logging
import time

from django.conf import settings
from wagtail.search.backends import get_search_backend

from core.cache import guarded

logger = logging.getLogger(__name__)

MAX_RESULTS_PER_SOURCE = 200  # a bound on what is ranked: nobody reads past page 20
# A backend that failed is skipped for a while: one search asks it dozens of queries, and a
# server that is down must not make each of them wait for its own timeout. While it rests, it is
# pinged now and then with a short timeout: an engine that is back serves the next search
# (within PROBE_SECONDS), and a frozen one costs at most PROBE_TIMEOUT_SECONDS per probe.
BACKEND_RETRY_SECONDS = 30
PROBE_SECONDS = 5
PROBE_TIMEOUT_SECONDS = 0.3
_backend_down_until = {}
_next_probe = {}


def _backend_names():
    names = ["default"]
    if "database" in settings.WAGTAILSEARCH_BACKENDS:
        names.append("database")
    return names


def _backend_identity(name):
    # The configuration, not the alias: "default" may be another server after a settings change.
    return repr(settings.WAGTAILSEARCH_BACKENDS.get(name))


def ping(backend, timeout):
    """Whether an engine backend answers within timeout; a database backend always does."""
    client = getattr(backend, "es", None)
    if client is None:
        return True
    try:
        # elasticsearch-py 8+ takes per-request options through .options(); opensearch-py as keywords.
        if hasattr(client, "options"):
            return bool(client.options(request_timeout=timeout).ping())
        return bool(client.ping(request_timeout=timeout))
    except Exception:  # noqa: BLE001 - any failure means it does not answer
        return False


def _rest(name):
    now = time.monotonic()
    _backend_down_until[_backend_identity(name)] = now + BACKEND_RETRY_SECONDS
    _next_probe[_backend_identity(name)] = now + PROBE_SECONDS


def backend_is_resting(name):
    identity, now = _backend_identity(name), time.monotonic()
    if _backend_down_until.get(identity, 0) <= now:
        return False
    if _next_probe.get(identity, 0) > now:
        return True
    _next_probe[identity] = now + PROBE_SECONDS
    if ping(get_search_backend(name), PROBE_TIMEOUT_SECONDS):
        del _backend_down_until[identity]
        return False
    return True


def run(method, query, queryset, outcome=None, limit=MAX_RESULTS_PER_SOURCE, **kwargs):
    """Call backend.search/autocomplete on the first backend that answers; [] if none does.
    `outcome.degraded` is set when a backend was skipped or failed."""
    return run_all(method, [(query, queryset)], outcome, limit, **kwargs)[0]


def run_all(method, requests, outcome=None, limit=MAX_RESULTS_PER_SOURCE, **kwargs):
    """[hits] for each (query, queryset) of `requests`, from the first backend that answers
    them all; [] for each if none does. An engine whose results class can (`fetch_all`) is
    asked every search in one request: one round trip for every source of a site search."""
    names = _backend_names()
    for name in names:
        if backend_is_resting(name) and name != names[-1]:
            if outcome is not None:
                outcome.degraded = True
            continue
        try:
            backend = get_search_backend(name)
            # A savepoint inside a transaction: a failed query must not break the request's
            # transaction (PostgreSQL). Outside one, no transaction: it would only add two
            # round trips to each source of every search.
            with guarded():
                results = [
                    getattr(backend, method)(query, queryset, **kwargs)[:limit]
                    for query, queryset in requests
                ]
                if hasattr(backend.results_class, "fetch_all"):
                    backend.results_class.fetch_all(results)
                return [list(found) for found in results]
        except Exception:
            logger.exception("Search backend %r failed for %r", name, requests[0][0])
            _rest(name)
            if outcome is not None:
                outcome.degraded = True
    return [[] for _request in requests]
