"""National, regional and départemental figures, recomputed from the current returns whenever
a return is imported, replaced or withdrawn (inside the same transaction)."""

from django.db.models import Count, Q, Sum

from .confidentiality import suppressed_cells
from .models import NATIONAL_CODE, Aggregate, AnnualReturn, Coverage, Level, ReturnStatus
from .vocabulary import DIMENSIONS, ENSEMBLE


def territories_of(department):
    """(level, code) of every territory a return of this département counts in."""
    return [
        (Level.NATIONAL, NATIONAL_CODE),
        (Level.REGION, department.region.code),
        (Level.DEPARTMENT, department.code),
    ]


def current_returns(level, code, year):
    returns = AnnualReturn.objects.filter(status=ReturnStatus.CURRENT, year=year)
    if level == Level.REGION:
        return returns.filter(department__region__code=code)
    if level == Level.DEPARTMENT:
        return returns.filter(department__code=code)
    return returns


def territory_cells(level, code, year):
    """({(dimension, category): (value, structures)}, number of reporting structures)."""
    returns = current_returns(level, code, year)
    rows = (
        returns.values("figures__dimension", "figures__category")
        .annotate(
            total=Sum("figures__value"), structures=Count("id", filter=Q(figures__value__gt=0))
        )
        .exclude(figures__dimension=None)
    )
    cells = {
        (row["figures__dimension"], row["figures__category"]): (row["total"], row["structures"])
        for row in rows
    }
    # Every category of a dimension reported somewhere, so that charts show the zeros too.
    for dimension_code in {d for d, _ in cells}:
        dimension = DIMENSIONS.get(dimension_code)
        if dimension is None:
            continue
        codes = dimension.category_codes() + ([ENSEMBLE] if dimension.is_cohort else [])
        for category in codes:
            cells.setdefault((dimension_code, category), (0, 0))
    return cells, returns.count()


def recompute(level, code, year):
    cells, reporting = territory_cells(level, code, year)
    hidden = suppressed_cells(cells, reporting)
    Aggregate.objects.filter(level=level, code=code, year=year).delete()
    Aggregate.objects.bulk_create(
        Aggregate(
            level=level,
            code=code,
            year=year,
            dimension=dimension,
            category=category,
            value=value,
            structures=structures,
            suppressed=(dimension, category) in hidden,
        )
        for (dimension, category), (value, structures) in cells.items()
    )
    if reporting:
        Coverage.objects.update_or_create(
            level=level, code=code, year=year, defaults={"structures": reporting}
        )
    else:
        Coverage.objects.filter(level=level, code=code, year=year).delete()


def consolidate(department, year):
    """Recompute the three territories a return of this département and year counts in."""
    for level, code in territories_of(department):
        recompute(level, code, year)


def consolidate_everything():
    """Every territory and year from scratch (after the demo load, say)."""
    pairs = set(
        AnnualReturn.objects.filter(status=ReturnStatus.CURRENT).values_list(
            "department__region__code", "department__code", "year"
        )
    )
    Aggregate.objects.all().delete()
    Coverage.objects.all().delete()
    done = set()
    for region, department, year in sorted(pairs):
        for key in [
            (Level.NATIONAL, NATIONAL_CODE, year),
            (Level.REGION, region, year),
            (Level.DEPARTMENT, department, year),
        ]:
            if key not in done:
                recompute(*key)
                done.add(key)
    return len(done)
