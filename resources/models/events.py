"""Trainings and events: one page each, listed and filtered on their index page."""

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock

from .publications import Audience


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
        from ..events import filter_events

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
