"""Small things users notice (issue 16.12): « 1er » for the first day of a month, a training
over two half-days shown as such, one spelling of Alliance Villes Emploi, HEAD on CSV files."""

import datetime
import html

import pytest
from django.utils import timezone
from wagtail.models import Page

from core.dates import date_fr, span_fr, time_fr

pytestmark = pytest.mark.django_db

PARIS_MIDNIGHT_UTC = datetime.datetime(2026, 10, 31, 23, 30, tzinfo=datetime.UTC)


def test_the_first_day_of_a_month_is_an_ordinal():
    assert date_fr(datetime.date(2026, 11, 1)) == "1er novembre 2026"
    assert date_fr(datetime.date(2026, 11, 11)) == "11 novembre 2026"
    assert date_fr(datetime.date(2026, 12, 1), "jour") == "mardi 1er décembre 2026"
    assert date_fr(datetime.date(2026, 12, 1), "mois") == "décembre 2026"
    # 23 h 30 UTC on 31 October is already 1 November in Paris.
    assert date_fr(PARIS_MIDNIGHT_UTC) == "1er novembre 2026"


def test_times_and_spans_read_the_french_way():
    morning = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 0))
    assert time_fr(morning) == "9 h"
    assert span_fr(morning, morning + datetime.timedelta(hours=3, minutes=30)) == (
        "mardi 1er décembre 2026, 9 h – 12 h 30"
    )
    afternoon = morning.replace(hour=14)
    assert span_fr(afternoon, afternoon + datetime.timedelta(hours=22)) == (
        "du mardi 1er décembre 2026, 14 h, au mercredi 2 décembre 2026, 12 h"
    )


def test_a_contract_expected_on_the_first_shows_1er(client):
    from contracts.models import UpcomingContract

    contract = UpcomingContract.objects.public().order_by("pk").first()
    first = (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    UpcomingContract.objects.filter(pk=contract.pk).update(expected_notice_date=first)
    page = html.unescape(client.get(contract.get_absolute_url()).content.decode())
    assert date_fr(first) in page and date_fr(first).startswith("1er ")
    assert f" 1 {date_fr(first, 'mois')}" not in page


def test_the_two_half_day_training_is_shown_over_two_days(client):
    from resources.models import EventPage

    training = EventPage.objects.get(slug="formation-facilitateurs-suivi-execution")
    text = html.unescape(client.get(training.url).content.decode())
    assert span_fr(training.start, training.end) in text
    assert ", 14 h, au " in text and "12 h" in text
    assert "23 h" not in text and "h 00" not in text
    listing = html.unescape(client.get(training.get_parent().url).content.decode())
    assert span_fr(training.start, training.end) in listing


def test_one_spelling_of_alliance_villes_emploi(client):
    publications = Page.objects.get(slug="publications").url
    text = html.unescape(client.get(publications + "?par_page=100").content.decode())
    assert "Alliance Villes Emploi" in text
    assert "Alliance Ville Emploi" not in text


@pytest.mark.parametrize(
    "path",
    [
        "/marches-a-venir/export.csv",
        "/annuaire/export.csv",
        "/main-d-oeuvre/export.csv",
        "/ressources/statistiques/heures-insertion.csv",
    ],
)
def test_head_on_a_csv_file_answers_200(client, path):
    head = client.head(path)
    assert head.status_code == 200
    assert head["Content-Type"].startswith("text/csv")
