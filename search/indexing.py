"""Index rows written in bulk (imports, demo content), which Django's save signals never see.

Every configured backend is updated in chunks; a backend that is down (Elasticsearch) is logged
and skipped, so that an import never fails because of the search index.
"""

import logging

from django.conf import settings
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500


def index_objects(model, objects, progress=None):
    """Add or refresh `objects` (instances of `model`) in every search backend.

    `progress(done, total)` is called after each chunk. Returns how many objects were indexed.
    """
    objects = list(objects)
    for name in settings.WAGTAILSEARCH_BACKENDS:
        backend = get_search_backend(name)
        try:
            index = backend.get_index_for_model(model)
            for start in range(0, len(objects), CHUNK_SIZE):
                index.add_items(model, objects[start : start + CHUNK_SIZE])
                if progress:
                    progress(min(start + CHUNK_SIZE, len(objects)), len(objects))
        except Exception:  # the database rows are saved; the index can be rebuilt
            logger.exception("Search backend %r could not index %s", name, model.__name__)
    return len(objects)


def index_queryset(queryset, progress=None):
    """Index every row of a queryset, with the related rows its search fields read."""
    model = queryset.model
    if hasattr(model, "get_indexed_objects"):
        queryset = model.get_indexed_objects().filter(pk__in=queryset.values("pk"))
    return index_objects(model, queryset, progress)
