"""Public views of this app that live outside Wagtail's page tree (included by centre/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    # Wagtail's page URLs end with a slash: the feed's file-like address is served here.
    path("guide/flux.atom", views.updates_feed, name="guide_updates_feed"),
    path("guide/paragraphe/<str:pid>/", views.paragraph_history, name="paragraph_history"),
    path("bases-juridiques/", views.legal_basis_list, name="legal_basis_list"),
    path("bases-juridiques/<slug:slug>/", views.legal_basis_detail, name="legal_basis_detail"),
]
