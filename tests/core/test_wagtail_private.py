"""The private Wagtail and modelsearch APIs we rely on (core/wagtail_private.py) are still there,
with the shape we use. A failure after an upgrade names the API and the code that needs it: see
the README section « Mettre à jour Wagtail »."""

import importlib
import inspect

import pytest
from django.db import connection
from django.db.models.signals import post_save
from wagtail import blocks
from wagtail.blocks import StreamValue

from core import wagtail_private


def _changed(api, used_by, detail):
    return (
        f"Private API changed: {api} (used by {used_by}): {detail}. "
        "See README « Mettre à jour Wagtail » and core/wagtail_private.py."
    )


def _parameters(function):
    return list(inspect.signature(function).parameters)


class _Cited(blocks.CharBlock):
    """A block whose decoding we can watch: it upper-cases, in bulk."""

    calls = 0

    def bulk_to_python(self, values):
        type(self).calls += 1
        return [value.upper() for value in values]


def _lazy_stream():
    stream_block = blocks.StreamBlock([("cited", _Cited())])
    raw = [
        {"type": "cited", "value": "article 20", "id": "a"},
        {"type": "cited", "value": "article 36", "id": "b"},
    ]
    return StreamValue(stream_block, raw, is_lazy=True)


def test_stream_value_internals_used_by_prefetch_bodies():
    where = "guides.content.prefetch_bodies"
    value = _lazy_stream()
    for name in ("_raw_data", "_bound_blocks", "is_lazy"):
        assert hasattr(value, name), _changed(f"StreamValue.{name}", where, "attribute missing")
    assert hasattr(StreamValue, "StreamChild"), _changed(
        "StreamValue.StreamChild", where, "class missing"
    )
    items = wagtail_private.undecoded_stream_items(value)
    assert [position for position, _item in items] == [0, 1], _changed(
        "StreamValue._raw_data/_bound_blocks", where, "a lazy value no longer lists raw children"
    )
    block = value.stream_block.child_blocks["cited"]
    for position, item in items:
        wagtail_private.set_decoded_stream_child(
            value, position, block, item["value"].upper(), item["id"]
        )
    _Cited.calls = 0
    decoded = [(child.block_type, child.value, child.id) for child in value]
    assert decoded == [("cited", "ARTICLE 20", "a"), ("cited", "ARTICLE 36", "b")], _changed(
        "StreamValue._bound_blocks", where, "children stored there are not the ones read"
    )
    assert _Cited.calls == 0, _changed(
        "StreamValue._bound_blocks", where, "Wagtail decodes again what was decoded in bulk"
    )


def _children(body):
    return [(c.block_type, c.id, c.block.get_prep_value(c.value)) for c in body]


@pytest.mark.django_db
def test_prefetch_bodies_decodes_the_guide_as_wagtail_does(demo):
    from guides.content import prefetch_bodies
    from guides.models import GuideSectionPage

    pages = list(GuideSectionPage.objects.live().order_by("path")[:20])
    expected = [_children(page.body) for page in pages]
    pages = list(GuideSectionPage.objects.live().order_by("path")[:20])
    assert any(wagtail_private.undecoded_stream_items(page.body) for page in pages), _changed(
        "StreamValue lazy decoding", "guides.content.prefetch_bodies", "bodies are not lazy"
    )
    prefetch_bodies(pages)
    assert not any(wagtail_private.undecoded_stream_items(page.body) for page in pages)
    assert [_children(page.body) for page in pages] == expected


POSTGRES_METHODS = {
    # (class, method): parameters we pass, in order
    ("PostgresSearchQueryCompiler", "_build_rank_expression"): ["self", "vectors", "config"],
    ("PostgresSearchQueryCompiler", "_apply_ordering_and_scoring"): [
        "self",
        "queryset",
        "rank_expression",
        "start",
        "stop",
        "score_field",
    ],
    ("PostgresSearchQueryCompiler", "search"): [
        "self",
        "config",
        "start",
        "stop",
        "score_field",
        "backend",
    ],
    ("PostgresSearchQueryCompiler", "build_tsquery"): ["self", "query", "config"],
    ("PostgresSearchQueryCompiler", "get_index_vectors"): ["self", "search_query"],
    ("PostgresAutocompleteQueryCompiler", "_build_rank_expression"): ["self", "vectors", "config"],
    ("PostgresIndex", "_refresh_title_norms"): ["self", "full"],
    ("PostgresIndex", "add_items"): ["self", "model", "objs"],
    ("ObjectIndexer", "__init__"): ["self", "obj", "backend"],
    ("ObjectIndexer", "prepare_field"): ["self", "obj", "field"],
}


def test_modelsearch_postgres_internals_used_by_search_postgres():
    where = "search.postgres (FrenchPostgresSearchBackend)"
    module_name = wagtail_private.POSTGRES_BACKEND_MODULE
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        pytest.fail(_changed(module_name, where, f"module cannot be imported ({error})"))
    for name in wagtail_private.POSTGRES_BACKEND_NAMES:
        assert hasattr(module, name), _changed(f"{module_name}.{name}", where, "name missing")
        assert getattr(wagtail_private, name) is getattr(module, name)
    for (class_name, method), expected in POSTGRES_METHODS.items():
        api = f"{class_name}.{method}"
        function = getattr(getattr(module, class_name), method, None)
        assert callable(function), _changed(api, where, "method missing")
        assert _parameters(function)[: len(expected)] == expected, _changed(
            api, where, f"parameters are now {_parameters(function)}, we pass {expected}"
        )
    columns = ["title", "body", "autocomplete", "title_norm"]
    if connection.vendor == "postgresql":  # the plain-text columns exist there only
        columns += ["title_text", "body_text"]
    for field in columns:
        assert any(f.name == field for f in module.IndexEntry._meta.get_fields()), _changed(
            f"IndexEntry.{field}", where, "column missing (search.postgres writes it in SQL)"
        )
    assert hasattr(module.ObjectIndexer, "id"), _changed("ObjectIndexer.id", where, "missing")


def test_modelsearch_post_save_handler_paused_by_guides_demo():
    from guides.models import GuideSectionPage

    where = "guides.demo (_search_index_paused)"
    try:
        from modelsearch.signal_handlers import post_save_signal_handler
    except ImportError:
        pytest.fail(_changed("modelsearch.signal_handlers.post_save_signal_handler", where, "gone"))
    with wagtail_private.search_indexing_on_save_paused([GuideSectionPage]):
        # Paused: disconnecting again finds nothing to disconnect.
        assert not post_save.disconnect(post_save_signal_handler, sender=GuideSectionPage)
    # Connected again afterwards, per model, as modelsearch connects it.
    assert post_save.disconnect(post_save_signal_handler, sender=GuideSectionPage), _changed(
        "modelsearch.signal_handlers.post_save_signal_handler",
        where,
        "not connected to post_save per indexed model any more",
    )
    post_save.connect(post_save_signal_handler, sender=GuideSectionPage)


def test_modelsearch_engine_internals_used_by_search_indexing_and_engines():
    import inspect

    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchResults
    from wagtail.search.backends import get_search_backend
    from wagtail.search.backends.opensearch2 import OpenSearch2SearchBackend

    from core.wagtail_private import rebuilds_atomically_on_an_engine

    engine = OpenSearch2SearchBackend({"URLS": ["http://127.0.0.1:9"], "ATOMIC_REBUILD": True})
    assert rebuilds_atomically_on_an_engine(engine)
    assert not rebuilds_atomically_on_an_engine(get_search_backend())
    params = inspect.signature(ElasticsearchBaseSearchResults._backend_do_search).parameters
    assert list(params)[:2] == ["self", "body"]


def test_wagtail_site_lookup_used_by_core_sites(rf):
    from wagtail.models import Site
    from wagtail.models.sites import get_site_for_hostname

    from core.wagtail_private import keep_request_site

    assert _parameters(get_site_for_hostname) == ["hostname", "port"], _changed(
        "wagtail.models.sites.get_site_for_hostname", "core.sites", "signature changed"
    )
    request, kept = rf.get("/"), object()
    keep_request_site(request, kept)
    assert Site.find_for_request(request) is kept, _changed(
        "request._wagtail_site", "core.sites", "Site.find_for_request does not read it any more"
    )
