"""Every CSV of the site in the one dialect, each Table Schema declaring it and its columns, and
every absolute URL of every channel from SITE_URL (on the session's demo content)."""

import csv
import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from core.opendata import DIALECT, csv_text

pytestmark = pytest.mark.django_db

SITE = "https://clauses.example.gouv.fr"

# Every CSV route of the site (as written in the URLconf) → the downloads fetched for it and the
# Table Schema that describes it (None where none is published).
CSV_EXPORTS = {
    "marches-a-venir/export.csv": (
        ["/marches-a-venir/export.csv?statut=tous"],
        "/marches-a-venir/schema.json",
    ),
    "annuaire/export.csv": (
        ["/annuaire/export.csv?type=facilitateur", "/annuaire/export.csv?type=employeur"],
        "/annuaire/schema.json",
    ),
    "ressources/statistiques/<slug:slug>.csv": (
        [
            "/ressources/statistiques/heures-insertion.csv",
            "/ressources/statistiques/heures-par-type-de-marche.csv",
        ],
        None,
    ),
    "main-d-oeuvre/export.csv": (["/main-d-oeuvre/export.csv"], None),
    "ressources/statistiques/bilan-annuel-modele.csv": (
        ["/ressources/statistiques/bilan-annuel-modele.csv"],
        "/ressources/statistiques/bilan-annuel.schema.json",
    ),
    "ressources/statistiques/<str:key>/<slug:figure>.csv": (
        [
            "/ressources/statistiques/france/heures-total.csv",
            "/ressources/statistiques/75/beneficiaires-sexe-age.csv",
        ],
        "/ressources/statistiques/panorama.schema.json",
    ),
}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _read(data):
    """Rows read with Python's csv given nothing but the published dialect."""
    text = data.decode(DIALECT["encoding"])  # strict: a file in another encoding fails here
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=DIALECT["delimiter"],
        quotechar=DIALECT["quoteChar"],
        doublequote=DIALECT["doubleQuote"],
    )
    return text, list(reader)


def test_the_list_of_csv_exports_is_the_site_s():
    """A new CSV route must be added to CSV_EXPORTS, so it cannot skip the checks below."""
    routes = {route for route in _routes(get_resolver().url_patterns) if route.endswith(".csv")}
    assert routes == set(CSV_EXPORTS)


def _check_typed_values(rows, schema):
    header, records = rows[0], rows[1:]
    for field in schema["fields"]:
        values = [record[header.index(field["name"])] for record in records]
        filled = [value for value in values if value != ""]
        if field["type"] == "boolean":
            assert set(filled) <= set(field["trueValues"] + field["falseValues"]), field
        elif field["type"] == "date":
            for value in filled:
                datetime.date.fromisoformat(value)
        elif field["type"] == "datetime":
            for value in filled:
                datetime.datetime.fromisoformat(value)
        elif field["type"] in ("number", "integer"):
            assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in filled), field


@pytest.mark.parametrize("route", sorted(CSV_EXPORTS))
def test_every_csv_export_shares_the_dialect_and_its_schema(client, route):
    urls, schema_url = CSV_EXPORTS[route]
    schema = client.get(schema_url).json() if schema_url else None
    if schema:
        assert schema["dialect"] == DIALECT
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/csv; charset=utf-8")
        data = b"".join(response) if response.streaming else response.content
        assert not data.startswith(b"\xef\xbb\xbf"), f"{url}: no byte order mark"
        text, rows = _read(data)
        assert len(rows) > 1, f"{url}: the demo content gives rows"
        # Written again in the site's dialect, the rows give the very same text: comma, minimal
        # double quotes, CRLF after every record, nothing else.
        assert csv_text(rows[0], rows[1:]) == text, url
        assert client.head(url).status_code == 200, f"{url}: HEAD"
        if schema:
            assert rows[0] == [field["name"] for field in schema["fields"]], url
            assert response["Link"] == f'<{schema_url}>; rel="describedby"'
            _check_typed_values(rows, schema)


def test_the_referential_and_statistics_csv_write_booleans_and_decimals_one_way(client):
    _text, rows = _read(client.get("/main-d-oeuvre/export.csv").content)
    header = rows[0]
    assert {row[header.index("illustratif")] for row in rows[1:]} <= {"true", "false"}
    costs = [row[header.index("cout_horaire_moyen")] for row in rows[1:]]
    assert all(re.fullmatch(r"\d+(\.\d+)?", cost) for cost in costs)
    _text, rows = _read(client.get("/ressources/statistiques/heures-insertion.csv").content)
    assert all(re.fullmatch(r"\d+(\.\d+)?", row[3]) for row in rows[1:])


# -- Absolute URLs -------------------------------------------------------------------------

# Channels that carry absolute URLs out of the site.
CHANNELS = [
    "/sitemap.xml",
    "/robots.txt",
    "/marches-a-venir/calendrier.ics",
    "/ressources/formations/calendrier.ics",
    "/marches-a-venir/export.csv?statut=tous",
    "/marches-a-venir/export.json?statut=tous",
    "/marches-a-venir/schema.json",
    "/marches-a-venir/flux.atom?statut=tous",
    "/guide/flux.atom",
    "/annuaire/export.csv",
    "/annuaire/export.json",
]
URL = re.compile(r"https?://[^\s\"'<>|,\\]+")
# Hosts the site is reached at in development and tests (the Wagtail Site record says
# "localhost"; the test client sends "testserver"): no absolute URL may carry them.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "testserver", "[::1]"}


def _body(response):
    data = b"".join(response) if response.streaming else response.content
    return data.decode().replace("\r\n ", "")  # unfold iCalendar lines


@pytest.mark.parametrize("path", CHANNELS)
def test_every_absolute_url_of_every_channel_starts_with_site_url(client, settings, path):
    settings.SITE_URL = SITE
    response = client.get(path)
    assert response.status_code == 200
    urls = URL.findall(_body(response))
    ours = [url for url in urls if url.startswith(SITE + "/")]
    assert ours, f"{path}: links to the site"
    wrong = [url for url in urls if urlsplit(url).hostname in LOCAL_HOSTS]
    assert not wrong, f"{path}: {wrong[:3]}"


def test_every_sitemap_location_starts_with_site_url(client, settings):
    settings.SITE_URL = SITE
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    assert len(locations) > 50
    assert [loc for loc in locations if not loc.startswith(SITE + "/")] == []


def test_contract_links_in_files_are_the_canonical_page_address(client, settings):
    from contracts.models import UpcomingContract

    settings.SITE_URL = SITE
    contract = UpcomingContract.objects.public().order_by("pk").first()
    page_url = SITE + contract.get_absolute_url()
    package = client.get("/marches-a-venir/export.json?statut=tous").json()
    release = next(r for r in package["releases"] if r["tender"]["id"] == contract.slug)
    assert release["tender"]["documents"][0]["url"] == page_url
    _text, rows = _read(client.get("/marches-a-venir/export.csv?statut=tous").content)
    assert page_url in [row[rows[0].index("url")] for row in rows[1:]]
    assert page_url in _body(client.get("/marches-a-venir/calendrier.ics?statut=tous"))
