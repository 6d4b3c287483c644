"""Send the daily digest of upcoming contracts to confirmed subscribers.

Cron-ready: run it once a day (e.g. `15 7 * * * manage.py send_contract_alerts`). Running it
again the same day sends nothing more. Prints a one-line summary; exits with an error status if
some messages could not be sent (they are retried on the next run).
"""

from django.core.management.base import BaseCommand, CommandError

from contracts.digest import send_digests


class Command(BaseCommand):
    help = "Envoie le résumé quotidien des marchés à venir aux abonnés confirmés (idempotent par jour)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="Adresse du site pour les liens des messages (par défaut : SITE_URL).",
        )

    def handle(self, *args, **options):
        report = send_digests(base_url=options["base_url"])
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError("Envois en échec : " + " ; ".join(report.errors[:3]))
