"""Good-practice sheets: listed with filters and tags, each on its own page."""

import pytest
from bs4 import BeautifulSoup

from resources.models import GoodPracticePage

pytestmark = pytest.mark.django_db
URL = "/ressources/bonnes-pratiques/"


def _titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".lib-item__title")]


def test_about_fifteen_sheets_are_listed(client, demo):
    titles = _titles(client.get(URL))
    assert len(titles) == GoodPracticePage.objects.live().count() >= 15


def test_filters_by_sector_mechanism_buyer_and_tag(client, demo):
    btp = "batiment-et-travaux-publics"
    building = _titles(client.get(URL, {"secteur": btp}))
    assert building and len(building) == GoodPracticePage.objects.filter(sectors__slug=btp).count()
    reserved = _titles(client.get(URL, {"levier": "reserve_siae"}))
    assert reserved == ["Réserver un lot d'entretien des espaces verts aux SIAE"]
    both = _titles(client.get(URL, {"secteur": btp, "acheteur": "departement"}))
    assert both == [
        "Noter la qualité de l'insertion : le mémoire pèse autant que le prix",
        "Un département qui étend pas à pas la clause à tous ses marchés adaptés",
    ]
    tagged = _titles(client.get(URL, {"etiquette": "rsa"}))
    assert len(tagged) == 2


def test_sheet_page_gives_context_results_and_illustrative_warning(client, demo):
    real = GoodPracticePage.objects.get(slug="nord-clause-systematique")
    soup = BeautifulSoup(client.get(real.url).content, "html.parser")
    text = soup.get_text()
    assert "385 000 heures" in text and "Département du Nord" in text
    assert "Exemple illustratif" not in text
    invented = GoodPracticePage.objects.get(slug="marche-reserve-siae-espaces-verts")
    soup = BeautifulSoup(client.get(invented.url).content, "html.parser")
    assert "Exemple illustratif" in soup.get_text()


def test_unpublished_sheets_never_leak(client, demo):
    sheet = GoodPracticePage.objects.get(slug="ugap-clause-activable")
    sheet.unpublish()
    assert sheet.title not in client.get(URL).content.decode()
    assert client.get("/ressources/bonnes-pratiques/ugap-clause-activable/").status_code == 404
    assert "ugap-clause-activable" not in client.get("/sitemap.xml").content.decode()
