"""Facilitator accounts: a user acting for a facilitator structure."""

from django.conf import settings
from django.db import models


class FacilitatorMembership(models.Model):
    """A user account acting for a facilitator structure: it may publish upcoming contracts for
    the buyers whose département the structure covers, and no others."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="facilitator_memberships",
        verbose_name="Compte",
    )
    structure = models.ForeignKey(
        "directory.FacilitatorStructure",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="Structure porteuse",
    )

    class Meta:
        verbose_name = "compte de facilitateur"
        verbose_name_plural = "comptes de facilitateurs"
        constraints = [
            models.UniqueConstraint(fields=["user", "structure"], name="unique_facilitator_member")
        ]

    def __str__(self):
        return f"{self.user} — {self.structure}"
