"""The search engine's index during the tests, when OPENSEARCH_URL (or ELASTICSEARCH_URL) is set.

The database rolls each test back; the engine does not. So the index is built once per session
from the demo content (`update_index`: mappings and French analyser, bulk load), every object
a test saves or deletes is refreshed at once (a search right after a save sees it, as the
database backend does), and at the start of the next test those objects are put back as the
rolled-back database has them. Each xdist worker has indices of its own (centre/settings/test.py).
"""

import io

from django.conf import settings
from django.core.management import call_command
from django.db.models.signals import post_delete, post_save
from django.test import override_settings
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

ENGINES = ("opensearch", "elasticsearch")
_touched = set()  # (model, pk) saved or deleted since the index was last put back


def engine_configured():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.rsplit(".", 1)[-1].startswith(ENGINES)


def _without_engine_auto_update():
    """Demo loading writes thousands of rows: the engine gets them in bulk afterwards."""
    backends = {name: dict(config) for name, config in settings.WAGTAILSEARCH_BACKENDS.items()}
    backends["default"]["AUTO_UPDATE"] = False
    return override_settings(WAGTAILSEARCH_BACKENDS=backends)


def load_demo_and_build_index():
    if not engine_configured():
        call_command("load_demo", stdout=io.StringIO())
        return
    with _without_engine_auto_update():
        call_command("load_demo", stdout=io.StringIO())
    call_command("update_index", backend_name="default", stdout=io.StringIO())
    for model in get_indexed_models():
        post_save.connect(_remember_and_refresh, sender=model, weak=False)
        post_delete.connect(_remember_and_refresh, sender=model, weak=False)


def _engine_backend():
    """The engine, unless the test swapped the backends (e.g. for the database alone)."""
    return get_search_backend("default") if engine_configured() else None


def _remember_and_refresh(sender, instance, **kwargs):
    # Connected after Wagtail's own handlers, so the engine already has the change.
    _touched.add((type(instance), instance.pk))
    backend = _engine_backend()
    if backend is not None:
        backend.get_index_for_model(type(instance)).refresh()


def put_back_what_tests_changed():
    """Index the objects the previous test touched as the (rolled back) database has them."""
    backend = _engine_backend()
    if backend is None or not _touched:
        return
    indices = {}
    for model, pk in _touched:
        found = model.objects.filter(pk=pk).first()
        item = found.get_indexed_instance() if found is not None else None
        index = backend.get_index_for_model(model)
        if item is not None:
            index.add_item(item)
        else:
            index.delete_item(model(pk=pk))
        indices[index.name] = index
    for index in indices.values():
        index.refresh()
    _touched.clear()
