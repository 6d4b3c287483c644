"""Models of the shared vocabulary: lists that editors manage and several apps point to."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify


class SectorQuerySet(models.QuerySet):
    def named(self, names):
        """The sectors of these names, created if missing (demo content and imports)."""
        return [
            self.get_or_create(name=name, defaults={"slug": slugify(name)[:150]})[0]
            for name in names
        ]


class Sector(models.Model):
    """Managed list of activity sectors: the directory's employers work in them, upcoming
    contracts and good-practice sheets are filed under them, the site search filters on them."""

    name = models.CharField("Nom", max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)

    objects = SectorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "secteur d'activité"
        verbose_name_plural = "secteurs d'activité"

    def __str__(self):
        return self.name


class ImportOutcome(models.TextChoices):
    ACCEPTED = "accepte", "Accepté"
    REFUSED = "refuse", "Refusé"
    FAILED = "echec", "Échec inattendu"


class ImportEvent(models.Model):
    """One attempt to import a file, accepted or refused (core/import_events.py records it):
    the editors' dashboard lists the last ones with their outcome."""

    label = models.CharField("Import", max_length=200)
    channel = models.CharField("Par", max_length=20)  # « écran d'import » or « commande »
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Compte",
    )
    at = models.DateTimeField("Date", default=timezone.now, db_index=True)
    filename = models.CharField("Fichier", max_length=255, blank=True)
    outcome = models.CharField("Résultat", max_length=20, choices=ImportOutcome.choices)
    line_count = models.PositiveIntegerField("Lignes lues", null=True, blank=True)
    summary = models.TextField("Résumé", blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "import de fichier"
        verbose_name_plural = "imports de fichiers"

    def __str__(self):
        return f"{self.label} — {self.filename} ({self.get_outcome_display()})"
