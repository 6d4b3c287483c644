"""Upcoming clause-bearing contracts and their lots.

An upcoming contract is a Wagtail snippet, not a page: it is a structured record that the public
list filters on (buyer, sectors, départements, lots, legal basis, dates), that feeds and exports
serialise, and that facilitator accounts may edit only for the buyers of their territory — a rule
on a foreign key that Wagtail's page permissions (which follow the page tree) cannot express.
It still gets everything the guide's pages get: drafts, revisions, locking, scheduled publishing
and the "Validation éditoriale" workflow (assigned to this model in `apps.py`).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.http import urlencode
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from core.vocabulary import ContractKind, LegalMechanism
from search.sources import facet_table

CPV_RE = re.compile(r"^(\d{8})-(\d)$")
CPV_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7)
# Fixed paths under /marches-a-venir/ that a contract's slug may not take.
RESERVED_SLUGS = {"alertes", "flux.atom", "calendrier.ics", "export.json", "export.csv"}
RESERVED_SLUGS |= {"schema.json", "donnees-ouvertes"}


def cpv_check_digit(digits):
    """Check digit of a CPV code (Common Procurement Vocabulary, regulation 213/2008):
    weights 3, 7, 1 repeated over the eight digits, sum modulo 10 (45000000 → 7)."""
    return sum(int(d) * w for d, w in zip(digits, CPV_WEIGHTS, strict=True)) % 10


def validate_cpv(value):
    match = CPV_RE.match(value or "")
    if not match:
        raise ValidationError(
            "Code CPV invalide : 8 chiffres, un tiret et le chiffre de contrôle (ex. : 45000000-7)."
        )
    digits, check = match.groups()
    if cpv_check_digit(digits) != int(check):
        raise ValidationError(
            f"Le chiffre de contrôle ne correspond pas : pour {digits}, il vaut "
            f"{cpv_check_digit(digits)}."
        )


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError("Cet identifiant est réservé à une autre adresse du site.")


class ContractStatus(models.TextChoices):
    PLANNED = "prevu", "Prévu"
    PUBLISHED = "publie", "Avis publié"
    AWARDED = "attribue", "Attribué"
    CANCELLED = "annule", "Annulé"
    UNSUCCESSFUL = "sans_suite", "Sans suite"


# Statuses shown by default: the contract can still be prepared for or answered.
OPEN_STATUSES = (ContractStatus.PLANNED, ContractStatus.PUBLISHED)


class Reservation(models.TextChoices):
    NONE = "", "Non réservé"
    SIAE = "siae", "Réservé aux SIAE"
    DISABILITY = "handicap", "Réservé aux EA et ESAT"


class UpcomingContractQuerySet(models.QuerySet):
    def public(self):
        """What visitors, feeds, exports and alerts may see: the published version only."""
        return self.filter(live=True)


class UpcomingContract(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    title = models.CharField("Objet du marché", max_length=255)
    slug = models.SlugField(
        "Identifiant d'adresse",
        max_length=120,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text="Fin de l'adresse /marches-a-venir/<identifiant>/ : ne plus la changer une fois publiée.",
    )
    buyer = models.ForeignKey(
        "directory.PublicBuyer",
        on_delete=models.PROTECT,
        related_name="upcoming_contracts",
        verbose_name="Acheteur",
    )
    description = models.TextField("Description", blank=True)
    kind = models.CharField("Nature", max_length=20, choices=ContractKind.choices)
    sectors = ParentalManyToManyField(
        "core.Sector", blank=True, related_name="upcoming_contracts", verbose_name="Secteurs"
    )
    cpv_code = models.CharField(
        "Code CPV principal",
        max_length=10,
        blank=True,
        validators=[validate_cpv],
        help_text="Si connu : 8 chiffres, un tiret, le chiffre de contrôle (ex. : 45000000-7).",
    )
    amount_min = models.DecimalField(
        "Montant estimé (€ HT) — bas de la fourchette ou montant",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    amount_max = models.DecimalField(
        "Montant estimé (€ HT) — haut de la fourchette",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Laissez vide si le montant est une valeur unique.",
    )
    legal_mechanism = models.CharField(
        "Levier de la clause sociale",
        max_length=30,
        choices=LegalMechanism.choices,
        default=LegalMechanism.EXECUTION_CONDITION,
    )
    legal_basis = models.ForeignKey(
        "guides.LegalBasis",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="upcoming_contracts",
        verbose_name="Base juridique",
    )
    insertion_hours = models.PositiveIntegerField(
        "Heures d'insertion estimées",
        null=True,
        blank=True,
        help_text="Calculées à partir des quatre valeurs ci-dessous si elles sont remplies et ce champ vide.",
    )
    calc_amount = models.DecimalField(
        "Calcul : montant (€ HT)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    calc_share = models.DecimalField(
        "Calcul : part de main-d'œuvre (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    calc_hourly_cost = models.DecimalField(
        "Calcul : coût horaire (€)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    calc_rate = models.DecimalField(
        "Calcul : taux d'insertion (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    departments = ParentalManyToManyField(
        "directory.Department",
        blank=True,
        related_name="upcoming_contracts",
        verbose_name="Lieu d'exécution (départements)",
    )
    expected_notice_date = models.DateField("Date prévue de l'avis de marché", db_index=True)
    expected_start_date = models.DateField("Début d'exécution prévu", null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField("Durée (mois)", null=True, blank=True)
    facilitator = models.ForeignKey(
        "directory.FacilitatorStructure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="upcoming_contracts",
        verbose_name="Facilitateur à contacter",
    )
    status = models.CharField(
        "Statut", max_length=20, choices=ContractStatus.choices, default=ContractStatus.PLANNED
    )
    notice_url = models.URLField("Lien vers l'avis publié", blank=True)
    is_demo = models.BooleanField("Donnée fictive de démonstration", default=False)
    updated_at = models.DateTimeField("Mis à jour le", auto_now=True)

    objects = UpcomingContractQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("search_context_text"),
        index.FilterField("live"),
    ]

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("buyer"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("cpv_code")]),
        FieldPanel("sectors"),
        FieldRowPanel([FieldPanel("amount_min"), FieldPanel("amount_max")]),
        InlinePanel("lots", heading="Lots", label="Lot"),
        MultiFieldPanel(
            [FieldPanel("legal_mechanism"), FieldPanel("legal_basis")],
            heading="Fondement de la clause sociale",
        ),
        MultiFieldPanel(
            [
                FieldPanel("insertion_hours"),
                FieldRowPanel(
                    [
                        FieldPanel("calc_amount"),
                        FieldPanel("calc_share"),
                        FieldPanel("calc_hourly_cost"),
                        FieldPanel("calc_rate"),
                    ]
                ),
            ],
            heading="Heures d'insertion (calculateur /calculateur/)",
        ),
        FieldPanel("departments"),
        FieldRowPanel(
            [
                FieldPanel("expected_notice_date"),
                FieldPanel("expected_start_date"),
                FieldPanel("duration_months"),
            ]
        ),
        FieldPanel("facilitator"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("notice_url")]),
        FieldPanel("is_demo"),
    ]

    class Meta:
        ordering = ["expected_notice_date", "title"]
        verbose_name = "marché à venir"
        verbose_name_plural = "marchés à venir"
        permissions = [
            ("manage_all_territories", "Peut gérer les marchés à venir de tous les territoires"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/marches-a-venir/{self.slug}/"

    def search_context_text(self):
        """Buyer, kind, sectors and places in words, for the site search."""
        return " ".join(
            [self.buyer.name, self.get_kind_display(), self.get_legal_mechanism_display()]
            + [sector.name for sector in self.sectors.all()]
            + [f"{department.name} {department.code}" for department in self.departments.all()]
        )

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("buyer")
            .prefetch_related("sectors", "departments")
        )

    @classmethod
    def search_public_queryset(cls):
        """What the site search shows: published contracts, with what `search_context_text`
        reads for the scoring (one query per relation for every hit, not one per hit)."""
        return (
            cls.objects.public().select_related("buyer").prefetch_related("sectors", "departments")
        )

    @classmethod
    def search_facets(cls, objects):
        """{pk: (département codes, sector slugs)} for the search page's facets."""
        pks = [obj.pk for obj in objects]
        departments = cls.departments.through.objects.filter(upcomingcontract_id__in=pks)
        sectors = cls.sectors.through.objects.filter(upcomingcontract_id__in=pks)
        return facet_table(
            pks,
            departments.values_list("upcomingcontract_id", "department__code"),
            sectors.values_list("upcomingcontract_id", "sector__slug"),
        )

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_max < self.amount_min
        ):
            errors["amount_max"] = "Le haut de la fourchette est inférieur au bas."
        if (
            self.expected_start_date
            and self.expected_notice_date
            and self.expected_start_date < self.expected_notice_date
        ):
            errors["expected_start_date"] = "Le début d'exécution précède la date de l'avis."
        if self.status == ContractStatus.PUBLISHED and not self.notice_url:
            errors["notice_url"] = "Indiquez le lien vers l'avis publié."
        calc = self.calculator_values()
        if any(v is not None for v in calc) and None in calc:
            errors["calc_amount"] = "Remplissez les quatre valeurs du calcul, ou aucune."
        elif None not in calc and self.insertion_hours is None:
            try:
                self.insertion_hours = int(self.computed_hours())
            except ValueError as error:
                errors["calc_amount"] = f"Calcul impossible : {error}"
        if errors:
            raise ValidationError(errors)

    # -- derived values shown on the pages, feeds and exports --------------------------------

    def calculator_values(self):
        return (self.calc_amount, self.calc_share, self.calc_hourly_cost, self.calc_rate)

    def computed_hours(self):
        from clauses.hours import compute

        amount, share, cost, rate = self.calculator_values()
        return compute(amount, share, cost, rate).insertion_hours

    @property
    def calculator_url(self):
        values = self.calculator_values()
        if None in values:
            return ""
        names = ("montant", "part", "cout_horaire", "taux")
        return "/calculateur/?" + urlencode(
            {name: _plain(value) for name, value in zip(names, values, strict=True)}
        )

    @property
    def is_past_due(self):
        """Still "prévu" although the notice was expected before today: to be confirmed."""
        return (
            self.status == ContractStatus.PLANNED
            and self.expected_notice_date < timezone.localdate()
        )

    @property
    def is_closed(self):
        return self.status not in OPEN_STATUSES

    def reserved_lots(self):
        return [lot for lot in self.lots.all() if lot.reservation]

    def social_considerations(self):
        """Values of the French essential-data field `considerationsSociales` (DECP)."""
        values = []
        mechanism = self.legal_mechanism
        if mechanism in (
            LegalMechanism.EXECUTION_CONDITION,
            LegalMechanism.INSERTION_CONTRACT,
            LegalMechanism.CONCESSION,
            LegalMechanism.AWARD_CRITERION,
        ):
            values.append("Clause sociale")
        if mechanism == LegalMechanism.AWARD_CRITERION:
            values.append("Critère social")
        if mechanism in (LegalMechanism.RESERVED_SIAE, LegalMechanism.RESERVED_DISABILITY) or (
            self.reserved_lots()
        ):
            values.append("Marché réservé")
        return values or ["Clause sociale"]

    # -- Wagtail preview ----------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "contracts/detail.html"

    def get_preview_context(self, request, mode_name):
        return {"contract": self, "is_preview": True}


def _plain(value):
    text = format(value.normalize(), "f")
    return text


class ContractLot(Orderable):
    contract = ParentalKey(UpcomingContract, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField("Numéro")
    title = models.CharField("Intitulé", max_length=255)
    reservation = models.CharField(
        "Réservation", max_length=20, choices=Reservation.choices, blank=True, default=""
    )
    amount = models.DecimalField(
        "Montant estimé (€ HT)", max_digits=14, decimal_places=2, null=True, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("reservation"), FieldPanel("amount")]),
        FieldPanel("title"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "lot"

    def __str__(self):
        return f"Lot {self.number} — {self.title}"
