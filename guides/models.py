"""The yearly guide. This module starts with the managed list of legal bases, which the guide's
paragraphs, the model clauses and the upcoming contracts all cite."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class LegalMechanism(models.TextChoices):
    """The ways a social clause can rest on the procurement rules: one vocabulary for the site."""

    EXECUTION_CONDITION = "condition_execution", "Condition d'exécution"
    AWARD_CRITERION = "critere_attribution", "Critère d'attribution"
    RESERVED_SIAE = "reserve_siae", "Marché ou lot réservé aux SIAE"
    RESERVED_DISABILITY = "reserve_handicap", "Marché ou lot réservé aux EA et ESAT"
    INSERTION_CONTRACT = "marche_insertion", "Marché d'insertion et de qualification"
    CONCESSION = "concession", "Contrat de concession"
    OTHER = "autre", "Autre fondement"


class ReviewStatus(models.TextChoices):
    TO_CHECK = "a_verifier", "À vérifier par le juriste"
    CHECKED = "verifie", "Vérifié"


class LegalBasis(index.Indexed, models.Model):
    """An article (or group of articles) of the Code de la commande publique and what it replaced."""

    slug = models.SlugField("Identifiant d'adresse", max_length=120, unique=True)
    title = models.CharField("Intitulé", max_length=255)
    mechanism = models.CharField(
        "Levier", max_length=30, choices=LegalMechanism.choices, default=LegalMechanism.OTHER
    )
    current_articles = models.CharField(
        "Articles en vigueur",
        max_length=255,
        help_text="Ex. : L. 2112-2 du code de la commande publique",
    )
    former_articles = models.TextField(
        "Anciens articles",
        blank=True,
        help_text="Une ligne par texte : ordonnance 2015-899, décret 2016-360, code des marchés publics 2006…",
    )
    official_url = models.URLField("Lien officiel (Légifrance)", blank=True)
    summary = models.TextField("Ce que permet ce fondement", blank=True)
    review_status = models.CharField(
        "Relecture juridique",
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.TO_CHECK,
        help_text="Les numéros d'articles restent « à vérifier » tant qu'un juriste ne les a pas confirmés.",
    )
    sort_order = models.PositiveIntegerField("Ordre d'affichage", default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("mechanism"),
        FieldPanel("current_articles"),
        FieldPanel("former_articles"),
        FieldPanel("official_url"),
        FieldPanel("summary"),
        FieldPanel("review_status"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("current_articles", boost=2),
        index.SearchField("former_articles"),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.FilterField("mechanism"),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = "Base juridique"
        verbose_name_plural = "Bases juridiques"

    def __str__(self):
        return f"{self.title} ({self.current_articles})"

    def get_absolute_url(self):
        return f"/bases-juridiques/{self.slug}/"
