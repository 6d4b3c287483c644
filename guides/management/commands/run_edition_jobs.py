"""Perform the publications of editions that are due: scheduled ones whose date has come,
immediate ones whose background thread never ran (a restart), stale running ones.

`manage.py publish_scheduled` does the same before Wagtail's own scheduled publications."""

from django.core.management.base import BaseCommand

from guides.publishing import run_due_jobs


class Command(BaseCommand):
    help = "Publie les éditions du guide dont la publication est due (tout ou rien)."

    def handle(self, *args, **options):
        jobs = run_due_jobs()
        for job in jobs:
            self.stdout.write(f"Édition {job.edition.year} : {job.message}")
        if not jobs:
            self.stdout.write("Aucune publication d'édition à effectuer.")
