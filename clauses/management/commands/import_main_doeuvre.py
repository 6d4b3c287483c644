"""Import the labour-share référentiel from a CSV file, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clauses.referential import COLUMNS, ImportRefused, import_csv


class Command(BaseCommand):
    help = (
        "Importe le référentiel de main-d'œuvre depuis un fichier CSV (colonnes : "
        + ", ".join(COLUMNS)
        + "). Tout ou rien : un fichier avec une seule ligne fautive est refusé entièrement."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Chemin du fichier CSV (UTF-8, séparateur , ou ;)")

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(
                "Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 »."
            ) from error
        self.stdout.write(f"Vérification de {file.name}…")
        step = 1

        def progress(index, total, line):
            nonlocal step
            if index == total or index >= step:
                self.stdout.write(f"  {index}/{total} lignes écrites")
                step = index + max(1, total // 10)

        try:
            summary = import_csv(text, progress=progress)
        except ImportRefused as refused:
            self.stderr.write(
                f"Fichier refusé : {len(refused.errors)} ligne(s) en erreur, rien n'a été écrit."
            )
            for line, message in refused.errors:
                self.stderr.write(f"  ligne {line} : {message}")
            raise CommandError("Import annulé.") from refused
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {summary}"))
