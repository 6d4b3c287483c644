"""The site's one open-data form: CSV dialect (RFC 4180), Table Schema, iCalendar, absolute URLs."""

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

from icalendar import Calendar

from core.links import absolute_url
from core.opendata import (
    DIALECT,
    CalendarEvent,
    calendar_bytes,
    csv_response,
    csv_text,
    csv_value,
    table_schema,
)

HEADER = ["nom", "note", "actif", "montant", "date"]
ROWS = [
    [
        "Dupont, Durand et fils",
        'Il a dit "oui"',
        True,
        Decimal("1250.50"),
        datetime.date(2026, 3, 1),
    ],
    ["Sur deux\nlignes", "", False, 500000.0, None],
    ["Écoles", None, None, Decimal("1E+2"), datetime.date(2026, 12, 31)],
]


def read_with_declared_dialect(data, dialect=DIALECT):
    """Rows of a CSV file read with Python's csv and nothing but the published dialect."""
    text = data.decode(dialect["encoding"])
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=dialect["delimiter"],
        quotechar=dialect["quoteChar"],
        doublequote=dialect["doubleQuote"],
        lineterminator=dialect["lineTerminator"],
    )
    return list(reader)


def test_rows_come_back_with_commas_quotes_and_newlines_inside_fields():
    data = csv_text(HEADER, ROWS).encode()
    assert read_with_declared_dialect(data) == [
        HEADER,
        ["Dupont, Durand et fils", 'Il a dit "oui"', "true", "1250.5", "2026-03-01"],
        ["Sur deux\nlignes", "", "false", "500000", ""],
        ["Écoles", "", "", "100", "2026-12-31"],
    ]


def test_every_record_ends_with_crlf_and_quotes_are_doubled():
    text = csv_text(HEADER, ROWS)
    assert text.startswith("nom,note,actif,montant,date\r\n")
    assert '"Dupont, Durand et fils","Il a dit ""oui""",true,1250.5,2026-03-01\r\n' in text
    assert '"Sur deux\nlignes",,false,500000,\r\n' in text
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 4  # the newline inside the quoted field stays a bare LF


def test_values_are_written_one_way():
    assert csv_value(True) == "true" and csv_value(False) == "false"
    assert csv_value(None) == ""
    assert csv_value(Decimal("16.50")) == "16.5"
    assert csv_value(Decimal("0.00")) == "0"
    assert csv_value(292) == "292"
    assert csv_value(0.1) == "0.1"
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    moment = datetime.datetime(2026, 5, 4, 9, 30, tzinfo=paris)
    assert csv_value(moment) == "2026-05-04T09:30:00+02:00"


def test_download_is_utf8_without_bom_and_streaming_gives_the_same_bytes():
    whole = csv_response(HEADER, ROWS, "essai.csv")
    streamed = csv_response(HEADER, iter(ROWS), "essai.csv", stream=True, schema_url="/s.json")
    assert whole["Content-Type"].startswith("text/csv; charset=utf-8")
    assert 'filename="essai.csv"' in whole["Content-Disposition"]
    assert not whole.content.startswith(b"\xef\xbb\xbf")
    assert b"".join(streamed.streaming_content) == whole.content
    assert streamed["Link"] == '</s.json>; rel="describedby"'


def test_table_schema_declares_the_dialect_and_boolean_spellings():
    schema = table_schema(
        [
            {"name": "nom", "type": "string", "description": "Nom."},
            {"name": "actif", "type": "boolean", "description": "Actif."},
        ],
        title="Essai",
    )
    assert schema["dialect"] == {
        "delimiter": ",",
        "lineTerminator": "\r\n",
        "quoteChar": '"',
        "doubleQuote": True,
        "header": True,
        "encoding": "utf-8",
    }
    actif = schema["fields"][1]
    assert (actif["trueValues"], actif["falseValues"]) == (["true"], ["false"])
    assert "trueValues" not in schema["fields"][0]
    assert schema["title"] == "Essai" and schema["missingValues"] == [""]


def test_calendar_round_trips_through_the_icalendar_library():
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    start = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=paris)
    data = calendar_bytes(
        "Essai",
        "Formations — clauses sociales",
        [
            CalendarEvent(
                uid="formation-1@clauses-sociales",
                summary="Rédiger une clause d'exécution",
                start=start,
                end=start + datetime.timedelta(hours=3),
                description="Deux demi-journées.\nInscription : https://exemple.fr/",
                location="Lille",
                url="https://clauses.example.gouv.fr/ressources/formations/f/",
            ),
            CalendarEvent(
                uid="marche-a-venir-2@clauses-sociales",
                summary="Avis attendu : voirie",
                start=datetime.date(2026, 6, 15),
                end=datetime.date(2026, 6, 16),
                status="TENTATIVE",
                transparent=True,
            ),
        ],
    )
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Formations — clauses sociales"
    assert "//Essai//FR" in str(calendar["PRODID"])
    training, notice = calendar.walk("VEVENT")
    assert str(training["SUMMARY"]) == "Rédiger une clause d'exécution"
    assert training.decoded("DTSTART") == start  # same instant…
    assert training.decoded("DTSTART").utcoffset() == datetime.timedelta(0)  # …written in UTC
    assert str(training["DESCRIPTION"]).endswith("Inscription : https://exemple.fr/")
    assert str(training["LOCATION"]) == "Lille"
    assert notice.decoded("DTSTART") == datetime.date(2026, 6, 15)  # a whole day stays a date
    assert str(notice["STATUS"]) == "TENTATIVE" and str(notice["TRANSP"]) == "TRANSPARENT"
    assert "LOCATION" not in notice and "URL" not in notice  # empty values are left out
    assert all("DTSTAMP" in event for event in (training, notice))


def test_absolute_urls_come_from_site_url(settings):
    settings.SITE_URL = "https://clauses.example.gouv.fr/"
    assert absolute_url("/guide/2026/") == "https://clauses.example.gouv.fr/guide/2026/"
    assert absolute_url("marches-a-venir/?q=a#b") == (
        "https://clauses.example.gouv.fr/marches-a-venir/?q=a#b"
    )
    # A URL of this site built from another base (a Wagtail Site record) is rebased.
    assert absolute_url("http://localhost/guide/2026/") == (
        "https://clauses.example.gouv.fr/guide/2026/"
    )
