"""The directory's search on PostgreSQL through `directory_entry` (models.Entry, issue 14).

The facet counts and the page of results read the narrow entries rather than the organisation
rows: the matches of a frequent word are counted from a few tens of MB that stay in memory, the
sector facet from each entry's sector ids (no join with the activities), and only the 20
organisations shown are read in full. Same conditions as `filters.results`, translated column
for column, so both give the same rows; SQLite has no such table and keeps the organisations.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q

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


def published(serving=None):
    """The published entries, among the organisations of the queryset `serving` if given."""
    entries = Entry.objects.filter(is_published=True)
    return entries if serving is None else entries.filter(pk__in=serving.values("pk"))


def facet_condition(name, value):
    if name != "secteur":
        return Q(**{COLUMN_LOOKUPS[name]: value})
    sector = Sector.objects.filter(slug=value).values_list("pk", flat=True).first()
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
    slugs = dict(Sector.objects.values_list("pk", "slug"))
    sector_id = next((pk for pk, slug in slugs.items() if slug == sector), None)
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
    with connection.cursor() as cursor:
        cursor.execute(sql, [*sector_params, *chosen.values(), *params])
        rows = cursor.fetchall()
    groups = [row[:4] + (row[5],) for row in rows if row[4] is None and row[5]]
    sectors = {}
    for *_columns, sector_ids, _in_sector, number in rows:
        for pk in sector_ids or () if number else ():
            sectors[slugs[pk]] = sectors.get(slugs[pk], 0) + number
    return groups, sectors


class Results:
    """The organisations of sorted `entries`, read a slice at a time (what Paginator asks):
    the entries give the slice's ids in order, then those organisations alone are read."""

    def __init__(self, entries, total):
        self.entries = entries
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        ids = list(self.entries.values_list("pk", flat=True)[key])
        found = Organisation.objects.select_related("department__region", "commune").in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
