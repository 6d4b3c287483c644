"""Glossary page, first-use annotation for the guide, synonyms for search."""

import pytest
from bs4 import BeautifulSoup

from resources.glossary import annotate_first_uses, search_synonyms
from resources.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def _terms():
    return [
        GlossaryTerm(
            term="SIAE",
            slug="siae",
            expansion="structure d'insertion par l'activité économique",
            definition="…",
            variants="Siae;structures d'insertion",
        ),
        GlossaryTerm(term="EA", slug="ea", expansion="entreprise adaptée", definition="…"),
        GlossaryTerm(
            term="AI",
            slug="ai",
            expansion="association intermédiaire",
            definition="…",
            annotate=False,
        ),
        GlossaryTerm(
            term="heures d'insertion",
            slug="heures-d-insertion",
            definition="…",
            variants="heure d'insertion",
        ),
    ]


def test_first_use_of_an_acronym_gets_abbr_and_link_and_later_uses_do_not():
    html = "<p>Une SIAE peut répondre. Chaque SIAE accompagne.</p><p>La SIAE encore.</p>"
    soup = BeautifulSoup(annotate_first_uses(html, terms=_terms()), "html.parser")
    links = soup.select("a.lib-glossary-link")
    assert len(links) == 1
    assert links[0]["href"] == "/glossaire/#terme-siae"
    assert links[0].abbr["title"] == "structure d'insertion par l'activité économique"
    assert soup.get_text() == "Une SIAE peut répondre. Chaque SIAE accompagne.La SIAE encore."


def test_whole_words_only_case_sensitive_for_acronyms_and_skips_links_and_headings():
    html = (
        "<h2>Les EA</h2><p>L'EAU, la mer et <a href='/x'>une EA</a>.</p>"
        "<p>les ea ne comptent pas, une EA si. Une AI non plus.</p>"
    )
    soup = BeautifulSoup(annotate_first_uses(html, terms=_terms()), "html.parser")
    links = soup.select("a.lib-glossary-link")
    assert [a.get_text() for a in links] == ["EA"]
    assert links[0].find_parent("p").get_text().startswith("les ea ne comptent pas")
    assert "AI" not in [a.get_text() for a in links]


def test_plain_terms_match_any_case_and_apostrophe_without_abbr():
    html = "<p>Les Heures d’insertion sont calculées.</p>"
    soup = BeautifulSoup(annotate_first_uses(html, terms=_terms()), "html.parser")
    link = soup.select_one("a.lib-glossary-link")
    assert link.get_text() == "Heures d’insertion"
    assert link.abbr is None
    assert link["href"] == "/glossaire/#terme-heures-d-insertion"


def test_annotation_reads_the_database_and_keeps_html_without_terms_untouched(demo):
    assert annotate_first_uses("<p>Rien à signaler.</p>") == "<p>Rien à signaler.</p>"
    marked = annotate_first_uses("<p>Le PLIE et la SIAE.</p>")
    assert marked.count("lib-glossary-link") == 2


def test_search_synonyms_expose_expansions_and_variants(demo):
    synonyms = search_synonyms()
    assert "structure d'insertion par l'activité économique" in synonyms["SIAE"]
    assert "PNAAD" in synonyms["PNAAPD"]
    back = search_synonyms(both_ways=True)
    assert "SIAE" in back["structure d'insertion par l'activité économique"]


def test_glossary_page_lists_every_term_with_an_anchor(client, demo):
    response = client.get("/glossaire/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for term in GlossaryTerm.objects.all():
        entry = soup.find(id=term.anchor)
        assert entry is not None, term.term
        assert term.definition in entry.get_text()
    assert soup.select_one("#terme-siae abbr")["title"].startswith("structure d'insertion")
