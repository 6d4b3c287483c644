"""The public pages as a visitor sees them (server-rendered, no JavaScript)."""

import pytest
from bs4 import BeautifulSoup

from directory.models import Department, FacilitatorStructure, InclusiveEmployer, Organisation

pytestmark = pytest.mark.usefixtures("directory_demo")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_demo_covers_most_departments_and_leaves_the_reported_ones_uncovered(client):
    from directory.coverage import coverage_counts

    counts = coverage_counts()
    uncovered = sorted(code for code, count in counts.items() if count == 0)
    assert uncovered == sorted(
        ["03", "43", "04", "46", "12", "81", "11", "09", "66", "32", "18", "2A", "2B"]
    )
    assert InclusiveEmployer.objects.count() == 200
    assert set(InclusiveEmployer.objects.values_list("department__code", flat=True)) >= {
        "2A",
        "976",
    }


def test_demo_load_is_idempotent():
    from directory import demo

    before = Organisation.objects.count()
    demo.load(None)
    assert Organisation.objects.count() == before


def test_facilitator_lookup_by_postal_code(client):
    response = client.get("/annuaire/facilitateur/", {"code_postal": "69003"})
    assert response.status_code == 200
    page = soup(response)
    assert "Rhône (69)" in page.h2.get_text() or "Rhône" in page.get_text()
    assert page.select(".dir-answer .dir-card")
    assert "Lyon" in page.get_text()


def test_uncovered_department_says_so_and_offers_the_nearest(client):
    response = client.get("/annuaire/facilitateur/", {"departement": "03"})
    text = soup(response).get_text()
    assert "Aucun facilitateur ne couvre ce département" in text
    # Allier's neighbours on the map that have a facilitator (Cher and Haute-Loire have none).
    assert "Puy-de-Dôme (63)" in text or "Creuse (23)" in text
    corsica = soup(client.get("/annuaire/facilitateur/", {"code_postal": "20000"})).get_text()
    assert "Ajaccio" in corsica and "Aucun facilitateur ne couvre cette commune" in corsica


@pytest.mark.parametrize(
    "params",
    [
        {"code_postal": "99999"},
        {"code_postal": "abc"},
        {"code_postal": "7500\x00"},
        {"code_postal": "1" * 3000},
        {"departement": "99"},
        {"departement": "'; DROP TABLE directory_department; --"},
        {"departement": "<script>alert(1)</script>"},
    ],
)
def test_bad_territory_input_gives_a_french_message(client, params):
    response = client.get("/annuaire/facilitateur/", params)
    assert response.status_code == 200
    text = soup(response).get_text().lower()
    assert "inconnu" in text or "cinq chiffres" in text or "aucune commune" in text
    assert "<script>alert" not in response.content.decode()
    assert Department.objects.count() == 104  # 101 départements and 3 collectivités


def test_search_filters_with_counts_and_pagination(client):
    response = client.get("/annuaire/", {"type": "facilitateur", "region": "11"})
    page = soup(response)
    count = FacilitatorStructure.objects.filter(department__region__code="11").count()
    assert page.select_one("#dir-results-title").get_text().startswith(f"{count} résultat")
    options = {o["value"]: o.get_text() for o in page.select("#dir-type option")}
    assert options["facilitateur"].endswith(f"({count})")
    listed = [a.get_text() for a in page.select(".dir-card a")]
    assert len(listed) == count


def test_filter_by_department_subkind_and_sector(client):
    employer = InclusiveEmployer.objects.filter(activities__isnull=False).first()
    sector = employer.activities.first().sector
    response = client.get(
        "/annuaire/",
        {
            "departement": employer.department.code,
            "categorie": employer.subkind,
            "secteur": sector.slug,
        },
    )
    page = soup(response)
    assert employer.name in [a.get_text() for a in page.select(".dir-card a")]
    for card in page.select(".dir-card"):
        assert employer.department.name in card.get_text()


@pytest.mark.parametrize(
    "params",
    [
        {"page": "1000000000"},
        {"page": "-3"},
        {"page": "abc"},
        {"q": "x" * 3000},
        {"q": "a\x00b"},
        {"q": "' OR 1=1 --"},
        {"departement": "ZZ"},
        {"type": "autre"},
        {"tri": "password"},
        {"secteur": "\x00"},
    ],
)
def test_bad_search_input_never_fails(client, params):
    response = client.get("/annuaire/", params)
    assert response.status_code == 200


def test_huge_page_number_shows_the_last_page(client):
    page = soup(client.get("/annuaire/", {"page": "1000000000"}))
    assert "dernière page" in page.get_text()
    assert page.select(".dir-card")


def test_detail_page_lists_territory_and_facilitators(client):
    facilitator = FacilitatorStructure.objects.filter(department__code="33").first()
    page = soup(client.get(facilitator.get_absolute_url()))
    assert "Gironde (33)" in page.get_text()
    assert "Donnée fictive de démonstration" in page.get_text()
    employer = InclusiveEmployer.objects.filter(department__code="33").first()
    page = soup(client.get(employer.get_absolute_url()))
    assert employer.siret in page.get_text()
    assert "Facilitateurs de son département" in page.get_text()
    assert page.select(".dir-card")


def test_unpublished_entries_are_hidden(client):
    employer = InclusiveEmployer.objects.first()
    employer.is_published = False
    employer.save()
    assert client.get(employer.get_absolute_url()).status_code == 404
    page = soup(client.get("/annuaire/", {"q": employer.name}))
    assert employer.name not in [a.get_text() for a in page.select(".dir-card a")]


def test_text_search_ignores_accents_and_case(client):
    department = Department.objects.order_by("code").first()
    InclusiveEmployer.objects.create(
        subkind="RQ",
        name="Régie de quartier Saint-Étienne-du-Rouvray",
        siret="73282932000074",
        department=department,
    )
    for query in ("regie", "RÉGIE saint-etienne", "Regie quartier"):
        listed = [
            a.get_text() for a in soup(client.get("/annuaire/", {"q": query})).select(".dir-card a")
        ]
        assert "Régie de quartier Saint-Étienne-du-Rouvray" in listed, query
    # The SIRET is still found as an exact identifier.
    listed = [
        a.get_text()
        for a in soup(client.get("/annuaire/", {"q": "73282932000074"})).select(".dir-card a")
    ]
    assert listed == ["Régie de quartier Saint-Étienne-du-Rouvray"]


def test_unknown_department_says_so_and_is_ignored(client):
    page = soup(client.get("/annuaire/", {"departement": "ZZ"}))
    assert "Département inconnu" in page.get_text()
    assert page.select(".dir-card")
