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

    @property
    def is_collectivity(self):
        """Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin: collectivités d'outre-mer."""
        from ..geography import COLLECTIVITY_CODES

        return self.code in COLLECTIVITY_CODES

    @property
    def name_with_article(self):
        """ "de la Gironde", "du Nord", "de l'Ain", "des Landes"."""
        from ..geography import with_article

        return with_article(self)


class Commune(models.Model):
    code = models.CharField("Code INSEE", max_length=5, unique=True)
    name = models.CharField("Nom", max_length=150)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    population = models.PositiveIntegerField(null=True, blank=True)
    # The name as visitors type it (see geography.name_key): the lookup by name reads it.
    name_key = models.CharField(max_length=150, db_index=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "commune"

    def __str__(self):
        return f"{self.name} ({self.department.code})"

    def save(self, *args, **kwargs):
        from ..geography import name_key

        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class Epci(models.Model):
    """An intercommunalité à fiscalité propre (métropole, communauté urbaine, d'agglomération,
    de communes): a shorthand for its communes when a facilitator's territory is entered."""

    code = models.CharField("SIREN", max_length=9, unique=True)
    name = models.CharField("Nom", max_length=200)
    kind = models.CharField("Type", max_length=10, blank=True)
    communes = models.ManyToManyField(Commune, related_name="epcis", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "intercommunalité (EPCI)"
        verbose_name_plural = "intercommunalités (EPCI)"

    def __str__(self):
        return self.name


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
