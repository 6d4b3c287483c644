"""OpenSearch with the French analyser, through the site, as in production.

Needs a live node (`make opensearch`), so it is skipped unless OPENSEARCH_URL is set:

    OPENSEARCH_URL=http://127.0.0.1:9200 pytest tests/search/test_opensearch_live.py

Under CI (CI set) with OPENSEARCH_URL set, a node that does not answer fails these tests instead
of skipping them. The engine's index is built once per session from the demo content and kept
as the database has it after every test (tests/engine_index.py); the indices are the test
run's own ("test_<worker>_clauses_…", centre/settings/test.py), never the site's.

Publishing reaches the engine within the request that saves (Wagtail's signal handlers); the
engine makes it searchable at its next refresh (1 s by default in production; the test harness
refreshes at once).
"""

import logging
import os
import uuid

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from centre.models import StandardPage
from core.demo_tools import ensure_child_page, rich, stream

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "").strip()
UNDER_CI = bool(os.environ.get("CI"))

pytestmark = [
    pytest.mark.skipif(
        not OPENSEARCH_URL,
        reason="needs a live OpenSearch node: `make opensearch`, then "
        "OPENSEARCH_URL=http://127.0.0.1:9200",
    ),
    pytest.mark.django_db,
]

HOSTILE_QUERIES = {
    "nul": "clause\x00sociale",
    "long": "insertion " * 500,
    "quote": '"clause sociale',
    "quotes": 'marché "réservé" "',
    "match-all": "*:*",
    "field-boost": "title:foo^3",
    "combining-accent": "\u0301",
    "combining-accents": "e\u0301\u0300 \u0327",
    "emoji": "🚧 clause 👷‍♀️",
    "regexp": "/.*/",
    "fuzzy": "clause~2",
    "range": "[* TO *]",
    "json": '{"match_all": {}}',
}


@pytest.fixture(autouse=True, scope="module")
def _node_answers():
    """Fail under CI, skip elsewhere, when the node configured is not there."""
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[OPENSEARCH_URL], timeout=5, max_retries=0)
    try:
        answers = client.ping()
    finally:
        client.close()
    if answers:
        return
    message = f"OpenSearch does not answer at OPENSEARCH_URL={OPENSEARCH_URL}"
    if UNDER_CI:
        pytest.fail(message + " (CI: start it with `make opensearch`)")
    pytest.skip(message)


@pytest.fixture
def no_fallback(caplog):
    """Fails the test if a search fell back to the database: the answers must be OpenSearch's."""
    caplog.set_level(logging.WARNING)
    yield
    failures = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("search") and record.levelno >= logging.ERROR
    ]
    assert failures == []


def page_index():
    backend = get_search_backend("default")
    return backend, backend.get_index_for_model(Page).name


def tokens(text):
    backend, index = page_index()
    analysed = backend.es.indices.analyze(index=index, body={"analyzer": "default", "text": text})
    return [token["token"] for token in analysed["tokens"]]


def result_links(client, query, **params):
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return {link["href"].split("#")[0] for link in html.select("main a[href]")}


def api_links(client, query):
    response = client.get("/api/recherche/", {"q": query})
    assert response.status_code == 200
    return [result["url"] for result in response.json()["results"]]


def unique_word():
    # Letters only: the analyser keeps it whole, and no demo page has it.
    return "zq" + "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:10])


def test_the_site_runs_on_opensearch_and_says_so(client):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith("opensearch2")
    data = client.get("/sante/").json()
    assert data["search_backend"] == "opensearch2"
    assert data["checks"]["search"] == "ok"


def test_the_index_has_the_french_analyser():
    backend, index = page_index()
    for index_settings in backend.es.indices.get_settings(index=index).values():
        analyser = index_settings["settings"]["index"]["analysis"]["analyzer"]["default"]
        assert "french_stemmer" in analyser["filter"] and "asciifolding" in analyser["filter"]


def test_analyser_folds_accents_plurals_elisions_and_case():
    assert tokens("Les marchés réservés") == ["march", "reserv"]
    assert tokens("marche") == tokens("marchés") == tokens("Marché")
    assert tokens("insertions") == tokens("insertion")
    assert tokens("l'insertion") == tokens("L’insertion") == tokens("d'insertion")
    assert tokens("d'insertion") == tokens("insertion")
    assert tokens("SIAE") == tokens("siae")


def test_demo_content_is_found_through_the_analyser(client, home, no_fallback):
    # Accents, plurals and elision in the query, none of them in the same form in the pages.
    for query in ("marches reserves", "l'insertion", "clauses sociales"):
        assert api_links(client, query), query


def test_publish_is_found_and_unpublish_is_gone(client, home, no_fallback):
    word = unique_word()
    page, _ = ensure_child_page(
        home,
        StandardPage,
        f"os-{word}",
        title=f"Chantiers {word} réservés",
        intro="Une page publiée pendant le test.",
        body=stream(("paragraph", rich("Des heures d'insertion sur le chantier."))),
    )
    assert page.live
    assert page.url in result_links(client, word)
    assert page.url in api_links(client, word)
    page.unpublish()
    assert page.url not in result_links(client, word)
    assert api_links(client, word) == []


def test_a_draft_is_in_the_engine_but_never_found(client, home, no_fallback):
    word = unique_word()
    draft = StandardPage(title=f"Brouillon {word}", slug=f"os-brouillon-{word}", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    backend = get_search_backend("default")
    assert draft.pk in {page.pk for page in backend.search(word, StandardPage.objects.all())}
    assert draft.url not in result_links(client, word)
    assert api_links(client, word) == []


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_hostile_queries_answer_from_opensearch_without_error(client, home, query, no_fallback):
    page = client.get("/recherche/", {"q": query})
    assert page.status_code == 200
    api = client.get("/api/recherche/", {"q": query})
    assert api.status_code == 200
    assert isinstance(api.json()["results"], list)


def test_query_syntax_is_text_not_engine_syntax(client, home, no_fallback):
    # As a query string, "*:*" would match every document; as text it matches none.
    assert api_links(client, "*:*") == []
    # As a query string, "+word^3 -corps" would exclude the page whose body has "corps"; as text
    # it finds it. ("title:word" is one token to the standard tokenizer: ":" joins letters.)
    word = unique_word()
    page, _ = ensure_child_page(
        home,
        StandardPage,
        f"os-champ-{word}",
        title="Une page sans le mot dans son titre",
        body=stream(("paragraph", rich(f"Le mot {word} est dans le corps."))),
    )
    assert page.url in api_links(client, f"+{word}^3 -corps")
    assert page.url in api_links(client, f"{word} AND NOT corps")
