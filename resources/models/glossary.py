"""Glossary: the terms and acronyms of the domain, and the page that lists them."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin, WorkflowMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.publication import PublishedQuerySet

from .anchors import public_page_url, share_list_page_url


class GlossaryTerm(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """An acronym or a term of the domain, with its expansion and a short definition.

    Rédacteurs write drafts and submit them; a valideur publishes (core/roles.py). The row holds
    the published text; a draft lives in its revision until it is published."""

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
        index.FilterField("live"),
    ]

    objects = PublishedQuerySet.as_manager()

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
        share_list_page_url(objects, GlossaryPage)

    def search_url(self):
        return public_page_url(self, GlossaryPage, self.anchor)

    def search_excerpt(self):
        return f"{self.expansion}. {self.definition}" if self.expansion else self.definition

    @property
    def initial(self):
        letter = slugify(self.term[:1]).upper()
        return letter or "#"


register_snippet(GlossaryTerm)


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
        for term in GlossaryTerm.objects.public():
            groups.setdefault(term.initial, []).append(term)
        context["groups"] = sorted(groups.items())
        return context
