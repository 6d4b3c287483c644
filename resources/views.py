"""Library files served outside the page tree: a series' CSV, the trainings' calendar."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .charts import series_csv_response
from .events import calendar_bytes, filter_events
from .models import DataSeries


@require_GET
def series_csv(request, slug):
    series = get_object_or_404(DataSeries.objects.public(), slug=slug)
    return series_csv_response(series)


@require_GET
def events_calendar(request):
    """/ressources/formations/calendrier.ics: live public events, same filters as the list."""
    found = filter_events(request.GET)
    events = found["upcoming"] + found["past"]
    base_url = f"{request.scheme}://{request.get_host()}"
    response = HttpResponse(
        calendar_bytes(events, base_url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="calendrier.ics"'
    return response
