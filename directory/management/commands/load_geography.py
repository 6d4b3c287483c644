"""Load régions, départements, communes and postal codes from the npm package (idempotent)."""

from django.core.management.base import BaseCommand

from core.progress import Progress
from directory import geography


class Command(BaseCommand):
    help = "Charge le référentiel géographique (régions, départements, communes, codes postaux)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--departements",
            help="Ne charger les communes que de ces départements (codes séparés par des virgules).",
        )

    def handle(self, *args, **options):
        only = None
        if options.get("departements"):
            only = [
                code.strip().upper() for code in options["departements"].split(",") if code.strip()
            ]
        summary = geography.load(only, progress=Progress(self.stdout, "Communes"))
        for kind, counts in summary.items():
            self.stdout.write(
                f"{kind} : {counts['created']} créé(s), {counts['updated']} mis à jour, "
                f"{counts['unchanged']} inchangé(s)"
            )
        self.stdout.write(self.style.SUCCESS("Référentiel géographique à jour."))
