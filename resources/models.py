"""The library of the resource centre: glossary, publications, statistics, trainings,
good-practice sheets and toolboxes.

List pages are Wagtail pages (editors write their introduction, they sit in the page tree at
the paths of URLS.md and in the sitemap); the records they list are either pages (good practices,
events, toolboxes) or snippets with a draft state (publications, statistical series).
Only live records are ever shown: see the `public()` query-set methods.
"""

from django import forms
from django.db import models
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.models import register_snippet

from core.blocks import BodyBlock
from core.vocabulary import BuyerKind, LegalMechanism

# ---------------------------------------------------------------------------------------------
# Glossary
# ---------------------------------------------------------------------------------------------


class GlossaryTerm(index.Indexed, models.Model):
    """An acronym or a term of the domain, with its expansion and a short definition."""

    term = models.CharField("Terme ou sigle", max_length=120, unique=True)
    expansion = models.CharField(
        "Forme développée",
        max_length=300,
        blank=True,
        help_text="Pour un sigle : ce que chaque lettre désigne. Laissez vide pour un terme.",
    )
    definition = models.TextField("Définition")
    variants = models.CharField(
        "Variantes et synonymes",
        max_length=500,
        blank=True,
        help_text="Séparées par des points-virgules : autres graphies (Siae), synonymes.",
    )
    slug = models.SlugField("Ancre", max_length=120, unique=True, blank=True)
    annotate = models.BooleanField(
        "Signaler dans le guide",
        default=True,
        help_text="Décochez pour les sigles ambigus : leur première occurrence ne sera pas balisée.",
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("expansion"),
        FieldPanel("definition"),
        FieldPanel("variants"),
        FieldPanel("annotate"),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("expansion", boost=2),
        index.SearchField("definition"),
        index.SearchField("variants"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = "Terme du glossaire"
        verbose_name_plural = "Glossaire"

    def __str__(self):
        return f"{self.term} — {self.expansion}" if self.expansion else self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term)[:120]
        super().save(*args, **kwargs)

    @property
    def is_acronym(self):
        return bool(self.expansion)

    @property
    def variant_list(self):
        return [v.strip() for v in self.variants.split(";") if v.strip()]

    @property
    def anchor(self):
        return f"terme-{self.slug}"

    # Site search: each term links to its entry on the glossary page.
    @classmethod
    def search_prepare(cls, objects):
        _share_list_page_url(objects, GlossaryPage)

    def search_url(self):
        return _public_page_url(self, GlossaryPage, self.anchor)

    def search_excerpt(self):
        return f"{self.expansion}. {self.definition}" if self.expansion else self.definition

    @property
    def initial(self):
        letter = slugify(self.term[:1]).upper()
        return letter or "#"


register_snippet(GlossaryTerm)


# The site search links glossary terms, publications and statistical series to their anchor on
# the one page that lists them. That page is looked up once for all the hits of a search (the
# `search_prepare` hook of search/sources.py), not once per hit.
_LIST_PAGE_URL = "_search_list_page_url"


def _list_page_url(page_model):
    """The URL of the live public page of that type, or None if there is none."""
    page = page_model.objects.live().public().first()
    return page.url if page else None


def _share_list_page_url(objects, page_model):
    url = _list_page_url(page_model)
    for obj in objects:
        setattr(obj, _LIST_PAGE_URL, url)


def _public_page_url(obj, page_model, anchor):
    """The URL of an anchor on the live public page of that type, or None if there is none."""
    if not hasattr(obj, _LIST_PAGE_URL):
        setattr(obj, _LIST_PAGE_URL, _list_page_url(page_model))
    url = getattr(obj, _LIST_PAGE_URL)
    return f"{url}#{anchor}" if url else None


class GlossaryPage(Page):
    """/glossaire/: every term, grouped by initial, each with its own anchor."""

    intro = models.TextField("Chapeau", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["centre.HomePage"]
    subpage_types = []
    max_count = 1
    template = "resources/glossary_page.html"

    class Meta:
        verbose_name = "Glossaire"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = {}
        for term in GlossaryTerm.objects.all():
            groups.setdefault(term.initial, []).append(term)
        context["groups"] = sorted(groups.items())
        return context


# ---------------------------------------------------------------------------------------------
# Publications
# ---------------------------------------------------------------------------------------------


class PublicationKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    STATISTICS = "statistiques", "Statistiques, chiffres clés"
    FACILITATORS = "facilitateurs", "Facilitateurs"
    EXPERIENCE = "retours-experience", "Retours d'expérience, bonnes pratiques"
    LEGAL = "juridique", "Juridique"


class Access(models.TextChoices):
    OPEN = "libre", "Libre accès"
    PARTIAL = "partiel", "Extraits en libre accès"
    RESTRICTED = "restreint", "Accès restreint"
    UNKNOWN = "inconnu", "Accès non précisé"


class Audience(models.Model):
    """Who a publication, a sheet or a training is for (a small, fixed vocabulary)."""

    slug = models.SlugField("Code", max_length=40, unique=True)
    name = models.CharField("Nom", max_length=80)
    sort_order = models.PositiveSmallIntegerField("Ordre", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Public"
        verbose_name_plural = "Publics"

    def __str__(self):
        return self.name


register_snippet(Audience)


class PublicationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)


class Publication(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    ref = models.SlugField(
        "Référence", max_length=40, unique=True, help_text="Identifiant stable, ex. pub-12."
    )
    title = models.CharField("Titre", max_length=300)
    publisher = models.CharField("Éditeur (auteur)", max_length=200)
    host_site = models.CharField("Site hébergeur", max_length=200, blank=True)
    date_label = models.CharField(
        "Date de parution (telle qu'imprimée)",
        max_length=60,
        blank=True,
        help_text="Ex. : « Déc. 2016 », « Mis à jour en continu ».",
    )
    year = models.PositiveSmallIntegerField("Année", null=True, blank=True)
    month = models.PositiveSmallIntegerField("Mois", null=True, blank=True)
    contributors = models.TextField("Contributeurs", blank=True)
    dgefp_participation = models.CharField("Participation de la DGEFP", max_length=40, blank=True)
    purpose = models.TextField("Objectif", blank=True)
    audience_label = models.CharField("Cible (telle qu'imprimée)", max_length=300, blank=True)
    audiences = ParentalManyToManyField(Audience, blank=True, verbose_name="Publics")
    kind = models.CharField("Type de document", max_length=30, choices=PublicationKind.choices)
    access = models.CharField("Accès", max_length=20, choices=Access.choices, default=Access.OPEN)
    comment = models.TextField("Commentaire", blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Document",
    )
    url = models.URLField("Lien sortant", blank=True, max_length=500)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name="Remplacé par",
        help_text="L'édition suivante de la même série, si elle existe.",
    )
    source_note = models.CharField(
        "Source de la notice",
        max_length=200,
        blank=True,
        default="Annexe 5 de l'instruction interministérielle du 11 avril 2019",
    )

    objects = PublicationQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        MultiFieldPanel(
            [FieldPanel("date_label"), FieldPanel("year"), FieldPanel("month")], heading="Date"
        ),
        FieldPanel("kind"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audience_label"),
        FieldPanel("purpose"),
        FieldPanel("contributors"),
        FieldPanel("dgefp_participation"),
        MultiFieldPanel(
            [
                FieldPanel("access"),
                FieldPanel("document"),
                FieldPanel("url"),
                FieldPanel("host_site"),
            ],
            heading="Consultation",
        ),
        FieldPanel("replaced_by"),
        FieldPanel("comment"),
        FieldPanel("ref"),
        FieldPanel("source_note"),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("publisher"),
        index.SearchField("purpose"),
        index.SearchField("contributors"),
        index.FilterField("live"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["-year", "-month", "title"]
        verbose_name = "Publication"
        verbose_name_plural = "Publications"

    def __str__(self):
        return f"{self.title} ({self.date_label})" if self.date_label else self.title

    @property
    def link(self):
        if self.document_id:
            return self.document.url
        return self.url

    @classmethod
    def search_prepare(cls, objects):
        _share_list_page_url(objects, PublicationIndexPage)

    def search_url(self):
        return _public_page_url(self, PublicationIndexPage, self.ref)

    def search_excerpt(self):
        return f"{self.publisher}. {self.purpose}"

    @property
    def public_replaced_by(self):
        successor = self.replaced_by
        return successor if successor is not None and successor.live else None


register_snippet(Publication)


class PublicationIndexPage(Page):
    """/ressources/publications/: the publications, filterable without JavaScript."""

    intro = RichTextField("Chapeau", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1
    template = "resources/publication_index_page.html"

    class Meta:
        verbose_name = "Bibliothèque des publications"

    def get_context(self, request, *args, **kwargs):
        from .publications import filter_publications

        context = super().get_context(request, *args, **kwargs)
        context.update(filter_publications(request.GET))
        return context


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------


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
        _share_list_page_url(objects, StatisticsPage)

    def search_url(self):
        return _public_page_url(self, StatisticsPage, f"serie-{self.slug}")

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
        from .charts import chart_for

        context = super().get_context(request, *args, **kwargs)
        groups = {}
        for series in DataSeries.objects.public().prefetch_related("points"):
            groups.setdefault(series.topic, []).append(chart_for(series))
        context["topics"] = [
            (label, groups[value]) for value, label in Topic.choices if value in groups
        ]
        return context


# ---------------------------------------------------------------------------------------------
# Trainings and events
# ---------------------------------------------------------------------------------------------


class EventKind(models.TextChoices):
    TRAINING = "formation", "Formation"
    WEBINAR = "webinaire", "Webinaire"
    MEETING = "rencontre", "Rencontre"
    CONFERENCE = "colloque", "Colloque"


class EventIndexPage(Page):
    """/ressources/formations/: upcoming and past events, and their iCalendar feed."""

    intro = RichTextField("Chapeau", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["resources.EventPage"]
    max_count = 1
    template = "resources/event_index_page.html"

    class Meta:
        verbose_name = "Formations et événements"

    def get_context(self, request, *args, **kwargs):
        from .events import filter_events

        context = super().get_context(request, *args, **kwargs)
        context.update(filter_events(request.GET, index=self))
        return context


class EventPage(Page):
    start = models.DateTimeField("Début")
    end = models.DateTimeField("Fin", null=True, blank=True)
    kind = models.CharField(
        "Type", max_length=20, choices=EventKind.choices, default=EventKind.TRAINING
    )
    audiences = ParentalManyToManyField(Audience, blank=True, verbose_name="Publics")
    online = models.BooleanField("À distance", default=False)
    place = models.CharField(
        "Lieu", max_length=200, blank=True, help_text="Ville et adresse, si sur place."
    )
    organiser = models.CharField("Organisateur", max_length=200, blank=True)
    registration_url = models.URLField("Lien d'inscription", blank=True, max_length=500)
    summary = models.TextField("Résumé")
    body = StreamField(BodyBlock(), verbose_name="Programme", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("start"), FieldPanel("end")], heading="Dates"),
        FieldPanel("kind"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("online"), FieldPanel("place")], heading="Lieu"),
        FieldPanel("organiser"),
        FieldPanel("registration_url"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    parent_page_types = ["resources.EventIndexPage"]
    subpage_types = []
    template = "resources/event_page.html"

    class Meta:
        verbose_name = "Formation ou événement"
        verbose_name_plural = "Formations et événements"

    @property
    def mode_label(self):
        return "À distance" if self.online else "Sur place"


# ---------------------------------------------------------------------------------------------
# Good-practice sheets
# ---------------------------------------------------------------------------------------------


class GoodPracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.GoodPracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class GoodPracticeIndexPage(Page):
    """/ressources/bonnes-pratiques/: the sheets, filterable without JavaScript."""

    intro = RichTextField("Chapeau", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["resources.GoodPracticePage"]
    max_count = 1
    template = "resources/good_practice_index_page.html"

    class Meta:
        verbose_name = "Bonnes pratiques"

    def get_context(self, request, *args, **kwargs):
        from .practices import filter_practices

        context = super().get_context(request, *args, **kwargs)
        context.update(filter_practices(request.GET, index=self))
        return context


class GoodPracticePage(Page):
    """A short editorial sheet: who did what, where, on which legal basis, with what results."""

    summary = models.TextField("En bref")
    territory = models.CharField("Territoire", max_length=200)
    sectors = ParentalManyToManyField(
        "core.Sector", blank=True, related_name="good_practices", verbose_name="Secteurs"
    )
    mechanism = models.CharField("Levier juridique", max_length=30, choices=LegalMechanism.choices)
    legal_reference = models.CharField(
        "Fondement cité",
        max_length=300,
        blank=True,
        help_text="Article tel que cité par la source.",
    )
    buyer_kind = models.CharField("Type d'acheteur", max_length=20, choices=BuyerKind.choices)
    period = models.CharField("Période", max_length=100, blank=True)
    results = models.TextField("Résultats")
    body = StreamField(BodyBlock(), verbose_name="Description", blank=True)
    source = models.CharField("Source", max_length=300, blank=True)
    illustrative = models.BooleanField(
        "Exemple illustratif",
        default=False,
        help_text="Cochez si la fiche ajoute des détails qui ne viennent pas d'une source.",
    )
    tags = ClusterTaggableManager(through=GoodPracticeTag, blank=True, verbose_name="Étiquettes")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("territory"),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("buyer_kind"),
                FieldPanel("mechanism"),
                FieldPanel("legal_reference"),
                FieldPanel("period"),
            ],
            heading="Contexte",
        ),
        FieldPanel("results"),
        FieldPanel("body"),
        FieldPanel("source"),
        FieldPanel("illustrative"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("territory"),
        index.SearchField("results"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["resources.GoodPracticeIndexPage"]
    subpage_types = []
    template = "resources/good_practice_page.html"

    class Meta:
        verbose_name = "Fiche de bonne pratique"
        verbose_name_plural = "Fiches de bonnes pratiques"

    @property
    def sector_names(self):
        return ", ".join(sector.name for sector in self.sectors.all())


# ---------------------------------------------------------------------------------------------
# Toolboxes
# ---------------------------------------------------------------------------------------------


class Persona(models.TextChoices):
    BUYER = "acheteur", "Acheteurs publics"
    SIAE = "siae", "Structures d'insertion (SIAE)"
    FACILITATOR = "facilitateur", "Facilitateurs"
    ELECTED = "elu", "Élus et décideurs"


class ToolboxLinkBlock(blocks.StructBlock):
    """A tool served by another part of the site (guide, clauses, calculator…) or elsewhere."""

    title = blocks.CharBlock(label="Titre")
    url = blocks.CharBlock(label="Adresse", help_text="Ex. : /calculateur/ ou https://…")
    kind = blocks.CharBlock(
        label="Nature", required=False, help_text="Ex. : Guide, Clause type, Calculateur"
    )
    text = blocks.TextBlock(label="Pourquoi s'en servir", required=False)

    class Meta:
        icon = "link"
        label = "Lien vers un outil"


class ToolboxPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Page du site")
    title = blocks.CharBlock(
        label="Titre affiché", required=False, help_text="Sinon, celui de la page."
    )
    kind = blocks.CharBlock(label="Nature", required=False, help_text="Ex. : Bonne pratique")
    text = blocks.TextBlock(label="Pourquoi s'en servir", required=False)

    class Meta:
        icon = "doc-full"
        label = "Page du site"


class ToolboxPublicationBlock(blocks.StructBlock):
    publication = SnippetChooserBlock("resources.Publication", label="Publication")
    text = blocks.TextBlock(label="Pourquoi la lire", required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = "Publication"


class ToolboxBlock(blocks.StreamBlock):
    step = blocks.CharBlock(
        label="Étape", icon="title", help_text="Regroupe les éléments qui suivent."
    )
    link = ToolboxLinkBlock()
    page = ToolboxPageBlock()
    publication = ToolboxPublicationBlock()


class ToolboxIndexPage(Page):
    """/ressources/boites-a-outils/: one toolbox per kind of user."""

    intro = RichTextField("Chapeau", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["resources.ToolboxPage"]
    max_count = 1
    template = "resources/toolbox_index_page.html"

    class Meta:
        verbose_name = "Boîtes à outils"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["toolboxes"] = ToolboxPage.objects.live().public().child_of(self)
        return context


class ToolboxPage(Page):
    """A curated, ordered collection of tools for one kind of user."""

    persona = models.CharField("Pour qui", max_length=20, choices=Persona.choices)
    intro = models.TextField("Chapeau")
    items = StreamField(ToolboxBlock(), verbose_name="Contenu de la boîte", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("persona"),
        FieldPanel("intro"),
        FieldPanel("items"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("items"),
    ]
    parent_page_types = ["resources.ToolboxIndexPage"]
    subpage_types = []
    template = "resources/toolbox_page.html"

    class Meta:
        verbose_name = "Boîte à outils"
        verbose_name_plural = "Boîtes à outils"

    def steps(self):
        """[(step title, [item dicts])] in the editor's order, without drafts or private pages."""
        page_ids = [
            b.value["page"].pk for b in self.items if b.block_type == "page" and b.value["page"]
        ]
        visible = set(
            Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True)
        )
        steps = []
        for block in self.items:
            value = block.value
            if block.block_type == "step":
                steps.append((value, []))
                continue
            if not steps:
                steps.append(("", []))
            item = None
            if block.block_type == "link":
                item = {
                    "title": value["title"],
                    "url": value["url"],
                    "kind": value["kind"],
                    "text": value["text"],
                }
            elif block.block_type == "page" and value["page"] and value["page"].pk in visible:
                page = value["page"].specific
                item = {
                    "title": value["title"] or page.title,
                    "url": page.url,
                    "kind": value["kind"] or page.specific._meta.verbose_name.capitalize(),
                    "text": value["text"]
                    or getattr(page, "summary", "")
                    or page.search_description,
                }
            elif block.block_type == "publication":
                publication = value["publication"]
                if publication is not None and publication.live:
                    item = {
                        "title": publication.title,
                        "url": f"/ressources/publications/#{publication.ref}",
                        "kind": f"Publication — {publication.publisher}, {publication.date_label}".rstrip(
                            ", "
                        ),
                        "text": value["text"] or publication.purpose,
                    }
            if item:
                steps[-1][1].append(item)
        return [(title, items) for title, items in steps if items]


# ---------------------------------------------------------------------------------------------
# Hub
# ---------------------------------------------------------------------------------------------


class ResourceHubPage(Page):
    """/ressources/: the resource centre's sections, the next events, the latest publications."""

    intro = models.TextField("Chapeau", blank=True)
    body = StreamField(BodyBlock(), verbose_name="Contenu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["centre.HomePage"]
    max_count = 1
    template = "resources/resource_hub_page.html"

    class Meta:
        verbose_name = "Accueil des ressources"

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        context["glossary"] = GlossaryPage.objects.live().public().first()
        context["next_events"] = (
            EventPage.objects.live()
            .public()
            .filter(start__gte=timezone.now())
            .order_by("start")[:3]
        )
        context["latest_publications"] = Publication.objects.public().filter(year__isnull=False)[:3]
        return context
