"""The directory's facet counts in one statement (issue 14).

A text search that matches half of the entries costs one pass over those rows: counting them
by type, category and département, then again by sector through the activities, read them
twice. Here the rows the text (and the other conditions of the base queryset) select are named
once, in a common table expression, and both groupings read it:

- `groups`: [(kind, subkind, region code, département code, number)], the rows of the chosen
  sector only when one is chosen (the column facets are then summed in Python);
- `sectors`: {sector slug: number of organisations}, the rows matching the chosen column facets
  (type, category, region, département), as `core.filters.Filters.counts` counts a facet: with
  every other filter applied.

Plain SQL that SQLite and PostgreSQL both read; the inner query is compiled by the ORM.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection

from core.models import Sector

from .models import Activity, Department, Region

DEPARTMENT = Department._meta.db_table
REGION = Region._meta.db_table
ACTIVITY = Activity._meta.db_table
SECTOR = Sector._meta.db_table
# The column facets' conditions on a matched row `m`, its département `d` and region `r`.
COLUMN_CONDITIONS = {
    "type": "m.kind = %s",
    "categorie": "m.subkind = %s",
    "departement": "d.code = %s",
    "region": "r.code = %s",
}


def grouped_counts(matched, sector, chosen):
    """(groups, sectors) for the organisations of the queryset `matched`, `sector` the chosen
    sector's slug ("" for none), `chosen` {column facet: value} the chosen column facets."""
    columns = matched.order_by().values("pk", "kind", "subkind", "department_id")
    try:
        inner, params = columns.query.sql_with_params()
    except EmptyResultSet:  # a condition that nothing can meet: nothing to count
        return [], {}
    in_sector, sector_params = "", []
    if sector:
        in_sector = (
            f"WHERE m.id IN (SELECT a.employer_id FROM {ACTIVITY} a "  # noqa: S608 - names from the models
            f"JOIN {SECTOR} s ON s.id = a.sector_id WHERE s.slug = %s)"
        )
        sector_params = [sector]
    columns = [COLUMN_CONDITIONS[name] for name in chosen]
    where_columns = ("WHERE " + " AND ".join(columns)) if columns else ""
    places = f"JOIN {DEPARTMENT} d ON d.id = m.department_id JOIN {REGION} r ON r.id = d.region_id"
    # The département and region joined for the sectors only when one of them is chosen: the
    # planner then sees how many matches there are, and joins the activities by a hash.
    sector_places = places if {"region", "departement"} & set(chosen) else ""
    sql = (
        f"WITH m (id, kind, subkind, department_id) AS ({inner}) "  # noqa: S608 - values are parameters
        # Grouped by the ids first (a hash of a few hundred groups, no sort), named after.
        "SELECT 0, g.kind, g.subkind, r.code, d.code, g.n FROM "
        f"(SELECT m.kind, m.subkind, m.department_id, COUNT(*) AS n FROM m {in_sector} "
        "GROUP BY m.kind, m.subkind, m.department_id) g "
        f"JOIN {DEPARTMENT} d ON d.id = g.department_id JOIN {REGION} r ON r.id = d.region_id "
        "UNION ALL "
        # The matches' (sector, employer) pairs, each once, then counted by sector.
        "SELECT 1, s.slug, NULL, NULL, NULL, p.n FROM (SELECT pairs.sector_id, COUNT(*) AS n "
        f"FROM (SELECT DISTINCT a.sector_id, a.employer_id FROM {ACTIVITY} a "
        f"JOIN m ON m.id = a.employer_id {sector_places} {where_columns}) pairs "
        f"GROUP BY pairs.sector_id) p JOIN {SECTOR} s ON s.id = p.sector_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *sector_params, *chosen.values()])
        rows = cursor.fetchall()
    groups = [row[1:] for row in rows if row[0] == 0]
    sectors = {row[1]: row[5] for row in rows if row[0] == 1}
    return groups, sectors
