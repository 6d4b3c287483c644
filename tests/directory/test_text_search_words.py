"""The directory's `?q=` keeps finding a word anywhere inside the text (issue 14): on
PostgreSQL a plain word now goes through a whole-word index and its list of words (migration
0006), other words through the trigram index; the same entries come back on SQLite. Facet
counts, computed in one statement, equal those of one query per facet in every combination."""

import pytest
from bs4 import BeautifulSoup

from core.filters import Filters

pytestmark = pytest.mark.django_db


def _names(params):
    from directory.filters import DirectoryQuery, results

    return set(results(DirectoryQuery.from_params(params)).values_list("name", flat=True))


def _employer(name, siret, description="", subkind="EI"):
    from directory.models import Department, InclusiveEmployer

    return InclusiveEmployer.objects.create(
        name=name,
        siret=siret,
        subkind=subkind,
        department=Department.objects.get(code="33"),
        description=description,
    )


@pytest.fixture
def workshop(directory_demo):
    return _employer(
        "Atelier Zéphyrin",
        "12345678200044",
        description="Réinsertion par la vélo-école et l'entretien d'espaces verts.",
    )


def test_part_of_a_word_finds_the_entry(workshop):
    for query in ["zephyr", "ZÉPHYRIN", "hyri", "einsert", "ecole", "velo-ecole", "d'espaces"]:
        assert "Atelier Zéphyrin" in _names({"q": query}), query
    for query in ["zephyrine", "velo-ecoles", "d'espace-vert", "zzzephyr"]:
        assert "Atelier Zéphyrin" not in _names({"q": query}), query


def test_words_written_by_an_edit_are_found_at_once(workshop, client):
    assert "Atelier Zéphyrin" not in _names({"q": "xylographie"})
    workshop.description = "Xylographie et gravure sur bois."
    workshop.save()
    assert _names({"q": "xylograph"}) == {"Atelier Zéphyrin"}
    html = client.get("/annuaire/", {"q": "xylographie gravure"}).content.decode()
    assert "Atelier Zéphyrin" in html
    assert "Atelier Zéphyrin" not in _names({"q": "einsert"})


def test_facet_counts_in_every_combination(workshop):
    """The counts of one statement equal those of one query per facet, a sector, a region or
    a département chosen or not, with and without text."""
    from core.models import Sector
    from directory.filters import DirectoryQuery, base_queryset, facets

    sector = Sector.objects.filter(activities__isnull=False).order_by("slug").first().slug
    combinations = [
        {"q": "e", "secteur": sector},
        {"secteur": sector, "region": "75"},
        {"q": "insertion", "departement": "33", "type": "employeur"},
        {"q": "zzzz"},
        {"q": "a", "categorie": "ACI", "secteur": sector},
    ]
    for params in combinations:
        query = DirectoryQuery.from_params(params)
        plain = Filters(params, query.filters.facets, query.filters.text)
        one_by_one = {v.name: v.options for v in plain.facet_views(base_queryset(query))}
        for name, view in facets(query).items():
            # (With a region chosen, only its départements are offered.)
            assert view.options == [o for o in one_by_one[name] if o in view.options], params
            assert len(view.options) >= 2 or name == "categorie", params
        assert query.filters.total(base_queryset(query)) == len(_names(params)), params


def test_a_page_of_many_matches_is_in_name_order(directory_demo, client):
    """A word most entries hold: the page still lists the first names in order."""
    from directory.filters import DirectoryQuery, results

    names = list(results(DirectoryQuery.from_params({"q": "e"})).values_list("name", flat=True))
    assert len(names) > 20
    page = BeautifulSoup(client.get("/annuaire/", {"q": "e"}).content.decode(), "html.parser")
    listed = [link.get_text() for link in page.select(".dir-card a")]
    assert names == sorted(names)
    assert listed == names[:20]
