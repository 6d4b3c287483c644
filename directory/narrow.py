"""The directory's search on PostgreSQL through `directory_entry` (models.Entry, issue 14).

The facet counts and the page of results read the narrow entries rather than the organisation
rows (at 100 000 entries, 50 MB against 113 MB), and only the 20 organisations shown are read
in full. The sector facet comes from each entry's sector ids, without the activities. The
entries whose own columns hold every word of the query (a type or category label, a
département's name: « insertion », « employeur », « Gironde ») are counted from cells cached
until content changes (`whole_cells`), the other matches row by row. Same conditions as
`filters.results`, translated column for column, so both give the same rows; SQLite has no
such table and keeps the organisations.
"""

import math
from dataclasses import dataclass, replace

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Q

from core.memo import per_generation
from core.models import Sector

from .models import Department, Entry, Organisation, Region

# The column facets' lookups on an entry (the same names as on an organisation).
COLUMN_LOOKUPS = {
    "type": "kind",
    "categorie": "subkind",
    "region": "department__region__code",
    "departement": "department__code",
}
# Sorts an entry can give (the most recent first needs the organisation's dates).
SORTS = {"nom", "-nom", "departement"}
ENTRY_SORT_FIELDS = {"id": "pk", "-id": "-pk"}  # an entry's id is its organisation's


def in_use():
    return connection.vendor == "postgresql"


def cursor_without_jit():
    """A cursor in a transaction whose statements PostgreSQL does not compile (JIT): a scalar
    subquery per row (filters.EntryTextContains) makes a count look costly enough to compile,
    which took 400 ms for a statement that runs in 50. Used inside `transaction.atomic()`."""
    cursor = connection.cursor()
    cursor.execute("SET LOCAL jit = off")
    return cursor


def published(serving=None):
    """The published entries, among the organisations of the queryset `serving` if given."""
    entries = Entry.objects.filter(is_published=True)
    return entries if serving is None else entries.filter(pk__in=serving.values("pk"))


@per_generation
def sector_slugs():
    """{sector id: slug}, read once per content generation."""
    return dict(Sector.objects.values_list("pk", "slug"))


def sector_pk(slug):
    """The id of the sector `slug`, or None."""
    return next((pk for pk, known in sector_slugs().items() if known == slug), None)


def facet_condition(name, value):
    if name != "secteur":
        return Q(**{COLUMN_LOOKUPS[name]: value})
    sector = sector_pk(value)
    return Q(sector_ids__contains=[sector]) if sector else Q(pk__in=[])


def matching(filters, serving=None):
    """The entries that `filters` (a DirectoryFilters) select."""
    entries = published(serving)
    text = filters.text
    if filters[text.name]:
        entries = entries.filter(text.entry_condition(filters[text.name]))
    for name in [*COLUMN_LOOKUPS, "secteur"]:
        if filters[name]:
            entries = entries.filter(facet_condition(name, filters[name]))
    return entries


DEPARTMENT = Department._meta.db_table
REGION = Region._meta.db_table
# The chosen column facets, on an entry `m` (region and département by their codes).
COLUMN_CONDITIONS = {
    "type": "m.kind = %s",
    "categorie": "m.subkind = %s",
    "departement": f"m.department_id IN (SELECT d.id FROM {DEPARTMENT} d WHERE d.code = %s)",  # noqa: S608
    "region": f"m.department_id IN (SELECT d.id FROM {DEPARTMENT} d JOIN {REGION} r "  # noqa: S608
    "ON r.id = d.region_id WHERE r.code = %s)",
}


def grouped_counts(matched, sector, chosen):
    """`counting.grouped_counts` for a queryset of entries, in one pass over them and without
    the activities: the matches are grouped two ways at once (GROUPING SETS), by type, category
    and département (counted in the chosen sector, if any) and by their list of sector ids
    (counted with the chosen column facets applied; a hundred distinct lists at most, each
    then counted for each of its sectors)."""
    try:
        inner, params = (
            matched.order_by()
            .values("kind", "subkind", "department_id", "sector_ids")
            .query.sql_with_params()
        )
    except EmptyResultSet:  # a condition that nothing can meet: nothing to count
        return [], {}
    slugs = sector_slugs()
    sector_id = sector_pk(sector)
    in_sector, sector_params = ("%s = ANY(m.sector_ids)", [sector_id]) if sector else ("TRUE", [])
    in_columns = " AND ".join(COLUMN_CONDITIONS[name] for name in chosen) or "TRUE"
    sql = (
        "SELECT g.kind, g.subkind, r.code, d.code, g.sector_ids, g.in_sector, g.in_columns FROM "  # noqa: S608
        "(SELECT m.kind, m.subkind, m.department_id, m.sector_ids, "
        f"COUNT(*) FILTER (WHERE {in_sector}) AS in_sector, "
        f"COUNT(*) FILTER (WHERE {in_columns}) AS in_columns "
        f"FROM ({inner}) m GROUP BY GROUPING SETS "
        "((m.kind, m.subkind, m.department_id), (m.sector_ids))) g "
        f"LEFT JOIN {DEPARTMENT} d ON d.id = g.department_id "
        f"LEFT JOIN {REGION} r ON r.id = d.region_id"
    )
    with transaction.atomic(), cursor_without_jit() as cursor:
        cursor.execute(sql, [*sector_params, *chosen.values(), *params])
        rows = cursor.fetchall()
    groups = [row[:4] + (row[5],) for row in rows if row[4] is None and row[5]]
    sectors = {}
    for *_columns, sector_ids, _in_sector, number in rows:
        for pk in sector_ids or () if number else ():
            sectors[slugs[pk]] = sectors.get(slugs[pk], 0) + number
    return groups, sectors


def whole_cells():
    """The published entries counted by cell: [((kind, subkind, département id, region code,
    département code), number, {sector slug: number})]. A word that a cell's own columns hold
    (its type or category label, its département's name) matches every entry of it: those
    are counted from here (`cell_counts`, a thousand cells or so), not row by row. Each entry
    is counted once per sector (its sector ids unnested) and once in its cell's number (its
    first sector's row, or its only row when it has none): grouped by its sector lists, the
    cells were 40 000 at 100 000 entries and their sort took most of a second."""
    slugs = sector_slugs()
    places = {
        pk: (region, code)
        for pk, region, code in Department.objects.values_list("pk", "region__code", "code")
    }
    sql = (
        "SELECT e.kind, e.subkind, e.department_id, s.sector_id, COUNT(*), "  # noqa: S608
        "COUNT(*) FILTER (WHERE s.n IS NULL OR s.n = 1) "
        f"FROM {Entry._meta.db_table} e "
        "LEFT JOIN LATERAL unnest(e.sector_ids) WITH ORDINALITY s(sector_id, n) ON TRUE "
        "WHERE e.is_published GROUP BY 1, 2, 3, 4"
    )
    cells = {}
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for kind, subkind, department_id, sector_id, in_sector, entries in cursor.fetchall():
            key = (kind, subkind, department_id, *places[department_id])
            cell = cells.setdefault(key, [0, {}])
            cell[0] += entries
            if sector_id is not None:
                cell[1][slugs[sector_id]] = in_sector
    return [(key, number, by_sector) for key, (number, by_sector) in cells.items()]


def _holds(columns, kind, subkind, department_id):
    return (
        kind in columns.get("kind", ())
        or subkind in columns.get("subkind", ())
        or department_id in columns.get("department_id", ())
    )


def cell_counts(cells, parts, sector, chosen):
    """(groups, sectors) as `grouped_counts` gives them, for the cells whose own columns hold
    every word (`parts`, filters.WordPart)."""
    groups, sectors = [], {}
    for (kind, subkind, department_id, region, department), number, by_sector in cells:
        if not all(_holds(part.columns, kind, subkind, department_id) for part in parts):
            continue
        found = by_sector.get(sector, 0) if sector else number
        if found:
            groups.append((kind, subkind, region, department, found))
        values = {"type": kind, "categorie": subkind, "region": region, "departement": department}
        if all(values[name] == value for name, value in chosen.items()):
            for slug, count in by_sector.items():
                sectors[slug] = sectors.get(slug, 0) + count
    return groups, sectors


def _implies(columns, other):
    """Whether a row holding one of `columns`' values ({column: values}) holds one of `other`'s."""
    return all(set(values) <= set(other.get(name, ())) for name, values in columns.items())


def rest_parts(parts):
    """`parts` (filters.WordPart) as they stand for the rows outside the whole cells: a word
    whose columns imply every other word's (« chantier »: the ACI category, which the categories
    of « insertion » include) is looked for in its text alone, since every row its columns hold
    is in a whole cell. Its index then reads the rows holding it in their text, not every row
    of its category as well (22 000 of them at 100 000 entries, to be left out again)."""
    if not all(part.columns for part in parts):
        return parts
    return [
        replace(part, columns={})
        if all(_implies(part.columns, other.columns) for other in parts)
        else part
        for part in parts
    ]


def rest_condition(parts, matching, columns_condition):
    """A Q on the entries that match every word (`matching`, which may be written for
    `rest_parts(parts)`) without being in a cell that `cell_counts` counts (one whose columns
    hold every word). None when there is no word (the cells hold everything)."""
    if not parts:
        return None
    if not all(part.columns for part in parts):
        return matching  # a word no column holds: no cell is counted whole
    in_cells = Q()
    for part in parts:
        in_cells &= columns_condition(part.columns)
    return matching & ~in_cells


@dataclass
class Walk:
    """A way to a page of name-sorted matches: read the first entries in that order through the
    name's index, and keep the matches among them. `fields`: the sort (name, id, or both
    descending); `size`: how many entries there are."""

    fields: list
    size: int

    # Entries read per match expected on the page: room for matches less evenly spread.
    MARGIN = 4
    # At most this many read (a few milliseconds); a rarer query sorts its matches instead.
    MOST = 1000

    def rows(self, stop, total):
        """How many entries to read for the first `stop` of `total` matches, or None."""
        rows = math.ceil(self.MARGIN * stop * self.size / max(total, 1))
        return rows if rows <= self.MOST else None

    def ids(self, entries, key, total):
        """The ids of the matches `entries[key]`, or None when the first entries read do not
        hold them all (matches that gather late in the order: names that start alike)."""
        rows = self.rows(key.stop, total) if key.stop else None
        if rows is None:
            return None
        first = published().order_by(*self.fields).values("pk")[:rows]
        ids = list(
            entries.filter(pk__in=first).order_by(*self.fields).values_list("pk", flat=True)[key]
        )
        return ids if len(ids) == min(key.stop, total) - (key.start or 0) else None


class Results:
    """The organisations of sorted `entries`, read a slice at a time (what Paginator asks):
    the entries give the slice's ids in order, then those organisations alone are read.

    With a `walk` (narrow.Walk), a query that many entries match finds its page among the first
    entries in name order: a few thousand read through the name's index, where sorting every
    match (a third of the directory for « clause sociale ») took 20 to 70 ms at 100 000 entries.
    When they do not hold the page, the matches are sorted as without."""

    def __init__(self, entries, total, walk=None):
        self.entries = entries
        self.total = total
        self.walk = walk

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        with transaction.atomic(), cursor_without_jit():
            ids = self.walk.ids(self.entries, key, self.total) if self.walk else None
            if ids is None:
                ids = list(self.entries.values_list("pk", flat=True)[key])
        found = Organisation.objects.select_related("department__region", "commune").in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
