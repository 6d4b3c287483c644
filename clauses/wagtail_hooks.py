"""Admin: clauses (moderated, revisioned snippets), référentiel rows, and the CSV import view."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import LabourShareImportForm
from .models import LabourShareRow, ModelClause
from .referential import COLUMNS, ImportRefused, import_csv


class ModelClauseViewSet(SnippetViewSet):
    model = ModelClause
    icon = "doc-full"
    menu_label = "Clauses types"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "mechanism", "document", "version_year", "live"]
    list_filter = ["mechanism", "document", "live"]
    search_fields = ["title", "text"]


class LabourShareRowViewSet(SnippetViewSet):
    model = LabourShareRow
    icon = "table"
    menu_label = "Référentiel main-d'œuvre"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["work_type", "category", "year", "share_low", "hourly_cost", "is_published"]
    list_filter = ["year", "category", "illustrative", "is_published"]


register_snippet(ModelClauseViewSet)
register_snippet(LabourShareRowViewSet)


@permission_required("clauses.add_laboursharerow", raise_exception=True)
def import_labour_share(request):
    errors, summary = [], None
    if request.method == "POST":
        form = LabourShareImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                summary = import_csv(form.cleaned_data["text"])
            except ImportRefused as refused:
                errors = refused.errors
            else:
                messages.success(request, f"Import terminé : {summary}")
                return redirect(reverse("clauses_import_labour_share"))
    else:
        form = LabourShareImportForm()
    return render(
        request,
        "clauses/admin/import.html",
        {"form": form, "errors": errors, "columns": COLUMNS, "header_title": "Importer"},
    )


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "referentiel-main-d-oeuvre/import/",
            import_labour_share,
            name="clauses_import_labour_share",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem(
        "Importer le référentiel (CSV)",
        reverse("clauses_import_labour_share"),
        icon_name="upload",
        order=221,
    )
