"""Site-wide pages and settings: home page, editorial pages, site identity."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock


class EntryPointBlock(blocks.StructBlock):
    """One door of the home page, for one kind of visitor."""

    audience = blocks.CharBlock(label="Public", help_text="Ex. : « Acheteurs publics »")
    title = blocks.CharBlock(label="Action", help_text="Ex. : « Rédiger une clause »")
    text = blocks.TextBlock(label="Description")
    url = blocks.CharBlock(label="Adresse", help_text="Ex. : /clauses/")
    link_label = blocks.CharBlock(label="Texte du lien")

    class Meta:
        icon = "user"
        label = "Porte d'entrée"


class HomePage(Page):
    hero_title = models.CharField("Accroche", max_length=200)
    hero_text = models.TextField("Texte d'accueil", blank=True)
    entry_points = StreamField(
        [("entry", EntryPointBlock())], verbose_name="Portes d'entrée", blank=True
    )
    body = StreamField(BodyBlock(), verbose_name="Contenu", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("entry_points"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "Page d'accueil"


class StandardPage(Page):
    """An editorial page: legal notice, accessibility statement, section introductions."""

    intro = models.TextField("Chapeau", blank=True)
    body = StreamField(BodyBlock(), verbose_name="Contenu", blank=True)

    # The demo loaders of the apps replace such pages by their own sections (core.demo_tools).
    is_editorial_page = True

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "Page éditoriale"
        verbose_name_plural = "Pages éditoriales"


@register_setting(icon="site")
class SiteIdentity(BaseGenericSetting):
    operator_name = models.CharField(
        "Opérateur du site", max_length=200, default="Centre de ressources national"
    )
    tagline = models.CharField(
        "Devise sous le nom",
        max_length=200,
        default="Clauses sociales d'insertion dans la commande publique",
    )
    contact_email = models.EmailField("Adresse de contact", blank=True)
    footer_text = RichTextField(
        "Texte du pied de page", features=["bold", "italic", "link"], blank=True
    )
    demo_notice = models.CharField(
        "Bandeau de démonstration",
        max_length=300,
        blank=True,
        help_text="Laissez vide en production. Affiché en haut de chaque page.",
    )

    panels = [
        FieldPanel("operator_name"),
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        FieldPanel("demo_notice"),
    ]

    class Meta:
        verbose_name = "Identité du site"
