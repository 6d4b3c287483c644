"""Build the PDF of an edition (and of each of its chapters), showing progress.

manage.py guide_pdf               # the edition in force
manage.py guide_pdf --annee 2025  # one edition
manage.py guide_pdf --toutes      # every published edition
manage.py guide_pdf --force       # rebuild even when the cached file is up to date
"""

import time

from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress, format_duration
from guides import content
from guides.pdf import pdf_path, regenerate


class Command(BaseCommand):
    help = "Génère le PDF d'une édition du guide et de ses chapitres (avec progression)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--annee", type=int, help="Année de l'édition (par défaut : en vigueur)"
        )
        parser.add_argument("--toutes", action="store_true", help="Toutes les éditions publiées")
        parser.add_argument(
            "--force", action="store_true", help="Régénérer même si le cache est à jour"
        )

    def handle(self, *args, **options):
        if options["toutes"]:
            editions = list(content.public_editions())
        elif options["annee"]:
            edition = content.public_edition(options["annee"])
            if edition is None:
                raise CommandError(f"Aucune édition {options['annee']} publiée.")
            editions = [edition]
        else:
            edition = content.edition_in_force()
            if edition is None:
                raise CommandError("Aucune édition en vigueur.")
            editions = [edition]

        for edition in editions:
            started = time.monotonic()
            self.stdout.write(f"Édition {edition.year} :")
            progress = Progress(self.stdout, "Chapitres mis en page", every_seconds=5)
            built = regenerate(edition, progress=progress, force=options["force"])
            elapsed = format_duration(time.monotonic() - started)
            if built:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"  {len(built)} fichier(s) PDF généré(s) en {elapsed} : {pdf_path(edition)}"
                    )
                )
            else:
                self.stdout.write(f"  Déjà à jour : {pdf_path(edition)}")
