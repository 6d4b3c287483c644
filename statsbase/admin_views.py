"""Admin pages of the base: the returns (current and history) of the structures an account may
import for, the import page, and the withdrawal of a return."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.admin_views import ImportView
from core.importing import ImportRefused

from .consolidation import shift
from .importer import ReturnImporter
from .models import AnnualReturn, ReturnStatus
from .roles import importable_structures

ADD = "statsbase.add_annualreturn"


class ReturnImportView(ImportView):
    importer_class = ReturnImporter
    permission_required = ADD
    template_name = "statsbase/admin/import.html"
    title = "Importer un bilan statistique annuel"
    file_label = "Bilan annuel (CSV)"
    file_help = (
        "Une structure, une année, une ligne par chiffre. UTF-8 ou Windows-1252 ; séparateur "
        "virgule, point-virgule ou tabulation."
    )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            report = ReturnImporter(user=self.request.user).run(upload.read(), upload.name)
        except ImportRefused as refused:
            self.refused = refused
            return self.form_invalid(form)
        messages.success(self.request, f"Import terminé : {report}.")
        for warning in report.warnings:
            messages.warning(self.request, f"Variation forte, {warning}.")
        return redirect(reverse("statsbase_returns"))

    def get_context_data(self, **kwargs):
        structures = importable_structures(self.request.user).order_by("name")
        return super().get_context_data(**kwargs) | {
            "structures": structures[:50],
            "structures_count": structures.count(),
        }


@permission_required(ADD, raise_exception=True)
def returns_view(request):
    structures = importable_structures(request.user)
    returns = AnnualReturn.objects.filter(structure__in=structures).select_related(
        "structure", "imported_by", "ended_by"
    )[:300]
    return render(
        request,
        "statsbase/admin/returns.html",
        {"returns": returns, "header_title": "Bilans statistiques annuels"},
    )


@require_POST
@permission_required(ADD, raise_exception=True)
def withdraw_return(request, pk):
    annual = get_object_or_404(AnnualReturn, pk=pk, status=ReturnStatus.CURRENT)
    if not importable_structures(request.user).filter(pk=annual.structure_id).exists():
        raise PermissionDenied
    with transaction.atomic():
        annual.status, annual.ended_at, annual.ended_by = (
            ReturnStatus.WITHDRAWN,
            timezone.now(),
            request.user,
        )
        annual.save(update_fields=["status", "ended_at", "ended_by"])
        shift(annual.department, annual.year, annual.figure_values(), -1)
    messages.success(request, f"Bilan retiré : {annual}. Les panoramas sont recalculés.")
    return redirect(reverse("statsbase_returns"))
