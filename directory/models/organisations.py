"""Organisations of the directory: facilitator structures and inclusive employers, with the sectors and territories they work in."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import slugify
from wagtail.search import index

from core import vocabulary as kinds
from core.models import Sector
from core.vocabulary import (
    SUBKIND_CHOICES,
    ActivityScope,
    EmployerKind,
    FacilitatorHost,
    Headcount,
    OrganisationKind,
)
from search.sources import facet_table

from ..validators import validate_siret
from .places import Commune, Department, Region


class PublishedQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)


class Organisation(index.Indexed, models.Model):
    """What facilitator structures and inclusive employers share: one search, one detail URL."""

    kind = models.CharField("Type", max_length=20, choices=OrganisationKind.choices, editable=False)
    subkind = models.CharField("Catégorie", max_length=20, choices=SUBKIND_CHOICES)
    name = models.CharField("Nom", max_length=255)
    slug = models.SlugField("Identifiant d'adresse", max_length=255, unique=True, blank=True)
    address = models.CharField("Adresse", max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name="Département",
    )
    description = models.TextField("Présentation", blank=True)
    email = models.EmailField("Courriel générique", blank=True)
    phone = models.CharField("Téléphone du standard", max_length=30, blank=True)
    website = models.URLField("Site internet", blank=True)
    is_published = models.BooleanField("Publiée", default=True)
    is_demo = models.BooleanField("Donnée fictive de démonstration", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    # Site search: the kind is indexed in words ("Entreprise d'insertion (EI)") and the place
    # by name and code, so that "ETTI Gironde" or "insertion 33" find the entry.
    search_fields = [
        index.SearchField("name", boost=4),
        index.AutocompleteField("name"),
        index.SearchField("search_kind_text", boost=2),
        index.SearchField("search_place_text"),
        index.SearchField("description"),
        index.FilterField("is_published"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        indexes = [models.Index(fields=["kind", "subkind"]), models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, self.department.code if self.department_id else "")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"/annuaire/{self.slug}/"

    def search_kind_text(self):
        label = kinds.SUBKIND_LABELS.get(self.subkind, "")
        if self.kind == OrganisationKind.FACILITATOR:
            return f"Structure porteuse de facilitateurs de la clause sociale : {label}"
        return f"Employeur inclusif : {label}"

    def search_place_text(self):
        commune = self.commune.name if self.commune_id else ""
        return f"{commune} {self.department.name} {self.department.code}"

    def search_excerpt(self):
        kind = kinds.SUBKIND_LABELS.get(self.subkind, "")
        commune = f"{self.commune.name}, " if self.commune_id else ""
        place = f"{commune}{self.department.name} ({self.department.code})"
        return f"{kind} — {place}. {self.description}"

    @classmethod
    def get_indexed_objects(cls):
        queryset = super().get_indexed_objects().select_related("commune", "department")
        # Each organisation is indexed once, as its specific kind (with that kind's fields).
        return queryset.none() if cls is Organisation else queryset

    @classmethod
    def search_public_queryset(cls):
        """What the site search shows: published entries, with the place its excerpts name
        (one query for every hit, not one per hit)."""
        return cls.objects.public().select_related("commune", "department")

    def get_indexed_instance(self):
        return self.specific

    @classmethod
    def search_facets(cls, objects):
        """{pk: (département codes, sector slugs)} for the search page's facets: a facilitator
        counts for the départements it covers too, an employer for its activities' sectors."""
        pks = [obj.pk for obj in objects]
        # Their own département is read with them (`search_public_queryset`).
        departments = [(obj.pk, obj.department.code) for obj in objects]
        facilitators = [obj.pk for obj in objects if obj.kind == OrganisationKind.FACILITATOR]
        employers = [obj.pk for obj in objects if obj.kind != OrganisationKind.FACILITATOR]
        sectors = []
        # Each kind asked about its own: most hits are employers, and a query about a few
        # facilitators among them is a query less or a short one.
        if facilitators:
            covered = FacilitatorStructure.covered_departments.through.objects.filter(
                facilitatorstructure_id__in=facilitators
            )
            departments += covered.values_list("facilitatorstructure_id", "department__code")
        if employers:
            activities = Activity.objects.filter(employer_id__in=employers)
            sectors = activities.values_list("employer_id", "sector__slug")
        return facet_table(pks, departments, sectors)

    @property
    def specific(self):
        if self.kind == OrganisationKind.FACILITATOR:
            return getattr(self, "facilitatorstructure", self)
        return getattr(self, "inclusiveemployer", self)


def unique_slug(name, suffix=""):
    base = slugify(f"{name} {suffix}")[:200] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class FacilitatorStructure(Organisation):
    """Structure hosting facilitators ("organisation porteuse de la clause sociale")."""

    facilitators_count = models.PositiveIntegerField(
        "Nombre de facilitateurs (personnes)", default=1
    )
    facilitators_fte = models.DecimalField(
        "Nombre de facilitateurs (ETP)",
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
    )
    # The territory is a set of communes (entered as communes, EPCI or whole départements:
    # see directory/forms.py). The départements it touches are derived from it
    # (`coverage.refresh_facilitator`) for the searches by département and the contracts'
    # territory rule; a département whose communes are not loaded (small demo) is kept as is.
    covered_communes = models.ManyToManyField(
        Commune, blank=True, related_name="facilitators", verbose_name="Communes couvertes"
    )
    covered_departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="facilitators",
        verbose_name="Départements concernés (d'après les communes couvertes)",
        editable=False,
    )
    area_description = models.CharField("Territoire couvert (en clair)", max_length=255, blank=True)
    is_regional_coordinator = models.BooleanField("Coordination régionale", default=False)
    last_verified = models.DateField("Dernière vérification", null=True, blank=True)

    class Meta:
        verbose_name = "structure porteuse de facilitateurs"
        verbose_name_plural = "structures porteuses de facilitateurs"

    def save(self, *args, **kwargs):
        self.kind = OrganisationKind.FACILITATOR
        if self.subkind not in FacilitatorHost.values:
            self.subkind = FacilitatorHost.OTHER
        super().save(*args, **kwargs)


class InclusiveEmployer(Organisation):
    search_fields = Organisation.search_fields + [index.SearchField("search_sector_text")]

    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[validate_siret])
    headcount = models.CharField(
        "Effectif", max_length=10, choices=Headcount.choices, blank=True, default=""
    )
    labels = models.CharField("Labels et certifications", max_length=255, blank=True)
    source = models.CharField("Source", max_length=100, blank=True)
    last_synced_at = models.DateTimeField("Dernière synchronisation", null=True, blank=True)
    raw_record = models.JSONField("Enregistrement importé (audit)", null=True, blank=True)

    class Meta:
        verbose_name = "employeur inclusif"
        verbose_name_plural = "employeurs inclusifs"

    def save(self, *args, **kwargs):
        self.kind = OrganisationKind.EMPLOYER
        super().save(*args, **kwargs)

    def search_sector_text(self):
        return " ".join(activity.sector.name for activity in self.activities.all())

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("activities__sector")

    @property
    def counts_for_insertion_clause(self):
        return kinds.counts_for_insertion_clause(self.subkind)

    @property
    def reserved_contract(self):
        """Which reserved contract this employer may hold, in words, or ""."""
        if self.subkind in kinds.SIAE_KINDS:
            return "marché ou lot réservé aux SIAE"
        if self.subkind in kinds.DISABILITY_KINDS:
            return "marché ou lot réservé aux entreprises adaptées et aux ESAT"
        return ""

    def clean(self):
        if self.subkind not in EmployerKind.values:
            raise ValidationError({"subkind": "Catégorie d'employeur inclusif inconnue."})


class Activity(models.Model):
    """A sector × a territory an employer works in."""

    employer = models.ForeignKey(
        InclusiveEmployer, on_delete=models.CASCADE, related_name="activities"
    )
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="activities")
    scope = models.CharField(
        "Territoire", max_length=10, choices=ActivityScope.choices, default=ActivityScope.AREA
    )
    radius_km = models.PositiveIntegerField("Rayon (km)", null=True, blank=True)
    regions = models.ManyToManyField(Region, blank=True, related_name="+")
    departments = models.ManyToManyField(Department, blank=True, related_name="+")
    communes = models.ManyToManyField(Commune, blank=True, related_name="+")
    # Every département the activity reaches, computed by `coverage.refresh_activity`
    # (a région covers its départements; a radius its own département, and its neighbours
    # from 50 km). Searches read this field only.
    served_departments = models.ManyToManyField(
        Department, blank=True, related_name="served_by_activities", editable=False
    )

    class Meta:
        verbose_name = "activité"

    def __str__(self):
        return f"{self.sector} — {self.get_scope_display()}"
