"""Readers of the guide get the trade's acronyms explained where they first meet them: the
glossary (resources) marks the first use of each term through core.annotations."""

import pytest
from bs4 import BeautifulSoup

from core import annotations
from guides.content import edition_in_force


def chapter_soup(client):
    edition = edition_in_force()
    chapter = edition.get_children().live().public().first().specific
    response = client.get(chapter.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def glossary_links(soup):
    article = soup.select_one(".guide-article")
    return article.select("a.lib-glossary-link")


def test_a_guide_chapter_links_the_first_use_of_each_glossary_term(client, demo):
    links = glossary_links(chapter_soup(client))
    assert links, "the demo chapter uses glossary terms: at least one must be linked"
    targets = [link["href"] for link in links]
    assert all(target.startswith("/glossaire/#terme-") for target in targets)
    assert len(targets) == len(set(targets)), "each term is linked once per page, at first use"
    acronyms = [link.abbr for link in links if link.abbr is not None]
    assert all(abbr.get("title") for abbr in acronyms), "an acronym says what it stands for"


def test_links_go_where_the_glossary_page_has_the_term(client, demo):
    glossary = BeautifulSoup(client.get("/glossaire/").content, "html.parser")
    anchors = {element["id"] for element in glossary.select("[id^=terme-]")}
    for link in glossary_links(chapter_soup(client)):
        assert link["href"].split("#", 1)[1] in anchors


def test_headings_and_paragraph_anchors_are_left_alone(client, demo):
    soup = chapter_soup(client)
    for element in soup.select(".guide-article h1, .guide-article h2, .guide-unit__anchor"):
        assert element.select("a.lib-glossary-link") == []


@pytest.mark.django_db
def test_a_failing_annotator_costs_its_links_not_the_page(client, demo, monkeypatch):
    def broken(html):
        raise RuntimeError("glossaire indisponible")

    monkeypatch.setattr(annotations, "_annotators", [broken])
    soup = chapter_soup(client)
    assert soup.select_one(".guide-article .guide-unit")
    assert glossary_links(soup) == []
