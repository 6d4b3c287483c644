"""Public views of this app that live outside Wagtail's page tree (included by centre/urls.py)."""

from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("marches-a-venir/", views.contract_list, name="list"),
    path("marches-a-venir/<slug:slug>/", views.contract_detail, name="detail"),
]
