"""Feeds and open data: Atom, iCalendar, CSV, OCDS JSON, schema; same filters; no drafts."""

import csv
import io
import json
import re

import feedparser
import pytest
from icalendar import Calendar

from contracts.exports import FIELDS
from core.opendata import SiteDialect

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(make_contract, geo, buyers):
    make_contract(
        title="Voirie à Paris",
        cpv_code="45233140-2",
        amount_min=500_000,
        amount_max=650_000,
        lots=["", "siae"],
        calc_amount=500_000,
        calc_share=35,
        calc_hourly_cost=30,
        calc_rate=5,
        insertion_hours=292,
    )
    make_contract(
        title="Nettoyage en Gironde",
        buyer=buyers["gironde"],
        kind="services",
        sectors=[geo["clean"]],
        legal_mechanism="critere_attribution",
    )
    make_contract(title="Brouillon caché", publish=False)


def test_atom_feed_is_valid_and_filtered(client, sample):
    response = client.get("/marches-a-venir/flux.atom?departement=33")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert "Gironde" in feed.feed.title
    assert [entry.title for entry in feed.entries] == ["Nettoyage en Gironde"]
    assert feed.entries[0].link.endswith("/marches-a-venir/marche-essai-2/")


def test_atom_feed_never_lists_drafts(client, sample):
    feed = feedparser.parse(client.get("/marches-a-venir/flux.atom?statut=tous").content)
    titles = [entry.title for entry in feed.entries]
    assert "Brouillon caché" not in titles
    assert len(titles) == 2


def test_icalendar_file_parses_with_one_event_per_contract(client, sample):
    response = client.get("/marches-a-venir/calendrier.ics?type=travaux")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Avis attendu : Voirie à Paris"]
    assert events[0].decoded("dtstart").isoformat() == events[0].decoded("dtstart").isoformat()[:10]
    assert re.search(rb"DTSTAMP:\d{8}T\d{6}Z", response.content)  # UTC, as RFC 5545 requires


def test_csv_export_has_documented_columns_and_filters(client, sample):
    response = client.get("/marches-a-venir/export.csv?reserve=siae")
    text = response.content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), dialect=SiteDialect))
    assert list(rows[0].keys()) == [name for name, *_ in FIELDS]
    assert [row["objet"] for row in rows] == ["Voirie à Paris"]
    assert rows[0]["lots_reserves_siae"] == "2"
    assert rows[0]["heures_insertion"] == "292"
    assert rows[0]["considerations_sociales"] == "Clause sociale | Marché réservé"
    assert "calculateur/?montant=500000" in rows[0]["calcul_heures"]


def test_ocds_json_export(client, sample):
    package = client.get("/marches-a-venir/export.json").json()
    assert package["version"] == "1.1"
    releases = {r["tender"]["title"]: r for r in package["releases"]}
    assert set(releases) == {"Voirie à Paris", "Nettoyage en Gironde"}
    paris = releases["Voirie à Paris"]["tender"]
    assert paris["items"][0]["classification"] == {
        "scheme": "CPV",
        "id": "45233140",
        "description": "Travaux routiers",  # the CPV 2008 label
    }
    assert paris["minValue"]["amount"] == 500000 and paris["value"]["amount"] == 650000
    assert paris["lots"][1]["otherRequirements"]["reservedParticipation"] == ["shelteredWorkshop"]
    assert paris["sustainability"] == [
        {"goal": "social", "strategies": ["contractPerformanceConditions"]}
    ]
    assert paris["x_heuresInsertion"] == 292
    gironde = releases["Nettoyage en Gironde"]["tender"]
    assert gironde["x_considerationsSociales"] == ["Clause sociale", "Critère social"]
    assert releases["Voirie à Paris"]["tag"] == ["planning"]


def test_exports_contain_no_email_address(client, sample):
    from contracts.models import AlertSubscription

    AlertSubscription.objects.create(email="abonne-secret@example.org", filters={})
    for path in ("export.json", "export.csv", "flux.atom", "calendrier.ics", "schema.json"):
        content = client.get(f"/marches-a-venir/{path}?statut=tous").content.decode()
        assert "abonne-secret" not in content


@pytest.mark.parametrize("path", ["flux.atom", "calendrier.ics", "export.csv", "export.json"])
def test_bad_filters_on_files_answer_400_in_french(client, sample, path):
    response = client.get(f"/marches-a-venir/{path}?avis_du=2026-13-45&secteur=zzz")
    assert response.status_code == 400
    assert "Filtres invalides" in response.content.decode()


def test_schema_and_open_data_page_document_every_column(client, db):
    schema = json.loads(client.get("/marches-a-venir/schema.json").content)
    names = [field["name"] for field in schema["fields"]]
    assert names == [name for name, *_ in FIELDS]
    assert all(field["ocds"] for field in schema["fields"])
    page = client.get("/marches-a-venir/donnees-ouvertes/").content.decode()
    for name in names:
        assert f"<code>{name}</code>" in page
