"""Admin pages of the directory: the import of employers, the review of corrections."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.admin_views import ImportView

from .importer import EmployerImporter
from .models import Correction, CorrectionStatus


class EmployerImportView(ImportView):
    importer_class = EmployerImporter
    permission_required = "directory.add_inclusiveemployer"
    template_name = "directory/admin/import.html"
    title = "Importer des employeurs inclusifs"
    file_label = "Fichier CSV ou JSON (data·inclusion)"
    file_help = "UTF-8 ; CSV à séparateur virgule ou point-virgule, ou JSON data·inclusion."


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
