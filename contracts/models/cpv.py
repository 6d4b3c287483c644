"""The EU Common Procurement Vocabulary (CPV 2008, Regulation (EC) No 213/2008), French labels:
what a code such as 90910000-9 means ("Services de nettoyage"). Loaded by `manage.py load_cpv`
from contracts/data/cpv_2008_fr.csv (see contracts/cpv.py)."""

from django.db import models


class CpvCode(models.Model):
    code = models.CharField("Code CPV", max_length=10, primary_key=True)  # "90910000-9"
    label = models.CharField("Libellé", max_length=300)

    class Meta:
        verbose_name = "Code CPV"
        verbose_name_plural = "Codes CPV"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.label}"
