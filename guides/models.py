"""The yearly guide. This module starts with the managed list of legal bases, which the guide's
paragraphs, the model clauses and the upcoming contracts all cite."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    Revision,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from core.publication import PublishedQuerySet
from core.vocabulary import LegalMechanism

from .blocks import GuideBodyBlock, ensure_pids


class ReviewStatus(models.TextChoices):
    TO_CHECK = "a_verifier", "À vérifier par le juriste"
    CHECKED = "verifie", "Vérifié"


class LegalBasis(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """An article (or group of articles) of the Code de la commande publique and what it replaced.

    Rédacteurs write drafts and submit them; a valideur publishes (core/roles.py). The row holds
    the published text; a draft lives in its revision until it is published."""

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
        index.FilterField("live"),
    ]

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = "Base juridique"
        verbose_name_plural = "Bases juridiques"

    def __str__(self):
        return f"{self.title} ({self.current_articles})"

    def get_absolute_url(self):
        return f"/bases-juridiques/{self.slug}/"


# --------------------------------------------------------------------------------------------
# The guide's page tree: root (/guide/) › edition (/guide/2026/) › chapter › section.
# --------------------------------------------------------------------------------------------


class PurchaseStage(models.Model):
    """A stage of the buyer's purchase, to browse the guide in the order the work is done."""

    slug = models.SlugField("Identifiant", max_length=60, unique=True)
    title = models.CharField("Étape", max_length=120)
    description = models.CharField("Description", max_length=255, blank=True)
    sort_order = models.PositiveIntegerField("Ordre", default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = "Étape de l'achat"
        verbose_name_plural = "Étapes de l'achat"

    def __str__(self):
        return self.title


class ChangeKind(models.TextChoices):
    MAJOR = "majeure", "Modification majeure"
    MINOR = "mineure", "Modification mineure"


class EditionStatus(models.TextChoices):
    IN_FORCE = "en_vigueur", "En vigueur"
    SUPERSEDED = "remplacee", "Remplacée"
    UPCOMING = "a_venir", "À venir"


class ChangeNote(models.Model):
    """One publication of a guide page, marked major or minor, with a short note.

    Created when a page is published with a note that differs from the previous one; the list
    of updates and the Atom feed read only those whose page is live and public.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="guide_change_notes")
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, blank=True)
    kind = models.CharField("Nature", max_length=10, choices=ChangeKind.choices)
    note = models.CharField("Note de mise à jour", max_length=300)
    published_at = models.DateTimeField("Publiée le", default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "Note de mise à jour"
        verbose_name_plural = "Notes de mise à jour"

    def __str__(self):
        return f"{self.get_kind_display()} — {self.note}"


class GuidePageMixin(models.Model):
    """What the guide's edition, chapter and section pages share: change notes for now."""

    change_kind = models.CharField(
        "Nature de la modification",
        max_length=10,
        choices=ChangeKind.choices,
        default=ChangeKind.MINOR,
        help_text="Majeure : change ce que l'acheteur doit faire. Mineure : correction, précision.",
    )
    change_note = models.CharField(
        "Note de mise à jour",
        max_length=300,
        blank=True,
        help_text="Une phrase, publiée dans « Mises à jour du guide » (et dans le flux si majeure).",
    )

    change_panels = [
        MultiFieldPanel(
            [FieldPanel("change_kind"), FieldPanel("change_note")],
            heading="Mise à jour publiée",
        )
    ]

    class Meta:
        abstract = True

    def get_edition(self):
        if isinstance(self, GuideEditionPage):
            return self
        edition = GuideEditionPage.objects.ancestor_of(self).first()
        return edition

    def latest_change_note(self):
        return ChangeNote.objects.filter(page_id=self.pk).first()

    def review_url(self):
        """Absolute address of the admin comparison of this page's edition with the edition in
        force, while that edition is not live (for review e-mails); "" otherwise."""
        from django.urls import reverse

        from core.links import absolute_url

        edition = self.get_edition()
        if edition is None or edition.live:
            return ""
        return absolute_url(reverse("guides_review_edition", args=[edition.pk]))

    def waits_for_edition(self):
        """The sentence telling that an approved page goes live with its edition, or ""."""
        edition = self.get_edition()
        if edition is None or edition.live:
            return ""
        return (
            f"Cette page appartient à l'édition {edition.year}, qui n'est pas encore publiée : "
            "elle sera mise en ligne avec l'édition entière."
        )

    def moderation_label(self):
        """ "Édition 2027 — Calcul des heures": titles repeat from year to year, so reviewers
        and their e-mails need the edition's year beside the chapter's title."""
        edition = self.get_edition()
        if edition is None or edition.pk == self.pk:
            return f"Édition {self.year} (page d'accueil de l'édition)" if edition else self.title
        return f"Édition {edition.year} — {self.title}"


class GuideIndexPage(RoutablePageMixin, Page):
    """/guide/: always the edition in force, the list of editions, updates and stages."""

    intro = models.TextField("Présentation", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["centre.HomePage"]
    subpage_types = ["guides.GuideEditionPage"]
    max_count = 1

    class Meta:
        verbose_name = "Guide (racine)"

    @path("")
    def index_route(self, request):
        from . import views

        return views.guide_index(request, self)

    @path("mises-a-jour/")
    def updates_route(self, request):
        from . import views

        return views.updates(request, self)

    @path("etapes/")
    def stages_route(self, request):
        from . import views

        return views.stages(request, self)


class GuideEditionPage(GuidePageMixin, RoutablePageMixin, Page):  # noqa: DJ008 - Page defines __str__
    """One yearly edition: /guide/<year>/. Its status is derived at request time."""

    year = models.PositiveSmallIntegerField("Année")
    in_force_from = models.DateField(
        "Date d'entrée en vigueur",
        help_text="L'édition devient l'édition en vigueur ce jour-là, sans autre action.",
    )
    summary = RichTextField(
        "Ce qui change dans cette édition",
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
    )
    validated_by = models.CharField("Validée par", max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        FieldPanel("in_force_from"),
        FieldPanel("validated_by"),
        FieldPanel("summary"),
        *GuidePageMixin.change_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("year"),
    ]
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = ["guides.GuideChapterPage"]
    admin_default_ordering = "ord"  # chapters in reading order, not by last edit

    class Meta:
        verbose_name = "Édition du guide"
        verbose_name_plural = "Éditions du guide"

    def clean(self):
        super().clean()
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": "Saisissez une année entre 2000 et 2100."})
        if self.year:
            self.slug = str(self.year)
            siblings = GuideEditionPage.objects.filter(year=self.year).exclude(pk=self.pk)
            if siblings.exists():
                raise ValidationError({"year": f"Une édition {self.year} existe déjà."})

    def status(self, today=None):
        from .content import edition_status

        return edition_status(self, today)

    @path("")
    def edition_route(self, request):
        return self.serve(request)

    def get_context(self, request, *args, **kwargs):
        from .content import edition_context

        context = super().get_context(request, *args, **kwargs)
        context.update(edition_context(self))
        return context

    @path("comparer/<int:other_year>/")
    def compare_route(self, request, other_year):
        from . import views

        return views.compare(request, self, other_year)

    @path("pdf/")
    def pdf_route(self, request):
        from . import views

        return views.edition_pdf(request, self)

    @path("paragraphe/<slug:pid>/")
    def paragraph_route(self, request, pid):
        from . import views

        return views.follow_paragraph(request, self, pid)


class GuideContentPage(GuidePageMixin, Page):
    """Chapters and sections: an introduction, a body of numbered units, purchase stages."""

    intro = models.TextField("Chapeau", blank=True)
    body = StreamField(GuideBodyBlock(), verbose_name="Contenu", blank=True)
    stages = ParentalManyToManyField(
        PurchaseStage,
        blank=True,
        related_name="+",
        verbose_name="Étapes de l'achat concernées",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
        *GuidePageMixin.change_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        ensure_pids(self.body)
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        ensure_pids(self.body, taken=self.pids_elsewhere_in_edition())

    def pids_elsewhere_in_edition(self):
        """Identifiers used by the other chapters and sections of this page's edition: a block
        pasted from another page gets a new identifier instead of stealing that one."""
        if not self.pk or not self.path:
            return set()
        edition = self.get_edition()
        if edition is None:
            return set()
        taken = set()
        for model in (GuideChapterPage, GuideSectionPage):
            for other in model.objects.descendant_of(edition).exclude(pk=self.pk):
                taken.update(
                    child.value.get("pid")
                    for child in other.body
                    if hasattr(child.value, "get") and child.value.get("pid")
                )
        return taken

    def get_admin_display_title(self):
        """Chapter titles repeat from year to year: the admin's listings, review lists and
        notification e-mails name the edition too."""
        title = super().get_admin_display_title()
        edition = self.get_edition() if self.path else None
        return f"{title} — édition {edition.year}" if edition else title

    def get_context(self, request, *args, **kwargs):
        from .content import content_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(content_page_context(self))
        return context

    @classmethod
    def search_prepare(cls, pages):
        """The site search reads the bodies of all its hits: decoded together (one query for
        their legal bases, not one per page)."""
        from .content import prefetch_bodies

        prefetch_bodies(pages)

    def search_excerpt(self):
        """Plain text for the site search's excerpts (the search app calls this hook)."""
        from .content import block_units

        return " ".join([self.intro, *(unit.text for unit in block_units(self, ""))])

    def anchor_for_query(self, query):
        """The address of the first paragraph matching every word of the query (or the page)."""
        from .content import anchor_for_query

        return anchor_for_query(self, query)


class GuideChapterPage(RoutablePageMixin, GuideContentPage):  # noqa: DJ008 - Page defines __str__
    parent_page_types = ["guides.GuideEditionPage"]
    subpage_types = ["guides.GuideSectionPage"]
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = "Chapitre du guide"
        verbose_name_plural = "Chapitres du guide"

    @path("")
    def chapter_route(self, request):
        return self.serve(request)

    @path("pdf/")
    def pdf_route(self, request):
        from . import views

        return views.chapter_pdf(request, self)


class GuideSectionPage(GuideContentPage):  # noqa: DJ008 - Page defines __str__
    parent_page_types = ["guides.GuideChapterPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Section du guide"
        verbose_name_plural = "Sections du guide"


# --------------------------------------------------------------------------------------------
# Publishing a whole edition: one job row per request, performed in the background.
# --------------------------------------------------------------------------------------------


class PublicationStatus(models.TextChoices):
    SCHEDULED = "programmee", "Programmée"
    PENDING = "en_attente", "En attente"
    RUNNING = "en_cours", "En cours"
    DONE = "terminee", "Terminée"
    FAILED = "echouee", "Échouée"
    CANCELLED = "annulee", "Annulée"


class EditionPublication(models.Model):
    """A request to publish an edition, now or at a date: which revision of each page goes
    live (chosen when the valideur asked, completed by later approvals), and how it went."""

    ACTIVE = (PublicationStatus.SCHEDULED, PublicationStatus.PENDING, PublicationStatus.RUNNING)

    edition = models.ForeignKey(
        GuideEditionPage, on_delete=models.CASCADE, related_name="publications"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Demandée par",
    )
    requested_at = models.DateTimeField("Demandée le", default=timezone.now)
    go_live_at = models.DateTimeField("Mise en ligne programmée le", null=True, blank=True)
    status = models.CharField(
        "État", max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PENDING
    )
    # {"<page id>": <revision id>}: what the valideur approved for each page.
    revisions = models.JSONField("Révisions à publier", default=dict)
    total = models.PositiveIntegerField("Pages", default=0)
    done = models.PositiveIntegerField("Pages publiées", default=0)
    started_at = models.DateTimeField("Commencée le", null=True, blank=True)
    finished_at = models.DateTimeField("Terminée le", null=True, blank=True)
    message = models.TextField("Compte rendu", blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "Publication d'une édition"
        verbose_name_plural = "Publications d'éditions"

    def __str__(self):
        return f"Édition {self.edition.year} — {self.get_status_display()}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE
