"""Public views of this app that live outside Wagtail's page tree (included by centre/urls.py).

The fixed paths come before `<slug>/`; the model refuses those words as slugs."""

from django.urls import path

from . import alerts, exports, views

app_name = "contracts"

urlpatterns = [
    path("marches-a-venir/", views.contract_list, name="list"),
    path("marches-a-venir/flux.atom", exports.ContractFeed(), name="feed"),
    path("marches-a-venir/calendrier.ics", exports.calendar_ics, name="calendar"),
    path("marches-a-venir/export.csv", exports.export_csv, name="export_csv"),
    path("marches-a-venir/export.json", exports.export_json, name="export_json"),
    path("marches-a-venir/schema.json", exports.schema_json, name="schema"),
    path("marches-a-venir/donnees-ouvertes/", views.open_data, name="open_data"),
    path("marches-a-venir/alertes/", alerts.subscribe, name="alerts"),
    path("marches-a-venir/alertes/envoye/", alerts.subscribe_sent, name="alerts_sent"),
    path("marches-a-venir/alertes/confirmer/<str:token>/", alerts.confirm, name="alerts_confirm"),
    path(
        "marches-a-venir/alertes/desabonnement/<str:token>/",
        alerts.unsubscribe,
        name="alerts_unsubscribe",
    ),
    path("marches-a-venir/<slug:slug>/", views.contract_detail, name="detail"),
]
