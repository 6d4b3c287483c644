"""Writing the site search index, for every configured backend, in chunks.

- `index_objects` / `index_queryset`: rows written in bulk (imports, demo content), which
  Django's save signals never see. A backend that is down (Elasticsearch) is logged and skipped,
  so that an import never fails because of the search index.
- `rebuild_index` and its helpers: the whole index of a backend rebuilt from scratch
  (`manage.py rebuild_search_index` prints its progress and summary), atomically when the
  backend's rebuilder is: a failure leaves the index in service as it was.
- `EngineAtomicRebuilder`: on OpenSearch/Elasticsearch, the new index is built beside the one in
  service and the alias searches use moves to it in one request; searches answer throughout.
"""

import contextlib
import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.crypto import get_random_string
from django.utils.text import capfirst
from wagtail.search.backends import get_search_backend

from core.wagtail_private import rebuilds_atomically_on_an_engine

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
            _ensure_engine_index(index, model)
            for start in range(0, len(objects), CHUNK_SIZE):
                index.add_items(model, objects[start : start + CHUNK_SIZE])  # a bulk request
                if progress:
                    progress(min(start + CHUNK_SIZE, len(objects)), len(objects))
            # An engine shows new documents at its next refresh (1 s): an import's rows are
            # searchable as soon as its report is shown.
            if objects:
                index.refresh()
        except Exception:  # the database rows are saved; the index can be rebuilt
            logger.exception("Search backend %r could not index %s", name, model.__name__)
    return len(objects)


def _ensure_engine_index(index, model):
    """An engine (OpenSearch, Elasticsearch) would create a missing index itself with guessed
    mappings, without the French analyser: create it and its mapping as Wagtail does."""
    if hasattr(index, "exists") and not index.exists():
        index.put()
    if hasattr(index, "add_model"):
        index.add_model(model)


def index_queryset(queryset, progress=None):
    """Index every row of a queryset, with the related rows its search fields read."""
    model = queryset.model
    if hasattr(model, "get_indexed_objects"):
        queryset = model.get_indexed_objects().filter(pk__in=queryset.values("pk"))
    return index_objects(model, queryset, progress)


def indexed_chunks(model, chunk_size=CHUNK_SIZE):
    """The model's indexed objects, `chunk_size` at a time, in primary key order: each chunk is
    read after the last key of the previous one (no growing OFFSET)."""
    queryset = model.get_indexed_objects().order_by("pk")
    last_pk = None
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        chunk = list(page[:chunk_size])
        if not chunk:
            return
        yield chunk
        last_pk = chunk[-1].pk


def model_label(model):
    return capfirst(str(model._meta.verbose_name))


# ---------------------------------------------------------------------------------------------
# Rebuilding a backend's index from scratch


class BackendUnreachable(Exception):
    pass


class RebuildFailed(Exception):
    """A rebuild stopped half-way: the error, the model being indexed, and whether the index in
    service was kept as it was."""

    def __init__(self, cause, model, index_kept, done):
        super().__init__(str(cause))
        self.cause, self.model, self.index_kept = cause, model, index_kept
        self.done = done  # objects indexed before the failure


def _without_credentials(url):
    parts = urlsplit(str(url))
    if not parts.hostname:
        return str(url)
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def describe_backend(config):
    """'wagtail.search.backends.elasticsearch9, http://es:9200', never with a password."""
    description = config.get("BACKEND", "?")
    urls = config.get("URLS")
    if isinstance(urls, str):
        urls = [urls]
    if urls:
        description += ", " + ", ".join(_without_credentials(url) for url in urls)
    elif config.get("HOSTS"):
        hosts = [
            str(host.get("host", "?")) if isinstance(host, dict) else _without_credentials(host)
            for host in config["HOSTS"]
        ]
        description += ", " + ", ".join(hosts)
    return description


def is_connection_error(error):
    """The backend's server cannot be reached (as opposed to a server that answers an error)."""
    kinds = [ConnectionError, TimeoutError]
    try:
        from elastic_transport import ConnectionError as TransportConnectionError
        from elastic_transport import ConnectionTimeout
    except ImportError:  # pragma: no cover - the elasticsearch client is a dependency
        pass
    else:
        kinds += [TransportConnectionError, ConnectionTimeout]
    try:
        from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
        from opensearchpy.exceptions import ConnectionTimeout as OpenSearchTimeout
    except ImportError:  # pragma: no cover - only sites running OpenSearch install its client
        pass
    else:
        kinds += [OpenSearchConnectionError, OpenSearchTimeout]
    return isinstance(error, tuple(kinds))


def short_error(error):
    """The useful end of an error message, on one line and bounded."""
    status = getattr(getattr(error, "meta", None), "status", None)
    if isinstance(status, int):  # the server answered, with an HTTP error
        message = getattr(error, "message", None)
        detail = f" : {message}" if message and message != "None" else ""
        return f"réponse HTTP {status} du serveur{detail}"[:300]
    text = " ".join(str(error).split()) or type(error).__name__
    errno_at = text.rfind("[Errno")
    if errno_at >= 0:  # urllib3 nests the socket error deep inside: keep that part
        text = text[errno_at:].rstrip(")")
    return text if len(text) <= 300 else text[:299] + "…"


def check_reachable(backend):
    """Ask an Elasticsearch server who it is before dropping or building anything."""
    client = getattr(backend, "es", None)
    if client is None or not hasattr(client, "info"):
        return
    # The clients log every retry with a traceback (elasticsearch-py as "elastic_transport",
    # opensearch-py as "opensearch"): BackendUnreachable says it once.
    transport_loggers = [logging.getLogger(name) for name in ("elastic_transport", "opensearch")]
    levels = [each.level for each in transport_loggers]
    for each in transport_loggers:
        each.setLevel(logging.CRITICAL)
    try:
        # elasticsearch-py has options(); opensearch-py takes its settings from the backend.
        (client.options(max_retries=1) if hasattr(client, "options") else client).info()
    except Exception as failure:
        if is_connection_error(failure):
            raise BackendUnreachable(short_error(failure)) from failure
        raise
    finally:
        for each, level in zip(transport_loggers, levels, strict=True):
            each.setLevel(level)


def group_models_by_index(backend, models):
    """{index: [models]} in the order of `models`: Elasticsearch puts every page model in one
    index; the database backend has a single index for everything."""
    indexes, grouped = {}, {}
    for model in models:
        index = backend.get_index_for_model(model)
        key = index.get_key()
        indexes.setdefault(key, index)
        grouped.setdefault(key, []).append(model)
    return [(indexes[key], grouped[key]) for key in grouped]


def abandon(rebuilder, error):
    """Undo a rebuild that failed half-way. True if the index in service is left as it was
    (atomic rebuilds, the default), False if it may be partly rebuilt."""
    # Database backends with ATOMIC_REBUILD: the rebuild runs in a transaction; roll it back.
    if hasattr(rebuilder, "transaction"):
        if rebuilder.transaction_opened:
            rebuilder.transaction_opened = False
            rebuilder.transaction.__exit__(type(error), error, error.__traceback__)
        return True
    # Elasticsearch with ATOMIC_REBUILD: a new index was being filled behind the alias that
    # searches use; the alias has not moved, delete the new index.
    alias = getattr(rebuilder, "alias", None)
    if alias is not None:
        # The server may be why the rebuild failed: deleting may fail too.
        if rebuilder.index.name != alias.name:
            with contextlib.suppress(Exception):
                rebuilder.index.delete()
        return True
    return False


class EngineAtomicRebuilder:
    """Wagtail's atomic rebuild for OpenSearch/Elasticsearch, with the alias swapped in ONE
    `_aliases` request. Wagtail's own first points the alias at both indices, then deletes the
    old one: in between, searches get every hit twice and writes through the alias are refused.

    Objects saved while the rebuild runs are written to the index in service (the alias): one
    saved after its model was read keeps its older text in the new index until saved again."""

    def __init__(self, index):
        self.alias = index  # the name searches and writes use
        suffix = get_random_string(7, "abcdefghijklmnopqrstuvwxyz0123456789")
        self.index = index.backend.index_class(index.backend, f"{index.name}_{suffix}")

    def start(self):
        self.index.put()
        return self.index

    def finish(self):
        self.index.refresh()  # searchable before searches are sent to it
        backend, alias = self.alias.backend, self.alias.name
        if self.alias.is_alias():
            old = [each.name for each in self.alias.aliased_indices()]
            actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        elif self.alias.exists():  # a plain index under that name, e.g. made by an import
            old, actions = [], [{"remove_index": {"index": alias}}]
        else:
            old, actions = [], []
        actions.append({"add": {"index": self.index.name, "alias": alias}})
        backend.es.indices.update_aliases(body={"actions": actions})
        for name in old:
            if name != self.index.name:
                backend.index_class(backend, name).delete()


def rebuilder_for(backend, index):
    """The backend's rebuilder, with the alias swapped in one request on an engine that rebuilds
    atomically (ATOMIC_REBUILD, on by default)."""
    if rebuilds_atomically_on_an_engine(backend):
        return EngineAtomicRebuilder(index)
    return backend.rebuilder_class(index)


def rebuild_index(backend, index, models, chunk_size=CHUNK_SIZE, progress_for=None):
    """Rebuild one index (holding `models`) from scratch; the number of objects indexed.

    `progress_for(model)` returns a Progress (core/progress.py) for that model, or None.
    Raises RebuildFailed when anything goes wrong, after undoing what can be undone."""
    rebuilder = rebuilder_for(backend, index)
    model, done = None, 0
    try:
        live_index = rebuilder.start()
        for model in models:
            live_index.add_model(model)
        model = None
        for model in models:
            done += _index_model(live_index, model, chunk_size, progress_for)
        model = None
        rebuilder.finish()
    except Exception as error:
        raise RebuildFailed(error, model, abandon(rebuilder, error), done) from error
    except BaseException as error:  # Ctrl-C: undo, then stop
        abandon(rebuilder, error)
        raise
    return done


def _index_model(index, model, chunk_size, progress_for):
    progress = progress_for(model) if progress_for else None
    done = 0
    for chunk in indexed_chunks(model, chunk_size):
        index.add_items(model, chunk)
        done += len(chunk)
        if progress:
            progress.update(done)
    if progress:
        progress.finish(done)
    return done
