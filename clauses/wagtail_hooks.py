"""Admin hooks: clauses (moderated, revisioned snippets), référentiel rows, the CSV import page
(clauses/admin_views.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_views import (
    FrenchAddLabelMixin,
    PermissionMenuItem,
    with_slug_from_title,
    yes_no_column,
)

from .admin_views import LabourShareImportView
from .models import LabourShareRow, ModelClause


class ModelClauseViewSet(FrenchAddLabelMixin, SnippetViewSet):
    model = ModelClause
    icon = "doc-full"
    menu_label = "Clauses types"
    menu_order = 210
    add_to_admin_menu = True
    add_item_label = "Ajouter une clause type"
    panels = with_slug_from_title(ModelClause.panels)
    list_display = [
        "title",
        "mechanism",
        "document",
        "version_year",
        yes_no_column("live", "Publiée"),
    ]
    list_filter = ["mechanism", "document", "live"]
    search_fields = ["title", "text"]
    # Substring search in the database: the search index only answers on autocomplete fields.
    search_backend_name = None


class LabourShareRowViewSet(FrenchAddLabelMixin, SnippetViewSet):
    model = LabourShareRow
    icon = "table"
    menu_label = "Référentiel main-d'œuvre"
    menu_order = 220
    add_to_admin_menu = True
    add_item_label = "Ajouter une ligne au référentiel"
    list_display = [
        "work_type",
        "category",
        "year",
        "share_low",
        "hourly_cost",
        yes_no_column("is_published", "Publiée"),
    ]
    list_filter = ["year", "category", "illustrative", "is_published"]


register_snippet(ModelClauseViewSet)
register_snippet(LabourShareRowViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "referentiel-main-d-oeuvre/import/",
            LabourShareImportView.as_view(),
            name="clauses_import_labour_share",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        "Importer le référentiel (CSV)",
        reverse("clauses_import_labour_share"),
        icon_name="upload",
        order=221,
        permission=LabourShareImportView.permission_required,
    )
