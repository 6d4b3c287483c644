"""Import inclusive employers from a CSV or data·inclusion JSON file (all or nothing)."""

from core.importing import ImportCommand
from directory.importer import EmployerImporter


class Command(ImportCommand):
    importer_class = EmployerImporter
    help = "Importe des employeurs inclusifs (CSV ou JSON data·inclusion) : tout ou rien."
