"""Models of the shared vocabulary: lists that editors manage and several apps point to."""

from django.db import models
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
