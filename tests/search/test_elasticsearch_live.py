"""Elasticsearch 9 with the French analyser, end to end: the index is rebuilt with
`rebuild_search_index`, then searched through the site, as in production.

Needs a live server, so it is skipped unless ELASTICSEARCH_URL is set:

    ELASTICSEARCH_URL=http://localhost:9200 pytest tests/search/test_elasticsearch_live.py

Every index it creates has a prefix unique to the run (clauses_test_<pid>_<random>_) and is
deleted at the end; the site's own indices (clauses_…) are never touched.
"""

import io
import logging
import os
import re
import uuid
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from centre.models import StandardPage
from core.demo_tools import ensure_child_page, rich, stream
from search.backends import ELASTICSEARCH_FRENCH_INDEX_SETTINGS, search_backends_from_env

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "").strip()

pytestmark = [
    pytest.mark.skipif(
        not ELASTICSEARCH_URL,
        reason="needs a live Elasticsearch 9 server: set ELASTICSEARCH_URL=http://host:9200",
    ),
    pytest.mark.django_db,
]

NNBSP = "\u202f"
# Index names must be lower case; unique to this run so that parallel runs never collide.
INDEX_PREFIX = f"clauses_test_{os.getpid()}_{uuid.uuid4().hex[:8]}_"


def backends_config():
    """What production configures with ELASTICSEARCH_URL, with this run's index prefix.

    AUTO_UPDATE is off for Elasticsearch so that the pages the tests create are only sent to
    Elasticsearch by the rebuild under test (the database fallback still follows every save)."""
    backends = search_backends_from_env(
        ELASTICSEARCH_URL, postgres=connection.vendor == "postgresql"
    )
    backends["default"] = {
        **backends["default"],
        "INDEX_PREFIX": INDEX_PREFIX,
        "AUTO_UPDATE": False,
    }
    return backends


def elasticsearch_client():
    """The client the site's backend builds from the same settings (URL, credentials, timeout)."""
    from wagtail.search.backends.elasticsearch9 import SearchBackend

    params = dict(backends_config()["default"])
    params.pop("BACKEND")
    return SearchBackend(params).es


def indices_of_this_run():
    client = elasticsearch_client()
    found = client.options(ignore_status=404).indices.get(
        index=f"{INDEX_PREFIX}*", expand_wildcards="all"
    )
    return sorted(name for name in found.body if name.startswith(INDEX_PREFIX))


@pytest.fixture(scope="module", autouse=True)
def delete_test_indices():
    """Delete this run's indices at the end, by name: Elasticsearch 9 refuses wildcard deletes
    (action.destructive_requires_name). Deleting an index removes its aliases."""
    yield
    if not ELASTICSEARCH_URL:
        return
    client = elasticsearch_client()
    for name in indices_of_this_run():
        client.options(ignore_status=404).indices.delete(index=name)
    assert indices_of_this_run() == []


@pytest.fixture
def elasticsearch_settings():
    with override_settings(WAGTAILSEARCH_BACKENDS=backends_config()):
        yield


@pytest.fixture
def site_pages(elasticsearch_settings, home):
    """Pages that exercise the French analyser, plus a draft and a private page."""
    reserved, _ = ensure_child_page(
        home,
        StandardPage,
        "es-marches-reserves",
        title="Les marchés réservés aux structures d'insertion",
        intro="Un lot peut être réservé aux SIAE.",
        body=stream(("paragraph", rich("Les heures sont comptées à la fin du marché."))),
    )
    course, _ = ensure_child_page(
        home,
        StandardPage,
        "es-parcours",
        title="Parcours renforcé vers l'emploi",
        intro="Un accompagnement pour chaque personne en insertion.",
        body=stream(("paragraph", rich("Le référent suit le parcours pendant six mois."))),
    )
    draft = StandardPage(title="Brouillon farfadet inédit", slug="es-brouillon")
    home.add_child(instance=draft)
    draft.unpublish()
    private, _ = ensure_child_page(
        home, StandardPage, "es-interne", title="Note interne farfadet confidentielle"
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return SimpleNamespace(reserved=reserved, course=course, draft=draft, private=private)


@pytest.fixture
def live_index(site_pages):
    """The Elasticsearch index (and its database fallback) rebuilt by the command."""
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=stdout, stderr=stderr)
    return SimpleNamespace(pages=site_pages, output=stdout.getvalue(), errors=stderr.getvalue())


@pytest.fixture
def no_fallback(caplog):
    """Fails the test if a search fell back to the database: the results must be Elasticsearch's."""
    caplog.set_level(logging.WARNING)
    yield
    failures = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("search") and record.levelno >= logging.ERROR
    ]
    assert failures == []


def result_links(client, query, **params):
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return {link["href"].split("#")[0] for link in html.select("main a[href]")}


def site_pages_found(client, query):
    """Among the site's editorial pages (type=page: few, so ours rank on the first page)."""
    return result_links(client, query, type="page")


def summary_count(output, backend):
    match = re.search(rf"^  {backend} : ([\d{NNBSP} ]+) objets? indexés? ", output, re.M)
    assert match, output
    return int(re.sub(r"\D", "", match.group(1)))


def page_index_alias():
    backend = get_search_backend("default")
    return backend, backend.get_index_for_model(Page).name


def tokens(client, index, text):
    analysed = client.indices.analyze(index=index, analyzer="default", text=text)
    return [token["token"] for token in analysed["tokens"]]


def test_command_rebuilds_elasticsearch_and_the_database_fallback(live_index):
    expected = sum(model.get_indexed_objects().count() for model in get_indexed_models())
    assert live_index.errors == ""
    assert summary_count(live_index.output, "default") == expected
    assert summary_count(live_index.output, "database") == expected
    backend, alias = page_index_alias()
    assert alias.startswith(INDEX_PREFIX)
    assert backend.es.indices.exists_alias(name=alias)  # atomic rebuild: an alias to a new index
    assert backend.es.count(index=alias)["count"] == sum(
        model.get_indexed_objects().count()
        for model in get_indexed_models()
        if issubclass(model, Page)
    )


def test_index_has_the_french_analyser_of_search_backends(live_index):
    backend, alias = page_index_alias()
    settings_by_index = backend.es.indices.get_settings(index=alias).body
    assert settings_by_index, "no index behind the alias"
    expected = ELASTICSEARCH_FRENCH_INDEX_SETTINGS["settings"]["analysis"]
    for index_settings in settings_by_index.values():
        analysis = index_settings["settings"]["index"]["analysis"]
        assert analysis["filter"]["french_stemmer"] == expected["filter"]["french_stemmer"]
        assert analysis["filter"]["french_elision"]["type"] == "elision"
        assert (
            analysis["analyzer"]["default"]["filter"] == expected["analyzer"]["default"]["filter"]
        )
    mappings = backend.es.indices.get_mapping(index=alias).body
    for mapping in mappings.values():
        properties = mapping["mappings"]["properties"]
        assert {"title", "_all_text", "_django_content_type"} <= set(properties)


def test_analyser_folds_accents_plurals_elisions_and_case(live_index):
    backend, alias = page_index_alias()
    es = backend.es
    assert (
        tokens(es, alias, "marche") == tokens(es, alias, "marchés") == tokens(es, alias, "Marché")
    )
    assert tokens(es, alias, "insertions") == tokens(es, alias, "insertion")
    assert tokens(es, alias, "l'insertion") == tokens(es, alias, "insertion")
    assert tokens(es, alias, "L’insertion") == tokens(es, alias, "insertion")  # ’ apostrophe
    assert tokens(es, alias, "d'insertion") == tokens(es, alias, "insertion")
    assert tokens(es, alias, "SIAE") == tokens(es, alias, "siae")
    assert tokens(es, alias, "les marchés et des clauses") == tokens(es, alias, "marché clause")


def test_unaccented_singular_finds_accented_plural(client, live_index, no_fallback):
    assert live_index.pages.reserved.url in site_pages_found(client, "marche")
    assert live_index.pages.reserved.url in site_pages_found(client, "reserve")


def test_plural_finds_singular(client, live_index, no_fallback):
    # "insertion" (singular, no article) is only in the intro of the course page.
    assert live_index.pages.course.url in site_pages_found(client, "insertions")


def test_elision_both_ways(client, live_index, no_fallback):
    # The query has the article, the page has none…
    assert live_index.pages.course.url in site_pages_found(client, "l'insertion")
    # …and the page has "d'insertion" where the query has the bare word.
    assert live_index.pages.reserved.url in site_pages_found(client, "insertion")
    assert live_index.pages.course.url in site_pages_found(client, "L’emploi")


def test_uppercase_acronym_in_any_case(client, live_index, no_fallback):
    assert live_index.pages.reserved.url in site_pages_found(client, "SIAE")
    assert live_index.pages.reserved.url in site_pages_found(client, "siae")


def test_drafts_and_private_pages_are_indexed_but_never_shown(client, live_index, no_fallback):
    pages = live_index.pages
    # Both are in the Elasticsearch index (the command indexes every page)…
    backend = get_search_backend("default")
    indexed = {page.pk for page in backend.search("farfadet", StandardPage.objects.all())}
    assert {pages.draft.pk, pages.private.pk} <= indexed
    # …and the site search filters them out.
    for query in ("farfadet", "brouillon farfadet", "note interne confidentielle"):
        links = result_links(client, query)
        assert pages.draft.url not in links
        assert pages.private.url not in links
    data = client.get("/api/recherche/", {"q": "farfadet"}).json()
    assert data["results"] == []


def test_api_and_autocomplete_answer_from_elasticsearch(client, live_index, no_fallback):
    data = client.get("/api/recherche/", {"q": "marches reserves", "type": "page"}).json()
    assert live_index.pages.reserved.url in [result["url"] for result in data["results"]]
    suggestions = client.get("/api/recherche/suggestions/", {"q": "parcours renf"}).json()
    assert live_index.pages.course.url in [item["url"] for item in suggestions["suggestions"]]
