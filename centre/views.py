"""Small site-wide views: health check, robots.txt, error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def health(request):
    """JSON health check for load balancers and the container: 503 when the database is down."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        checks["database"] = "indisponible"
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    # "elasticsearch9", or "database" for Wagtail's backend and ours on PostgreSQL.
    backend = backend.rsplit(".", 1)[-1] if "elasticsearch" in backend else "database"
    healthy = checks["database"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "erreur", "checks": checks, "search_backend": backend},
        status=200 if healthy else 503,
    )


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
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
