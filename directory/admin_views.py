"""Admin pages of the directory: the import of employers, the review of corrections."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.snippets.views.snippets import IndexView

from core.admin_views import ImportView
from core.filters import text_condition
from core.text import clean_query

from . import geography
from .importer import EmployerImporter
from .models import Correction, CorrectionStatus, Department, Epci

AUTOCOMPLETE_LIMIT = 20


class EmployerImportView(ImportView):
    importer_class = EmployerImporter
    permission_required = "directory.add_inclusiveemployer"
    template_name = "directory/admin/import.html"
    title = "Importer des employeurs inclusifs"
    file_label = "Fichier CSV ou JSON (data·inclusion)"
    file_help = "UTF-8 ; CSV à séparateur virgule ou point-virgule, ou JSON data·inclusion."


class TextSearchIndexView(IndexView):
    """The listing's `?q=` with the directory's own text filter (every word, accents and case
    ignored) instead of the search backend, whose field restriction fails on these
    multi-table models (SQLite: "no such column: name")."""

    def search_queryset(self, queryset):
        text = clean_query(self.search_query or "", 200)
        if not text:
            return queryset
        return queryset.filter(text_condition(text, self.text_fields, self.exact_fields))

    text_fields = ("name", "commune__name", "department__name", "department__code")
    exact_fields = ()


class EmployerIndexView(TextSearchIndexView):
    exact_fields = ("siret",)


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


def autocomplete_view(request, source):
    """Suggestions for the admin's autocomplete widgets (staff only: an admin URL), as
    {"results": [{"id", "label"}]}: communes by name, postal or INSEE code; EPCI by name;
    départements by name or code."""
    text = clean_query(request.GET.get("q", ""), 100)
    if source == "communes":
        communes, _ = geography.find_communes(text, AUTOCOMPLETE_LIMIT)
        results = [(c.pk, f"{c.name} ({c.department.code})") for c in communes]
    elif source == "epci":
        epcis = Epci.objects.filter(text_condition(text, ("name",))) if text else []
        results = [(e.pk, e.name) for e in epcis[:AUTOCOMPLETE_LIMIT]]
    elif source == "departements":
        code = geography.normalise_department_code(text)
        departments = Department.objects.filter(
            Q(code=code) | text_condition(text, ("name",))
        ).order_by("code")
        results = [(d.pk, str(d)) for d in departments[:AUTOCOMPLETE_LIMIT]] if text else []
    else:
        raise Http404
    return JsonResponse({"results": [{"id": pk, "label": label} for pk, label in results]})
