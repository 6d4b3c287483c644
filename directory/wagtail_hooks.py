"""Admin of the directory: entries as snippets, the import upload, the review of corrections."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Sector

from .importer import MAX_FILE_BYTES, ImportRefused, import_employers
from .models import (
    Activity,
    Correction,
    CorrectionStatus,
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
    search_fields = ["name"]


class EmployerViewSet(SnippetViewSet):
    model = InclusiveEmployer
    icon = "site"
    menu_label = "Employeurs inclusifs"
    list_display = ["name", "subkind", "siret", "department", "last_synced_at", "is_published"]
    list_filter = ["subkind", "is_published"]
    search_fields = ["name", "siret"]


class ActivityViewSet(SnippetViewSet):
    model = Activity
    icon = "pick"
    menu_label = "Activités des employeurs"
    list_display = ["employer", "sector", "scope"]
    list_filter = ["scope", "sector"]


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


class ImportForm(forms.Form):
    file = forms.FileField(label="Fichier CSV ou JSON (data·inclusion)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("Fichier trop volumineux (50 Mo au plus).")
        return upload


@permission_required("directory.add_inclusiveemployer", raise_exception=True)
def import_view(request):
    errors = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = import_employers(upload.read(), upload.name)
            except ImportRefused as refused:
                errors = refused.errors
            else:
                messages.success(request, f"Import terminé : {report}.")
                return redirect(reverse("directory_import"))
    else:
        form = ImportForm()
    return render(
        request,
        "directory/admin/import.html",
        {"form": form, "errors": errors, "header_title": "Importer des employeurs inclusifs"},
    )


@permission_required("directory.change_correction", raise_exception=True)
def corrections_view(request):
    pending = Correction.objects.filter(status=CorrectionStatus.PENDING).select_related(
        "organisation"
    )
    rows = [
        (correction, getattr(correction.organisation, correction.field, ""))
        for correction in pending
    ]
    return render(
        request,
        "directory/admin/corrections.html",
        {"rows": rows, "header_title": "Signalements à traiter"},
    )


@require_POST
@permission_required("directory.change_correction", raise_exception=True)
def review_correction(request, pk, decision):
    if decision not in ("accepter", "refuser"):
        raise Http404
    correction = get_object_or_404(Correction, pk=pk, status=CorrectionStatus.PENDING)
    with transaction.atomic():
        if decision == "accepter":
            organisation = correction.organisation.specific
            setattr(organisation, correction.field, correction.proposed_value)
            try:
                organisation.full_clean(exclude=["slug", "siret"])
            except Exception as error:  # noqa: BLE001 - shown to the manager, nothing saved
                messages.error(request, f"Valeur refusée par le contrôle : {error}")
                return redirect(reverse("directory_corrections"))
            organisation.save()
            correction.status = CorrectionStatus.ACCEPTED
            messages.success(request, f"Modification appliquée à « {organisation.name} ».")
        else:
            correction.status = CorrectionStatus.REJECTED
            messages.success(request, "Signalement refusé : la fiche n'a pas changé.")
        correction.reviewed_at = timezone.now()
        correction.save()
    return redirect(reverse("directory_corrections"))


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("annuaire/importer/", import_view, name="directory_import"),
        path("annuaire/signalements/", corrections_view, name="directory_corrections"),
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
