"""Public views of this app that live outside Wagtail's page tree (included by centre/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "ressources/statistiques/<slug:slug>.csv",
        views.series_csv,
        name="resources_series_csv",
    ),
    path(
        "ressources/formations/calendrier.ics",
        views.events_calendar,
        name="resources_events_calendar",
    ),
]
