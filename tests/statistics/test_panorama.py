"""Panoramas: the national one on /ressources/statistiques/, a region's by code or slug, the
CSV of each figure against its schema, the PDF, the format's documentation, and the charts'
legibility rules of issue 16 (gaps for missing years, captions citing the CSV's sources)."""

import csv
import io
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from directory.models import Region
from resources.charts import WIDTH
from resources.models import DataSeries

pytestmark = pytest.mark.django_db
URL = "/ressources/statistiques/"


def validate(csv_bytes, schema):
    """Every row against the Table Schema: field names, required values, types, minimums."""
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8"))))
    names = [field["name"] for field in schema["fields"]]
    assert rows[0] == names
    for row in rows[1:]:
        assert len(row) == len(names)
        for field, value in zip(schema["fields"], row, strict=True):
            if value in schema["missingValues"]:
                assert not field.get("constraints", {}).get("required")
            elif field["type"] in ("integer", "year"):
                assert int(value) >= field.get("constraints", {}).get("minimum", 0)
            elif field["type"] == "boolean":
                assert value in field["trueValues"] + field["falseValues"]
    return rows[1:]


def test_the_national_panorama_shows_the_base_next_to_the_hand_entered_series(client, demo):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    section = soup.find(id="panorama-national")
    assert section.find("h2")
    hours = section.find(id="chiffre-heures-total")
    caption = hours.find("figcaption").get_text()
    assert "base statistique nationale" in caption and "Alliance Villes Emploi" in caption
    years = [th.get_text() for th in hours.select("tbody th")]
    assert years[0] == "2011" and years[-1] == "2025"
    assert soup.find(id="serie-heures-insertion")  # the 17 series stay
    assert section.find("a", href="/ressources/statistiques/nouvelle-aquitaine/")


def test_the_national_hours_chart_says_which_source_each_bar_comes_from(client, demo):
    """The hand-entered national series counts every structure, the base only those that
    reported: the chart must not read as a collapse between 2017 and 2022."""
    hours = BeautifulSoup(client.get(URL).content, "html.parser").find(id="chiffre-heures-total")
    labels = [t.get_text() for t in hours.find("svg").select(".lib-chart__label")]
    assert "2017 — série nationale saisie" in labels
    assert "2022 — base statistique" in labels
    assert "ne se lit donc pas comme une évolution" in hours.get_text()
    regional = BeautifulSoup(client.get(f"{URL}nouvelle-aquitaine/").content, "html.parser")
    regional_labels = regional.find(id="chiffre-heures-total").select("svg .lib-chart__label")
    assert [t.get_text() for t in regional_labels][0] == "2022"  # one source: years alone


@pytest.mark.parametrize("key", ["75", "nouvelle-aquitaine"])
def test_a_region_is_found_by_insee_code_or_slug(client, demo, key):
    response = client.get(f"{URL}{key}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Nouvelle-Aquitaine" in soup.h1.get_text()
    assert soup.select("svg.lib-chart[role=img]")
    legal = soup.find(id="chiffre-heures-base-juridique")
    assert legal.find("a", href=lambda h: h and h.startswith("/bases-juridiques/"))
    assert "Part en France" in legal.get_text()


@pytest.mark.parametrize("key", ["99", "atlantide", "nouvelle-aquitaine'--"])
def test_an_unknown_region_is_a_404(client, demo, key):
    assert client.get(f"{URL}{key}/").status_code == 404
    assert client.get(f"{URL}{key}/heures-total.csv").status_code == 404


def test_every_figure_csv_validates_against_the_schema(client, demo):
    schema = client.get(f"{URL}panorama.schema.json").json()
    soup = BeautifulSoup(client.get(f"{URL}75/").content, "html.parser")
    links = [a["href"] for a in soup.select("a.lib-download")]
    assert len(links) >= 25
    for link in links:
        response = client.get(link)
        assert response.status_code == 200
        assert "panorama.schema.json" in response["Link"]
        assert validate(response.content, schema)
    assert client.get(f"{URL}75/inconnu.csv").status_code == 404


def test_the_model_file_validates_against_the_return_schema_and_imports(client, demo):
    from statsbase.importer import ReturnImporter

    schema = client.get(f"{URL}bilan-annuel.schema.json").json()
    model = client.get(f"{URL}bilan-annuel-modele.csv?structure=x").content
    rows = validate(model, schema)
    dimensions = {field["name"]: field for field in schema["fields"]}["dimension"]
    assert {row[2] for row in rows} == set(dimensions["constraints"]["enum"])
    page = client.get(f"{URL}format-du-bilan/").content.decode()
    assert "beneficiaires_sexe_age" in page and "Windows-1252" in page
    assert ReturnImporter  # the model is all zeros: refused only for its unknown structure


def test_the_pdf_of_a_panorama(client, demo):
    for key in ["france", "75"]:
        response = client.get(f"{URL}{key}/panorama.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_missing_years_are_drawn_as_gaps(client, demo):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    svg = soup.find(id="serie-heures-insertion").find("svg")
    labels = [t.get_text() for t in svg.select(".lib-chart__label")]
    assert labels == ["2011", "2012", "2013", "2014", "2015", "2016", "2017"]
    gaps = [t.get_text() for t in svg.select(".lib-chart__gap")]
    assert gaps == ["pas de donnée", "pas de donnée"]
    assert len(svg.select("rect")) == 7 and svg.select("rect")[4]["width"] == "0"


def test_captions_cite_the_sources_the_csv_gives(client, demo):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    for series in DataSeries.objects.public():
        caption = soup.find(id=f"serie-{series.slug}").find("figcaption").get_text()
        rows = csv.DictReader(io.StringIO(client.get(f"{URL}{series.slug}.csv").content.decode()))
        for source in {row["source"] for row in rows}:
            assert source in caption, (series.slug, source)


def test_chart_text_is_at_least_12_px_at_320_px():
    # The drawing is WIDTH units wide and fills the ~229 px a figure has on a 320 px page; its
    # text is 14 units (resources.css): 14 × 229 / WIDTH ≥ 12. The browser test measures it.
    assert 14 * 229 / WIDTH >= 12


def test_the_sitemap_lists_every_region_panorama_and_the_return_format(client, demo):
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    panoramas = [loc for loc in locations if "/ressources/statistiques/" in loc]
    assert any(loc.endswith("/ressources/statistiques/format-du-bilan/") for loc in panoramas)
    assert any(loc.endswith("/ressources/statistiques/nouvelle-aquitaine/") for loc in panoramas)
    regions = [loc for loc in panoramas if urlsplit(loc).path.count("/") == 4]
    assert len(regions) == Region.objects.count() + 1  # and the format page
    for loc in panoramas:  # every listed panorama opens
        assert client.get(urlsplit(loc).path).status_code == 200
