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

import datetime
import logging
import os
import uuid

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from centre.models import StandardPage
from clauses.models import ModelClause
from contracts.models import UpcomingContract
from core.demo_tools import ensure_child_page, rich, stream
from core.models import Sector
from directory.models import PublicBuyer

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
    "long": "insertion " * 500,  # 5 000 characters
    "long-word": "i" * 5000,
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


def engine_documents(model, word):
    """How many documents of the engine's index hold `word`, whatever the database says."""
    backend = get_search_backend("default")
    index = backend.get_index_for_model(model).name
    body = {"query": {"match": {"_all_text": word}}}
    return backend.es.count(index=index, body=body)["count"]


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
    suggestions = client.get("/api/recherche/suggestions/", {"q": query})
    assert suggestions.status_code == 200


def test_query_syntax_is_text_not_engine_syntax(client, home, no_fallback):
    # As a query string, "*:*" would match every document; as text it matches none, on the
    # engine itself as on the site.
    assert api_links(client, "*:*") == []
    backend = get_search_backend("default")
    for syntax in ("*:*", "*", "_id:*", '{"match_all": {}}', "title:*"):
        assert list(backend.search(syntax, Page.objects.all())) == [], syntax
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


def test_a_deleted_page_is_gone_from_the_engine(client, home, no_fallback):
    word = unique_word()
    page, _ = ensure_child_page(home, StandardPage, f"os-supprimee-{word}", title=f"Page {word}")
    assert engine_documents(Page, word) == 1
    assert page.url in api_links(client, word)
    url = page.url
    page.delete()
    assert engine_documents(Page, word) == 0
    assert url not in api_links(client, word)


def published(item):
    """Save a draftable snippet with a revision and publish it, as the admin does."""
    item.save()
    item.save_revision().publish()
    item.refresh_from_db()
    return item


def test_a_clause_saved_is_found_and_deleted_is_gone(client, home, no_fallback):
    word = unique_word()
    clause = published(
        ModelClause(
            title=f"Clause {word} d'insertion",
            slug=f"os-clause-{word}",
            summary="Une clause publiée pendant le test.",
            mechanism="condition_execution",
            document="ccap",
            for_works=True,
            text="Le titulaire réserve des heures d'insertion pour {acheteur}.",
            version_year=timezone.localdate().year,
            live=False,
        )
    )
    assert clause.live
    assert clause.get_absolute_url() in api_links(client, f"clauses {word}")
    assert engine_documents(ModelClause, word) == 1
    clause.delete()
    assert engine_documents(ModelClause, word) == 0
    assert api_links(client, word) == []


def test_a_contract_saved_is_found_and_deleted_is_gone(client, home, no_fallback):
    word = unique_word()
    buyer = PublicBuyer.objects.filter(department__isnull=False).order_by("pk").first()
    contract = UpcomingContract(
        title=f"Réhabilitation {word} du gymnase",
        slug=f"os-marche-{word}",
        buyer=buyer,
        description="Un marché à venir publié pendant le test.",
        kind="travaux",
        expected_notice_date=timezone.localdate() + datetime.timedelta(days=30),
        live=False,
    )
    contract.sectors = [Sector.objects.order_by("pk").first()]
    contract.departments = [buyer.department]
    contract = published(contract)
    assert contract.get_absolute_url() in api_links(client, word)
    assert engine_documents(UpcomingContract, word) == 1
    contract.delete()
    assert engine_documents(UpcomingContract, word) == 0
    assert api_links(client, word) == []


@pytest.fixture
def french_pages(home):
    """Two pages, each with one form of the words: singular, accents and elision in one;
    plural, capitals and no accent in the other. Each has a word of its own to search with."""
    first, second = unique_word(), unique_word()
    texts = {
        first: "Une pénalité de retard, un marché réservé et l'insertion des publics.",
        second: "Des PÉNALITÉS, des lots réservés, une marche à suivre et l'INSERTION.",
    }
    for word, text in texts.items():
        ensure_child_page(
            home,
            StandardPage,
            f"os-francais-{word}",
            title=f"Vocabulaire {word}",
            body=stream(("paragraph", rich(text))),
        )
    return first, second


@pytest.mark.parametrize(
    "which, words",
    [
        (0, "pénalités"),  # plural finds the singular
        (1, "pénalité"),  # and the singular the plural (in capitals)
        (0, "réservés"),
        (1, "réservé"),
        (0, "insertion"),  # "l'insertion" in the page: elision
        (1, "l'insertion"),  # elision in the query, capitals in the page
        (1, "insertion"),
        (0, "INSERTION"),
        (0, "marche"),  # accents folded both ways
        (1, "marché"),
        (0, "Penalites reserves"),
    ],
)
def test_french_word_forms_match_on_the_engine(french_pages, which, words):
    backend = get_search_backend("default")
    word = french_pages[which]
    # Every word must match ("and"): the page's own word alone cannot make it found.
    found = backend.search(f"{word} {words}", StandardPage.objects.all(), operator="and")
    assert [page.title for page in found] == [f"Vocabulaire {word}"]


def test_an_absent_word_does_not_match_on_the_engine(french_pages):
    backend = get_search_backend("default")
    found = backend.search(f"{french_pages[0]} amendes", StandardPage.objects.all(), operator="and")
    assert list(found) == []


def test_a_site_search_asks_the_engine_once_for_every_source(home, monkeypatch, no_fallback):
    """Pages and every model source in one multi-search request: no request per source, no
    scrolling through the 200 hits a source may give."""
    from opensearchpy import OpenSearch

    from search.engine import search_site

    requests = []
    for name in ("search", "msearch", "scroll", "clear_scroll"):
        original = getattr(OpenSearch, name)

        def spy(client, *args, _original=original, _name=name, **kwargs):
            requests.append(_name)
            return _original(client, *args, **kwargs)

        monkeypatch.setattr(OpenSearch, name, spy)
    outcome = search_site("insertion")
    assert len(outcome.results) > 100 and not outcome.degraded
    assert requests == ["msearch"]
