"""The directory's filters (not the site search): text, facets with counts per value, sort.
Shared by the page and the exports (a filtered export gives exactly the rows of the same
query). Built on `core.filters`: the text filter ignores accents and case."""

from dataclasses import dataclass

from core.filters import Facet, Filters, TextFilter
from core.models import Sector
from core.text import clean_query
from core.vocabulary import SUBKIND_LABELS, OrganisationKind

from . import coverage, geography
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
TEXT = TextFilter(
    fields=("name", "description", "commune__name", "department__name"),
    exact_fields=("inclusiveemployer__siret",),
    choice_fields={"kind": OrganisationKind.choices, "subkind": list(SUBKIND_LABELS.items())},
)
SECTOR_LOOKUP = "inclusiveemployer__activities__sector__slug"


def _departments():
    return [
        (code, f"{code} — {name}")
        for code, name in Department.objects.order_by("code").values_list("code", "name")
    ]


def _facets():
    return [
        Facet(
            "type",
            "Type d'organisation",
            "kind",
            OrganisationKind.choices,
            unknown="Type d'organisation inconnu : le filtre est ignoré.",
            show_empty=True,
        ),
        Facet(
            "categorie",
            "Catégorie",
            "subkind",
            list(SUBKIND_LABELS.items()),
            unknown="Catégorie inconnue : le filtre est ignoré.",
        ),
        Facet(
            "secteur",
            "Secteur d'activité",
            SECTOR_LOOKUP,
            lambda: Sector.objects.order_by("name").values_list("slug", "name"),
            show_empty=True,
        ),
        Facet(
            "region",
            "Région",
            "department__region__code",
            lambda: Region.objects.order_by("name").values_list("code", "name"),
            normalise=str.upper,
            show_empty=True,
        ),
        Facet(
            "departement",
            "Département",
            "department__code",
            _departments,
            unknown="Département inconnu : indiquez un code officiel (par exemple 01, 2A ou 974).",
            normalise=geography.normalise_department_code,
            show_empty=True,
        ),
    ]


# `intervient=<département>`: employers with an activity reaching the département (in the
# chosen sector when there is one), the query the lever tool counts with.
WORKS_IN = "intervient"


@dataclass
class DirectoryQuery:
    filters: Filters
    sort: str = "nom"
    works_in: object = None  # a Department, from `intervient`

    @classmethod
    def from_params(cls, params):
        sort = clean_query(str(params.get("tri") or ""), 20)
        query = cls(Filters(params, _facets(), TEXT), sort if sort in SORTS else "nom")
        raw = clean_query(str(params.get(WORKS_IN) or ""), 5)
        if raw:
            code = geography.normalise_department_code(raw)
            query.works_in = Department.objects.filter(code=code).first() if code else None
            if query.works_in is None:
                query.filters.errors.append(
                    "Département d'intervention inconnu : le filtre est ignoré."
                )
        return query

    q = property(lambda self: self.filters["q"])
    kind = property(lambda self: self.filters["type"])
    subkind = property(lambda self: self.filters["categorie"])
    sector = property(lambda self: self.filters["secteur"])
    region = property(lambda self: self.filters["region"])
    department = property(lambda self: self.filters["departement"])
    errors = property(lambda self: self.filters.errors)

    def as_params(self):
        params = self.filters.selected
        if self.works_in is not None:
            params[WORKS_IN] = self.works_in.code
        if self.sort != "nom":
            params["tri"] = self.sort
        return params


def base_queryset(query=None):
    queryset = Organisation.objects.public()
    if query is not None and query.works_in is not None:
        sector = Sector.objects.filter(slug=query.sector).first() if query.sector else None
        serving = coverage.employers_serving(query.works_in, sector)
        queryset = queryset.filter(pk__in=serving.values("pk"))
    return queryset


def results(query):
    queryset = query.filters.apply(base_queryset(query))
    if query.sector:
        queryset = queryset.distinct()  # one row per organisation across its activities
    return queryset.select_related("department__region", "commune").order_by(*SORTS[query.sort])


def facets(query):
    """{parameter: FacetView}: each filter's values with the number of results if chosen."""
    views = {view.name: view for view in query.filters.facet_views(base_queryset(query))}
    if query.region:
        # Only the départements of the chosen region are offered.
        codes = set(
            Department.objects.filter(region__code=query.region).values_list("code", flat=True)
        )
        departments = views["departement"]
        departments.options = [o for o in departments.options if o["value"] in codes]
    return views
