"""National, regional and départemental figures of the current returns (a return counts in the
département it was imported for, and in its région and France).

An import, replacement or withdrawal shifts the three territories it counts in (shift());
consolidate_everything() recomputes every territory and year from scratch with one grouped
query per level, and gives the same figures.
"""

from collections import defaultdict

from django.db import connection
from django.db.models import Count, F, Q, Sum, Value

from .bulk import insert_rows
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


def consolidate_everything():
    """Every territory and year from scratch (after the demo load, say): per level, one grouped
    query for the cells and one for the returns; then one insert for all the cells."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Aggregate._meta.db_table}")  # noqa: S608 - see store()
    Coverage.objects.all().delete()
    aggregates, coverages, territories = [], [], 0
    for level, code_field in LEVEL_CODE_FIELDS.items():
        cells, reporting = level_sums(code_field)
        for code, year in sorted(set(cells) | set(reporting)):
            found = with_zero_cells(cells.get((code, year), {}))
            count = reporting.get((code, year), 0)
            hidden = suppressed_cells(found, count)
            aggregates += [
                (level, code, year, *key, value, structures, key in hidden)
                for key, (value, structures) in found.items()
            ]
            if count:
                coverages.append(Coverage(level=level, code=code, year=year, structures=count))
            territories += 1
    insert_rows(Aggregate, AGGREGATE_COLUMNS, aggregates)
    Coverage.objects.bulk_create(coverages)
    return territories


AGGREGATE_COLUMNS = [
    "level", "code", "year", "dimension", "category", "value", "structures", "suppressed",
]  # fmt: skip


# Where a current return's territory code is read, per level (France is one constant code).
LEVEL_CODE_FIELDS = {
    Level.NATIONAL: None,
    Level.REGION: "department__region__code",
    Level.DEPARTMENT: "department__code",
}


def level_sums(code_field):
    """({(code, year): {(dimension, category): (value, structures)}}, {(code, year): returns})
    of one level, from the current returns."""
    code = Value(NATIONAL_CODE) if code_field is None else F(f"annual_return__{code_field}")
    figures = (
        ReturnFigure.objects.filter(annual_return__status=ReturnStatus.CURRENT)
        .annotate(territory=code)
        .values_list("territory", "annual_return__year", "dimension", "category")
        .annotate(total=Sum("value"), structures=Count("id", filter=Q(value__gt=0)))
    )
    cells = defaultdict(dict)
    for territory, year, dimension, category, total, structures in figures:
        cells[(territory, year)][(dimension, category)] = (total, structures)
    code = Value(NATIONAL_CODE) if code_field is None else F(code_field)
    returns = (
        AnnualReturn.objects.filter(status=ReturnStatus.CURRENT)
        .annotate(territory=code)
        .values_list("territory", "year")
        .annotate(count=Count("id"))
    )
    return cells, {(territory, year): count for territory, year, count in returns}


def with_zero_cells(cells):
    """The cells with every category of a dimension reported somewhere, so that charts show
    the zeros too."""
    found = dict(cells)
    for dimension_code in {d for d, _ in cells}:
        dimension = DIMENSIONS.get(dimension_code)
        if dimension is None:
            continue
        for category in dimension.category_codes() + ([ENSEMBLE] if dimension.is_cohort else []):
            found.setdefault((dimension_code, category), (0, 0))
    return found


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
