"""Thresholds of the "levier" tool, editable by editors."""

from django.db import models
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cogs")
class LeverThresholds(BaseGenericSetting):
    reserved_min_employers = models.PositiveIntegerField(
        "Nombre minimal de structures pour réserver un marché ou un lot",
        default=3,
        help_text="En dessous, la mise en concurrence entre structures éligibles risque d'échouer.",
    )
    award_criterion_min_amount = models.PositiveIntegerField(
        "Montant (€ HT) à partir duquel proposer un critère d'attribution social", default=90_000
    )
    execution_clause_min_amount = models.PositiveIntegerField(
        "Montant (€ HT) à partir duquel proposer une clause d'exécution avec heures d'insertion",
        default=40_000,
    )

    class Meta:
        verbose_name = "seuils de l'outil « Quel levier pour mon achat ? »"
