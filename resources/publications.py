"""Publications: the filtered list behind /ressources/publications/ and the CSV importer."""

import csv
import re

from django.db import transaction

from core.filters import Facet, Filters

from .models import Access, Audience, Publication, PublicationKind

AUDIENCES = [
    ("acheteurs", "Acheteurs et donneurs d'ordre"),
    ("decideurs", "Élus et décideurs"),
    ("facilitateurs", "Facilitateurs"),
    ("siae", "Structures d'insertion (SIAE)"),
    ("entreprises", "Entreprises"),
    ("tous", "Tous les acteurs"),
]

MONTHS = {
    "janv": 1,
    "fév": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juil": 7,
    "août": 8,
    "aout": 8,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "déc": 12,
    "dec": 12,
}

# Home pages of the host sites named in the annex (the annex gives no document address).
HOST_SITES = {
    "Alliance Villes Emploi": "https://www.ville-emploi.asso.fr/",
    "Avise": "https://www.avise.org/",
    "Socialement responsable": "https://www.socialement-responsable.org/",
    "Ministère de l'économie": "https://www.economie.gouv.fr/daj",
}

# Spellings of one publisher, as printed in the annex, grouped under one name for the filter.
PUBLISHER_NAMES = {
    "Observatoire économique de l'Achat Public (OEAP)": (
        "Observatoire économique de l'achat public (OEAP)"
    ),
    "Observatoire économique de l'Achat Public": "Observatoire économique de l'achat public (OEAP)",
    "Observatoire des Achats Responsables (ObsAR)": "Observatoire des achats responsables (ObsAR)",
}


def parse_date(label, title=""):
    """(year, month) from a date as printed in the annex ("Déc. 2016", "2011 (2e édition)").

    When the date gives no year ("6e édition"), a year in the title is used.
    """
    year = month = None
    found = re.search(r"\b(19|20)\d{2}\b", label or "") or re.search(r"\b(19|20)\d{2}\b", title)
    if found:
        year = int(found.group(0))
    word = re.match(r"\s*([^\W\d_]+)", (label or "").lower())
    if word and year:
        month = MONTHS.get(word.group(1)[:5].rstrip(".")) or MONTHS.get(word.group(1)[:4])
    return year, month


def parse_access(comment):
    text = (comment or "").strip().lower()
    if not text:
        return Access.UNKNOWN
    if "pas en libre accès" in text:
        return Access.RESTRICTED
    if text.startswith("extraits"):
        return Access.PARTIAL
    if text.startswith("accessible"):
        return Access.OPEN
    return Access.OPEN if "accessible" in text else Access.UNKNOWN


def ensure_audiences():
    existing = set(Audience.objects.values_list("slug", flat=True))
    Audience.objects.bulk_create(
        [
            Audience(slug=slug, name=name, sort_order=position)
            for position, (slug, name) in enumerate(AUDIENCES)
            if slug not in existing
        ]
    )
    return {a.slug: a for a in Audience.objects.all()}


@transaction.atomic
def import_csv(path):
    """Create the publications of the CSV that are missing (matched on `ref`); returns the count.

    Existing records are left as editors made them. Raises ValueError listing every bad line.
    """
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kinds = set(PublicationKind.values)
    errors = [
        f"ligne {number} : type « {row.get('type_document')} » inconnu"
        for number, row in enumerate(rows, start=2)
        if row.get("type_document") not in kinds
    ]
    if errors:
        raise ValueError("; ".join(errors))
    audiences = ensure_audiences()
    existing = set(Publication.objects.values_list("ref", flat=True))
    created = []
    for row in rows:
        if row["ref"] in existing:
            continue
        year, month = parse_date(row["date_parution"], row["titre"])
        publisher = row["auteur"].strip()
        created.append(
            Publication(
                ref=row["ref"],
                title=row["titre"].strip(),
                publisher=PUBLISHER_NAMES.get(publisher, publisher),
                host_site=row["site_hebergeur"].strip(),
                date_label=row["date_parution"].strip(),
                year=year,
                month=month,
                contributors=row["contributeurs"].strip(),
                dgefp_participation=row["participation_dgefp"].strip(),
                purpose=row["objectif"].strip(),
                audience_label=row["cible"].strip(),
                kind=row["type_document"],
                access=parse_access(row["commentaires"]),
                comment=row["commentaires"].strip(),
                url=HOST_SITES.get(row["site_hebergeur"].strip(), ""),
                live=True,
            )
        )
    Publication.objects.bulk_create(created)
    by_ref = {p.ref: p for p in Publication.objects.filter(ref__in=[r["ref"] for r in rows])}
    new_refs = {p.ref for p in created}
    links = []
    for row in rows:
        if row["ref"] not in new_refs:
            continue
        publication = by_ref[row["ref"]]
        for slug in filter(None, row["publics"].split(";")):
            links.append(
                Publication.audiences.through(publication=publication, audience=audiences[slug])
            )
        successor = by_ref.get(row["remplace_par"])
        if successor is not None:
            Publication.objects.filter(pk=publication.pk).update(replaced_by=successor)
    Publication.audiences.through.objects.bulk_create(links)
    return len(created)


def filter_publications(params):
    queryset = Publication.objects.public()
    years = sorted({y for y in queryset.values_list("year", flat=True) if y}, reverse=True)
    publishers = sorted(set(queryset.values_list("publisher", flat=True)), key=str.lower)
    facets = [
        Facet("type", "Type de document", "kind", list(PublicationKind.choices)),
        Facet(
            "public",
            "Public",
            "audiences__slug",
            list(Audience.objects.values_list("slug", "name")),
        ),
        Facet("annee", "Année", "year", [(str(y), str(y)) for y in years], all_label="Toutes"),
        Facet("editeur", "Éditeur", "publisher", [(p, p) for p in publishers]),
    ]
    filters = Filters(params, facets)
    results = (
        filters.apply(queryset)
        .distinct()
        .select_related("replaced_by", "document")
        .prefetch_related("audiences")
    )
    results = list(results)
    return {
        "publications": results,
        "facets": filters.facet_views(queryset),
        "selected": filters.selected,
        "result_count": len(results),
    }
