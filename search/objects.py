"""The objects of the site search's hits, remembered until the content changes.

The same pages, clauses and contracts come back query after query, and reading them again (a
query per source, then building each object) was a large share of a search's time. The site
search's `fetch_all` (PostgreSQL's and the engines') reads its hits' objects here; a single
search (the admin's, an autocomplete) reads its own afresh.

An object is remembered under the queryset's shape (what it is built from) and its filters'
text: it is served again only to a queryset with the same filters, which showed it in this
content generation. Search code only adds to these shared instances (deferred fields loaded,
relations prefetched); nothing may change one for a single request.
"""

from core.memo import GenerationMemory

OBJECTS = GenerationMemory(size=GenerationMemory.LARGE)


def filters_key(queryset):
    """What a queryset's filters compile from, as text (their lookups and values, and the tables
    they join); None when some part of them has no such text (an object named by its address)."""
    query = queryset.query
    text = f"{query.where} {query.annotations!r}"
    if " at 0x" in text:
        return None
    return (queryset.model, queryset.db, text, tuple(query.alias_map))


def queryset_shape(queryset):
    """What the objects of a queryset are built from, besides their row: their class, the
    related objects and fields read with them, their annotations."""
    query = queryset.query
    return (
        queryset.model,
        queryset.db,
        queryset._iterable_class,
        repr(query.select_related),
        repr(query.deferred_loading),
        tuple(query.annotations),
        tuple(repr(lookup) for lookup in queryset._prefetch_related_lookups),
        # Page querysets' own (wagtail.query.SpecificQuerySetMixin).
        repr(getattr(queryset, "_specific_select_related_fields", ())),
        repr(getattr(queryset, "_specific_prefetch_related_lookups", ())),
    )


def hit_objects(results, keys, scored):
    """The objects of a site search's slice `results` (a backend's SearchResults) for its hits'
    primary keys `keys`, best first: remembered ones, unless the search gives each object its
    score (`annotate_score`). `scored()` reads them then: an object with a score is not shared."""
    if results._score_field is not None:
        return list(scored())
    queryset = results.query_compiler.queryset
    to_key = queryset.model._meta.pk.to_python
    return remembered_objects(queryset, [to_key(key) for key in keys])


def remembered_objects(queryset, keys):
    """The queryset's objects of the primary keys `keys`, in their order (keys it does not show
    left out); those not remembered read in one query."""
    filters = filters_key(queryset)
    if filters is None:
        return _in_order(keys, {obj.pk: obj for obj in queryset.filter(pk__in=keys)})
    kind = (queryset_shape(queryset), filters)

    def read(missing):
        return {(kind, obj.pk): obj for obj in queryset.filter(pk__in=[pk for _, pk in missing])}

    found = OBJECTS.found_or_read([(kind, key) for key in keys], read)
    return _in_order(keys, {pk: obj for (_kind, pk), obj in found.items()})


def _in_order(keys, objects):
    return [objects[key] for key in keys if key in objects]
