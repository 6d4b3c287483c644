"""Everything the site publishes is found from one search box: directory entries, upcoming
contracts, référentiel rows and glossary terms, with département and sector facets."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from clauses.models import LabourShareRow
from contracts.models import UpcomingContract
from directory.models import FacilitatorStructure
from search.engine import ALL_EDITIONS, search_site
from search.indexing import index_objects
from search.results import FULL_SCORE_DEPTH, cut_excerpt, prepare_shown


def api(client, **params):
    response = client.get("/api/recherche/", params)
    assert response.status_code == 200
    return response.json()


def page(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_facilitator_found_by_role_and_département(client, demo):
    data = api(client, q="facilitateur Gironde")
    directory = [r for r in data["results"] if r["type"] == "annuaire"]
    assert directory, data["results"]
    gironde = FacilitatorStructure.objects.filter(department__code="33")
    # Entries holding both words come first; those holding one follow.
    assert directory[0]["url"] in {f.get_absolute_url() for f in gironde}
    assert data["results"][0]["type"] == "annuaire"


def test_unpublished_directory_entry_is_not_found(client, demo):
    structure = FacilitatorStructure.objects.filter(department__code="33").first()
    structure.name = "Plateforme Zéphyrine des clauses"
    structure.save()
    assert [r["url"] for r in api(client, q="Zéphyrine")["results"]] == [
        structure.get_absolute_url()
    ]
    structure.is_published = False
    structure.save()
    assert api(client, q="Zéphyrine")["results"] == []


def test_upcoming_contract_found_and_its_draft_changes_stay_hidden(client, demo):
    contract = UpcomingContract.objects.public().first()
    hits = api(client, q=contract.title, type="marche")["results"]
    # Demo contracts may share a title (same work, same département): equal scores, either order.
    best = [hit["url"] for hit in hits if hit["title"] == hits[0]["title"]]
    assert hits[0]["title"] == contract.title
    assert contract.get_absolute_url() in best
    contract.live = False  # unpublished: out of the search
    contract.save()
    assert contract.get_absolute_url() not in [
        r["url"] for r in api(client, q=contract.title)["results"]
    ]


def test_référentiel_row_links_to_its_line(client, demo):
    data = api(client, q="gros oeuvre")  # typed without the ligature
    first = data["results"][0]
    assert first["type"] == "main-d-oeuvre" and "Gros œuvre" in first["title"]
    path, anchor = first["url"].split("#")
    row = LabourShareRow.objects.get(pk=int(anchor.removeprefix("ligne-")))
    assert row.work_type == "Gros œuvre"
    assert f'id="{anchor}"' in client.get(path).content.decode()


def test_only_the_référentiel_in_force_is_searched(client, demo):
    years = {
        LabourShareRow.objects.get(pk=int(r["url"].split("#ligne-")[1])).year
        for r in api(client, q="nettoyage", type="main-d-oeuvre")["results"]
    }
    assert len(years) == 1


def test_acronym_query_shows_its_definition(client, demo):
    html = page(client, q="ETTI")
    box = html.select_one(".search-definitions")
    assert "entreprise de travail temporaire d'insertion" in box.get_text().lower()
    assert box.select_one("a")["href"].endswith("/glossaire/#terme-etti")
    assert api(client, q="etti")["definitions"][0]["term"] == "ETTI"
    assert page(client, q="clause sociale").select_one(".search-definitions") is None


def test_trade_words_find_the_acronym_and_back(demo):
    with_acronym = {r.url for r in search_site("SIAE").results}
    in_words = {r.url for r in search_site("structure d'insertion").results}
    # Pages that only say "SIAE" are found by the words, and the other way round.
    assert with_acronym & in_words
    assert len(in_words) > 1 and len(with_acronym) > 1


@pytest.mark.parametrize("plural,singular", [("insertions", "insertion"), ("clauses", "clause")])
def test_plural_finds_what_the_singular_finds_on_every_backend(demo, plural, singular):
    def paths(query):  # guide hits point at the paragraph matching the query's own words
        return {result.url.split("#")[0] for result in search_site(query).results}

    assert paths(singular) and paths(singular) <= paths(plural)


def test_département_facet_counts_and_filters(client, demo):
    data = api(client, q="nettoyage")
    counts = data["facets"]["departement"]
    code, count = max(counts.items(), key=lambda item: item[1])
    filtered = api(client, q="nettoyage", departement=code)
    assert filtered["count"] == count
    html = page(client, q="nettoyage", departement=code)
    nav = html.select_one("nav[aria-labelledby=titre-facette-departement]")
    current = nav.select_one("a[aria-current]")
    assert f"({code})" in current.get_text() and f"({count})" in current.get_text()
    # The type facet keeps the département, and the page says results are filtered.
    type_links = html.select("nav[aria-labelledby=titre-facette-type] a")
    assert all(f"departement={code}" in a["href"] for a in type_links)
    assert f"filtres choisis, sur {data['count']} au total" in html.select_one(
        ".fr-search-count"
    ).get_text(" ", strip=True)


def test_sector_facet_filters_contracts_and_employers(client, demo):
    data = api(client, q="nettoyage")
    assert "proprete-et-nettoyage" in data["facets"]["secteur"]
    filtered = api(client, q="nettoyage", secteur="proprete-et-nettoyage")
    assert filtered["count"] == data["facets"]["secteur"]["proprete-et-nettoyage"]
    assert {r["type"] for r in filtered["results"]} <= {"marche", "annuaire"}


def test_unknown_facet_values_give_no_result_not_an_error(client, demo):
    html = page(client, q="nettoyage", departement="999", secteur="rien")
    assert "Aucun résultat" in html.select_one(".fr-search-count").get_text()
    assert html.find("a", string="Retirer les filtres")


def test_partial_match_is_said(client, demo):
    html = page(client, q="nettoyage zorglubesque")
    assert "au moins un" in html.select_one(".search-partial").get_text()


def test_bulk_indexing_skips_nothing(demo):
    rows = list(LabourShareRow.objects.published())
    assert index_objects(LabourShareRow, rows) == len(rows)


def test_every_guide_hit_shows_its_own_excerpt_and_paragraph_link(demo):
    """Page hits come with their bodies deferred, read only for those scored on their text and
    those shown: the excerpt and the paragraph link of any page are those of the whole page."""
    outcome = search_site("clause", edition=ALL_EDITIONS)
    guide = [result for result in outcome.results if result.content_type.key == "guide"]
    assert len(guide) > FULL_SCORE_DEPTH  # some were not scored on their text
    pages = {page.url: page for page in Page.objects.live().specific()}
    for result in guide:
        whole = pages[result.address]
        assert result.excerpt == cut_excerpt(whole, "clause"), result.title
        if hasattr(whole, "anchor_for_query"):
            assert result.url == whole.anchor_for_query("clause"), result.title


def test_results_shown_have_their_texts_read_together(demo):
    """The excerpts and paragraph links of a page of results, guide pages deep in the ranking
    and employers among them, are read in a few queries (one per class), not one per result,
    and are those of the whole objects."""
    outcome = search_site("clause", edition=ALL_EDITIONS)
    by_type = {}
    for result in outcome.results:
        by_type.setdefault(result.content_type.key, []).append(result)
    # Hits below FULL_SCORE_DEPTH in their source: their texts were not read to score them.
    shown = [result for hits in by_type.values() for result in hits[FULL_SCORE_DEPTH:]][:20]
    assert len(shown) == 20
    with CaptureQueriesContext(connection) as prepared:
        prepare_shown(shown)
    with CaptureQueriesContext(connection) as read:
        texts = [(result.url, result.excerpt) for result in shown]
    assert len(read) == 0, [query["sql"][:80] for query in read]
    assert len(prepared) <= 6, [query["sql"][:80] for query in prepared]
    pages = {page.url: page for page in Page.objects.live().specific()}
    for result, (url, excerpt) in zip(shown, texts, strict=True):
        whole = pages.get(result.address)
        if whole is not None:
            assert excerpt == cut_excerpt(whole, "clause"), result.title
            if hasattr(whole, "anchor_for_query"):
                assert url == whole.anchor_for_query("clause"), result.title


def test_hits_found_again_are_not_read_again_until_the_content_changes(client, demo):
    """The objects and facets of hits that come back in another search are remembered, on
    every backend: asked again, a search reads none of its hits' rows. An edit is seen at once."""
    contract = UpcomingContract.objects.public().first()
    first = api(client, q=contract.title, passe=1)["results"]
    with CaptureQueriesContext(connection) as again:
        assert api(client, q=contract.title, passe=2)["results"] == first
    # No query reads the contracts' rows, their départements, sectors or other relations (the
    # database's ranked statements name only their keys; an engine names none).
    reads = [
        query["sql"]
        for query in again
        if re.match(r'SELECT \(?"contracts_upcomingcontract', query["sql"])
    ]
    assert reads == [], [sql[:80] for sql in reads]
    contract.title = "Entretien des berges de la Zéphyrine"
    contract.save()
    titles = [hit["title"] for hit in api(client, q="Zéphyrine berges", passe=3)["results"]]
    assert titles[:1] == [contract.title]
    assert contract.title in [hit["title"] for hit in api(client, q=first[0]["title"])["results"]]
