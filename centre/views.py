"""Small site-wide views: health check, robots.txt, error pages."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.search.backends import get_search_backend

from core.cache import guarded
from core.links import absolute_url
from search.fallback import backend_is_resting


@never_cache
@require_GET
def health(request):
    """JSON health check for load balancers and the container.

    503 when the database is down (nothing works without it). A failing cache or search server
    makes the site slower or its search poorer, not unusable: "dégradé" with 200.
    """
    checks = {
        "database": _check(_database_answers),
        "cache": _check(_cache_answers),
        "search": _check(_search_backend_answers),
    }
    if checks["database"] != "ok":
        status, code = "erreur", 503
    elif all(value == "ok" for value in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "dégradé", 200
    return JsonResponse(
        {
            "status": status,
            "checks": checks,
            "search_backend": _search_backend_name(),
            "search_answered_by": _search_answered_by(checks["search"]),
        },
        status=code,
        json_dumps_params={"ensure_ascii": False},
    )


def _check(probe):
    try:
        return "ok" if probe() else "indisponible"
    except Exception:  # noqa: BLE001 - any failure of the probed service means unavailable
        return "indisponible"


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_answers():
    token = get_random_string(12)
    with guarded():
        cache.set("sante:probe", token, 10)
        return cache.get("sante:probe") == token


def _search_backend_name():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    # "opensearch2", "elasticsearch9", or "database" for Wagtail's backend and ours on PostgreSQL.
    name = backend.rsplit(".", 1)[-1]
    return name if name.startswith(("opensearch", "elasticsearch")) else "database"


def _search_answered_by(search_check):
    """Who answers this process's searches now: the engine, or the database index while the
    engine fails or rests after a failure (search/fallback.py)."""
    if search_check != "ok" or backend_is_resting("default"):
        return "database"
    return _search_backend_name()


def _search_backend_answers():
    """The first search backend answers; the database one is the database itself."""
    backend = get_search_backend("default")
    client = getattr(backend, "es", None)
    if client is None:
        return True
    # elasticsearch-py 8+ takes per-request options through .options(); opensearch-py as keywords.
    if hasattr(client, "options"):
        return bool(client.options(request_timeout=2).ping())
    return bool(client.ping(request_timeout=2))


@require_GET
def robots_txt(request):
    sitemap_url = absolute_url("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request context: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
