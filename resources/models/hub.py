"""The resource centre's home page (/ressources/)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock

from .events import EventPage
from .glossary import GlossaryPage
from .publications import Publication


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
