"""Admin hooks of the directory: entries as snippets, the import page and the review of
corrections (their views are in directory/admin_views.py), menu items."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Sector

from .admin_forms import ACTIVITY_EDIT_HANDLER, EMPLOYER_EDIT_HANDLER, FACILITATOR_EDIT_HANDLER
from .admin_views import (
    EmployerImportView,
    EmployerIndexView,
    TextSearchIndexView,
    autocomplete_view,
    corrections_view,
    review_correction,
)
from .models import (
    Activity,
    Correction,
    FacilitatorStructure,
    InclusiveEmployer,
    PublicBuyer,
)


class FacilitatorViewSet(SnippetViewSet):
    model = FacilitatorStructure
    icon = "group"
    menu_label = "Facilitateurs"
    list_display = [
        "name",
        "subkind",
        "department",
        "facilitators_count",
        "last_verified",
        "is_published",
    ]
    list_filter = ["subkind", "is_regional_coordinator", "is_published"]
    index_view_class = TextSearchIndexView
    edit_handler = FACILITATOR_EDIT_HANDLER


class EmployerViewSet(SnippetViewSet):
    model = InclusiveEmployer
    icon = "site"
    menu_label = "Employeurs inclusifs"
    list_display = ["name", "subkind", "siret", "department", "last_synced_at", "is_published"]
    list_filter = ["subkind", "is_published"]
    index_view_class = EmployerIndexView
    edit_handler = EMPLOYER_EDIT_HANDLER


class ActivityViewSet(SnippetViewSet):
    model = Activity
    icon = "pick"
    menu_label = "Activités des employeurs"
    list_display = ["employer", "sector", "scope"]
    list_filter = ["scope", "sector"]
    edit_handler = ACTIVITY_EDIT_HANDLER


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "list-ul"
    menu_label = "Secteurs d'activité"


class BuyerViewSet(SnippetViewSet):
    model = PublicBuyer
    icon = "home"
    menu_label = "Acheteurs publics"
    list_display = ["name", "kind", "department"]


class CorrectionViewSet(SnippetViewSet):
    model = Correction
    icon = "warning"
    menu_label = "Signalements (historique)"
    list_display = ["organisation", "field", "status", "created_at"]
    list_filter = ["status"]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = "Annuaire"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        FacilitatorViewSet,
        EmployerViewSet,
        ActivityViewSet,
        SectorViewSet,
        BuyerViewSet,
        CorrectionViewSet,
    )


register_snippet(DirectoryGroup)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("annuaire/importer/", EmployerImportView.as_view(), name="directory_import"),
        path("annuaire/signalements/", corrections_view, name="directory_corrections"),
        path(
            "annuaire/suggestions/<slug:source>/",
            autocomplete_view,
            name="directory_autocomplete",
        ),
        path(
            "annuaire/signalements/<int:pk>/<str:decision>/",
            review_correction,
            name="directory_review_correction",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return PermissionMenuItem(
        "Importer l'annuaire",
        reverse("directory_import"),
        icon_name="upload",
        order=310,
        permission="directory.add_inclusiveemployer",
    )


@hooks.register("register_admin_menu_item")
def corrections_menu_item():
    return PermissionMenuItem(
        "Signalements à traiter",
        reverse("directory_corrections"),
        icon_name="warning",
        order=311,
        permission="directory.change_correction",
    )
