"""One vocabulary for the site: a sector or a buyer kind reads the same wherever it is shown,
and the same code filters every list that offers it."""

import pytest
from bs4 import BeautifulSoup

from core.models import Sector
from directory.models import PublicBuyer

pytestmark = pytest.mark.django_db
PRACTICES = "/ressources/bonnes-pratiques/"
DIGITAL = "numerique-et-saisie-de-donnees"


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _options(soup, name):
    return {
        o["value"]: o.get_text(" ", strip=True) for o in soup.select(f"select[name={name}] option")
    }


def test_good_practices_filter_on_the_managed_sector_slug(client, demo):
    sector = Sector.objects.get(slug=DIGITAL)
    soup = _soup(client.get(PRACTICES, {"secteur": DIGITAL}))
    titles = [h.get_text(strip=True) for h in soup.select(".lib-item__title")]
    assert titles == ["Une clause sociale dans un marché de services numériques"]
    # The option is the managed sector, under the name editors gave it.
    assert _options(soup, "secteur")[DIGITAL].startswith(sector.name)
    # The same slug filters the directory's employers.
    directory = _soup(client.get("/annuaire/", {"secteur": DIGITAL}))
    assert DIGITAL in _options(directory, "secteur")


def test_a_renamed_sector_reads_the_same_on_a_sheet(client, demo):
    Sector.objects.filter(slug=DIGITAL).update(name="Services numériques")
    sheet = _soup(client.get(f"{PRACTICES}prestations-intellectuelles-numerique/"))
    assert "Services numériques" in sheet.select_one(".lib-facts").get_text()


def test_a_buyer_kind_has_one_label_for_directory_buyers_and_practice_sheets(admin_client, demo):
    PublicBuyer.objects.create(name="Caisse primaire d'assurance maladie", kind="securite_sociale")
    label = "Organisme de sécurité sociale"
    buyers = _soup(admin_client.get("/admin/snippets/directory/publicbuyer/", {"q": "Caisse"}))
    assert label in buyers.get_text()
    sheet = _soup(admin_client.get(f"{PRACTICES}ucanss-plans-achats/"))
    assert label in sheet.select_one(".lib-facts").get_text()
    # And the practice filter offers it under that label.
    options = _options(_soup(admin_client.get(PRACTICES)), "acheteur")
    assert options["securite_sociale"].startswith(label)
