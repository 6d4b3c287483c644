"""Toolboxes: a page per persona, gathering links, pages and publications."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock


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
