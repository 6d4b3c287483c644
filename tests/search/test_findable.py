"""The site's tools and listing pages are search targets, word forms meet on every backend,
and excerpts never show a model clause's raw placeholders (issue 14)."""

import re

import pytest

from search.engine import search_site, suggest

pytestmark = pytest.mark.django_db


def _urls(query):
    return [result.url for result in search_site(query).results]


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("calculateur", "/calculateur/"),
        ("carte des facilitateurs", "/annuaire/carte/"),
        ("qui est mon facilitateur", "/annuaire/facilitateur/"),
        ("alerte marchés", "/marches-a-venir/alertes/"),
    ],
)
def test_a_query_naming_a_tool_puts_the_tool_first(demo, query, path):
    assert _urls(query)[0] == path


def test_a_tool_is_shown_with_its_description_and_type(demo, client):
    page = client.get("/recherche/", {"q": "calculateur"}).content.decode()
    assert "Calculateur d&#x27;heures d&#x27;insertion" in page or "Calculateur d'heures" in page
    assert "à partir de son montant" in page
    assert "Outil du site" in page


def test_a_tool_only_mentioned_stays_below_the_content_that_answers(demo):
    urls = _urls("calcul heures d'insertion marché de travaux")
    assert urls[0].startswith("/guide/")


def test_autocomplete_offers_the_calculator_from_its_first_letters(demo, client):
    assert suggest("calcu")[0]["url"] == "/calculateur/"
    answer = client.get("/api/recherche/suggestions/", {"q": "carte des fac"}).json()
    assert "/annuaire/carte/" in [item["url"] for item in answer["suggestions"]]


def test_singular_and_plural_find_the_same_clause(demo):
    clause = "/clauses/condition-execution-heures/"
    assert clause in _urls("pénalités")[:3]
    assert clause in _urls("pénalité")[:3]
    assert set(_urls("réservés")) == set(_urls("réservé"))


def test_excerpts_show_blanks_not_placeholders(demo):
    excerpts = [result.excerpt for result in search_site("objet du marché acheteur").results]
    assert excerpts
    assert not [text for text in excerpts if re.search(r"\{\s*\w+\s*\}", text)]
    clause = search_site("pénalité heure non réalisée").results[0]
    assert "« … »" in clause.excerpt
    assert "« « " not in clause.excerpt
