"""Facilitator territories at commune level: lookup by name, postal or INSEE code, the
collectivités d'outre-mer, the map's shares, the territory entered in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from directory import geography
from directory.models import Commune, Department, FacilitatorStructure

pytestmark = pytest.mark.usefixtures("directory_demo")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def lookup(client, text):
    response = client.get("/annuaire/facilitateur/", {"commune": text})
    assert response.status_code == 200
    return soup(response).select_one(".dir-answer").get_text(" ", strip=True)


def small_plie():
    """The demo PLIE covering a handful of communes of the Nord."""
    return FacilitatorStructure.objects.get(covered_departments__code="59", name__startswith="PLIE")


@pytest.mark.parametrize(
    "typed", ["Roubaix", "roubaix", "ROUBAIX", "Roubaix (59)", "59 100", "59100", "59512"]
)
def test_a_commune_is_found_by_name_postal_or_insee_code(client, typed):
    text = lookup(client, typed)
    assert "Roubaix (Nord, 59)" in text


def test_corsican_insee_codes_and_saint_abbreviations(client):
    assert "Ajaccio (Corse-du-Sud, 2A)" in lookup(client, "2a004")
    communes, how = geography.find_communes("st denis")
    assert how == "name" and "Saint-Denis" in {c.name for c in communes}
    communes, how = geography.find_communes("saint-etienne-du-rouvray")
    assert how in ("close", "")  # not loaded in the small demo: never an error


@pytest.mark.parametrize("typed", ["Marseile", "marseil", "Bordo"])
def test_a_misspelt_name_offers_close_matches(client, typed):
    response = client.get("/annuaire/facilitateur/", {"commune": typed})
    page = soup(response)
    choices = [a.get_text() for a in page.select(".dir-choices a")]
    assert response.status_code == 200
    assert choices, page.select_one(".dir-answer").get_text()
    assert page.select_one(".dir-choices a")["href"].startswith("?commune=")


@pytest.mark.parametrize("typed", ["zzzqqq", "12", "123456", "<script>", "'; drop", "é" * 300])
def test_unknown_input_gives_a_french_message(client, typed):
    text = lookup(client, typed)
    assert "Aucune commune" in text or "cinq chiffres" in text or "ne correspond" in text


def test_a_plie_covers_its_communes_only(client):
    plie = small_plie()
    covered = list(plie.covered_communes.all())
    assert 1 < len(covered) <= 5
    assert plie.name in lookup(client, covered[0].code)
    elsewhere = Commune.objects.filter(department__code="59").exclude(
        pk__in=[c.pk for c in covered]
    )
    assert plie.name not in lookup(client, elsewhere.last().code)
    # The département answer still lists it: it works in part of the Nord.
    department = soup(client.get("/annuaire/facilitateur/", {"departement": "59"})).get_text()
    assert plie.name in department


@pytest.mark.parametrize(
    "typed,name,code", [("97133", "Saint-Barthélemy", "977"), ("97150", "Saint-Martin", "978")]
)
def test_collectivities_are_not_guadeloupe(client, typed, name, code):
    text = lookup(client, typed)
    assert f"{name} ({name}, {code})" in text
    assert "Guadeloupe" not in text
    assert Department.objects.get(code=code).is_collectivity


def test_the_map_shows_the_covered_share_of_each_department(client):
    page = soup(client.get("/annuaire/carte/"))
    rows = {
        row.select_one("td").get_text(): row.get_text(" ", strip=True)
        for row in page.select("#tableau-couverture tbody tr")
    }
    assert "100 % de la population" in rows["33"]
    assert "% de la population" in rows["59"]
    assert "977" in rows and "978" in rows and "975" in rows
    region = page.select_one("[role=region]")
    assert region["aria-labelledby"] == "tableau-couverture-titre"


def test_the_detail_page_summarises_the_territory(client):
    plie = small_plie()
    page = soup(client.get(plie.get_absolute_url()))
    text = " ".join(page.select_one("main").get_text(" ", strip=True).split())
    count = plie.covered_communes.count()
    assert f"Nord (59) : {count} communes" in text
    whole = FacilitatorStructure.objects.filter(covered_departments__code="33").first()
    assert "tout le département" in soup(client.get(whole.get_absolute_url())).get_text()


def test_commune_suggestions_for_the_autocomplete(client):
    data = client.get("/annuaire/communes.json", {"q": "roub"}).json()
    assert data["communes"][0]["value"] == "Roubaix (59)"
    assert client.get("/annuaire/communes.json", {"q": "\x00"}).json() == {"communes": []}


@pytest.mark.parametrize(
    "code,expected",
    [
        ("33", "de la Gironde"),
        ("59", "du Nord"),
        ("01", "de l'Ain"),
        ("40", "des Landes"),
        ("34", "de l'Hérault"),
        ("68", "du Haut-Rhin"),
        ("31", "de la Haute-Garonne"),
        ("974", "de La Réunion"),
        ("75", "de Paris"),
        ("13", "des Bouches-du-Rhône"),
    ],
)
def test_department_names_take_the_right_article(code, expected):
    assert Department.objects.get(code=code).name_with_article == expected


def test_demo_buyer_names_use_the_right_article():
    from directory.models import PublicBuyer

    named_after = PublicBuyer.objects.filter(name__startswith="Centre hospitalier").select_related(
        "department"
    )
    assert named_after
    for buyer in named_after:
        assert buyer.department.name_with_article in buyer.name
    assert not PublicBuyer.objects.filter(name__contains="du Gironde").exists()


# -- the territory in the admin -------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("chef2", "c2@example.org", "x")
    client.force_login(user)
    return client


def test_the_admin_stores_whole_departments_and_epci_as_communes(admin_client):
    from directory.models import Epci

    structure = FacilitatorStructure.objects.filter(covered_departments__code="35").first()
    roubaix = Commune.objects.get(code="59512")
    epci = roubaix.epcis.first()
    gironde = Department.objects.get(code="33")
    url = f"/admin/snippets/directory/facilitatorstructure/edit/{structure.pk}/"
    form = admin_client.get(url).context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if key not in ("covered_communes", "whole_departments", "epcis") and value is not None
    }
    data.update(
        {
            "whole_departments": [gironde.pk],
            "covered_communes": [roubaix.pk],
            "epcis": [epci.pk],
            "commune": "",
            "last_verified": "",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    structure.refresh_from_db()
    communes = set(structure.covered_communes.values_list("code", flat=True))
    assert set(gironde.communes.values_list("code", flat=True)) <= communes
    assert set(Epci.objects.get(pk=epci.pk).communes.values_list("code", flat=True)) <= communes
    assert "35001" not in communes  # the previous territory was replaced
    assert set(structure.covered_departments.values_list("code", flat=True)) == {"33", "59"}
    # Shown again as it was entered: the whole département, then the other communes.
    form = admin_client.get(url).context["form"]
    assert form.initial["whole_departments"] == [gironde.pk]
    assert roubaix.pk in form.initial["covered_communes"]


def test_the_data_migration_turns_departments_into_communes(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("directory.migrations.0004_departments_to_communes")
    structure = FacilitatorStructure.objects.create(
        name="Structure migrée", subkind="plie", department=Department.objects.get(code="69")
    )
    structure.covered_departments.set([Department.objects.get(code="69")])
    migration.forwards(apps, None)
    assert (
        structure.covered_communes.count() == Commune.objects.filter(department__code="69").count()
    )


def test_admin_suggestions_are_for_staff_only(client, admin_client):
    data = admin_client.get("/admin/annuaire/suggestions/communes/", {"q": "2A004"}).json()
    assert data["results"][0]["label"] == "Ajaccio (2A)"
    data = admin_client.get("/admin/annuaire/suggestions/departements/", {"q": "gironde"}).json()
    assert data["results"][0]["label"] == "Gironde (33)"
    assert admin_client.get("/admin/annuaire/suggestions/autre/", {"q": "x"}).status_code == 404
    admin_client.logout()
    assert client.get("/admin/annuaire/suggestions/communes/", {"q": "Lille"}).status_code == 302


@pytest.mark.parametrize("department", ["59", "33", "13", "971"])
def test_the_lever_counts_what_its_directory_link_lists(client, department):
    from core.models import Sector

    for sector in Sector.objects.filter(activities__isnull=False).distinct()[:6]:
        params = {"secteur": sector.slug, "departement": department, "montant": "150000"}
        page = soup(client.get("/annuaire/levier/", params))
        total = int(page.select_one("#levier-resultat").get_text().split()[0])
        link = page.find("a", string=lambda text: text and "dans l'annuaire" in text)
        listed = soup(client.get(link["href"])).select_one("#dir-results-title").get_text()
        assert listed.strip().startswith(f"{total} résultat"), (sector.slug, link["href"])
        assert len(page.select(".dir-levers > li")) == 6
