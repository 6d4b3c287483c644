"""Public views of this app that live outside Wagtail's page tree (included by centre/urls.py)."""

from django.urls import path

from . import views

app_name = "clauses"

urlpatterns = [
    path("calculateur/", views.calculator, name="calculator"),
    path("main-d-oeuvre/", views.labour_share, name="labour_share"),
    path("main-d-oeuvre/<int:year>/", views.labour_share, name="labour_share_year"),
    path("main-d-oeuvre/export.csv", views.labour_share_csv, name="labour_share_csv"),
    path("main-d-oeuvre/export.json", views.labour_share_json, name="labour_share_json"),
    path("clauses/", views.clause_list, name="clause_list"),
    path("clauses/<slug:slug>/", views.clause_detail, name="clause_detail"),
    path("clauses/<slug:slug>/pdf/", views.clause_pdf, name="clause_pdf"),
    path("clauses/<slug:slug>/docx/", views.clause_docx, name="clause_docx"),
]
