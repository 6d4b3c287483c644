"""Load régions, départements, communes and postal codes from the npm package (idempotent)."""

from django.core.management.base import BaseCommand

from directory import geography


def print_progress(stream, label):
    def progress(done, total):
        width = 30
        filled = int(width * done / total) if total else width
        stream.write(
            f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=""
        )
        if done == total:
            stream.write("")

    return progress


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
        summary = geography.load(only, progress=print_progress(self.stdout, "Communes"))
        for kind, counts in summary.items():
            self.stdout.write(
                f"{kind} : {counts['created']} créé(s), {counts['updated']} mis à jour, "
                f"{counts['unchanged']} inchangé(s)"
            )
        self.stdout.write(self.style.SUCCESS("Référentiel géographique à jour."))
