"""Trainings and events: upcoming and past lists, filters, a page per event, iCalendar feed."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from icalendar import Calendar

from resources.models import EventPage

pytestmark = pytest.mark.django_db
URL = "/ressources/formations/"
ICS = "/ressources/formations/calendrier.ics"


def _sections(response):
    soup = BeautifulSoup(response.content, "html.parser")
    upcoming = [h.get_text(strip=True) for h in soup.select("#a-venir ~ ul .lib-item__title")]
    past = [h.get_text(strip=True) for h in soup.select("#passes ~ ul .lib-item__title")]
    return upcoming, past


def test_upcoming_events_first_in_date_order_then_past_ones(client, demo):
    upcoming, past = _sections(client.get(URL))
    now = timezone.now()
    expected_upcoming = list(
        EventPage.objects.live()
        .filter(start__gte=now)
        .order_by("start")
        .values_list("title", flat=True)
    )
    assert upcoming == expected_upcoming and len(upcoming) >= 4
    assert past and all(title not in upcoming for title in past)


def test_filters_by_audience_and_mode(client, demo):
    upcoming, _ = _sections(client.get(URL, {"public": "siae"}))
    assert upcoming == ["Rencontre : répondre à un marché réservé quand on est une SIAE"]
    online, past_online = _sections(client.get(URL, {"modalite": "distance"}))
    for title in online + past_online:
        assert EventPage.objects.get(title=title).online


def test_event_page_shows_date_place_and_registration(client, demo):
    event = EventPage.objects.get(slug="formation-acheteurs-clause-execution")
    response = client.get(event.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == event.title
    text = soup.get_text()
    assert "Lyon (lieu fictif)" in text and "fictif" in text.lower()
    assert soup.find("a", href=event.registration_url).get_text().startswith("S'inscrire")
    assert timezone.localtime(event.start).strftime("%Y") in text


def test_ical_feed_parses_and_lists_every_live_event(client, demo):
    response = client.get(ICS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == EventPage.objects.live().count()
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Formation : rédiger une condition d'exécution sociale" in summaries
    first = next(e for e in events if str(e["SUMMARY"]).startswith("Formation : rédiger"))
    page = EventPage.objects.get(slug="formation-acheteurs-clause-execution")
    assert first.decoded("DTSTART") == page.start
    assert str(first["URL"]).endswith(page.url)
    filtered = Calendar.from_ical(client.get(ICS, {"public": "siae"}).content)
    expected = EventPage.objects.live().filter(audiences__slug="siae").count()
    assert len(filtered.walk("VEVENT")) == expected < len(events)


def test_unpublished_and_private_events_never_leak(client, demo):
    from wagtail.models import PageViewRestriction

    draft = EventPage.objects.get(slug="webinaire-calculer-heures-insertion")
    draft.unpublish()
    private = EventPage.objects.get(slug="rencontre-siae-marches-reserves")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get(URL).content.decode()
    ics = client.get(ICS).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    for page in (draft, private):
        assert page.title not in html
        assert page.title[:40] not in ics.replace("\r\n ", "")
        assert page.slug not in sitemap


def test_loading_twice_creates_no_event(demo):
    import io

    from resources import demo as library_demo

    count = EventPage.objects.count()
    library_demo.load(io.StringIO())
    assert EventPage.objects.count() == count
    assert EventPage.objects.filter(start__lt=timezone.now() - timedelta(days=1)).exists()
