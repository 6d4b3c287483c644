"""Yearly returns of the facilitator structures (aggregated figures only, never a person),
their history, and the consolidated figures published by territory."""

from django.conf import settings
from django.db import models


class ReturnStatus(models.TextChoices):
    CURRENT = "en_vigueur", "En vigueur"
    REPLACED = "remplace", "Remplacé par un nouvel import"
    WITHDRAWN = "retire", "Retiré"


class AnnualReturn(models.Model):
    """One structure's results for one year, as one imported file. A re-import replaces the
    current return but keeps it, with who imported it, when and from which file."""

    structure = models.ForeignKey(
        "directory.FacilitatorStructure",
        on_delete=models.PROTECT,
        related_name="statistics_returns",
        verbose_name="Structure porteuse",
    )
    year = models.PositiveSmallIntegerField("Année")
    # The structure's département when the return was imported: consolidations stay stable.
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Département",
    )
    status = models.CharField(
        "État", max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.CURRENT
    )
    filename = models.CharField("Fichier", max_length=255, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Importé par",
    )
    imported_at = models.DateTimeField("Importé le", auto_now_add=True)
    ended_at = models.DateTimeField("Remplacé ou retiré le", null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Remplacé ou retiré par",
    )
    warnings = models.TextField("Avertissements à l'import", blank=True)
    is_demo = models.BooleanField("Donnée fictive de démonstration", default=False)

    class Meta:
        ordering = ["-year", "structure__name", "-imported_at"]
        verbose_name = "bilan statistique annuel"
        verbose_name_plural = "bilans statistiques annuels"
        permissions = [("import_any_return", "Importer les bilans de toutes les structures")]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "year"],
                condition=models.Q(status="en_vigueur"),
                name="one_current_return_per_structure_year",
            )
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self):
        return f"{self.structure} — {self.year}"

    def figure_values(self):
        """{(dimension, category): value} of this return."""
        return {(d, c): v for d, c, v in self.figures.values_list("dimension", "category", "value")}


class ReturnFigure(models.Model):
    annual_return = models.ForeignKey(
        AnnualReturn, on_delete=models.CASCADE, related_name="figures"
    )
    dimension = models.CharField(max_length=40)
    category = models.CharField(max_length=80)
    value = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["annual_return", "dimension", "category"], name="one_figure_per_cell"
            )
        ]

    def __str__(self):
        return f"{self.dimension} / {self.category} : {self.value}"


class Level(models.TextChoices):
    NATIONAL = "national", "France entière"
    REGION = "region", "Région"
    DEPARTMENT = "departement", "Département"


NATIONAL_CODE = "FR"


class Aggregate(models.Model):
    """A consolidated cell: the sum over the territory's current returns of one year, how many
    structures contributed a non-zero value, and whether confidentiality hides it."""

    level = models.CharField(max_length=12, choices=Level.choices)
    code = models.CharField(max_length=3)  # INSEE code, FR for France
    year = models.PositiveSmallIntegerField()
    dimension = models.CharField(max_length=40)
    category = models.CharField(max_length=80)
    value = models.PositiveBigIntegerField()
    structures = models.PositiveIntegerField()
    suppressed = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["level", "code", "dimension"])]

    def __str__(self):
        return f"{self.code} {self.year} {self.dimension} / {self.category}"


class Coverage(models.Model):
    """How many structures of a territory sent a current return for a year."""

    level = models.CharField(max_length=12, choices=Level.choices)
    code = models.CharField(max_length=3)
    year = models.PositiveSmallIntegerField()
    structures = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "code", "year"], name="one_coverage_per_year")
        ]

    def __str__(self):
        return f"{self.code} {self.year} : {self.structures}"
