"""Every use of a private Wagtail or modelsearch API, in one place.

Wagtail and modelsearch do not promise to keep these names from one release to the next. The
rest of the code calls the functions below, never the private names; tests/core/
test_wagtail_private.py checks that each name still exists with the shape used here, so that an
upgrade that changes one fails loudly, naming the API and the code that needs it. The README
section « Mettre à jour Wagtail » lists them, why we need them and what to check.
"""

import contextlib

from django.db.models.signals import post_save
from wagtail.blocks import StreamValue

# ---------------------------------------------------------------------------------------------
# 1. StreamValue internals — used by guides.content.prefetch_bodies.
# A StreamField is decoded lazily, one page at a time (`StreamValue._prefetch_blocks`): raw JSON
# in `_raw_data`, decoded children in `_bound_blocks` (None until decoded). prefetch_bodies
# decodes the bodies of many pages together (one query per kind of cited row, not per page).


def undecoded_stream_items(value):
    """[(position, raw item)] of a lazy StreamValue's children not decoded yet; [] for anything
    else (then Wagtail decodes on access: same result, only slower)."""
    raw = getattr(value, "_raw_data", None)
    bound = getattr(value, "_bound_blocks", None)
    if not getattr(value, "is_lazy", False) or raw is None or bound is None:
        return []
    return [
        (position, item)
        for position, item in enumerate(raw)
        if bound[position] is None and isinstance(item, dict)
    ]


def set_decoded_stream_child(value, position, child_block, python_value, block_id):
    """Store a child decoded outside Wagtail, as Wagtail's own lazy decoding does."""
    value._bound_blocks[position] = StreamValue.StreamChild(child_block, python_value, id=block_id)


# ---------------------------------------------------------------------------------------------
# 2. modelsearch's PostgreSQL backend internals — used by search.postgres.
# Its classes live in an internal module (`modelsearch.backends.database.postgres.postgres`);
# search.postgres subclasses them (the results' `_do_search()` too) and calls three of their private methods. The module is
# imported on first use only (it needs PostgreSQL's driver; SQLite sites never load it).

POSTGRES_BACKEND_MODULE = "modelsearch.backends.database.postgres.postgres"
POSTGRES_BACKEND_NAMES = (
    "IndexEntry",
    "ObjectIndexer",
    "PostgresAutocompleteQueryCompiler",
    "PostgresIndex",
    "PostgresSearchBackend",
    "PostgresSearchQueryCompiler",
    "PostgresSearchResults",
)


# ---------------------------------------------------------------------------------------------
# 2b. modelsearch's SQLite backend internals — used by search.sqlite.
# search.sqlite subclasses the backend's classes (internal module
# `modelsearch.backends.database.sqlite.sqlite`), overrides the compilers' `search()` and the
# results' `_do_count()`, and queries the FTS5 table through its model (`SQLiteFTSIndexEntry`,
# whose `index_entry` leads to the object's content type and id). Loaded on first use: the
# module reads the app registry when imported.

SQLITE_BACKEND_MODULE = "modelsearch.backends.database.sqlite.sqlite"
SQLITE_BACKEND_NAMES = (
    "SQLiteAutocompleteQueryCompiler",
    "SQLiteFTSIndexEntry",
    "SQLiteSearchBackend",
    "SQLiteSearchQueryCompiler",
    "SQLiteSearchResults",
)
LAZY_MODULES = {
    **dict.fromkeys(POSTGRES_BACKEND_NAMES, POSTGRES_BACKEND_MODULE),
    **dict.fromkeys(SQLITE_BACKEND_NAMES, SQLITE_BACKEND_MODULE),
}


def __getattr__(name):
    # `from core.wagtail_private import PostgresIndex` imports the backend module then only.
    if name in LAZY_MODULES:
        import importlib

        return getattr(importlib.import_module(LAZY_MODULES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_rank_expression(compiler, vectors, config):
    """Wagtail's rank expression (ts_rank of the weighted vectors), as its compiler builds it."""
    return compiler._build_rank_expression(vectors, config)


def apply_ordering_and_scoring(compiler, queryset, rank_expression, start, stop, score_field):
    """Order by rank and annotate the score, as Wagtail's compiler does after matching."""
    return compiler._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


def refresh_title_norms(index):
    """Recompute the title norms after writing index entries, as Wagtail's add_items does."""
    index._refresh_title_norms()


# ---------------------------------------------------------------------------------------------
# 3. modelsearch's post_save handler — used by guides.demo.
# modelsearch indexes each saved object through this handler; a bulk loader pauses it for the
# models it writes and indexes everything once at the end.


@contextlib.contextmanager
def search_indexing_on_save_paused(models):
    from modelsearch.signal_handlers import post_save_signal_handler

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


# ---------------------------------------------------------------------------------------------
# 4. modelsearch's engine internals — used by search.indexing and search.engines.
# search.indexing replaces the atomic rebuilder of engines (ElasticsearchAtomicIndexRebuilder)
# with one that swaps the alias in one request; search.engines overrides the engine results'
# `_backend_do_search(body, **params)` to pass a per-search timeout and preference.


def rebuilds_atomically_on_an_engine(backend):
    """Whether the backend is an engine whose rebuilds go through an alias (ATOMIC_REBUILD)."""
    from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder

    return issubclass(backend.rebuilder_class or object, ElasticsearchAtomicIndexRebuilder)


# ---------------------------------------------------------------------------------------------
# 5. Wagtail's site lookup — used by core.sites.
# Wagtail finds a request's site with `get_site_for_hostname` (a query) and keeps it on the
# request as `_wagtail_site`, where `Site.find_for_request` looks first. core.sites remembers
# the site per host until content changes and puts it there before any view asks.


def site_for_hostname(hostname, port):
    """The Site Wagtail chooses for `hostname` and `port`; Site.DoesNotExist if none."""
    from wagtail.models.sites import get_site_for_hostname

    return get_site_for_hostname(hostname, port)


def keep_request_site(request, site):
    """Make `site` the one Site.find_for_request gives for `request`."""
    request._wagtail_site = site
