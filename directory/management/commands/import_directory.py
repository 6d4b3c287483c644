"""Import inclusive employers from a CSV or data·inclusion JSON file (all or nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importer import ImportRefused, import_employers
from directory.management.commands.load_geography import print_progress


class Command(BaseCommand):
    help = "Importe des employeurs inclusifs (CSV ou JSON data·inclusion) : tout ou rien."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Chemin du fichier CSV ou JSON")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            report = import_employers(
                path.read_bytes(), path.name, progress=print_progress(self.stdout, "Employeurs")
            )
        except ImportRefused as refused:
            for line, reason in refused.errors:
                self.stderr.write(f"ligne {line} : {reason}")
            raise CommandError(
                f"Fichier refusé : {len(refused.errors)} erreur(s) sur "
                f"{len({line for line, _ in refused.errors})} ligne(s). Rien n'a été importé."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {report}."))
