"""iCalendar (RFC 5545) feeds of the site: one builder for every calendar.

Times are written in UTC (no VTIMEZONE needed); whole days stay dates. Texts are French.
"""

import datetime
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT = "-//Centre de ressources national des clauses sociales//{name}//FR"


@dataclass
class CalendarEvent:
    uid: str
    summary: str
    start: datetime.date  # a date for a whole day, an aware datetime otherwise
    end: datetime.date | None = None
    stamp: datetime.datetime | None = None  # when the event last changed (now if unknown)
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = ""  # TENTATIVE, CONFIRMED or CANCELLED
    transparent: bool = False  # does not block time in the subscriber's agenda
    last_modified: datetime.datetime | None = None


def _utc(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC)
    return value


def _optional(event, item):
    for name, value in (
        ("dtend", _utc(item.end)),
        ("description", item.description),
        ("location", item.location),
        ("url", item.url),
        ("status", item.status),
        ("transp", "TRANSPARENT" if item.transparent else ""),
        ("last-modified", _utc(item.last_modified)),
    ):
        if value:
            event.add(name, value)


def _event(item, now):
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", _utc(item.stamp or now))
    event.add("dtstart", _utc(item.start))
    event.add("summary", item.summary)
    _optional(event, item)
    return event


def calendar_bytes(product, title, events):
    """An iCalendar document: `product` names the feed in its PRODID, `title` is the name a
    calendar application shows (X-WR-CALNAME)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT.format(name=product))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", title)
    now = timezone.now()
    for item in events:
        calendar.add_component(_event(item, now))
    return calendar.to_ical()


def calendar_response(product, title, events, filename):
    response = HttpResponse(
        calendar_bytes(product, title, events), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
