"""The clauses app's domain queries, out of the views: which référentiel year is in force,
how a year compares with the one before, the model-clause filters of /clauses/."""

from django.db.models import Q
from django.utils import timezone

from core.filters import Facet, Filters
from core.memo import per_generation
from core.vocabulary import ContractCategory, ContractKind, LegalMechanism
from guides.models import LegalBasis

from .models import LabourShareRow, ModelClause, ProcurementDocument

# -- référentiel --------------------------------------------------------------------------


@per_generation  # read by the référentiel and by every site search
def published_years():
    return sorted(
        set(LabourShareRow.objects.published().values_list("year", flat=True)), reverse=True
    )


def current_year(years=None):
    """The latest published year not in the future (or the earliest one if all are)."""
    years = published_years() if years is None else years
    if not years:
        return None
    this_year = timezone.localdate().year
    past = [year for year in years if year <= this_year]
    return past[0] if past else years[-1]


def current_rows():
    year = current_year()
    return LabourShareRow.objects.published().filter(year=year) if year else []


def _change(row, before, previous_year):
    """'nouveau', 'modifie' or '' for a row against the same row of the year before."""
    if previous_year is None:
        return ""
    if before is None:
        return "nouveau"
    return "" if row.same_values(before) else "modifie"


def year_comparison(shown, years):
    """(rows of `shown`, the previous published year, rows grouped by category with what
    changed since that year)."""
    rows = list(LabourShareRow.objects.published().filter(year=shown))
    previous_year = max((y for y in years if y < shown), default=None)
    previous = {}
    if previous_year:
        previous = {
            row.key: row for row in LabourShareRow.objects.published().filter(year=previous_year)
        }
    groups = []
    for category in ContractCategory:
        items = [
            {
                "row": row,
                "before": previous.get(row.key),
                "change": _change(row, previous.get(row.key), previous_year),
            }
            for row in rows
            if row.category == category
        ]
        if items:
            groups.append({"category": category, "items": items})
    return rows, previous_year, groups


def published_rows_of_year(year):
    """The published rows for the open data, of one year when `year` is one."""
    rows = LabourShareRow.objects.published().order_by("-year", "category", "sort_order")
    year = (year or "").strip()
    return rows.filter(year=int(year)) if year.isdigit() else rows


# -- model clauses ------------------------------------------------------------------------


class KindFacet(Facet):
    """A clause says which kinds of contract it suits with one boolean field per kind."""

    def condition(self, value):
        return Q(**{ModelClause.KIND_FIELDS[ContractKind(value)]: True})


def _used_mechanisms():
    used = set(ModelClause.objects.public().values_list("mechanism", flat=True))
    return [(value, label) for value, label in LegalMechanism.choices if value in used]


def _bases():
    bases = LegalBasis.objects.public().filter(model_clauses__live=True).distinct()
    return [(basis.slug, str(basis)) for basis in bases.order_by("sort_order")]


CLAUSE_FACETS = (
    Facet("levier", "Levier juridique", "mechanism", _used_mechanisms, "Tous les leviers"),
    Facet("base", "Base juridique", "legal_basis__slug", _bases, "Toutes les bases"),
    Facet("piece", "Pièce du marché", "document", ProcurementDocument.choices, "Toutes les pièces"),
    KindFacet("marche", "Type de marché", "", ContractKind.choices, "Tous les types"),
)


def clause_filters(params):
    return Filters(params, CLAUSE_FACETS)


def filtered_clauses(filters):
    return list(filters.apply(ModelClause.objects.public().select_related("legal_basis")))


def suggested_clauses(count=4):
    """Clauses offered after a calculation: execution conditions, in their editorial order."""
    return list(
        ModelClause.objects.public()
        .filter(mechanism=LegalMechanism.EXECUTION_CONDITION)
        .order_by("sort_order", "title")[:count]
    )
