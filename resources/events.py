"""Trainings and events: the filtered lists and the iCalendar feed."""

from django.utils import timezone

from core.links import absolute_url
from core.opendata import CalendarEvent

from .facets import Facet, apply_facets
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
    results, views, selected = apply_facets(_with_mode(queryset), _facets(), params)
    now = timezone.now()
    results = results.prefetch_related("audiences")
    upcoming = list(results.filter(start__gte=now).order_by("start"))
    past = list(results.filter(start__lt=now).order_by("-start")[:30])
    return {
        "upcoming": upcoming,
        "past": past,
        "facets": views,
        "selected": selected,
        "result_count": len(upcoming),
    }


def calendar_events(events):
    """The iCalendar events (core.opendata) of these event pages."""
    for event_page in events:
        description = event_page.summary
        if event_page.registration_url:
            description += f"\nInscription : {event_page.registration_url}"
        yield CalendarEvent(
            uid=f"formation-{event_page.pk}@clauses-sociales",
            start=event_page.start,
            end=event_page.end,
            summary=event_page.title,
            description=description,
            location="En ligne" if event_page.online else event_page.place,
            url=absolute_url(event_page.url),
            last_modified=event_page.last_published_at,
        )
