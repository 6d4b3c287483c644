"""The directory's search: text, filters with counts per value, sort. Shared by the page and
the exports (a filtered export gives exactly the rows of the same search)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from core.models import Sector
from core.text import clean_query
from core.vocabulary import SUBKIND_LABELS, OrganisationKind

from . import geography
from .models import Department, Organisation, Region

SORTS = {
    "nom": ("name", "id"),
    "-nom": ("-name", "-id"),
    "departement": ("department__code", "name", "id"),
    "recent": ("-updated_at", "id"),
}
SORT_LABELS = {
    "nom": "Nom (A → Z)",
    "-nom": "Nom (Z → A)",
    "departement": "Département",
    "recent": "Mise à jour la plus récente",
}


@dataclass
class DirectoryQuery:
    q: str = ""
    kind: str = ""
    subkind: str = ""
    sector: str = ""
    region: str = ""
    department: str = ""
    sort: str = "nom"
    errors: list = field(default_factory=list)

    @classmethod
    def from_params(cls, params):
        def value(name, length=60):
            return clean_query(params.get(name, ""))[:length]

        query = cls(
            q=value("q", 200),
            kind=value("type"),
            subkind=value("categorie"),
            sector=value("secteur"),
            region=value("region").upper(),
            department=geography.normalise_department_code(value("departement")),
            sort=value("tri") or "nom",
        )
        if query.kind and query.kind not in OrganisationKind.values:
            query.errors.append("Type d'organisation inconnu : le filtre est ignoré.")
            query.kind = ""
        if query.subkind and query.subkind not in SUBKIND_LABELS:
            query.errors.append("Catégorie inconnue : le filtre est ignoré.")
            query.subkind = ""
        if value("departement") and not query.department:
            query.errors.append(
                "Département inconnu : indiquez un code officiel (par exemple 01, 2A ou 974)."
            )
        if query.sort not in SORTS:
            query.sort = "nom"
        return query

    def as_params(self):
        pairs = {
            "q": self.q,
            "type": self.kind,
            "categorie": self.subkind,
            "secteur": self.sector,
            "region": self.region,
            "departement": self.department,
        }
        if self.sort != "nom":
            pairs["tri"] = self.sort
        return {key: value for key, value in pairs.items() if value}


def _text_filter(text):
    condition = Q()
    for word in text.split()[:10]:
        condition &= (
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(commune__name__icontains=word)
            | Q(department__name__icontains=word)
            | Q(inclusiveemployer__siret=word)
        )
    return condition


def _filters(query, skip=None):
    conditions = {}
    if query.q:
        conditions["q"] = _text_filter(query.q)
    if query.kind:
        conditions["kind"] = Q(kind=query.kind)
    if query.subkind:
        conditions["subkind"] = Q(subkind=query.subkind)
    if query.sector:
        conditions["sector"] = Q(inclusiveemployer__activities__sector__slug=query.sector)
    if query.region:
        conditions["region"] = Q(department__region__code=query.region)
    if query.department:
        conditions["department"] = Q(department__code=query.department)
    return [condition for name, condition in conditions.items() if name != skip]


def base_queryset():
    return Organisation.objects.public()


def results(query):
    queryset = base_queryset()
    for condition in _filters(query):
        queryset = queryset.filter(condition)
    if query.sector:
        queryset = queryset.distinct()
    return queryset.select_related("department__region", "commune").order_by(*SORTS[query.sort])


def _counts(query, facet, field_name):
    queryset = base_queryset()
    for condition in _filters(query, skip=facet):
        queryset = queryset.filter(condition)
    return dict(queryset.values_list(field_name).annotate(n=Count("id", distinct=True)).order_by())


def facets(query):
    """Each filter's values with the number of results if that value were chosen."""
    kind_counts = _counts(query, "kind", "kind")
    subkind_counts = _counts(query, "subkind", "subkind")
    sector_counts = _counts(query, "sector", "inclusiveemployer__activities__sector__slug")
    region_counts = _counts(query, "region", "department__region__code")
    department_codes = dict(Department.objects.values_list("id", "code"))
    department_counts = {
        department_codes.get(key): count
        for key, count in _counts(query, "department", "department_id").items()
    }
    return {
        "type": [
            (value, label, kind_counts.get(value, 0)) for value, label in OrganisationKind.choices
        ],
        "categorie": [
            (value, label, subkind_counts.get(value, 0))
            for value, label in SUBKIND_LABELS.items()
            if subkind_counts.get(value) or value == query.subkind
        ],
        "secteur": [
            (sector.slug, sector.name, sector_counts.get(sector.slug, 0))
            for sector in Sector.objects.order_by("name")
        ],
        "region": [
            (region.code, region.name, region_counts.get(region.code, 0))
            for region in Region.objects.order_by("name")
        ],
        "departement": [
            (d.code, f"{d.code} — {d.name}", department_counts.get(d.code, 0))
            for d in Department.objects.order_by("code")
            if not query.region or d.region.code == query.region
        ],
    }
