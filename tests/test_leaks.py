"""The leak matrix: nothing a visitor should not see reaches any public surface.

Rows are hidden items: drafts, scheduled publications, private pages, unpublished revisions of
live content, an unconfirmed alert subscription, a pending correction request, unpublished
directory entries… Each carries a marker word of its own (in its title, text and, where it has
one, its address). Columns are the public surfaces: pages, search, autocomplete, sitemap, feeds,
exports, PDFs and the JSON API. Every surface is fetched once, as an anonymous visitor, and
scanned for every marker: `test_hidden_item_never_appears[<item>-<surface>]` names the leak.

Each hidden item has a published twin with a control marker of its own, created the same way:
`test_published_twin_appears` proves that every surface does show published content, so that an
empty or broken surface cannot make the matrix pass. `test_hidden_items_are_really_there` proves
that the hidden items exist as described and sit in the search index, so that search filters
them out rather than never seeing them.

The content is built once for the module, in a transaction rolled back at the end.
"""

import datetime
import html
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from core.demo_tools import rich, stream

pytestmark = pytest.mark.django_db

HAS_PDFTOTEXT = shutil.which("pdftotext") is not None
NO_PDFTOTEXT = "pdftotext absent (apt-get install poppler-utils): PDF text cannot be read"

# The guide's chapters (edition 2026 of the demo) that the matrix works in.
SECTION_CHAPTER = "calcul-heures"  # receives a draft section and a published one
REVISION_CHAPTER = "evaluation"  # live, with an unpublished revision
SCHEDULED_YEAR = 2027  # an edition whose publication is scheduled


# ------------------------------------------------------------------------------------ the rows


@dataclass(frozen=True)
class Item:
    key: str
    marker: str
    what: str
    twin: str = ""  # the control marker of its published twin ("" if it has none)
    # Strings other than the marker that would betray it (addresses without the marker).
    needles: tuple = ()


ITEMS = [
    Item(
        "brouillon-section-guide",
        "zorglubbrouillon",
        "draft guide section (never published) under a live chapter of the edition in force",
        twin="zorglubvisible",
    ),
    Item(
        "brouillon-page",
        "zorglubebauche",
        "draft editorial page under a live one that lists its children",
        twin="zorglubannexe",
    ),
    Item(
        "brouillon-evenement",
        "zorglubatelier",
        "draft training page (never published)",
        twin="zorglubevenement",
    ),
    Item(
        "edition-programmee",
        "zorglubprogramme",
        f"edition {SCHEDULED_YEAR}, publication scheduled in a month, with a scheduled chapter",
        twin="zorglubvisible",
        needles=(f"/guide/{SCHEDULED_YEAR}/",),
    ),
    Item(
        "chapitre-publie-edition-programmee",
        "zorglubanticipe",
        f"chapter published at once under the scheduled edition {SCHEDULED_YEAR}",
        twin="zorglubvisible",
    ),
    Item(
        "chapitre-prive",
        "zorglubprive",
        "live guide chapter and its section behind a password (with a major change note)",
        twin="zorglubvisible",
    ),
    Item(
        "evenement-prive",
        "zorglubreserve",
        "live training page restricted to logged-in users",
        twin="zorglubevenement",
    ),
    Item(
        "revision-chapitre",
        "zorglubrevision",
        "unpublished revision (title, intro, paragraph, change note) of a live guide chapter",
        twin="zorglubpubliee",
    ),
    Item(
        "marche-brouillon",
        "zorglubmarcheprojet",
        "upcoming contract saved as a draft",
        twin="zorglubmarchepublic",
    ),
    Item(
        "marche-programme",
        "zorglubmarcheattente",
        "upcoming contract whose publication is scheduled in a month",
        twin="zorglubmarchepublic",
    ),
    Item(
        "revision-marche",
        "zorglubmarcheretouche",
        "unpublished revision of a live upcoming contract",
        twin="zorglubmarchepublic",
    ),
    Item(
        "clause-brouillon",
        "zorglubclauseprojet",
        "model clause saved as a draft",
        twin="zorglubclausepubliee",
    ),
    Item(
        "revision-clause",
        "zorglubclauseretouche",
        "unpublished revision of a live model clause",
        twin="zorglubclausepubliee",
    ),
    Item(
        "ligne-main-d-oeuvre-non-publiee",
        "zorglubmaindoeuvre",
        "unpublished row of the labour-share référentiel in force",
        twin="zorglubterrassement",
    ),
    Item(
        "organisation-non-publiee",
        "zorglubmasquee",
        "unpublished facilitator structure",
        twin="zorglubstructure",
    ),
    Item(
        "signalement-en-attente",
        "zorglubcorrection",
        "pending correction request (public form) on a published organisation",
        twin="zorglubstructure",
    ),
    Item(
        "abonnement-non-confirme",
        "zorglubalerte",
        "unconfirmed alert subscription (public form): its e-mail address",
    ),
    Item(
        "publication-brouillon",
        "zorglubpublicationprojet",
        "draft library publication, set as the successor of a live one",
        twin="zorglubpublicationpubliee",
    ),
    Item(
        "serie-brouillon",
        "zorglubserieprojet",
        "draft statistical series",
        twin="zorglubseriepubliee",
    ),
    Item(
        "base-juridique-brouillon",
        "zorglubbaseprojet",
        "draft legal basis (never published), cited by a live paragraph of the guide",
        twin="zorglubbasepubliee",
    ),
    Item(
        "revision-base-juridique",
        "zorglubbaserevue",
        "live legal basis with an unpublished revision (submitted by a rédacteur)",
        twin="zorglubbasepubliee",
    ),
    Item(
        "glossaire-brouillon",
        "zorglubtermeprojet",
        "draft glossary term (never published)",
        twin="zorglubtermepublie",
    ),
    Item(
        "revision-glossaire",
        "zorglubtermerevu",
        "live glossary term with an unpublished revision",
        twin="zorglubtermepublie",
    ),
]
TWINS = sorted({item.twin for item in ITEMS if item.twin})


# ------------------------------------------------------------------------------ the content


@dataclass
class World:
    """What the module builds, and the surfaces' texts once fetched."""

    urls: dict = field(default_factory=dict)  # named addresses of the content below
    own_urls: dict = field(default_factory=dict)  # item key → its own addresses
    live_urls: dict = field(default_factory=dict)  # item key → live addresses, published text
    objects: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)  # memo: surface (and query) → normalised text


def _paragraph(pid, text, basis):
    return ("paragraph", {"pid": pid, "text": rich(text), "legal_bases": [basis.pk]})


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _saved(item, publish):
    """Save a draftable snippet with a revision, published or left in draft."""
    item.save()
    revision = item.save_revision()
    if publish:
        revision.publish()
        item.refresh_from_db()
    return item


def _chapter(marker, basis, stage, go_live_at=None):
    """A chapter whose every text carries the marker; live unless scheduled."""
    from guides.models import GuideChapterPage

    chapter = GuideChapterPage(
        title=f"Chapitre {marker}",
        slug=marker,
        intro=f"Chapeau {marker}.",
        body=stream(_paragraph(f"{marker}-p", f"Paragraphe {marker}.", basis)),
        change_kind="majeure",
        change_note=f"Note {marker}",
        live=go_live_at is None,
        go_live_at=go_live_at,
    )
    chapter.stages = [stage]
    return chapter


def _build_guide(world, basis, stage):
    from guides.models import GuideChapterPage, GuideEditionPage, GuideIndexPage, GuideSectionPage

    edition = GuideEditionPage.objects.get(year=2026)
    chapter = GuideChapterPage.objects.child_of(edition).get(slug=SECTION_CHAPTER)

    def section(marker, publish, parent=chapter):
        page = GuideSectionPage(
            title=f"Section {marker}",
            slug=marker,
            intro=f"Chapeau {marker}.",
            body=stream(_paragraph(f"{marker}-p", f"Paragraphe {marker}.", basis)),
            change_kind="majeure",
            change_note=f"Note {marker}",
            search_description=f"Description {marker}",
            live=publish,
        )
        page.stages = [stage]
        parent.add_child(instance=page)
        if publish:
            return _publish(page)
        page.save_revision()
        return page

    # Published twin, then the draft section.
    section("zorglubvisible", publish=True)
    draft = section("zorglubbrouillon", publish=False)
    world.objects["brouillon-section-guide"] = draft
    world.own_urls["brouillon-section-guide"] = [f"/guide/2026/{SECTION_CHAPTER}/zorglubbrouillon/"]

    # A private chapter (published, then behind a password) and its section.
    private = _chapter("zorglubprive", basis, stage)
    edition.add_child(instance=private)
    _publish(private)
    section("zorglubprive", publish=True, parent=private)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    world.objects["chapitre-prive"] = private
    world.own_urls["chapitre-prive"] = [
        "/guide/2026/zorglubprive/",
        "/guide/2026/zorglubprive/pdf/",
        "/guide/2026/zorglubprive/zorglubprive/",
    ]

    # The scheduled edition, its scheduled chapter, and a chapter published at once.
    go_live = timezone.now() + datetime.timedelta(days=30)
    root = GuideIndexPage.objects.get()
    scheduled = GuideEditionPage(
        title=f"Guide des clauses sociales — édition {SCHEDULED_YEAR} zorglubprogramme",
        slug=str(SCHEDULED_YEAR),
        year=SCHEDULED_YEAR,
        in_force_from=go_live.date(),
        summary=rich("Ce qui change : zorglubprogramme."),
        change_kind="majeure",
        change_note="Note zorglubprogramme",
        search_description="Description zorglubprogramme",
        live=False,
        go_live_at=go_live,
    )
    root.add_child(instance=scheduled)
    scheduled.save_revision().publish()  # scheduled, not live
    scheduled_chapter = _chapter("zorglubprogramme", basis, stage, go_live_at=go_live)
    scheduled.add_child(instance=scheduled_chapter)
    scheduled_chapter.save_revision().publish()
    world.objects["edition-programmee"] = scheduled
    world.objects["chapitre-programme"] = scheduled_chapter
    year = SCHEDULED_YEAR
    world.own_urls["edition-programmee"] = [
        f"/guide/{year}/",
        f"/guide/{year}/pdf/",
        f"/guide/{year}/comparer/2026/",
        f"/guide/2026/comparer/{year}/",
        f"/guide/{year}/zorglubprogramme/",
        f"/guide/{year}/zorglubprogramme/pdf/",
    ]
    early = _chapter("zorglubanticipe", basis, stage)
    scheduled.add_child(instance=early)
    _publish(early)
    world.objects["chapitre-publie-edition-programmee"] = early
    world.own_urls["chapitre-publie-edition-programmee"] = [
        f"/guide/{year}/zorglubanticipe/",
        f"/guide/{year}/zorglubanticipe/pdf/",
    ]

    # A live chapter: its published version gains the twin marker, then an unpublished revision.
    live = GuideChapterPage.objects.child_of(edition).get(slug=REVISION_CHAPTER)
    live.intro = f"{live.intro} zorglubpubliee"
    live.change_note = "Note zorglubpubliee"
    _publish(live)
    draft = live.get_latest_revision_as_object()
    draft.title = f"{draft.title} zorglubrevision"
    draft.intro = f"Chapeau zorglubrevision. {draft.intro}"
    draft.search_description = "Description zorglubrevision"
    draft.change_kind = "majeure"
    draft.change_note = "Note zorglubrevision"
    draft.body = [
        *[dict(block) for block in draft.body.raw_data],
        {
            "type": "paragraph",
            "value": {"pid": "zorglubrevision-p", "text": rich("Paragraphe zorglubrevision.")},
        },
    ]
    draft.save_revision()
    world.objects["revision-chapitre"] = live
    world.live_urls["revision-chapitre"] = [f"/guide/2026/{REVISION_CHAPTER}/"]


def _build_pages(world):
    from centre.models import StandardPage
    from resources.models import EventIndexPage, EventPage

    parent = Page.objects.get(url_path="/accueil/accessibilite/").specific
    annex = StandardPage(title="Page zorglubannexe", slug="zorglubannexe", intro="zorglubannexe")
    parent.add_child(instance=annex)
    _publish(annex)
    draft = StandardPage(
        title="Page zorglubebauche",
        slug="zorglubebauche",
        intro="Chapeau zorglubebauche.",
        live=False,
    )
    parent.add_child(instance=draft)
    draft.save_revision()
    world.objects["brouillon-page"] = draft
    world.own_urls["brouillon-page"] = ["/accessibilite/zorglubebauche/"]

    events = EventIndexPage.objects.get()
    start = timezone.now() + datetime.timedelta(days=20)

    def event(marker, publish):
        page = EventPage(
            title=f"Formation {marker}",
            slug=marker,
            start=start,
            end=start + datetime.timedelta(hours=3),
            place=f"Salle {marker}",
            summary=f"Résumé {marker}.",
            live=publish,
        )
        events.add_child(instance=page)
        if publish:
            return _publish(page)
        page.save_revision()
        return page

    event("zorglubevenement", publish=True)
    world.objects["brouillon-evenement"] = event("zorglubatelier", publish=False)
    private = event("zorglubreserve", publish=True)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    world.objects["evenement-prive"] = private
    base = events.url
    world.own_urls["brouillon-evenement"] = [f"{base}zorglubatelier/"]
    world.own_urls["evenement-prive"] = [f"{base}zorglubreserve/"]


def _build_contracts(world, basis, notice_date):
    from contracts.models import UpcomingContract
    from core.models import Sector
    from directory.models import PublicBuyer

    buyer = PublicBuyer.objects.filter(department__isnull=False).order_by("pk").first()
    sector = Sector.objects.order_by("pk").first()

    def contract(marker, publish=True, go_live_at=None):
        item = UpcomingContract(
            title=f"Marché {marker}",
            slug=marker,
            buyer=buyer,
            description=f"Description {marker}.",
            kind="travaux",
            legal_basis=basis,
            expected_notice_date=notice_date,
            go_live_at=go_live_at,
            live=False,
        )
        item.sectors = [sector]
        item.departments = [buyer.department]
        return _saved(item, publish)

    public = contract("zorglubmarchepublic")
    world.urls["marche"] = public.get_absolute_url()
    world.objects["marche-brouillon"] = contract("zorglubmarcheprojet", publish=False)
    scheduled = contract(
        "zorglubmarcheattente", go_live_at=timezone.now() + datetime.timedelta(days=30)
    )
    world.objects["marche-programme"] = scheduled
    draft = UpcomingContract.objects.get(pk=public.pk)
    draft.title = "Marché zorglubmarcheretouche"
    draft.description = "Description zorglubmarcheretouche."
    draft.save_revision()
    world.objects["revision-marche"] = public
    world.own_urls["marche-brouillon"] = ["/marches-a-venir/zorglubmarcheprojet/"]
    world.own_urls["marche-programme"] = ["/marches-a-venir/zorglubmarcheattente/"]
    world.live_urls["revision-marche"] = [public.get_absolute_url()]


def _build_resources(world, basis):
    from clauses.models import LabourShareRow, ModelClause
    from clauses.queries import current_year

    def clause(marker, publish):
        item = ModelClause(
            title=f"Clause {marker}",
            slug=marker,
            summary=f"Résumé {marker}.",
            mechanism="condition_execution",
            legal_basis=basis,
            document="ccap",
            for_works=True,
            text=f"Texte {marker} pour {{acheteur}}.",
            guidance=f"Notes {marker}.",
            version_year=2026,
            live=False,
        )
        return _saved(item, publish)

    public = clause("zorglubclausepubliee", publish=True)
    world.objects["clause-brouillon"] = clause("zorglubclauseprojet", publish=False)
    draft = ModelClause.objects.get(pk=public.pk)
    draft.title = "Clause zorglubclauseretouche"
    draft.text = "Texte zorglubclauseretouche pour {acheteur}."
    draft.save_revision()
    world.objects["revision-clause"] = public
    world.urls["clause"] = public.get_absolute_url()
    world.own_urls["clause-brouillon"] = [
        "/clauses/zorglubclauseprojet/",
        "/clauses/zorglubclauseprojet/pdf/",
        "/clauses/zorglubclauseprojet/docx/",
    ]
    world.live_urls["revision-clause"] = [public.get_absolute_url()]

    year = current_year()
    for marker, published in (("zorglubterrassement", True), ("zorglubmaindoeuvre", False)):
        row = LabourShareRow.objects.create(
            year=year,
            category="travaux",
            work_type=f"Travaux {marker}",
            share_low=Decimal("40"),
            hourly_cost=Decimal("35"),
            source=f"Source {marker}",
            notes=f"Notes {marker}",
            is_published=published,
        )
        if not published:
            world.objects["ligne-main-d-oeuvre-non-publiee"] = row


def _build_directory(world):
    from directory.models import Correction, CorrectionStatus, Department, FacilitatorStructure

    department = Department.objects.filter(organisations__is_published=True).first()

    def structure(marker, published):
        item = FacilitatorStructure.objects.create(
            name=f"Structure {marker}",
            slug=marker,
            subkind="plie",
            department=department,
            description=f"Présentation {marker}.",
            email=f"{marker}@example.org",
            is_published=published,
        )
        item.covered_departments.set([department])
        return item

    public = structure("zorglubstructure", True)
    world.objects["organisation-non-publiee"] = structure("zorglubmasquee", False)
    world.own_urls["organisation-non-publiee"] = [
        "/annuaire/zorglubmasquee/",
        "/annuaire/zorglubmasquee/signaler/",
    ]
    world.urls["organisation"] = public.get_absolute_url()
    world.urls["departement"] = department.code
    response = Client(REMOTE_ADDR="192.0.2.10").post(
        f"{public.get_absolute_url()}signaler/",
        {
            "field": "description",
            "proposed_value": "Nouvelle présentation zorglubcorrection.",
            "comment": "Commentaire zorglubcorrection.",
        },
    )
    assert response.status_code == 200, response.content[:500]
    correction = Correction.objects.get(organisation=public)
    assert correction.status == CorrectionStatus.PENDING
    world.objects["signalement-en-attente"] = correction
    world.live_urls["signalement-en-attente"] = [public.get_absolute_url()]


def _build_alerts(world):
    from contracts.models import AlertSubscription

    response = Client(REMOTE_ADDR="192.0.2.11").post(
        "/marches-a-venir/alertes/", {"email": "zorglubalerte@example.org"}
    )
    assert response.status_code == 302, response.content[:500]
    world.objects["abonnement-non-confirme"] = AlertSubscription.objects.get(
        email="zorglubalerte@example.org"
    )
    # A confirmed subscriber: the digest's positive control.
    AlertSubscription.objects.create(
        email="zorglubabonne@example.org",
        filters={},
        confirmed_at=timezone.now() - datetime.timedelta(days=1),
    )


def _build_library(world):
    from resources.models import DataPoint, DataSeries, Publication

    def publication(marker, publish):
        item = Publication(
            ref=marker,
            title=f"Publication {marker}",
            publisher=f"Éditeur {marker}",
            date_label="Déc. 2026",
            year=2026,
            month=12,
            purpose=f"Objectif {marker}.",
            kind="guide",
            url=f"https://example.org/{marker}.pdf",
            live=False,
        )
        return _saved(item, publish)

    draft = publication("zorglubpublicationprojet", publish=False)
    public = publication("zorglubpublicationpubliee", publish=True)
    type(public).objects.filter(pk=public.pk).update(replaced_by=draft)
    world.objects["publication-brouillon"] = draft

    def series(marker, publish):
        item = DataSeries(
            title=f"Série {marker}",
            slug=marker,
            topic="volumes",
            unit="heures",
            description=f"Lecture {marker}.",
            source=f"Source {marker}",
            live=False,
        )
        item.points = [DataPoint(label="2025", value=Decimal("12"), note=f"Note {marker}")]
        return _saved(item, publish)

    public_series = series("zorglubseriepubliee", publish=True)
    world.objects["serie-brouillon"] = series("zorglubserieprojet", publish=False)
    world.urls["serie_csv"] = f"/ressources/statistiques/{public_series.slug}.csv"
    world.own_urls["serie-brouillon"] = ["/ressources/statistiques/zorglubserieprojet.csv"]


def _build_moderated_snippets(world):
    """Legal bases and glossary terms: a draft of each, and a live one with a pending revision."""
    from guides.models import GuideChapterPage, GuideEditionPage, LegalBasis
    from resources.models import GlossaryTerm

    def basis(marker, publish):
        item = LegalBasis(
            slug=marker,
            title=f"Base {marker}",
            current_articles=f"Article {marker}",
            summary=f"Ce que permet {marker}.",
            live=False,
        )
        return _saved(item, publish)

    draft = basis("zorglubbaseprojet", publish=False)
    public = basis("zorglubbasepubliee", publish=True)
    public.summary = "Résumé zorglubbaserevue."
    public.save_revision()
    world.objects["base-juridique-brouillon"] = draft
    world.objects["revision-base-juridique"] = public
    world.own_urls["base-juridique-brouillon"] = [draft.get_absolute_url()]
    world.live_urls["revision-base-juridique"] = [public.get_absolute_url()]
    # A live paragraph of the edition in force cites both: only the published one may show.
    edition = GuideEditionPage.objects.get(year=2026)
    chapter = GuideChapterPage.objects.child_of(edition).get(slug=SECTION_CHAPTER)
    citing = _paragraph("zorglub-bases", "Bases citées.", public)
    citing[1]["legal_bases"] = [draft.pk, public.pk]
    chapter.body = [
        *[dict(block) for block in chapter.body.raw_data],
        {"type": citing[0], "value": citing[1]},
    ]
    _publish(chapter)

    def term(marker, publish):
        item = GlossaryTerm(
            term=marker, expansion=f"forme {marker}", definition=f"Définition {marker}.", live=False
        )
        return _saved(item, publish)

    world.objects["glossaire-brouillon"] = term("zorglubtermeprojet", publish=False)
    published_term = term("zorglubtermepublie", publish=True)
    published_term.definition = "Définition zorglubtermerevu."
    published_term.save_revision()
    world.objects["revision-glossaire"] = published_term
    world.live_urls["revision-glossaire"] = ["/glossaire/"]


def build_world():
    from guides.models import LegalBasis, PurchaseStage

    world = World()
    # The least cited basis: its page lists at most 50 citing objects of each kind.
    basis = min(
        LegalBasis.objects.order_by("sort_order", "pk"),
        key=lambda basis: basis.upcoming_contracts.count() + basis.model_clauses.count(),
    )
    world.urls["base"] = basis.get_absolute_url()
    stage = PurchaseStage.objects.order_by("sort_order").first()
    notice_date = timezone.localdate() + datetime.timedelta(days=400)
    world.urls["avis"] = notice_date.isoformat()
    _build_guide(world, basis, stage)
    _build_pages(world)
    _build_contracts(world, basis, notice_date)
    _build_resources(world, basis)
    _build_directory(world)
    _build_alerts(world)
    _build_library(world)
    _build_moderated_snippets(world)
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, GUIDES_PDF_ON_PUBLISH=False),
        transaction.atomic(),
    ):
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)


# ---------------------------------------------------------------------------- the columns


@dataclass(frozen=True)
class Surface:
    """A public surface. `url` is a string, or a function of the world (addresses of the content
    built above); with `query`, it holds `{q}`, filled with each marker in turn. `twins` lists the
    control markers it must show: all of them (None) or these."""

    name: str
    url: object
    kind: str = "text"  # text, pdf, docx, digest
    query: str = ""  # "", "word", "prefix" or "typo": how a marker becomes the query
    twins: tuple | None = ()


IN_VOCABULARY = ("zorglubvisible", "zorglubannexe", "zorglubevenement", "zorglubclausepubliee")
TITLED = (
    *IN_VOCABULARY,
    "zorglubmarchepublic",
    "zorglubterrassement",
    "zorglubstructure",
)


def _url(template):
    return lambda world: template.format(**world.urls)


SURFACES = [
    # Pages that list or show content.
    Surface("accueil", "/"),
    Surface("guide", "/guide/", twins=("zorglubvisible",)),
    Surface("guide-edition-en-vigueur", "/guide/2026/"),
    Surface("guide-chapitre", f"/guide/2026/{SECTION_CHAPTER}/", twins=("zorglubvisible",)),
    Surface("guide-etapes", "/guide/etapes/", twins=("zorglubvisible", "zorglubpubliee")),
    Surface(
        "guide-mises-a-jour", "/guide/mises-a-jour/", twins=("zorglubvisible", "zorglubpubliee")
    ),
    Surface("guide-comparaison", "/guide/2026/comparer/2025/", twins=("zorglubvisible",)),
    Surface("bases-juridiques", "/bases-juridiques/", twins=("zorglubbasepubliee",)),
    Surface("glossaire", "/glossaire/", twins=("zorglubtermepublie",)),
    Surface(
        "base-juridique",
        _url("{base}"),
        twins=("zorglubvisible", "zorglubclausepubliee", "zorglubmarchepublic"),
    ),
    Surface("page-et-ses-enfants", "/accessibilite/", twins=("zorglubannexe",)),
    Surface("clauses", "/clauses/", twins=("zorglubclausepubliee",)),
    Surface("clause", _url("{clause}"), twins=("zorglubclausepubliee",)),
    Surface("main-d-oeuvre", "/main-d-oeuvre/", twins=("zorglubterrassement",)),
    Surface("calculateur", "/calculateur/", twins=("zorglubterrassement",)),
    Surface("annuaire", "/annuaire/?q=zorglub", twins=("zorglubstructure",)),
    Surface("annuaire-fiche", _url("{organisation}"), twins=("zorglubstructure",)),
    Surface(
        "annuaire-facilitateur",
        _url("/annuaire/facilitateur/?departement={departement}"),
        twins=("zorglubstructure",),
    ),
    Surface("marches", "/marches-a-venir/"),
    Surface(
        "marches-filtres",
        _url("/marches-a-venir/?avis_du={avis}&avis_au={avis}"),
        twins=("zorglubmarchepublic",),
    ),
    Surface("marche", _url("{marche}"), twins=("zorglubmarchepublic",)),
    Surface("ressources", "/ressources/", twins=("zorglubevenement", "zorglubpublicationpubliee")),
    Surface("publications", "/ressources/publications/", twins=("zorglubpublicationpubliee",)),
    Surface("statistiques", "/ressources/statistiques/", twins=("zorglubseriepubliee",)),
    Surface("formations", "/ressources/formations/", twins=("zorglubevenement",)),
    Surface("bonnes-pratiques", "/ressources/bonnes-pratiques/"),
    Surface("boites-a-outils", "/ressources/boites-a-outils/"),
    # Sitemap, feeds, calendars.
    Surface(
        "plan-du-site",
        "/sitemap.xml",
        twins=("zorglubvisible", "zorglubannexe", "zorglubevenement", "zorglubmarchepublic"),
    ),
    Surface("guide-flux-atom", "/guide/flux.atom", twins=("zorglubvisible",)),
    Surface("marches-flux-atom", "/marches-a-venir/flux.atom", twins=("zorglubmarchepublic",)),
    # Filtered on the matrix's notice date: its contracts only, whatever the feed's length.
    Surface(
        "marches-flux-atom-filtre",
        _url("/marches-a-venir/flux.atom?avis_du={avis}&avis_au={avis}"),
        twins=("zorglubmarchepublic",),
    ),
    Surface(
        "marches-calendrier-ics", "/marches-a-venir/calendrier.ics", twins=("zorglubmarchepublic",)
    ),
    Surface(
        "formations-calendrier-ics",
        "/ressources/formations/calendrier.ics",
        twins=("zorglubevenement",),
    ),
    # Open data.
    Surface("annuaire-export-csv", "/annuaire/export.csv", twins=("zorglubstructure",)),
    Surface("annuaire-export-json", "/annuaire/export.json", twins=("zorglubstructure",)),
    Surface(
        "annuaire-export-csv-filtre", "/annuaire/export.csv?q=zorglub", twins=("zorglubstructure",)
    ),
    Surface("marches-export-csv", "/marches-a-venir/export.csv", twins=("zorglubmarchepublic",)),
    Surface("marches-export-json", "/marches-a-venir/export.json", twins=("zorglubmarchepublic",)),
    Surface(
        "main-d-oeuvre-export-csv", "/main-d-oeuvre/export.csv", twins=("zorglubterrassement",)
    ),
    Surface(
        "main-d-oeuvre-export-json", "/main-d-oeuvre/export.json", twins=("zorglubterrassement",)
    ),
    Surface("statistiques-csv", _url("{serie_csv}"), twins=("zorglubseriepubliee",)),
    # PDFs and documents.
    Surface(
        "guide-pdf-edition",
        "/guide/2026/pdf/",
        kind="pdf",
        twins=("zorglubvisible", "zorglubpubliee"),
    ),
    Surface(
        "guide-pdf-chapitre",
        f"/guide/2026/{SECTION_CHAPTER}/pdf/",
        kind="pdf",
        twins=("zorglubvisible",),
    ),
    Surface(
        "guide-pdf-chapitre-revise",
        f"/guide/2026/{REVISION_CHAPTER}/pdf/",
        kind="pdf",
        twins=("zorglubpubliee",),
    ),
    Surface("clause-pdf", _url("{clause}pdf/"), kind="pdf", twins=("zorglubclausepubliee",)),
    Surface("clause-docx", _url("{clause}docx/"), kind="docx", twins=("zorglubclausepubliee",)),
    # E-mail: the alert digest.
    Surface("alertes-envoi", "", kind="digest", twins=("zorglubmarchepublic", "zorglubabonne")),
    # Search page and JSON API, once per marker.
    Surface("recherche", "/recherche/?q={q}", query="word", twins=None),
    Surface(
        "recherche-toutes-editions", "/recherche/?q={q}&edition=toutes", query="word", twins=None
    ),
    Surface(
        "recherche-edition-programmee",
        f"/recherche/?q={{q}}&edition={SCHEDULED_YEAR}",
        query="word",
        twins=None,
    ),
    # "Did you mean": its vocabulary is the titles of pages, model clauses and glossary terms.
    Surface("recherche-faute-de-frappe", "/recherche/?q={q}", query="typo", twins=IN_VOCABULARY),
    Surface("api-recherche", "/api/recherche/?q={q}", query="word", twins=None),
    Surface(
        "api-recherche-toutes-editions",
        "/api/recherche/?q={q}&edition=toutes",
        query="word",
        twins=None,
    ),
    # Autocomplete reads titles (names, types of work) only; publications and series have none.
    Surface("api-suggestions", "/api/recherche/suggestions/?q={q}", query="word", twins=TITLED),
    Surface(
        "api-suggestions-debut", "/api/recherche/suggestions/?q={q}", query="prefix", twins=TITLED
    ),
    # Eight suggestions at most: the shared prefix shows all but the contract, which a longer
    # prefix (shared with its draft, scheduled and revised twins) shows.
    Surface(
        "api-suggestions-zorglub",
        "/api/recherche/suggestions/?q=ZORGLUB",
        twins=tuple(twin for twin in TITLED if twin != "zorglubmarchepublic"),
    ),
    Surface(
        "api-suggestions-zorglubmarche",
        "/api/recherche/suggestions/?q=ZORGLUBMARCHE",
        twins=("zorglubmarchepublic",),
    ),
]


def query_for(marker, how):
    """The query a visitor would type. Upper case: the page echoes the query, and only that echo
    is upper case, so it is removed before the scan; the search itself ignores case."""
    if how == "prefix":
        marker = marker[:-3]
    elif how == "typo":
        marker = marker[:7] + marker[8] + marker[7] + marker[9:]  # two letters swapped
    return marker.upper()


def _content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        done = subprocess.run(["pdftotext", file.name, "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace")


def docx_text(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith(".xml")
        )


def normalise(text, echo=""):
    """Lower case, entities decoded, iCalendar lines unfolded; PDF hyphenation and line breaks
    cannot split a marker either (a second copy without any space or hyphen is appended)."""
    text = html.unescape(text)
    if echo:
        text = text.replace(echo, " ")
    text = re.sub(r"\r?\n[ \t]", "", text).lower()
    return text + "\n" + re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def digest_text():
    from contracts.digest import send_digests

    before = len(mail.outbox)
    send_digests(base_url="https://example.org")
    parts = []
    for message in mail.outbox[before:]:
        parts += [", ".join(message.to), message.subject, message.body]
        parts += [content for content, _mimetype in getattr(message, "alternatives", [])]
    return "\n".join(parts)


def surface_text(world, surface, marker=""):
    """The surface as a visitor gets it, normalised (fetched once per module)."""
    query = query_for(marker, surface.query) if surface.query else ""
    key = (surface.name, query)
    if key in world.texts:
        return world.texts[key]
    if surface.kind in ("pdf",) and not HAS_PDFTOTEXT:
        pytest.skip(NO_PDFTOTEXT)
    if surface.kind == "digest":
        text = digest_text()
    else:
        url = surface.url(world) if callable(surface.url) else surface.url
        url = url.replace("{q}", query)
        response = Client().get(url)
        assert response.status_code == 200, f"{surface.name}: {url} answered {response.status_code}"
        data = _content(response)
        if surface.kind == "pdf":
            assert data.startswith(b"%PDF"), f"{surface.name}: not a PDF"
            text = pdf_text(data)
        elif surface.kind == "docx":
            text = docx_text(data)
        else:
            text = data.decode("utf-8", "replace")
    world.texts[key] = normalise(text, echo=query)
    return world.texts[key]


def _excerpt(text, needle):
    position = text.find(needle)
    return text[max(position - 150, 0) : position + 150].replace("\n", " ")


# ----------------------------------------------------------------------------------- tests


def test_markers_are_distinct():
    """No marker contains another one: a hit names exactly one item."""
    markers = [item.marker for item in ITEMS] + TWINS + ["zorglubabonne"]
    assert len(set(markers)) == len(markers)
    for marker in markers:
        assert [other for other in markers if marker in other] == [marker]
        assert not re.search("f[fil]", marker)  # no ligature in PDFs


@pytest.mark.parametrize("surface", SURFACES, ids=lambda surface: surface.name)
@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.key)
def test_hidden_item_never_appears(world, item, surface):
    text = surface_text(world, surface, item.marker)
    for needle in (item.marker, *item.needles):
        if needle in text:
            pytest.fail(
                f"LEAK: {item.what} ({needle!r}) appears on {surface.name}: "
                f"…{_excerpt(text, needle)}…"
            )


def _twin_cases():
    for surface in SURFACES:
        if surface.twins is None:
            yield from ((surface, twin) for twin in TWINS)
        else:
            yield from ((surface, twin) for twin in surface.twins)


@pytest.mark.parametrize(
    ("surface", "twin"), list(_twin_cases()), ids=lambda value: getattr(value, "name", value)
)
def test_published_twin_appears(world, surface, twin):
    text = surface_text(world, surface, twin)
    if twin not in text:
        pytest.fail(f"{surface.name} does not show the published {twin!r}: the check is void")


def _is_withheld(response):
    """404, a redirection to a login page, or Wagtail's password form."""
    if response.status_code in (401, 403, 404, 410):
        return True
    if response.status_code in (301, 302):
        return "login" in response["Location"] or "connexion" in response["Location"]
    body = _content(response).decode("utf-8", "replace")
    return response.status_code == 200 and 'name="password"' in body


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.key)
def test_own_addresses_withhold_it(world, item):
    """The hidden item's own addresses answer 404 or ask for a login or password; addresses that
    stay public (a live page with a draft revision) show the published version."""
    own = world.own_urls.get(item.key, [])
    live = world.live_urls.get(item.key, [])
    if not own and not live:
        pytest.skip("no address of its own")
    for url in own:
        response = Client().get(url)
        # A password form or a 404 page may repeat the address asked for: not a leak.
        text = normalise(_content(response).decode("utf-8", "replace"), echo=url)
        assert item.marker not in text, f"LEAK: {item.what} served at {url}"
        assert _is_withheld(response), f"LEAK: {url} answered {response.status_code}"
    for url in live:
        response = Client().get(url)
        text = normalise(_content(response).decode("utf-8", "replace"))
        assert response.status_code == 200, url
        assert item.marker not in text, f"LEAK: {item.what} served at {url}"
        assert item.twin in text, f"{url} does not show the published version"


def _indexed(obj, marker):
    """The search index (unfiltered) holds the object under its marker."""
    hits = get_search_backend().search(marker, type(obj).objects.all())
    return obj.pk in {hit.pk for hit in hits}


def _scheduled(obj):
    from wagtail.models import Revision

    revisions = Revision.objects.for_instance(obj)
    return not obj.live and revisions.filter(approved_go_live_at__isnull=False).exists()


def _draft_only_in_revision(obj, marker):
    """Live, and the marker only in its latest revision, not in its published one or its row."""
    obj.refresh_from_db()
    latest, published = obj.latest_revision, obj.live_revision
    row = type(obj).objects.filter(pk=obj.pk).values().get()
    row.pop("draft_title", None)  # Wagtail keeps the draft's title there, for the admin only
    return (
        obj.live
        and latest.pk != published.pk
        and marker in str(latest.content)
        and marker not in str(published.content)
        and marker not in str(row)
    )


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.key)
def test_hidden_items_are_really_there(world, item):
    """Each row is in the state it claims, and in the search index when it can be, so that
    the matrix tests the filters, not an absence."""
    from guides.models import ChangeNote

    obj = world.objects[item.key]
    marker = item.marker
    key = item.key
    if key in ("chapitre-prive", "chapitre-publie-edition-programmee"):
        # Their publication recorded a major change note: the updates and their feed filter it.
        assert ChangeNote.objects.filter(note__contains=marker, kind="majeure").exists()
    if key.startswith("brouillon-") or key.endswith("-brouillon"):
        assert not obj.live and obj.first_published_at is None
        assert _indexed(obj, marker)
    elif key in ("edition-programmee", "marche-programme"):
        assert _scheduled(obj)
        assert _indexed(obj, marker)
        if key == "edition-programmee":
            assert _scheduled(world.objects["chapitre-programme"].specific)
    elif key == "chapitre-publie-edition-programmee":
        assert obj.live and not obj.get_parent().live
        assert _indexed(obj, marker)
    elif key in ("chapitre-prive", "evenement-prive"):
        assert obj.live and obj.get_view_restrictions().exists()
        assert _indexed(obj, marker)
    elif key.startswith("revision-"):
        assert _draft_only_in_revision(obj, marker)
    elif key == "ligne-main-d-oeuvre-non-publiee":
        from clauses.queries import current_year

        assert not obj.is_published and obj.year == current_year()
        assert _indexed(obj, marker)
    elif key == "organisation-non-publiee":
        assert not obj.is_published
        assert _indexed(obj, marker)
    elif key == "signalement-en-attente":
        assert obj.status == "en_attente" and marker in obj.proposed_value
        assert obj.organisation.is_published
    elif key == "abonnement-non-confirme":
        assert obj.confirmed_at is None and obj.email.startswith(marker)
    else:
        pytest.fail(f"no state check for {key}")
