"""Demo content of the library: glossary, publications of the 2019 annex, statistics, trainings,
good-practice sheets and toolboxes. Idempotent and fast: records are bulk-created, pages are
published once, and nothing that already exists is touched."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.demo_tools import home_page, is_editorial_page, rich, stream
from core.models import Sector

from ..models import (
    DataPoint,
    DataSeries,
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    GoodPracticeIndexPage,
    GoodPracticePage,
    Publication,
    PublicationIndexPage,
    ResourceHubPage,
    StatisticsPage,
    ToolboxIndexPage,
    ToolboxPage,
)
from ..publications import ensure_audiences, import_csv
from .glossary import TERMS
from .practices import PRACTICES
from .statistics import SERIES
from .toolboxes import TOOLBOXES

# The 49 rows of the 2019 instruction's annex 5, verbatim, plus the centre's columns.
PUBLICATIONS_CSV = Path(__file__).resolve().parent / "publications.csv"


def ensure_child_page(parent, model, slug, **fields):
    """The live child page of `parent` with this slug, created if missing (page, created).

    Like core.demo_tools.ensure_child_page, but the page is created live without a revision:
    publishing revisions is the slow part of the demo, and editing the page later creates one.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    now = timezone.now()
    page = model(slug=slug, first_published_at=now, last_published_at=now, **fields)
    parent.add_child(instance=page)
    return page, True


RESOURCES_INTRO = (
    "Le centre de ressources met en commun les publications, les bonnes pratiques, des boîtes "
    "à outils par public, le programme de formation et les statistiques nationales."
)


def _resources_page(home):
    """The /ressources/ hub. The site's placeholder (a plain editorial page) is replaced by the
    hub, keeping its slug and moving any child page under the hub; any other page is kept."""
    existing = home.get_children().filter(slug="ressources").first()
    if existing is not None:
        existing = existing.specific
        if isinstance(existing, ResourceHubPage) or not is_editorial_page(existing):
            return existing
    now = timezone.now()
    hub = ResourceHubPage(
        first_published_at=now,
        last_published_at=now,
        title="Ressources",
        slug="ressources-bibliotheque" if existing is not None else "ressources",
        intro=RESOURCES_INTRO,
        search_description="Publications, bonnes pratiques, boîtes à outils, formations, statistiques.",
    )
    home.add_child(instance=hub)
    if existing is not None:
        for child in existing.get_children():
            child.move(hub, pos="last-child")
        existing.delete()
        hub.refresh_from_db()
        hub.slug = "ressources"
        hub.save()
    return hub


def load_glossary(home):
    ensure_child_page(
        home,
        GlossaryPage,
        "glossaire",
        title="Glossaire",
        intro=(
            "Les sigles et les termes employés par les acteurs des clauses sociales, "
            "avec leur forme développée et une définition courte."
        ),
        search_description="Sigles et termes des clauses sociales d'insertion.",
    )
    existing = set(GlossaryTerm.objects.values_list("term", flat=True))
    new = [
        GlossaryTerm(term=term, expansion=expansion, definition=definition, variants=variants)
        for term, expansion, definition, variants in TERMS
        if term not in existing
    ]
    for term in new:
        term.slug = slugify(term.term)
        term.annotate = term.term != "AI"
    GlossaryTerm.objects.bulk_create(new)
    return len(new)


def load_publications(resources):
    ensure_child_page(
        resources,
        PublicationIndexPage,
        "publications",
        title="Publications",
        intro=(
            "<p>Les guides, études, statistiques et retours d'expérience recensés par l'instruction "
            "interministérielle du 11 avril 2019 (annexe 5), avec leur éditeur, leur public et "
            "leurs conditions d'accès.</p>"
        ),
        search_description="Guides, études et statistiques sur les clauses sociales.",
    )
    if not PUBLICATIONS_CSV.exists():
        return 0
    return import_csv(PUBLICATIONS_CSV)


def load_statistics(resources):
    ensure_child_page(
        resources,
        StatisticsPage,
        "statistiques",
        title="Statistiques",
        intro=(
            "<p>Les chiffres nationaux des clauses sociales d'insertion publiés par les sources "
            "officielles, avec leur année et leur source. Chaque série se lit en graphique ou en "
            "tableau et se télécharge au format CSV.</p>"
        ),
        search_description="Chiffres nationaux des clauses sociales : heures, publics, sorties.",
    )
    existing = set(DataSeries.objects.values_list("slug", flat=True))
    new_series, points = [], []
    for position, (slug, title, topic, unit, source, description, caveat, rows) in enumerate(
        SERIES
    ):
        if slug in existing:
            continue
        series = DataSeries(
            slug=slug,
            title=title,
            topic=topic,
            unit=unit,
            source=source,
            description=description,
            caveat=caveat,
            sort_order=position,
            live=True,
        )
        new_series.append(series)
        for order, (label, value, year, point_source, note) in enumerate(rows):
            points.append(
                (
                    series,
                    DataPoint(
                        label=label,
                        value=Decimal(value),
                        year=year,
                        source=point_source,
                        note=note,
                        sort_order=order,
                    ),
                )
            )
    DataSeries.objects.bulk_create(new_series)
    for series, point in points:
        point.series = series
    DataPoint.objects.bulk_create([point for _, point in points])
    return len(new_series)


FICTITIOUS = "Exemple fictif de démonstration. "

EVENTS = [
    # slug, title, days from the first load, hour, duration (h), kind, online, place, audiences, summary
    (
        "webinaire-calculer-heures-insertion",
        "Webinaire : calculer le nombre d'heures d'insertion d'un marché",
        12,
        10,
        1.5,
        "webinaire",
        True,
        "",
        ["acheteurs", "facilitateurs"],
        "Une heure et demie pour appliquer la méthode de calcul à trois marchés types, "
        "avec le calculateur du site.",
    ),
    (
        "formation-acheteurs-clause-execution",
        "Formation : rédiger une condition d'exécution sociale",
        26,
        9,
        7,
        "formation",
        False,
        "Lyon (lieu fictif)",
        ["acheteurs"],
        "Une journée pour choisir la base juridique, rédiger la clause et organiser le suivi "
        "avec le facilitateur.",
    ),
    (
        "rencontre-siae-marches-reserves",
        "Rencontre : répondre à un marché réservé quand on est une SIAE",
        41,
        14,
        3,
        "rencontre",
        False,
        "Lille (lieu fictif)",
        ["siae"],
        "Un après-midi d'échanges entre structures d'insertion et acheteurs sur les marchés "
        "réservés et l'allotissement.",
    ),
    (
        "formation-facilitateurs-suivi-execution",
        "Formation : suivre l'exécution d'une clause et consolider les résultats",
        68,
        14,  # two half-days: from 14 h on the first day to 12 h on the next
        22,
        "formation",
        True,
        "",
        ["facilitateurs"],
        "Deux demi-journées à distance, l'après-midi puis le lendemain matin, sur le suivi "
        "des heures, les justificatifs et la remontée des résultats.",
    ),
    (
        "matinale-elus-achats-responsables",
        "Matinale des élus : faire de la commande publique un levier d'emploi",
        95,
        8,
        2,
        "rencontre",
        False,
        "Paris (lieu fictif)",
        ["decideurs"],
        "Deux heures pour présenter aux élus les objectifs nationaux, les résultats et les "
        "moyens d'un territoire.",
    ),
    (
        "webinaire-clauses-services",
        "Webinaire : des clauses sociales dans les marchés de services",
        -21,
        11,
        1,
        "webinaire",
        True,
        "",
        ["acheteurs", "siae"],
        "Nettoyage, espaces verts, prestations intellectuelles : exemples de marchés de "
        "services qui portent une clause.",
    ),
    (
        "colloque-clauses-sociales-bilan",
        "Colloque : dix ans de clauses sociales sur un territoire",
        -75,
        9,
        8,
        "colloque",
        False,
        "Bordeaux (lieu fictif)",
        ["tous"],
        "Une journée de bilan avec acheteurs, entreprises, structures d'insertion et "
        "facilitateurs.",
    ),
]


def load_events(resources):
    index, _ = ensure_child_page(
        resources,
        EventIndexPage,
        "formations",
        title="Formations et événements",
        intro=(
            "<p>Formations, webinaires et rencontres sur les clauses sociales, pour les acheteurs, "
            "les structures d'insertion, les facilitateurs et les élus. Les événements présentés "
            "ici sont des exemples fictifs.</p>"
        ),
        search_description="Formations et rencontres sur les clauses sociales.",
    )
    existing = set(index.get_children().values_list("slug", flat=True))
    audiences = ensure_audiences()
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    created = 0
    for slug, title, days, hour, hours, kind, online, place, publics, summary in EVENTS:
        if slug in existing:
            continue
        start = (today + timedelta(days=days)).replace(hour=hour)
        event = EventPage(
            slug=slug,
            title=title,
            start=start,
            end=start + timedelta(hours=hours),
            kind=kind,
            online=online,
            place=place,
            organiser="Organisme de formation fictif",
            registration_url="" if days < 0 else "https://example.org/inscription-fictive",
            summary=FICTITIOUS + summary,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        event.audiences = [audiences[a] for a in publics]
        index.add_child(instance=event)
        created += 1
    return created


def load_practices(resources):
    index, _ = ensure_child_page(
        resources,
        GoodPracticeIndexPage,
        "bonnes-pratiques",
        title="Bonnes pratiques",
        intro=(
            "<p>Des fiches courtes sur des démarches de clauses sociales : le territoire, le "
            "secteur, le levier juridique, l'acheteur et les résultats. Les fiches marquées "
            "« exemple illustratif » ajoutent des détails qui ne viennent pas des sources.</p>"
        ),
        search_description="Fiches de bonnes pratiques des clauses sociales.",
    )
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    now = timezone.now()
    for (
        slug, title, territory, sector, mechanism, legal_reference, buyer_kind, period,
        summary, results, description, source, illustrative, tags,
    ) in PRACTICES:  # fmt: skip
        if slug in existing:
            continue
        practice = GoodPracticePage(
            slug=slug,
            title=title,
            territory=territory,
            sectors=Sector.objects.named(sector.split(";")),
            mechanism=mechanism,
            legal_reference=legal_reference,
            buyer_kind=buyer_kind,
            period=period,
            summary=summary,
            results=results,
            body=stream(("paragraph", rich(description))),
            source=source,
            illustrative=illustrative,
            first_published_at=now,
            last_published_at=now,
        )
        practice.tags.add(*tags.split(";"))
        index.add_child(instance=practice)
        created += 1
    return created


def _toolbox_stream(items, pages, publications):
    blocks = []
    for item in items:
        kind = item[0]
        if kind == "step":
            blocks.append(("step", item[1]))
        elif kind == "link":
            _, title, url, label, text = item
            blocks.append(("link", {"title": title, "url": url, "kind": label, "text": text}))
        elif kind == "page" and item[1] in pages:
            blocks.append(
                ("page", {"page": pages[item[1]], "title": "", "kind": "", "text": item[2]})
            )
        elif kind == "publication" and item[1] in publications:
            blocks.append(("publication", {"publication": publications[item[1]], "text": item[2]}))
    return stream(*blocks)


def load_toolboxes(resources, home):
    index, _ = ensure_child_page(
        resources,
        ToolboxIndexPage,
        "boites-a-outils",
        title="Boîtes à outils",
        intro=(
            "<p>Pour chaque public, une sélection ordonnée des chapitres du guide, des clauses "
            "types, du calculateur, des publications et des fiches utiles.</p>"
        ),
        search_description="Sélections d'outils pour acheteurs, SIAE, facilitateurs et élus.",
    )
    existing = set(index.get_children().values_list("slug", flat=True))
    if all(slug in existing for slug, *_ in TOOLBOXES):
        return 0
    pages = dict(Page.objects.filter(path__startswith=home.path).values_list("slug", "pk"))
    publications = dict(Publication.objects.values_list("ref", "pk"))
    now = timezone.now()
    created = 0
    for slug, title, persona, intro, items in TOOLBOXES:
        if slug in existing:
            continue
        index.add_child(
            instance=ToolboxPage(
                slug=slug,
                title=title,
                persona=persona,
                intro=intro,
                items=_toolbox_stream(items, pages, publications),
                search_description=intro,
                first_published_at=now,
                last_published_at=now,
            )
        )
        created += 1
    return created


def load(stdout):
    home = home_page()
    if home is None:
        return "aucune page d'accueil : rien chargé"
    resources = _resources_page(home)
    terms = load_glossary(home)
    publications = load_publications(resources)
    series = load_statistics(resources)
    # Sheets and events only reference tags and audiences: skipping the reference index while
    # creating them halves the loader's time (`manage.py rebuild_references_index` restores it).
    with disable_reference_index_auto_update():
        events = load_events(resources)
        practices = load_practices(resources)
    toolboxes = load_toolboxes(resources, home)
    return (
        f"{terms} termes du glossaire, {publications} publications, "
        f"{series} séries statistiques, {events} événements, "
        f"{practices} fiches de bonnes pratiques, {toolboxes} boîtes à outils créés"
    )
