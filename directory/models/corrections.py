"""Corrections of an entry suggested by visitors, reviewed by the directory managers."""

from django.db import models

from .organisations import Organisation


class CorrectionStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    ACCEPTED = "acceptee", "Acceptée"
    REJECTED = "refusee", "Refusée"


# The fields a visitor may suggest a new value for.
CORRECTABLE_FIELDS = {
    "name": "Nom",
    "address": "Adresse",
    "email": "Courriel générique",
    "phone": "Téléphone du standard",
    "website": "Site internet",
    "description": "Présentation",
}


class Correction(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="corrections"
    )
    field = models.CharField(
        "Information à modifier", max_length=30, choices=list(CORRECTABLE_FIELDS.items())
    )
    proposed_value = models.TextField("Nouvelle valeur proposée")
    comment = models.TextField("Commentaire", blank=True)
    status = models.CharField(
        "Statut", max_length=20, choices=CorrectionStatus.choices, default=CorrectionStatus.PENDING
    )
    created_at = models.DateTimeField("Reçue le", auto_now_add=True)
    reviewed_at = models.DateTimeField("Traitée le", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "signalement de modification"
        verbose_name_plural = "signalements de modification"

    def __str__(self):
        return f"{self.organisation} — {self.get_field_display()}"
