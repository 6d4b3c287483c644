"""Public paths of the base, under /ressources/statistiques/ (included by centre/urls.py before
the library's own paths: the model file's name would match the series' CSV pattern)."""

from django.urls import path

from . import views

P = "ressources/statistiques/"

urlpatterns = [
    path(f"{P}format-du-bilan/", views.return_format, name="statsbase_format"),
    path(
        f"{P}bilan-annuel.schema.json", views.return_format_schema, name="statsbase_return_schema"
    ),
    path(f"{P}bilan-annuel-modele.csv", views.return_model_csv, name="statsbase_return_model"),
    path(f"{P}panorama.schema.json", views.panorama_schema, name="statsbase_figure_schema"),
    path(f"{P}<str:key>/", views.region_panorama, name="statsbase_region"),
    path(f"{P}<str:key>/panorama.pdf", views.panorama_pdf, name="statsbase_pdf"),
    path(f"{P}<str:key>/<slug:figure>.csv", views.figure_csv, name="statsbase_figure_csv"),
]
