"""On PostgreSQL the directory's search counts and pages through narrow entries (issue 14,
migration 0007): the same counts and the same page as the organisations give, and entries that
follow every write (the admin's saves, bulk updates, activities added, moved or removed). The
SQLite database has no entries: there these tests check that the page and counts are the usual
ones."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the narrow entries are PostgreSQL's"
)

COMBINATIONS = [
    {"q": "insertion"},
    {"q": "employeur inclusif"},
    {"q": "chantier d'insertion"},
    {"q": "atelier de la gironde"},
    {"q": "l’entretien des espaces verts"},
    {"q": "gironde"},
    {"q": "velo-ecole"},
    {"q": "zephyr"},
    {"q": "e", "type": "employeur", "tri": "-nom"},
    {"q": "insertion", "region": "75", "tri": "departement"},
    {"q": "a", "categorie": "ACI", "secteur": "SECTOR"},
    {"q": "atelier gironde", "secteur": "SECTOR"},
    {"q": "zzzz"},
    {"q": "entretien espaces verts"},
    {"q": "insertion gironde"},
    {"q": "gironde aci"},
    {"q": "atelier chantier insertion"},
    {"q": "insertion entreprise", "type": "employeur"},
    {"q": "employeur gironde", "secteur": "SECTOR"},
    {"secteur": "SECTOR", "departement": "33"},
    {"secteur": "SECTOR", "intervient": "SERVED"},
    {"q": "e", "intervient": "SERVED", "type": "employeur"},
    {},
]


def _listed(client, params):
    page = BeautifulSoup(client.get("/annuaire/", params).content.decode(), "html.parser")
    return [link.get_text() for link in page.select(".dir-card a")]


def _counts(params):
    from directory.filters import DirectoryQuery, base_queryset, facets

    query = DirectoryQuery.from_params(params)
    views = facets(query)
    options = {
        name: [(o["value"], o["count"]) for o in view.options] for name, view in views.items()
    }
    return options, query.filters.total(base_queryset(query))


@pytest.fixture
def workshop(directory_demo):
    from core.models import Sector
    from directory.models import Activity, Department, InclusiveEmployer

    employer = InclusiveEmployer.objects.create(
        name="Atelier Zéphyrin",
        siret="12345678200044",
        subkind="ACI",
        department=Department.objects.get(code="33"),
        description="Réinsertion par la vélo-école et l'entretien d'espaces verts.",
    )
    Activity.objects.create(employer=employer, sector=Sector.objects.order_by("slug").first())
    cache.clear()
    return employer


@postgres_only
def test_entries_give_the_counts_and_page_of_the_organisations(workshop, client, monkeypatch):
    """Every combination: the facet counts, the total and the page listed are the same through
    the entries as through the organisation rows."""
    from core.models import Sector
    from directory import narrow
    from directory.models import Activity

    sector = Sector.objects.filter(activities__isnull=False).order_by("slug").first().slug
    served = (
        Activity.objects.filter(sector__slug=sector, served_departments__isnull=False)
        .values_list("served_departments__code", flat=True)
        .first()
    )
    for combination in COMBINATIONS:
        values = {"SECTOR": sector, "SERVED": served}
        params = {k: values.get(v, v) for k, v in combination.items()}
        cache.clear()
        through_entries = _counts(params), _listed(client, params)
        monkeypatch.setattr(narrow, "in_use", lambda: False)
        cache.clear()
        through_rows = _counts(params), _listed(client, params)
        monkeypatch.undo()
        assert through_entries == through_rows, params
        assert through_entries[0][1] > 0 or params == {"q": "zzzz"}, params


@postgres_only
def test_whole_cells_count_an_employer_in_each_of_its_sectors(workshop, client, monkeypatch):
    """The cells counted whole (a département's name, a category) count an employer once in
    the total and once in each of its sectors, as the organisation rows do."""
    from core.models import Sector
    from directory import narrow
    from directory.models import Activity

    first, second = Sector.objects.exclude(activities__employer=workshop).order_by("slug")[:2]
    Activity.objects.create(employer=workshop, sector=first)
    Activity.objects.create(employer=workshop, sector=second)
    for params in [{"q": "gironde"}, {"q": "gironde aci"}, {"q": "aci"}]:
        cache.clear()
        through_cells = _counts(params)
        sectors = dict(through_cells[0]["secteur"])
        assert sectors[first.slug] >= 1 and sectors[second.slug] >= 1, params
        monkeypatch.setattr(narrow, "in_use", lambda: False)
        cache.clear()
        assert _counts(params) == through_cells, params
        monkeypatch.undo()


def _found(client, params, name="Atelier Zéphyrin"):
    cache.clear()  # the counts are remembered until content changes; bulk writes aside
    return name in _listed(client, params)


def _sector_count(slug, params):
    cache.clear()
    options, _total = _counts(params)
    return dict(options["secteur"]).get(slug, 0)


@postgres_only
def test_entries_follow_activities(workshop, client):
    from core.models import Sector
    from directory.models import Activity

    first, other = Sector.objects.order_by("slug")[:2]
    params = {"q": "zephyrin"}
    assert _sector_count(first.slug, params) == 1
    assert _found(client, {**params, "secteur": first.slug})
    Activity.objects.filter(employer=workshop).update(sector=other)
    assert _sector_count(first.slug, params) == 0
    assert _sector_count(other.slug, params) == 1
    assert not _found(client, {**params, "secteur": first.slug})
    assert _found(client, {**params, "secteur": other.slug})
    Activity.objects.filter(employer=workshop).delete()
    assert _sector_count(other.slug, params) == 0
    assert not _found(client, {**params, "secteur": other.slug})


@postgres_only
def test_entries_follow_the_organisations(workshop, client):
    from directory.models import Entry, InclusiveEmployer

    workshop.name = "Atelier Xylographe"
    workshop.save()
    assert _found(client, {"q": "xylograph"}, "Atelier Xylographe")
    assert not _found(client, {"q": "zephyrin"}, "Atelier Xylographe")
    InclusiveEmployer.objects.filter(pk=workshop.pk).update(is_published=False)
    assert not _found(client, {"q": "xylograph"}, "Atelier Xylographe")
    assert _counts({"q": "xylograph"})[1] == 0
    workshop.delete()
    assert not Entry.objects.filter(pk=workshop.pk).exists()


def test_a_word_with_punctuation_and_a_place(workshop, client):
    """A word that is not a plain word is found inside the text, on every database."""
    assert _found(client, {"q": "vélo-école"})
    assert _found(client, {"q": "d'espaces gironde"})
    assert not _found(client, {"q": "velo-ecoles"})


@postgres_only
@pytest.mark.parametrize("sort", ["nom", "-nom"])
def test_a_page_found_by_walking_the_names_is_the_sorted_page(
    directory_demo, client, monkeypatch, sort
):
    """A query that many entries match finds its page among the first entries in name order
    (narrow.Walk). Matches gathered at one end of that order (names that start alike) are not
    among them when walking from the other end: the matches are then sorted. Every page is the
    sorted one, either way."""
    import random

    from directory import narrow
    from directory.demo import fake_siret
    from directory.filters import DirectoryQuery, page_results
    from directory.models import Department, InclusiveEmployer

    rng, gironde = random.Random(7), Department.objects.get(code="33")
    gathered = [f"Zygène vannerie {number:02}" for number in range(40)]  # at the end of the order
    spread = [f"{letter}tlier {letter}" for letter in "ABCDEFGHIJKL"]  # through it
    for name in gathered + spread:
        InclusiveEmployer.objects.create(
            name=name,
            siret=fake_siret(rng),
            subkind="EI",
            department=gironde,
            description="Vannerie.",
        )
    cache.clear()
    # As many entries read as matches expected, not four times: the small demo then walks
    # only part of the directory, as a large one does.
    monkeypatch.setattr(narrow.Walk, "MARGIN", 1)
    query = DirectoryQuery.from_params({"q": "vannerie", "tri": sort})
    total = narrow.matching(query.filters).count()
    results = page_results(query, total)
    assert results.walk is not None and total == 52
    assert results.walk.rows(20, total) < results.walk.size  # part of the directory
    walked = results.walk.ids(results.entries, slice(0, 20), total)
    # From A, the first entries hold 12 matches, not 20; from Z, they hold the page.
    assert (walked is None) == (sort == "nom")
    sorted_results = narrow.Results(results.entries, total)
    for start in range(0, total, 20):
        page = slice(start, min(start + 20, total))
        assert results[page] == sorted_results[page], page
