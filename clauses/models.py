"""Model clauses and the labour-share référentiel."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from core.vocabulary import ContractCategory, ContractKind, LegalMechanism

from . import placeholders
from .hours import format_number

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))]


class ProcurementDocument(models.TextChoices):
    RC = "rc", "Règlement de la consultation"
    CCAP = "ccap", "Cahier des clauses administratives particulières (CCAP)"
    NOTICE = "avis", "Avis d'appel public à la concurrence"
    AE_ANNEX = "annexe_ae", "Annexe à l'acte d'engagement"
    CHARACTERISATION = "fiche_caracterisation", "Fiche de caractérisation du marché"
    INSERTION_REPORT = "cadre_memoire", "Cadre de mémoire d'insertion"


# --------------------------------------------------------------------------------------------
# Labour-share référentiel
# --------------------------------------------------------------------------------------------


class LabourShareQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class LabourShareRow(index.Indexed, models.Model):
    """One line of the référentiel for one year: a type of work, its labour share and hourly cost."""

    year = models.PositiveSmallIntegerField(
        "Année de validité", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    category = models.CharField("Catégorie", max_length=20, choices=ContractCategory.choices)
    work_type = models.CharField(
        "Type de prestation", max_length=120, help_text="Ex. : gros œuvre, nettoyage, VRD…"
    )
    share_low = models.DecimalField(
        "Part de main-d'œuvre (%)",
        max_digits=5,
        decimal_places=2,
        validators=PERCENT_VALIDATORS,
        help_text="Valeur unique, ou borne basse d'une fourchette.",
    )
    share_high = models.DecimalField(
        "Borne haute (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        help_text="Laisser vide pour une valeur unique.",
    )
    hourly_cost = models.DecimalField(
        "Coût horaire moyen (€)",
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(1000))],
    )
    insertion_rate = models.DecimalField(
        "Taux d'insertion usuel (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        help_text="Taux couramment retenu pour ce type de prestation, s'il est connu.",
    )
    source = models.CharField("Source", max_length=300)
    notes = models.TextField("Notes", blank=True)
    illustrative = models.BooleanField(
        "Valeur illustrative",
        default=False,
        help_text="Cochez si la valeur n'a pas de source publiée (affichée « illustratif »).",
    )
    is_published = models.BooleanField("Publié", default=True)
    sort_order = models.PositiveIntegerField("Ordre", default=0)

    objects = LabourShareQuerySet.as_manager()

    search_fields = [
        index.SearchField("work_type", boost=3),
        index.AutocompleteField("work_type"),
        index.SearchField("get_category_display"),
        index.SearchField("notes"),
        index.FilterField("year"),
        index.FilterField("is_published"),
    ]

    panels = [
        FieldPanel("year"),
        FieldPanel("category"),
        FieldPanel("work_type"),
        MultiFieldPanel(
            [
                FieldPanel("share_low"),
                FieldPanel("share_high"),
                FieldPanel("hourly_cost"),
                FieldPanel("insertion_rate"),
            ],
            heading="Valeurs",
        ),
        FieldPanel("source"),
        FieldPanel("notes"),
        FieldPanel("illustrative"),
        FieldPanel("is_published"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["-year", "category", "sort_order", "work_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "category", "work_type"], name="labour_share_unique_per_year"
            )
        ]
        verbose_name = "Ligne du référentiel de main-d'œuvre"
        verbose_name_plural = "Référentiel de main-d'œuvre"

    def __str__(self):
        return f"{self.year} — {self.get_category_display()} — {self.work_type}"

    def clean(self):
        if self.share_high is not None and self.share_low is not None:
            if self.share_high < self.share_low:
                raise ValidationError(
                    {"share_high": "La borne haute doit être supérieure à la borne basse."}
                )
            if self.share_high == self.share_low:
                self.share_high = None

    @property
    def key(self):
        return (self.category, self.work_type.strip().lower())

    # Site search: only the référentiel in force is searched, each row linking to its line.
    @classmethod
    def search_public_queryset(cls):
        from .queries import current_year

        return cls.objects.published().filter(year=current_year() or 0)

    @property
    def search_title(self):
        return f"{self.work_type} — part de main-d'œuvre ({self.get_category_display().lower()})"

    def search_url(self):
        return f"{reverse('clauses:labour_share')}#ligne-{self.pk}"

    def search_excerpt(self):
        share = format_number(self.share_low)
        if self.is_range:
            share += f" à {format_number(self.share_high)}"
        return (
            f"Part de main-d'œuvre : {share} % ; coût horaire moyen : "
            f"{format_number(self.hourly_cost, 2)} € (référentiel {self.year}). {self.notes}"
        )

    @property
    def is_range(self):
        return self.share_high is not None and self.share_high != self.share_low

    @property
    def share(self):
        """The value the calculator uses: the single value, or the middle of the range."""
        if self.is_range:
            return ((self.share_low + self.share_high) / 2).quantize(Decimal("0.01"))
        return self.share_low

    def same_values(self, other):
        return (
            other is not None
            and self.share_low == other.share_low
            and (self.share_high or None) == (other.share_high or None)
            and self.hourly_cost == other.hourly_cost
            and (self.insertion_rate or None) == (other.insertion_rate or None)
        )


# --------------------------------------------------------------------------------------------
# Model clauses
# --------------------------------------------------------------------------------------------


class ModelClauseQuerySet(models.QuerySet):
    def public(self):
        """Only clauses whose published version is live: drafts never reach visitors."""
        return self.filter(live=True)


def validate_guide_links(value):
    bad = [
        line
        for line in value.splitlines()
        if line.strip() and not line.strip().split()[0].startswith("/guide/")
    ]
    if bad:
        raise ValidationError(
            "Chaque ligne doit commencer par une adresse du guide (/guide/…) : "
            + " ; ".join(bad[:3])
        )


class ModelClause(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A clause template buyers copy into their procurement documents."""

    title = models.CharField("Titre", max_length=255)
    slug = models.SlugField("Identifiant d'adresse", max_length=120, unique=True)
    summary = models.CharField("Résumé", max_length=300, blank=True)
    mechanism = models.CharField("Levier juridique", max_length=30, choices=LegalMechanism.choices)
    legal_basis = models.ForeignKey(
        "guides.LegalBasis",
        verbose_name="Base juridique",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="model_clauses",
    )
    document = models.CharField(
        "Pièce du marché", max_length=30, choices=ProcurementDocument.choices
    )
    for_works = models.BooleanField("Travaux", default=False)
    for_services = models.BooleanField("Services", default=False)
    for_supplies = models.BooleanField("Fournitures", default=False)
    for_concession = models.BooleanField("Concession", default=False)
    text = models.TextField(
        "Texte de la clause",
        help_text=(
            "Paragraphes séparés par une ligne vide. Champs à compléter entre accolades : "
            + ", ".join("{" + name + "}" for name in placeholders.PLACEHOLDERS)
        ),
        validators=[placeholders.validate_template],
    )
    guidance = models.TextField(
        "Notes de rédaction", blank=True, help_text="Paragraphes séparés par une ligne vide."
    )
    version_year = models.PositiveSmallIntegerField(
        "Année de la version", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    guide_links = models.TextField(
        "Paragraphes du guide qui la justifient",
        blank=True,
        help_text="Une adresse par ligne, suivie éventuellement d'un libellé : "
        "/guide/2026/calcul-des-heures/#p-12 Calcul des heures",
        validators=[validate_guide_links],
    )
    sort_order = models.PositiveIntegerField("Ordre", default=0)

    objects = ModelClauseQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("mechanism"), FieldPanel("legal_basis"), FieldPanel("document")],
            heading="Fondement et pièce",
        ),
        MultiFieldPanel(
            [
                FieldPanel("for_works"),
                FieldPanel("for_services"),
                FieldPanel("for_supplies"),
                FieldPanel("for_concession"),
            ],
            heading="Marchés concernés",
        ),
        FieldPanel("text"),
        FieldPanel("guidance"),
        FieldPanel("version_year"),
        FieldPanel("guide_links"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary"),
        index.SearchField("text"),
        index.SearchField("guidance"),
        index.SearchField("get_document_display"),  # "CCAP", "règlement de la consultation"…
        index.AutocompleteField("title"),
        index.FilterField("mechanism"),
        index.FilterField("document"),
        index.FilterField("live"),
    ]

    KIND_FIELDS = {
        ContractKind.WORKS: "for_works",
        ContractKind.SERVICES: "for_services",
        ContractKind.SUPPLIES: "for_supplies",
        ContractKind.CONCESSION: "for_concession",
    }

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = "Clause type"
        verbose_name_plural = "Clauses types"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("clauses:clause_detail", args=[self.slug])

    def get_preview_template(self, request, mode_name):
        return "clauses/clause_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import clause_context

        return clause_context(request, self)

    @property
    def contract_kinds(self):
        return [kind for kind, name in self.KIND_FIELDS.items() if getattr(self, name)]

    @property
    def contract_kind_labels(self):
        return [kind.label for kind in self.contract_kinds]

    @property
    def guide_link_list(self):
        links = []
        for line in self.guide_links.splitlines():
            parts = line.strip().split(maxsplit=1)
            if parts:
                links.append({"url": parts[0], "label": parts[1] if len(parts) > 1 else parts[0]})
        return links

    @property
    def paragraphs(self):
        return placeholders.paragraphs(self.text)

    @property
    def guidance_paragraphs(self):
        return [p for p in (part.strip() for part in self.guidance.split("\n\n")) if p]
