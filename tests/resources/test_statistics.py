"""Statistics: server-rendered accessible SVG charts, table alternative, CSV per series."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from resources.charts import BAR_MAX, fr_number
from resources.models import DataSeries

pytestmark = pytest.mark.django_db
URL = "/ressources/statistiques/"


def test_each_live_series_has_an_accessible_chart_a_table_and_a_csv_link(client, demo):
    response = client.get(URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    series = list(DataSeries.objects.public())
    assert len(series) >= 15
    for item in series:
        block = soup.find(id=f"serie-{item.slug}")
        svg = block.find("svg")
        assert svg["role"] == "img"
        labelled = svg["aria-labelledby"].split()
        assert svg.find("title").get_text() == item.title
        assert svg.find("title")["id"] in labelled and svg.find("desc")["id"] in labelled
        table = block.find("table")
        assert table.caption.get_text() == item.title
        assert len(table.tbody.find_all("tr")) == item.points.count()
        assert block.find("a", href=f"{URL}{item.slug}.csv")
    assert 'style="' not in response.content.decode()


def test_figures_are_written_the_french_way(client, demo):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    hours = soup.find(id="serie-heures-insertion").get_text()
    assert "9\xa0166\xa0788\xa0heures" in hours
    years = [td.get_text() for td in soup.select("#serie-heures-insertion tbody td:nth-of-type(2)")]
    assert years == ["2011", "2012", "2013", "2014", "2017"]
    sectors = soup.find(id="serie-heures-par-secteur").get_text()
    assert "16,5\xa0%" in sectors
    assert fr_number("0.30") == "0,3"


def test_csv_of_a_series_downloads_with_sources(client, demo):
    response = client.get(f"{URL}heures-insertion.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="heures-insertion.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["annee"] for r in rows] == ["2011", "2012", "2013", "2014", "2017"]
    assert rows[3]["valeur"] == "9166788"
    assert all(r["source"] for r in rows)


def test_draft_series_are_neither_shown_nor_downloadable(client, demo):
    DataSeries.objects.filter(slug="part-des-femmes").update(live=False)
    html = client.get(URL).content.decode()
    assert "serie-part-des-femmes" not in html
    assert client.get(f"{URL}part-des-femmes.csv").status_code == 404
    assert client.get(f"{URL}inconnue.csv").status_code == 404


def test_bars_are_proportional_to_the_values(client, demo):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    widths = [int(r["width"]) for r in soup.select("#serie-heures-par-type-de-marche rect")]
    assert widths[0] > widths[1] > widths[2] >= 1
    # 63 % against 100 %: shares are drawn on a common scale.
    assert abs(widths[0] / BAR_MAX - 0.63) < 0.01
