"""A region's panorama is reached from the site's home like every other page: its breadcrumb is
the site's one (« Accueil › Ressources › Statistiques › <région> »), not a shorter copy."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_the_region_breadcrumb_starts_at_the_home_page(client, demo):
    soup = BeautifulSoup(client.get("/ressources/statistiques/75/").content, "html.parser")
    trails = soup.find_all("nav", attrs={"aria-label": "Vous êtes ici"})
    assert len(trails) == 1
    steps = [item.get_text(strip=True) for item in trails[0].find_all("li")]
    assert steps == ["Accueil", "Ressources", "Statistiques", "Nouvelle-Aquitaine"]
    links = [a["href"] for a in trails[0].find_all("a")]
    assert links == ["/", "/ressources/", "/ressources/statistiques/"]
    assert trails[0].find(attrs={"aria-current": "page"}).get_text() == "Nouvelle-Aquitaine"
