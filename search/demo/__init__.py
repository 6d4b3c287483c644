"""Demo step of the search app: index what the other apps' demos wrote in bulk.

Bulk writes (bulk_create) send no save signal, so rows loaded that way are not in the search
index yet. Every registered source is indexed again: idempotent, and a few seconds at most.
"""

from .. import sources
from ..indexing import index_queryset


def load(stdout):
    counts = []
    for model in sources.indexed_source_models():
        indexed = index_queryset(model.get_indexed_objects())
        if indexed:
            counts.append(f"{indexed} {model._meta.verbose_name_plural}")
    return "index de recherche à jour : " + ", ".join(counts)
