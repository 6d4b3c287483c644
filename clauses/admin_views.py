"""Admin pages of the clauses app: the CSV import of the labour-share référentiel."""

from core.admin_views import ImportView

from .models import LabourShareRow
from .referential import COLUMNS, REQUIRED, LabourShareImporter, export_csv


class LabourShareImportView(ImportView):
    importer_class = LabourShareImporter
    permission_required = "clauses.add_laboursharerow"
    template_name = "clauses/admin/import.html"
    title = "Importer le référentiel de main-d'œuvre"
    example_filename = "exemple-referentiel-main-d-oeuvre.csv"
    extra_context = {"columns": COLUMNS, "required": REQUIRED}

    def example_csv(self):
        """A few rows of the current référentiel, in the format the import reads back."""
        rows = LabourShareRow.objects.order_by("-year", "category", "work_type")[:3]
        return export_csv(rows)
