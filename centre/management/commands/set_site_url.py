"""Point the site (the default Wagtail Site record) at its public address: the base of every
absolute URL (core/links.py). `make run` passes the address it serves."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.links import set_site_url


class Command(BaseCommand):
    help = "Fixe l'adresse publique du site (base des adresses absolues) ; par défaut SITE_URL."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="ex. : http://127.0.0.1:8080")

    def handle(self, *args, url=None, **options):
        try:
            root = set_site_url(url or settings.SITE_URL)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not root:
            raise CommandError("Aucun site par défaut : lancez d'abord `manage.py migrate`.")
        self.stdout.write(self.style.SUCCESS(f"Adresse du site : {root}"))
