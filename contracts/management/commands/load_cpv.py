"""Load the CPV 2008 codes and their French labels (idempotent)."""

from django.core.management.base import BaseCommand

from contracts import cpv


class Command(BaseCommand):
    help = "Charge la nomenclature CPV 2008 (codes et libellés en français)."

    def handle(self, *args, **options):
        created, updated = cpv.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Nomenclature CPV à jour : {created} code(s) créé(s), {updated} mis à jour."
            )
        )
