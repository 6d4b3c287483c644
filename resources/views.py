"""Library files served outside the page tree: a series' CSV, the trainings' calendar."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from core.opendata import calendar_response, csv_response

from .events import calendar_events, filter_events
from .models import DataSeries

SERIES_COLUMNS = ["serie", "libelle", "annee", "valeur", "unite", "source", "note"]


def series_rows(series):
    """One row per point of a series, in SERIES_COLUMNS order."""
    unit = "%" if series.is_percent else series.get_unit_display()
    for point in series.points.all():
        yield [
            series.title,
            point.label,
            point.year,
            point.value,
            unit,
            point.source or series.source,
            point.note,
        ]


@require_safe
def series_csv(request, slug):
    series = get_object_or_404(DataSeries.objects.public(), slug=slug)
    return csv_response(SERIES_COLUMNS, series_rows(series), f"{series.slug}.csv")


@require_safe
def events_calendar(request):
    """/ressources/formations/calendrier.ics: live public events, same filters as the list."""
    found = filter_events(request.GET)
    return calendar_response(
        "Formations et événements",
        "Formations et événements — clauses sociales",
        calendar_events(found["upcoming"] + found["past"]),
        "calendrier.ics",
    )
