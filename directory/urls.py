"""Public views of this app that live outside Wagtail's page tree (included by centre/urls.py)."""

from django.urls import path

from . import exports, lever, views

app_name = "directory"

urlpatterns = [
    path("annuaire/", views.directory_index, name="index"),
    path("annuaire/facilitateur/", views.facilitator_lookup, name="facilitator"),
    path("annuaire/communes.json", views.commune_suggestions, name="communes"),
    path("annuaire/carte/", views.coverage_map, name="map"),
    path("annuaire/levier/", lever.lever_view, name="lever"),
    path("annuaire/export.csv", exports.export_csv, name="export_csv"),
    path("annuaire/export.json", exports.export_json, name="export_json"),
    path("annuaire/schema.json", exports.schema_json, name="schema"),
    path("annuaire/<slug:slug>/", views.organisation_detail, name="detail"),
    path("annuaire/<slug:slug>/signaler/", views.suggest_correction, name="correction"),
]
