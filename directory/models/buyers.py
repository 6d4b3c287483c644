"""Public buyers: who publishes the upcoming contracts."""

from django.db import models

from core.vocabulary import (
    BuyerKind,
)

from ..validators import validate_siret
from .places import Department


class PublicBuyer(models.Model):
    name = models.CharField("Nom", max_length=255)
    kind = models.CharField("Type", max_length=30, choices=BuyerKind.choices)
    siret = models.CharField(
        "SIRET", max_length=14, unique=True, null=True, blank=True, validators=[validate_siret]
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="buyers", null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "acheteur public"
        verbose_name_plural = "acheteurs publics"

    def __str__(self):
        return self.name
