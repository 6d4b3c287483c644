"""The directory's `?q=` as visitors see it, on SQLite and on PostgreSQL (where it goes through
trigram indexes and folded columns, issue 14): accents and case ignored, names of communes
and SIRET found, facet counts that say how many results choosing a value gives, and a page
that shows a new entry as soon as it is saved (counts are remembered between requests)."""

import pytest

from core.filters import Filters

pytestmark = pytest.mark.django_db


def _names(params):
    from directory.filters import DirectoryQuery, results

    return set(results(DirectoryQuery.from_params(params)).values_list("name", flat=True))


def _employer(name, siret, subkind="EI", description="", commune=None):
    from directory.models import Department, InclusiveEmployer

    department = commune.department if commune else Department.objects.get(code="33")
    return InclusiveEmployer.objects.create(
        name=name,
        siret=siret,
        subkind=subkind,
        department=department,
        commune=commune,
        description=description,
    )


@pytest.fixture
def employers(directory_demo):
    from directory.models import Commune

    commune = Commune.objects.filter(department__code="33").order_by("name").first()
    _employer("Régie Œuvre Estuaire", "12345678200010", description="Entretien d'espaces verts")
    _employer("Atelier Vélo Solidaire", "12345678200028", subkind="ACI", commune=commune)
    return commune


def test_accents_case_and_ligatures_are_ignored(employers):
    assert "Régie Œuvre Estuaire" in _names({"q": "regie OEUVRE estuaire"})
    assert "Régie Œuvre Estuaire" in _names({"q": "ESPACES verts régie"})
    assert "Atelier Vélo Solidaire" in _names({"q": "velo"})
    assert "Régie Œuvre Estuaire" not in _names({"q": "velo"})


def test_a_commune_name_and_a_siret_find_the_entry(employers):
    commune = employers
    assert "Atelier Vélo Solidaire" in _names({"q": commune.name.upper()})
    assert _names({"q": "12345678200010"}) == {"Régie Œuvre Estuaire"}


def test_facet_counts_are_the_counts_of_each_facet_on_its_own(employers):
    """Counted together in one grouped query, they equal the counts of one query per facet."""
    from directory.filters import DirectoryQuery, base_queryset, facets

    for params in [{}, {"q": "solidaire"}, {"type": "employeur", "categorie": "ACI"}]:
        query = DirectoryQuery.from_params(params)
        grouped = {name: view.options for name, view in facets(query).items()}
        plain = Filters(params, query.filters.facets, query.filters.text)
        one_by_one = {v.name: v.options for v in plain.facet_views(base_queryset(query))}
        assert grouped == one_by_one, params
        assert query.filters.total(base_queryset(query)) == len(_names(params))


def test_a_new_entry_is_listed_and_counted_at_once(employers, client):
    first = client.get("/annuaire/", {"q": "lutherie"})
    assert first.status_code == 200
    assert "Lutherie Solidaire" not in first.content.decode()
    _employer("Lutherie Solidaire", "12345678200036", description="Réparation d'instruments")
    html = client.get("/annuaire/", {"q": "lutherie"}).content.decode()
    assert "Lutherie Solidaire" in html


def test_hostile_text_never_fails(employers, client):
    for text in ["%", "_", "\\", "'; DROP TABLE x; --", "é" * 300, "a b c d e f g h i j k l"]:
        assert client.get("/annuaire/", {"q": text}).status_code == 200
