"""The same search as JSON, and the autocomplete endpoint."""

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from centre.models import StandardPage


def test_api_returns_ordered_results_with_documented_fields(client, home):
    data = client.get("/api/recherche/", {"q": "accessibilité"}).json()
    assert data["query"] == "accessibilité"
    assert data["count"] >= 1
    first = data["results"][0]
    assert set(first) == {"title", "url", "type", "type_label", "excerpt", "score", "edition"}
    assert first["title"] == "Déclaration d'accessibilité"
    scores = [result["score"] for result in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_api_type_filter_and_facet_counts(client, home):
    everything = client.get("/api/recherche/", {"q": "clauses"}).json()
    assert everything["facets"]["type"]
    only_pages = client.get("/api/recherche/", {"q": "clauses", "type": "page"}).json()
    assert {result["type"] for result in only_pages["results"]} <= {"page"}
    assert only_pages["count"] == everything["facets"]["type"].get("page", 0)


@pytest.mark.parametrize("query", ["", "\x00", "*", "a:b", "\\", "(((", "x" * 2000])
def test_api_never_fails_on_odd_queries(client, home, query):
    response = client.get("/api/recherche/", {"q": query, "type": "inconnu"})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_suggestions_complete_titles(client, home):
    data = client.get("/api/recherche/suggestions/", {"q": "mentio"}).json()
    assert {
        "title": "Mentions légales",
        "url": "/mentions-legales/",
        "type_label": "Page du site",
    } in data["suggestions"]
    assert client.get("/api/recherche/suggestions/", {"q": "m"}).json()["suggestions"] == []


def test_promoted_result_comes_first_on_the_page(client, home):
    legal = StandardPage.objects.get(slug="mentions-legales")
    query = Query.objects.create(query_string="hébergeur du site")
    SearchPromotion.objects.create(query=query, page=legal, description="Qui héberge le site")
    response = client.get("/recherche/", {"q": "Hébergeur du site"})
    html = BeautifulSoup(response.content, "html.parser")
    promoted = html.select_one(".search-promotions")
    assert promoted.a["href"] == "/mentions-legales/"
    assert "Qui héberge le site" in promoted.get_text()
    first_section = html.select_one(".search-main").find(recursive=False)
    assert first_section is promoted


def test_suggestions_cover_clauses_glossary_and_contracts(client, demo):
    def suggested(query):
        data = client.get("/api/recherche/suggestions/", {"q": query}).json()
        return {(item["type_label"], item["url"]) for item in data["suggestions"]}

    assert ("Glossaire", "/glossaire/#terme-etti") in suggested("ett")
    assert ("Clause type", "/clauses/condition-execution-heures/") in suggested("conditio")
    assert any(label == "Marché à venir" for label, _ in suggested("blanchis"))
