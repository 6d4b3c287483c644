"""Admin pages of the clauses app: the CSV import of the labour-share référentiel."""

from core.admin_views import ImportView

from .referential import COLUMNS, LabourShareImporter


class LabourShareImportView(ImportView):
    importer_class = LabourShareImporter
    permission_required = "clauses.add_laboursharerow"
    template_name = "clauses/admin/import.html"
    title = "Importer le référentiel de main-d'œuvre"
    extra_context = {"columns": COLUMNS}
