"""Library files served outside the page tree: a series' CSV, the trainings' calendar."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .charts import series_csv_response
from .models import DataSeries


@require_GET
def series_csv(request, slug):
    series = get_object_or_404(DataSeries.objects.public(), slug=slug)
    return series_csv_response(series)
