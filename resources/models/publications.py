"""Publications: the catalogue of documents (snippets with a draft state) and its list page."""

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Page, RevisionMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .anchors import public_page_url, share_list_page_url


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
        share_list_page_url(objects, PublicationIndexPage)

    def search_url(self):
        return public_page_url(self, PublicationIndexPage, self.ref)

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
        from ..publications import filter_publications

        context = super().get_context(request, *args, **kwargs)
        context.update(filter_publications(request.GET))
        return context
