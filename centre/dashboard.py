"""The editors' dashboard beyond the guide: corrections of the directory waiting for a decision,
and the last imports with their outcome. (The guide's panel lives in guides/dashboard.py.)

Every import attempt is recorded, refused files included (core/import_events.py): the panel
lists the last ones, then what the imported rows tell — the last synchronisation of the
employers by source, the years of the référentiel — with the links to the import screens.
"""

from django.db.models import Count, Max
from django.urls import reverse

from clauses.models import LabourShareRow
from core import roles
from core.dashboard import UserPanel
from core.models import ImportEvent
from directory.models import Correction, CorrectionStatus, InclusiveEmployer

RECENT_CORRECTIONS = 5
RECENT_IMPORTS = 8


class CorrectionsPanel(UserPanel):
    name = "directory_corrections"
    template_name = "centre/admin/dashboard_corrections.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pending = Correction.objects.filter(status=CorrectionStatus.PENDING)
        context["pending_count"] = pending.count()
        context["pending"] = pending.select_related("organisation")[:RECENT_CORRECTIONS]
        context["review_url"] = reverse("directory_corrections")
        return context


class ImportsPanel(UserPanel):
    name = "last_imports"
    template_name = "centre/admin/dashboard_imports.html"
    order = 70

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["events"] = visible_import_events(self.user).select_related("user")[:RECENT_IMPORTS]
        context["employer_sources"] = (
            InclusiveEmployer.objects.exclude(last_synced_at=None)
            .values("source")
            .annotate(count=Count("pk"), last=Max("last_synced_at"))
            .order_by("-last")[:5]
        )
        context["labour_years"] = (
            LabourShareRow.objects.values("year").annotate(count=Count("pk")).order_by("-year")[:3]
        )
        context["can_import_employers"] = self.user.has_perm("directory.add_inclusiveemployer")
        context["can_import_labour"] = self.user.has_perm("clauses.add_laboursharerow")
        return context


def visible_import_events(user):
    """The editorial team sees every import; another account (a facilitator structure importing
    its statistics return) sees its own."""
    events = ImportEvent.objects.all()
    if user.is_superuser or user.groups.filter(name__in=[roles.EDITORS, roles.VALIDATORS]).exists():
        return events
    return events.filter(user=user)


def editor_panels(user):
    panels = [ImportsPanel(user)]
    if user.has_perm("directory.change_correction"):
        panels.insert(0, CorrectionsPanel(user))
    return panels
