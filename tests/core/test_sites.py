"""The request's Wagtail site is read once per content generation (core.sites)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site


def site_lookups(client, path):
    """The queries that look for the site serving the request and for the default site (both
    rank sites with a CASE)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [
        sql for sql in (q["sql"] for q in queries) if '"wagtailcore_site"' in sql and "CASE" in sql
    ]


def test_the_site_is_read_once_until_the_content_changes(client, demo):
    assert site_lookups(client, "/annuaire/")  # the site and the canonical base
    assert site_lookups(client, "/annuaire/?passe=2") == []
    assert site_lookups(client, "/recherche/?q=clause") == []


def test_a_new_site_serves_its_host_at_once(client, demo):
    home = Page.objects.get(depth=2)
    served = client.get("/", HTTP_HOST="autre.example.fr").wsgi_request
    assert Site.find_for_request(served).hostname != "autre.example.fr"
    Site.objects.create(hostname="autre.example.fr", port=80, root_page=home)
    served = client.get("/", HTTP_HOST="autre.example.fr").wsgi_request
    assert Site.find_for_request(served).hostname == "autre.example.fr"
