"""The foundation's search page: public pages only, odd input never breaks it, and it degrades
to the database when Elasticsearch cannot be reached."""

import io
import os

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test import override_settings
from wagtail.models import PageViewRestriction

from centre.models import StandardPage
from core.demo_tools import ensure_child_page, rich, stream
from search.backends import database_backend, search_backends_from_env


def result_titles(client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in html.select(".fr-search-result__title")]


@pytest.fixture
def reserved_page(home):
    page, _ = ensure_child_page(
        home,
        StandardPage,
        "marches-reserves",
        title="Les marchés réservés aux structures d'insertion",
        intro="Un lot peut être réservé aux SIAE.",
        body=stream(
            ("paragraph", rich("Les heures d'insertion sont comptées à la fin du marché."))
        ),
    )
    return page


def test_query_finds_published_page_and_keeps_query_in_field(client, reserved_page):
    response = client.get("/recherche/", {"q": "réservés"})
    html = BeautifulSoup(response.content, "html.parser")
    assert "Les marchés réservés aux structures d'insertion" in [
        h.get_text(strip=True) for h in html.select(".fr-search-result__title")
    ]
    assert html.select_one("#recherche-page")["value"] == "réservés"


def test_accents_are_folded(client, reserved_page):
    assert "Les marchés réservés aux structures d'insertion" in result_titles(client, "reserves")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="French stemming needs PostgreSQL (SQLite does not stem)",
)
def test_french_stemming_on_postgresql(client, reserved_page):
    assert "Les marchés réservés aux structures d'insertion" in result_titles(client, "réserve")


def test_drafts_and_private_pages_never_appear(client, home):
    draft = StandardPage(title="Projet confidentiel de clause", slug="projet-confidentiel")
    home.add_child(instance=draft)
    draft.unpublish()
    private, _ = ensure_child_page(
        home, StandardPage, "interne", title="Note interne confidentielle"
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert result_titles(client, "confidentiel") == []
    assert result_titles(client, "confidentielle") == []


@pytest.mark.parametrize(
    "query",
    ["\x00", "clause\x00sociale", "x" * 3000, "' OR 1=1 --", '"', "((", "-", "AND OR NOT", "🙂"],
)
def test_odd_queries_never_break_the_page(client, home, query):
    assert client.get("/recherche/", {"q": query}).status_code == 200


def test_empty_result_page_offers_suggestions(client, home):
    response = client.get("/recherche/", {"q": "xylophone"})
    assert "Aucun résultat" in response.content.decode()
    assert "Quelques pistes" in response.content.decode()


def test_unreachable_elasticsearch_degrades_to_database(client, reserved_page, caplog):
    # Port 9 (discard) on loopback: nothing listens, as when the Elasticsearch server is down.
    backends = search_backends_from_env(
        "http://127.0.0.1:9", postgres=connection.vendor == "postgresql"
    )
    backends["default"]["TIMEOUT"] = 1
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        titles = result_titles(client, "réservés")
    assert "Search backend 'default' failed" in caplog.text  # Elasticsearch was really tried
    assert "Les marchés réservés aux structures d'insertion" in titles


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="needs a live Elasticsearch 9 server: set ELASTICSEARCH_URL=http://host:9200",
)
def test_live_elasticsearch_uses_french_analyser(client, reserved_page):
    from django.core.management import call_command

    backends = search_backends_from_env(os.environ["ELASTICSEARCH_URL"], postgres=False)
    backends["database"] = database_backend(connection.vendor == "postgresql")
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        call_command("update_index", backend_name="default", stdout=io.StringIO())
        assert "Les marchés réservés aux structures d'insertion" in result_titles(client, "reserve")
        assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith("elasticsearch9")


def test_no_result_page_offers_the_closest_known_words(client, home):
    # Typos no stemmer brings back to a word ("clausse" is "clause" to OpenSearch's French one).
    response = client.get("/recherche/", {"q": "facilitatuer clauze"})
    html = BeautifulSoup(response.content, "html.parser")
    link = html.select_one(".fr-callout a[href^='?q=']")
    assert link.get_text() == "« facilitateur clause »"
    followed = client.get("/recherche/" + link["href"])
    assert "Aucun résultat" not in followed.content.decode()
