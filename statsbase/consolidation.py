"""National, regional and départemental figures, recomputed from the current returns whenever
a return is imported, replaced or withdrawn (inside the same transaction).

One grouped query per year gives each département's sums; régions and France are added up from
them here (a return counts in the département it was imported for), so that an import costs
one aggregate query, not three.
"""

from collections import Counter, defaultdict

from django.db import connection
from django.db.models import Count, Q, Sum

from .confidentiality import suppressed_cells
from .models import (
    NATIONAL_CODE,
    Aggregate,
    AnnualReturn,
    Coverage,
    Level,
    ReturnFigure,
    ReturnStatus,
)
from .vocabulary import DIMENSIONS, ENSEMBLE


def territories_of(department):
    """(level, code) of every territory a return of this département counts in."""
    return [
        (Level.NATIONAL, NATIONAL_CODE),
        (Level.REGION, department.region.code),
        (Level.DEPARTMENT, department.code),
    ]


def year_parts(year):
    """{(region code, département code): ({(dimension, category): [value, structures]},
    number of returns)} for the current returns of `year`."""
    parts = defaultdict(lambda: (defaultdict(lambda: [0, 0]), Counter()))
    current = Q(annual_return__status=ReturnStatus.CURRENT, annual_return__year=year)
    rows = (
        ReturnFigure.objects.filter(current)
        .values(
            "annual_return__department__region__code",
            "annual_return__department__code",
            "dimension",
            "category",
        )
        .annotate(total=Sum("value"), structures=Count("id", filter=Q(value__gt=0)))
        .values_list(
            "annual_return__department__region__code",
            "annual_return__department__code",
            "dimension",
            "category",
            "total",
            "structures",
        )
    )
    for region, department, dimension, category, total, structures in rows:
        cell = parts[(region, department)][0][(dimension, category)]
        cell[0] += total
        cell[1] += structures
    returns = AnnualReturn.objects.filter(status=ReturnStatus.CURRENT, year=year)
    for region, department, count in returns.values_list(
        "department__region__code", "department__code"
    ).annotate(count=Count("id")):
        parts[(region, department)][1]["returns"] += count
    return parts


def belongs(level, code, key):
    region, department = key
    return (
        level == Level.NATIONAL
        or (level == Level.REGION and region == code)
        or (level == Level.DEPARTMENT and department == code)
    )


def rollup(parts, level, code):
    """(cells {(dimension, category): (value, structures)}, reporting) of one territory."""
    cells, reporting = defaultdict(lambda: [0, 0]), 0
    for key, (part_cells, counts) in parts.items():
        if not belongs(level, code, key):
            continue
        reporting += counts["returns"]
        for cell_key, (value, structures) in part_cells.items():
            cells[cell_key][0] += value
            cells[cell_key][1] += structures
    found = {key: tuple(value) for key, value in cells.items()}
    # Every category of a dimension reported somewhere, so that charts show the zeros too.
    for dimension_code in {d for d, _ in found}:
        dimension = DIMENSIONS.get(dimension_code)
        if dimension is None:
            continue
        for category in dimension.category_codes() + ([ENSEMBLE] if dimension.is_cohort else []):
            found.setdefault((dimension_code, category), (0, 0))
    return found, reporting


def store(level, code, year, cells, reporting):
    hidden = suppressed_cells(cells, reporting)
    # A plain DELETE: the page cache listens to every model's deletions, which would make
    # Django delete these rows one by one (an import already moves the cache on).
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Aggregate._meta.db_table} WHERE level = %s AND code = %s AND year = %s",  # noqa: S608 - table name from the model
            [level, code, year],
        )
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


def recompute(level, code, year, parts=None):
    parts = year_parts(year) if parts is None else parts
    store(level, code, year, *rollup(parts, level, code))


def consolidate(department, year):
    """Recompute the three territories a return of this département and year counts in."""
    parts = year_parts(year)
    for level, code in territories_of(department):
        recompute(level, code, year, parts)


def consolidate_everything():
    """Every territory and year from scratch (after the demo load, say)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Aggregate._meta.db_table}")  # noqa: S608 - see store()
    Coverage.objects.all().delete()
    years = AnnualReturn.objects.filter(status=ReturnStatus.CURRENT).values_list("year", flat=True)
    done = 0
    for year in sorted(set(years)):
        parts = year_parts(year)
        territories = {(Level.NATIONAL, NATIONAL_CODE)}
        for region, department in parts:
            territories |= {(Level.REGION, region), (Level.DEPARTMENT, department)}
        for level, code in sorted(territories):
            recompute(level, code, year, parts)
        done += len(territories)
    return done


def with_zero_categories(figures):
    found = dict(figures)
    for dimension_code in {d for d, _ in figures}:
        dimension = DIMENSIONS.get(dimension_code)
        if dimension is not None:
            for category in dimension.category_codes() + (
                [ENSEMBLE] if dimension.is_cohort else []
            ):
                found.setdefault((dimension_code, category), 0)
    return found


def shift(department, year, figures, sign):
    """Add (sign=1) or take away (sign=-1) one return's figures {(dimension, category): value}
    in the three territories it counts in: the cost of an import does not grow with the number
    of returns already in the base. consolidate_everything() gives the same result."""
    for level, code in territories_of(department):
        shift_territory(level, code, year, with_zero_categories(figures), sign)


def shift_territory(level, code, year, figures, sign):
    territory = {"level": level, "code": code, "year": year}
    coverage = Coverage.objects.filter(**territory).first()
    reporting = max((coverage.structures if coverage else 0) + sign, 0)
    cells = {
        (dimension, category): [value, structures]
        for dimension, category, value, structures in Aggregate.objects.filter(
            **territory
        ).values_list("dimension", "category", "value", "structures")
    }
    for key, value in figures.items():
        cell = cells.setdefault(key, [0, 0])
        cell[0] += sign * value
        cell[1] += sign * (value > 0)
    # Rewritten whole (one DELETE, one INSERT): cheaper than updating ~165 rows one by one.
    store(
        level, code, year, {k: tuple(v) for k, v in cells.items()} if reporting else {}, reporting
    )
