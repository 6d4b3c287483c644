"""Toolboxes: one per kind of user, items in the editor's order, never a draft."""

import pytest
from bs4 import BeautifulSoup

from resources.models import GoodPracticePage, Publication, ToolboxPage

pytestmark = pytest.mark.django_db
URL = "/ressources/boites-a-outils/"


def _tools(client, slug):
    soup = BeautifulSoup(client.get(f"{URL}{slug}/").content, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".lib-tool__title a")]


def test_one_toolbox_per_kind_of_user(client, demo):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    audiences = {p.get_text(strip=True) for p in soup.select(".fr-card__audience")}
    assert audiences == {
        "Acheteurs publics",
        "Structures d'insertion (SIAE)",
        "Facilitateurs",
        "Élus et décideurs",
    }


def test_buyer_toolbox_gathers_guide_calculator_clauses_publications_and_sheets(client, demo):
    tools = _tools(client, "acheteurs")
    hrefs = [href for _, href in tools]
    assert hrefs[:2] == ["/guide/", "/annuaire/levier/"]
    for expected in ("/calculateur/", "/clauses/", "/main-d-oeuvre/", "/annuaire/facilitateur/"):
        assert expected in hrefs
    assert "/ressources/publications/#pub-46" in hrefs
    sheet = GoodPracticePage.objects.get(slug="pas-de-calais-memoire-insertion")
    assert sheet.url in hrefs
    assert hrefs.index("/calculateur/") < hrefs.index("/annuaire/facilitateur/")


def test_steps_are_headings_in_order(client, demo):
    soup = BeautifulSoup(client.get(f"{URL}acheteurs/").content, "html.parser")
    steps = [h.get_text(strip=True) for h in soup.select(".lib-step h2")]
    assert steps == [
        "Comprendre et choisir le levier",
        "Calibrer et rédiger",
        "Se faire accompagner et suivre",
    ]


def test_drafts_in_a_toolbox_are_left_out(client, demo):
    GoodPracticePage.objects.get(slug="pas-de-calais-memoire-insertion").unpublish()
    Publication.objects.filter(ref="pub-46").update(live=False)
    hrefs = [href for _, href in _tools(client, "acheteurs")]
    assert "/ressources/publications/#pub-46" not in hrefs
    assert not any("pas-de-calais" in href for href in hrefs)
    assert "/calculateur/" in hrefs


def test_unpublished_toolbox_is_not_listed(client, demo):
    ToolboxPage.objects.get(slug="elus").unpublish()
    html = client.get(URL).content.decode()
    assert "Boîte à outils des élus" not in html
