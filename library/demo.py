"""Demo content of the library: glossary, publications of the 2019 annex, statistics, trainings,
good-practice sheets and toolboxes. Idempotent and fast: records are bulk-created, pages are
published once, and nothing that already exists is touched."""

from decimal import Decimal

from django.utils.text import slugify

from centre.demo_tools import ensure_child_page, home_page

from .glossary_data import TERMS
from .models import (
    DataPoint,
    DataSeries,
    GlossaryPage,
    GlossaryTerm,
    PublicationIndexPage,
    StatisticsPage,
)
from .publications import DATA_CSV, import_csv
from .statistics_data import SERIES


def _resources_page(home):
    from centre.models import StandardPage

    page, _ = ensure_child_page(
        home,
        StandardPage,
        "ressources",
        title="Ressources",
        intro="Publications, bonnes pratiques, boîtes à outils, formations et statistiques.",
    )
    return page


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
    if not DATA_CSV.exists():
        return 0
    return import_csv(DATA_CSV)


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


def load(stdout):
    home = home_page()
    if home is None:
        return "aucune page d'accueil : rien chargé"
    resources = _resources_page(home)
    terms = load_glossary(home)
    publications = load_publications(resources)
    series = load_statistics(resources)
    return (
        f"{terms} termes du glossaire, {publications} publications, "
        f"{series} séries statistiques créés"
    )
