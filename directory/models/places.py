"""Geography of the directory: régions, départements, communes and postal codes (official INSEE codes)."""

from django.db import models


class Region(models.Model):
    code = models.CharField("Code INSEE", max_length=3, unique=True)
    name = models.CharField("Nom", max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = "région"

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField("Code INSEE", max_length=3, unique=True)
    name = models.CharField("Nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    neighbours = models.ManyToManyField("self", blank=True, verbose_name="Départements voisins")

    class Meta:
        ordering = ["code"]
        verbose_name = "département"

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_overseas(self):
        return len(self.code) == 3


class Commune(models.Model):
    code = models.CharField("Code INSEE", max_length=5, unique=True)
    name = models.CharField("Nom", max_length=150)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    population = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "commune"

    def __str__(self):
        return f"{self.name} ({self.department.code})"


class PostalCode(models.Model):
    code = models.CharField("Code postal", max_length=5, db_index=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postal_codes")

    class Meta:
        verbose_name = "code postal"
        constraints = [
            models.UniqueConstraint(fields=["code", "commune"], name="unique_postal_code_commune")
        ]

    def __str__(self):
        return self.code
