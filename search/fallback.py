"""Ask the configured search backend, and fall back instead of failing.

Elasticsearch/OpenSearch may be down, and a backend's query parser may choke on odd input: the
visitor then gets the database index's results (or none), never an error page.
"""

import logging
import time

from django.conf import settings
from django.db import transaction
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

MAX_RESULTS_PER_SOURCE = 200  # a bound on what is ranked: nobody reads past page 20
# A backend that failed is skipped for this long: one search asks it dozens of queries, and a
# server that is down must not make each of them wait for its own timeout. Short, because an
# engine that is back should serve searches again soon (bench/faults.py measures it).
BACKEND_RETRY_SECONDS = 5
_backend_down_until = {}


def _backend_names():
    names = ["default"]
    if "database" in settings.WAGTAILSEARCH_BACKENDS:
        names.append("database")
    return names


def _backend_identity(name):
    # The configuration, not the alias: "default" may be another server after a settings change.
    return repr(settings.WAGTAILSEARCH_BACKENDS.get(name))


def backend_is_resting(name):
    return _backend_down_until.get(_backend_identity(name), 0) > time.monotonic()


def run(method, query, queryset, outcome=None, **kwargs):
    """Call backend.search/autocomplete on the first backend that answers; [] if none does.
    `outcome.degraded` is set when a backend was skipped or failed."""
    names = _backend_names()
    for name in names:
        if backend_is_resting(name) and name != names[-1]:
            if outcome is not None:
                outcome.degraded = True
            continue
        try:
            backend = get_search_backend(name)
            # A savepoint: a failed query must not break the request's transaction (PostgreSQL).
            with transaction.atomic():
                results = getattr(backend, method)(query, queryset, **kwargs)
                return list(results[:MAX_RESULTS_PER_SOURCE])
        except Exception:
            logger.exception("Search backend %r failed for query %r", name, query)
            _backend_down_until[_backend_identity(name)] = time.monotonic() + BACKEND_RETRY_SECONDS
            if outcome is not None:
                outcome.degraded = True
    return []
