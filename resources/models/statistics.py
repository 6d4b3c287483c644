"""Statistics: data series and their points, shown as charts on one page."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .anchors import public_page_url, share_list_page_url


class Topic(models.TextChoices):
    VOLUMES = "volumes", "Volumes d'heures et de personnes"
    CONTRACTS = "marches", "Marchés et bases juridiques"
    SECTORS = "secteurs", "Secteurs et types de marchés"
    PEOPLE = "publics", "Personnes en insertion"
    OUTCOMES = "sorties", "Situation après la clause"
    BUYERS = "donneurs-ordre", "Donneurs d'ordre"
    NETWORK = "facilitateurs", "Facilitateurs et financements"


class Unit(models.TextChoices):
    HOURS = "heures", "heures"
    PEOPLE = "personnes", "personnes"
    PERCENT = "pourcentage", "%"
    CONTRACTS = "contrats", "contrats"
    MILLION_EUROS = "millions-euros", "millions d'euros"
    COUNT = "nombre", "nombre"


class DataSeriesQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)


class DataSeries(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A national figure followed over years or split into categories, with its points."""

    title = models.CharField("Titre", max_length=200)
    slug = models.SlugField(
        "Identifiant", max_length=80, unique=True, help_text="Nom du fichier CSV téléchargeable."
    )
    topic = models.CharField("Thème", max_length=30, choices=Topic.choices)
    unit = models.CharField("Unité", max_length=30, choices=Unit.choices)
    description = models.TextField(
        "Lecture", blank=True, help_text="Ce que mesure la série et comment la lire."
    )
    source = models.CharField(
        "Source principale", max_length=300, help_text="Complétée au besoin point par point."
    )
    caveat = models.TextField("Précautions", blank=True)
    sort_order = models.PositiveSmallIntegerField("Ordre d'affichage", default=0)

    objects = DataSeriesQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("topic"),
        FieldPanel("unit"),
        FieldPanel("description"),
        FieldPanel("source"),
        FieldPanel("caveat"),
        InlinePanel("points", label="Points", min_num=1),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("search_points_text"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = "Série statistique"
        verbose_name_plural = "Séries statistiques"

    def __str__(self):
        return self.title

    @property
    def is_percent(self):
        return self.unit == Unit.PERCENT

    @classmethod
    def search_public_queryset(cls):
        """Live series, with the points their excerpts and scoring read."""
        return cls.objects.public().prefetch_related("points")

    @classmethod
    def search_prepare(cls, objects):
        share_list_page_url(objects, StatisticsPage)

    def search_url(self):
        return public_page_url(self, StatisticsPage, f"serie-{self.slug}")

    def search_points_text(self):
        """The labels (years, categories) of the figures, so that "heures 2017" finds them."""
        return " ".join(f"{point.label} {point.note}" for point in self.points.all())

    def search_excerpt(self):
        return f"{self.description} {self.search_points_text()}"


register_snippet(DataSeries)


class DataPoint(Orderable):
    series = ParentalKey(DataSeries, on_delete=models.CASCADE, related_name="points")
    label = models.CharField("Libellé", max_length=120, help_text="Une année ou une catégorie.")
    value = models.DecimalField("Valeur", max_digits=14, decimal_places=2)
    year = models.PositiveSmallIntegerField("Année de la donnée", null=True, blank=True)
    source = models.CharField(
        "Source", max_length=300, blank=True, help_text="Si elle diffère de celle de la série."
    )
    note = models.CharField("Note", max_length=300, blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("value"),
        FieldPanel("year"),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Point"
        verbose_name_plural = "Points"

    def __str__(self):
        return f"{self.label} : {self.value}"


class StatisticsPage(Page):
    """/ressources/statistiques/: each live series as an SVG chart, a table and a CSV file."""

    intro = RichTextField("Chapeau", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1
    template = "resources/statistics_page.html"

    class Meta:
        verbose_name = "Statistiques"

    def get_context(self, request, *args, **kwargs):
        from ..charts import chart_for
        from ..panoramas import panorama_sections

        context = super().get_context(request, *args, **kwargs)
        groups = {}
        for series in DataSeries.objects.public().prefetch_related("points"):
            groups.setdefault(series.topic, []).append(chart_for(series))
        context["panoramas"] = panorama_sections(request)
        context["topics"] = [
            (label, groups[value]) for value, label in Topic.choices if value in groups
        ]
        return context
