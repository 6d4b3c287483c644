"""Good-practice sheets: one page each, filtered on their index page."""

from django import forms
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.vocabulary import BuyerKind, LegalMechanism


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
        from ..practices import filter_practices

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
