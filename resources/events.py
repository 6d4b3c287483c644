"""Trainings and events: the filtered lists and the iCalendar feed."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from core.filters import Facet, Filters

from .models import Audience, EventKind, EventPage

MODES = [("distance", "À distance"), ("sur-place", "Sur place")]


def public_events():
    return EventPage.objects.live().public()


def _facets():
    return [
        Facet("type", "Type", "kind", list(EventKind.choices)),
        Facet(
            "public",
            "Public",
            "audiences__slug",
            list(Audience.objects.values_list("slug", "name")),
        ),
        Facet("modalite", "Modalité", "mode", MODES, all_label="Toutes"),
    ]


def _with_mode(queryset):
    from django.db.models import Case, CharField, Value, When

    return queryset.annotate(
        mode=Case(
            When(online=True, then=Value("distance")),
            default=Value("sur-place"),
            output_field=CharField(),
        )
    )


def filter_events(params, index=None):
    queryset = public_events()
    if index is not None:
        queryset = queryset.descendant_of(index)
    queryset = _with_mode(queryset)
    filters = Filters(params, _facets())
    now = timezone.now()
    results = filters.apply(queryset).distinct().prefetch_related("audiences")
    upcoming = list(results.filter(start__gte=now).order_by("start"))
    past = list(results.filter(start__lt=now).order_by("-start")[:30])
    return {
        "upcoming": upcoming,
        "past": past,
        "facets": filters.facet_views(queryset),
        "selected": filters.selected,
        "result_count": len(upcoming),
    }


def calendar_bytes(events, base_url):
    """An iCalendar (RFC 5545) document of these events, times in UTC."""
    calendar = Calendar()
    calendar.add("prodid", "-//Centre de ressources national des clauses sociales//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Formations et événements — clauses sociales")
    stamp = timezone.now()
    for event_page in events:
        event = Event()
        event.add("uid", f"formation-{event_page.pk}@clauses-sociales")
        event.add("dtstamp", stamp)
        event.add("dtstart", event_page.start.astimezone(UTC))
        if event_page.end:
            event.add("dtend", event_page.end.astimezone(UTC))
        event.add("summary", event_page.title)
        description = event_page.summary
        if event_page.registration_url:
            description += f"\nInscription : {event_page.registration_url}"
        event.add("description", description)
        event.add("location", "En ligne" if event_page.online else event_page.place)
        event.add("url", base_url + event_page.url)
        if event_page.last_published_at:
            event.add("last-modified", event_page.last_published_at)
        calendar.add_component(event)
    return calendar.to_ical()
