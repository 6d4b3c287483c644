"""/ressources/: the hub that links the library's sections."""

import io

import pytest
from bs4 import BeautifulSoup

from resources.models import ResourceHubPage

pytestmark = pytest.mark.django_db


def test_hub_replaces_the_placeholder_and_links_every_section(client, demo):
    hub = ResourceHubPage.objects.get()
    assert hub.url == "/ressources/"
    soup = BeautifulSoup(client.get("/ressources/").content, "html.parser")
    links = {a["href"] for a in soup.select(".fr-card__link")}
    assert {
        "/ressources/publications/",
        "/ressources/bonnes-pratiques/",
        "/ressources/boites-a-outils/",
        "/ressources/formations/",
        "/ressources/statistiques/",
        "/glossaire/",
    } <= links
    assert soup.select("#prochains-evenements ~ ul li")


def test_loading_again_keeps_one_hub_and_every_path(client, demo):
    from centre import demo as centre_demo
    from resources import demo as library_demo

    centre_demo.load(io.StringIO())
    library_demo.load(io.StringIO())
    assert ResourceHubPage.objects.count() == 1
    for path in ("/ressources/", "/ressources/publications/", "/ressources/statistiques/"):
        assert client.get(path).status_code == 200
