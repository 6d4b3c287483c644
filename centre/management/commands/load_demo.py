"""Load the demo content of every app, in order. Safe to run again: nothing is duplicated."""

import importlib
import time

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo content has a package `<app>/demo/` whose `load(stdout)` returns a short
# summary.
DEMO_APPS = [
    "centre",
    "guides",
    "clauses",
    "directory",
    "resources",
    "contracts",
    "statsbase",
    "search",
]


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sauf",
            nargs="+",
            default=[],
            choices=DEMO_APPS,
            help="applications dont le contenu de démonstration n'est pas chargé",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        for app in DEMO_APPS:
            if app in options["sauf"]:
                continue
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            self.stdout.write(f"[{app}] chargement…")
            with transaction.atomic():
                summary = module.load(self.stdout)
            self.stdout.write(f"[{app}] {summary}")
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration prêt en {elapsed:.1f} s."))
