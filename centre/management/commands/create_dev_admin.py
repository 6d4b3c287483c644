"""A local administrator account for development. Refuses to run with DEBUG off."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin-clauses-dev"  # noqa: S105 - a local account; the command refuses DEBUG off


class Command(BaseCommand):
    help = "Crée le compte administrateur local de développement (jamais en production)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Compte de développement refusé : DEBUG est désactivé.")
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@localhost"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        verb = "créé" if created else "réinitialisé"
        self.stdout.write(
            f"Compte administrateur de développement {verb} : "
            f"identifiant « {USERNAME} », mot de passe « {PASSWORD} » (développement uniquement)."
        )
