"""The publications library: every publication of the 2019 annex, filters with counts."""

import io

import pytest
from bs4 import BeautifulSoup

from resources.models import Publication
from resources.publications import parse_date

pytestmark = pytest.mark.django_db
URL = "/ressources/publications/"


def _titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".lib-item__title")]


def test_every_annex_publication_is_listed(client, demo):
    response = client.get(URL)
    assert response.status_code == 200
    assert len(_titles(response)) == 49
    assert "49 publications" in response.content.decode()


def test_demo_loader_is_idempotent(demo):
    from resources import demo as library_demo

    before = Publication.objects.count()
    summary = library_demo.load(io.StringIO())
    assert summary.startswith("0 termes du glossaire, 0 publications")
    assert Publication.objects.count() == before == 49


@pytest.mark.parametrize(
    "label,title,expected",
    [
        ("Déc. 2016", "", (2016, 12)),
        ("Avril. 2015", "", (2015, 4)),
        ("2011 (2e édition)", "", (2011, None)),
        ("6e édition", "Baromètre Achats Responsables 2017", (2017, None)),
        ("Mis à jour en continu", "Fiches", (None, None)),
        ("Août 2018", "", (2018, 8)),
    ],
)
def test_printed_dates_are_read(label, title, expected):
    assert parse_date(label, title) == expected


def test_filters_combine_and_counts_match_results(client, demo):
    response = client.get(URL, {"type": "statistiques"})
    titles = _titles(response)
    assert titles and all(t for t in titles)
    assert len(titles) == Publication.objects.filter(kind="statistiques").count()
    soup = BeautifulSoup(response.content, "html.parser")
    # The year options give the number of statistics publications of each year.
    option = soup.select_one('#filtre-annee option[value="2014"]')
    count = int(option.get_text().rsplit("(", 1)[1].rstrip(")"))
    narrowed = client.get(URL, {"type": "statistiques", "annee": "2014"})
    assert len(_titles(narrowed)) == count


def test_audience_and_publisher_filters(client, demo):
    siae = _titles(client.get(URL, {"public": "siae"}))
    assert "Favoriser l'accès des SIAE aux marchés publics" in siae
    assert "Cartographie des facilitateurs" not in siae
    avise = _titles(client.get(URL, {"editeur": "Avise"}))
    assert len(avise) == Publication.objects.filter(publisher="Avise").count() > 10


def test_unknown_filter_values_are_ignored(client, demo):
    response = client.get(URL, {"type": "<script>", "annee": "abc"})
    assert response.status_code == 200
    assert len(_titles(response)) == 49


def test_access_and_replaced_by_edition(client, demo):
    html = client.get(URL).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    cartography = soup.find(id=Publication.objects.get(title="Cartographie des facilitateurs").ref)
    assert "Accès restreint" in cartography.get_text()
    old = Publication.objects.get(title__contains="2013", kind="statistiques", ref="pub-17")
    item = soup.find(id=old.ref)
    link = item.select_one(".lib-replaced a")
    assert link is not None and "2014" in link.get_text()


def test_drafts_never_leak(client, demo):
    publication = Publication.objects.get(title="Cartographie des facilitateurs")
    publication.live = False
    publication.save()
    response = client.get(URL)
    assert "Cartographie des facilitateurs" not in response.content.decode()
    assert len(_titles(response)) == 48
    # A successor in draft is not linked either.
    successor = Publication.objects.get(ref="pub-13")
    successor.live = False
    successor.save()
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    assert soup.find(id="pub-14").select_one(".lib-replaced") is None
