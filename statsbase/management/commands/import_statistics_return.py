"""python manage.py import_statistics_return bilan.csv [--compte login]: one yearly return."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from core.importing import ImportCommand

from ...importer import ReturnImporter


class Command(ImportCommand):
    help = "Importe le bilan statistique annuel d'une structure porteuse (CSV, tout ou rien)."
    importer_class = ReturnImporter

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--compte",
            default="",
            help="Importer au nom de ce compte (ses droits s'appliquent ; l'historique le retient).",
        )

    def handle(self, *args, compte="", **options):
        user = None
        if compte:
            user = get_user_model().objects.filter(username=compte).first()
            if user is None:
                raise CommandError(f"Compte inconnu : {compte}")
        self.importer_class = lambda: ReturnImporter(user=user)
        return super().handle(*args, **options)
