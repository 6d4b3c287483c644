"""Anonymous pages served from the cache, emptied whenever published content changes.

The site is read far more than it is written. Rather than tracking which page shows which
snippet, setting or document, every cache key carries a *content generation*: any save or
delete of a content model, and any publish or unpublish, moves the generation on, so the next
request for every page is built afresh. Content changes are rare; reads are many.

The key also carries today's date, because some statuses are worked out from dates (the guide
edition in force, contracts whose deadline has passed): they change at midnight with no save.
"""

import contextvars
import hashlib
import logging
import time
from contextlib import nullcontext

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_max_age, patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
CHANGED_AT_KEY = "page-cache:changed-at"

# Paths never cached: the admin, the health check, Wagtail's document serving (files may be
# private) and the search API's callers expect fresh answers after every publish anyway.
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/sante/", "/media/")

# Saves of these apps' models change nothing the public sees (sessions, logs, search index...).
IGNORED_APPS = {
    "sessions",
    "admin",
    "contenttypes",
    "auth",
    "wagtailsearch",
    "search",
    "wagtailusers",
    "wagtailadmin",
}
# Wagtail's own bookkeeping rows: saving a draft writes a revision, never the live page.
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.referenceindex",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailimages.rendition",
    "contracts.alertsubscription",
    "directory.correctionrequest",
}


def page_cache():
    return caches["pages"] if "pages" in settings.CACHES else cache


def _fresh_generation():
    # When the counter is lost (evicted, cache restarted), start from the clock rather than 0,
    # so that pages stored under an older generation are never served again.
    return int(time.time() * 1000)


# The request being served keeps the generation it read first ({} until then; None outside a
# request): a site search asks for it dozens of times (each memo of core.memo), and with
# production's database cache every read is a query. A change within the request forgets it.
_request_generation = contextvars.ContextVar("request_content_generation", default=None)


def content_generation():
    kept = _request_generation.get()
    if kept and "value" in kept:
        return kept["value"]
    # In a savepoint with a database cache: a failing cache query must not abort the caller's
    # transaction (the memories of core.memo then remember nothing, and the request goes on).
    with guarded() if isinstance(caches["default"], DatabaseCache) else nullcontext():
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
            generation = cache.get(GENERATION_KEY)
    if kept is not None:
        kept["value"] = generation
    return generation


def content_changed_at():
    """When public content last changed, as a timestamp (the server's start if unknown)."""
    changed_at = cache.get(CHANGED_AT_KEY)
    if changed_at is None:
        changed_at = timezone.now().timestamp()
        cache.add(CHANGED_AT_KEY, changed_at, timeout=None)
    return changed_at


def content_changed(**kwargs):
    """Empty the page cache: every key built before now is orphaned and ages out.

    Done at once, and again after the transaction commits: a page built from the data as it
    was before the commit, but stored under the new generation, would otherwise outlive it.
    """
    _move_generation()
    transaction.on_commit(_move_generation)


def guarded():
    """A savepoint when the caller is inside a transaction: with the database cache, a failing
    cache query (its table not created yet) must not abort that transaction. Outside one, a
    failed query aborts nothing, and a cache hit costs no database round trip."""
    return transaction.atomic() if transaction.get_connection().in_atomic_block else nullcontext()


def _move_generation():
    kept = _request_generation.get()
    if kept is not None:
        kept.pop("value", None)  # the rest of this request reads the new one
    try:
        # During the first `migrate`, the cache table does not exist yet.
        with guarded():
            try:
                cache.incr(GENERATION_KEY)
            except ValueError:  # the key was never set, or was evicted
                cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)
            cache.set(CHANGED_AT_KEY, timezone.now().timestamp(), timeout=None)
    except Exception as error:  # noqa: BLE001 - a save must not fail because the cache is down
        logger.warning("Page cache not emptied after a content change: %s", error)


def _on_model_change(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return
    if kwargs.get("raw"):  # fixtures
        return
    content_changed()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, published, unpublished

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_model_change, dispatch_uid=f"page-cache-{signal!r}")
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal!r}")


def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    if request.path.startswith(UNCACHED_PREFIXES):
        return False
    # Signed-in editors and visitors with pending messages see pages of their own.
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    return get_max_age(response) != 0 or "max-age" not in cache_control


def _key(request):
    today = timezone.localdate().isoformat()
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page-cache:{content_generation()}:{today}:{request.method}:{url}"


class AnonymousPageCacheMiddleware:
    """Serves anonymous GETs from the cache and stores what may be shared; for every request,
    reads the content generation once.

    A stored response keeps the headers set below this middleware (CSP, frame options...).
    Last-Modified is the last content change, so that conditional GETs answer 304 until then.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set({})
        try:
            return self._respond(request)
        finally:
            _request_generation.reset(token)

    def _respond(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)
        try:
            with guarded():
                key = _key(request)
                cached = page_cache().get(key)
        except Exception:  # a cache that is down makes pages slower, not broken
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _response_is_cacheable(response):
            self._store(key, response)
        return response

    def _store(self, key, response):
        try:
            with guarded():
                if not response.has_header("Last-Modified"):
                    response["Last-Modified"] = http_date(_last_modified())
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
                response["X-Cache"] = "miss"
                page_cache().set(key, response, settings.PAGE_CACHE_SECONDS)
        except Exception:  # the page is served anyway
            logger.warning("Page not stored in the cache", exc_info=True)


def _last_modified():
    """The last content change, but never before midnight: dates move statuses on too."""
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(content_changed_at(), midnight.timestamp(), 0)
