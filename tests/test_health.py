"""/sante/: what a load balancer and an operator read. The database is vital (503 without it);
a failing cache or search server leaves the site usable, reported as « dégradé »."""

import pytest

from search.backends import search_backends_from_env

pytestmark = pytest.mark.django_db

MISSING_CACHE_TABLE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "table_de_cache_absente",
    }
}


def test_everything_up(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["checks"] == {"database": "ok", "cache": "ok", "search": "ok"}
    assert data["search_backend"] in {"database", "elasticsearch9", "opensearch2"}
    assert data["search_answered_by"] == data["search_backend"]
    assert "no-cache" in response["Cache-Control"]


def test_a_cache_that_fails_is_reported_and_pages_still_answer(client, home, settings):
    # A forgotten `createcachetable` in production: every cache call raises.
    settings.CACHES = MISSING_CACHE_TABLE
    data = client.get("/sante/").json()
    assert data["status"] == "dégradé" and data["checks"]["cache"] == "indisponible"
    assert data["checks"]["database"] == "ok"
    assert client.get("/").status_code == 200
    assert client.get("/bases-juridiques/").status_code == 200


def test_elasticsearch_down_is_reported_and_search_answers_from_the_database(
    client, home, settings
):
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env(
        "http://127.0.0.1:9", postgres=settings.DATABASE_IS_POSTGRES
    )
    response = client.get("/sante/")
    assert response.status_code == 200
    data = response.json()
    assert data["search_backend"] == "elasticsearch9"
    assert data["checks"]["search"] == "indisponible" and data["status"] == "dégradé"
    results = client.get("/api/recherche/?q=insertion")
    assert results.status_code == 200 and results.json()["results"]


def test_opensearch_down_is_reported_and_search_answers_from_the_database(client, home, settings):
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env(
        opensearch_url="http://127.0.0.1:9", postgres=settings.DATABASE_IS_POSTGRES
    )
    data = client.get("/sante/").json()
    assert data["search_backend"] == "opensearch2"
    assert data["checks"]["search"] == "indisponible" and data["status"] == "dégradé"
    assert data["search_answered_by"] == "database"
    results = client.get("/api/recherche/?q=insertion")
    assert results.status_code == 200 and results.json()["results"]
